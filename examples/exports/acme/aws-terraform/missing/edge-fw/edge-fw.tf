# pexnet export for AWS security groups (Terraform): network firewall edge-fw from acme.pexnet
# Scope missing: only the required flows this firewall drops today, to add to its existing policy.
# 6 rules for 10 required flow groups. Each rule names the Pexip flows it serves.
# Security groups are stateful: replies to allowed connections pass by nature. They deny inbound traffic by default: only these rules let traffic in.
# Security groups cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Network firewall edge-fw becomes one security group per destination object, holding the inbound rules towards it: attach each group to the network interfaces of the parties it names.
# Objects outside AWS (the catch-all zone, host peers, external networks) have no interfaces to attach to: their groups document flows that AWS cannot check inbound.
# Security groups take no host names: each host peer source has a placeholder for its prefixes (empty: no rule).
# Scope missing: only inbound rules, added to existing security groups whose ids are parameters. Security group rules have no order: an allow always applies.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "security_group_id_edge_lon_1" {
  description = "The id of the existing security group of edge-lon-1"
  type        = string
}

variable "security_group_id_dns1" {
  description = "The id of the existing security group of dns1"
  type        = string
}

variable "security_group_id_ntp1" {
  description = "The id of the existing security group of ntp1"
  type        = string
}

# Security group for edge-lon-1: 198.51.100.11/32
# Rule 1: SSH administration from noc to edge-lon-1 (pexnet rows: admin-ssh)
resource "aws_vpc_security_group_ingress_rule" "rule1_ipv4_tcp_22" {
  for_each = toset(["10.10.50.0/24"])

  security_group_id = var.security_group_id_edge_lon_1
  description       = "SSH administration from noc to edge-lon-1 (pexnet rows: admin-ssh)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
}

# Rule 5: H.323 RAS, SIP over UDP from guests to edge-lon-1 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp)
resource "aws_vpc_security_group_ingress_rule" "rule5_ipv4_udp_1719" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = var.security_group_id_edge_lon_1
  description       = "H.323 RAS, SIP over UDP from guests to edge-lon-1 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 1719
  to_port           = 1719
}

# Rule 5: H.323 RAS, SIP over UDP from guests to edge-lon-1 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp)
resource "aws_vpc_security_group_ingress_rule" "rule5_ipv4_udp_5060" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = var.security_group_id_edge_lon_1
  description       = "H.323 RAS, SIP over UDP from guests to edge-lon-1 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 5060
  to_port           = 5060
}

# Rule 6: H.323 call setup, H.245 call control for H.323, SIP over TCP, HTTP redirect to HTTPS from guests to edge-lon-1 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule6_ipv4_tcp_80" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = var.security_group_id_edge_lon_1
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, HTTP redirect to HTTPS from guests to edge-lon-1 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-http-redirect)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
}

# Rule 6: H.323 call setup, H.245 call control for H.323, SIP over TCP, HTTP redirect to HTTPS from guests to edge-lon-1 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule6_ipv4_tcp_1720" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = var.security_group_id_edge_lon_1
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, HTTP redirect to HTTPS from guests to edge-lon-1 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-http-redirect)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 1720
  to_port           = 1720
}

# Rule 6: H.323 call setup, H.245 call control for H.323, SIP over TCP, HTTP redirect to HTTPS from guests to edge-lon-1 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule6_ipv4_tcp_5060" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = var.security_group_id_edge_lon_1
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, HTTP redirect to HTTPS from guests to edge-lon-1 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-http-redirect)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 5060
  to_port           = 5060
}

# Rule 6: H.323 call setup, H.245 call control for H.323, SIP over TCP, HTTP redirect to HTTPS from guests to edge-lon-1 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule6_ipv4_tcp_33000_39999" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = var.security_group_id_edge_lon_1
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, HTTP redirect to HTTPS from guests to edge-lon-1 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-http-redirect)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 33000
  to_port           = 39999
}

# Security group for dns1: 10.10.0.53/32
# Rule 2: DNS lookups from edge-lon-1 to dns1 (pexnet rows: dns)
# Source ports 55000-65535 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule2_ipv4_tcp_53" {
  for_each = toset(["198.51.100.11/32"])

  security_group_id = var.security_group_id_dns1
  description       = "DNS lookups from edge-lon-1 to dns1 (pexnet rows: dns)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 53
  to_port           = 53
}

# Rule 3: DNS lookups from edge-lon-1 to dns1 (pexnet rows: dns)
# Source ports 55000-65535 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule3_ipv4_udp_53" {
  for_each = toset(["198.51.100.11/32"])

  security_group_id = var.security_group_id_dns1
  description       = "DNS lookups from edge-lon-1 to dns1 (pexnet rows: dns)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 53
  to_port           = 53
}

# Security group for ntp1: 10.10.0.123/32
# Rule 4: NTP time synchronization from edge-lon-1 to ntp1 (pexnet rows: ntp)
# Source ports 123, 55000-65535 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule4_ipv4_udp_123" {
  for_each = toset(["198.51.100.11/32"])

  security_group_id = var.security_group_id_ntp1
  description       = "NTP time synchronization from edge-lon-1 to ntp1 (pexnet rows: ntp)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 123
  to_port           = 123
}
