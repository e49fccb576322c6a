# pexnet export for AWS security groups (Terraform): network firewall outside-fw from internet-edge.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 6 rules for 36 required flow groups. Each rule names the Pexip flows it serves.
# Security groups are stateful: replies to allowed connections pass by nature. They deny inbound traffic by default: only these rules let traffic in.
# Security groups cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Network firewall outside-fw becomes one security group per destination object, holding the inbound rules towards it: attach each group to the network interfaces of the parties it names.
# Objects outside AWS (the catch-all zone, host peers, external networks) have no interfaces to attach to: their groups document flows that AWS cannot check inbound.
# Security groups take no host names: each host peer source has a placeholder for its prefixes (empty: no rule).
# Terraform removes the allow-all egress rule AWS gives new groups: it is added back, since this firewall checks inbound traffic only.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "vpc_id" {
  description = "The VPC the security groups belong to"
  type        = string
}

# Security group for edge-1 and edge-2: 172.16.20.11/32, 172.16.20.12/32
resource "aws_security_group" "edge_1_and_edge_2" {
  name        = "pexnet-outside-fw-edge-1-and-edge-2"
  description = "pexnet: inbound Pexip flows to edge-1 and edge-2"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "edge_1_and_edge_2_egress_ipv4" {
  security_group_id = aws_security_group.edge_1_and_edge_2.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 1: H.323 RAS, SIP over UDP, Call media from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)
resource "aws_vpc_security_group_ingress_rule" "rule1_ipv4_udp_1719" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.edge_1_and_edge_2.id
  description       = "H.323 RAS, SIP over UDP, Call media from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 1719
  to_port           = 1719
}

# Rule 1: H.323 RAS, SIP over UDP, Call media from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)
resource "aws_vpc_security_group_ingress_rule" "rule1_ipv4_udp_5060" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.edge_1_and_edge_2.id
  description       = "H.323 RAS, SIP over UDP, Call media from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 5060
  to_port           = 5060
}

# Rule 1: H.323 RAS, SIP over UDP, Call media from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)
resource "aws_vpc_security_group_ingress_rule" "rule1_ipv4_udp_40000_49999" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.edge_1_and_edge_2.id
  description       = "H.323 RAS, SIP over UDP, Call media from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 40000
  to_port           = 49999
}

# Rule 2: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule2_ipv4_tcp_80" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.edge_1_and_edge_2.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from callers to edge-1 and edge-2"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
}

# Rule 2: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule2_ipv4_tcp_443" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.edge_1_and_edge_2.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from callers to edge-1 and edge-2"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

# Rule 2: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule2_ipv4_tcp_1720" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.edge_1_and_edge_2.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from callers to edge-1 and edge-2"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 1720
  to_port           = 1720
}

# Rule 2: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule2_ipv4_tcp_5060_5061" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.edge_1_and_edge_2.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from callers to edge-1 and edge-2"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 5060
  to_port           = 5061
}

# Rule 2: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule2_ipv4_tcp_33000_49999" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.edge_1_and_edge_2.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from callers to edge-1 and edge-2"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 33000
  to_port           = 49999
}

# Security group for callers: 0.0.0.0/0
resource "aws_security_group" "callers" {
  name        = "pexnet-outside-fw-callers"
  description = "pexnet: inbound Pexip flows to callers"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "callers_egress_ipv4" {
  security_group_id = aws_security_group.callers.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 3: H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from edge-1 and edge-2 to callers (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)
# Source ports 33000-39999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule3_ipv4_udp_1719" {
  for_each = toset(["172.16.20.11/32", "172.16.20.12/32"])

  security_group_id = aws_security_group.callers.id
  description       = "H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from edge-1 and edge-2 to callers (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 1719
  to_port           = 1719
}

# Rule 3: H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from edge-1 and edge-2 to callers (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)
# Source ports 33000-39999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule3_ipv4_udp_5060" {
  for_each = toset(["172.16.20.11/32", "172.16.20.12/32"])

  security_group_id = aws_security_group.callers.id
  description       = "H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from edge-1 and edge-2 to callers (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 5060
  to_port           = 5060
}

# Rule 4: H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from edge-1 and edge-2 to callers (pexnet rows: node-to-endpoint-h323-call-setup, node-to-endpoint-h323-h245, node-to-endpoint-sip, node-to-endpoint-sip-tls)
# Source ports 33000-39999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule4_ipv4_tcp_1_65535" {
  for_each = toset(["172.16.20.11/32", "172.16.20.12/32"])

  security_group_id = aws_security_group.callers.id
  description       = "H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from edge-1 and edge-2 to callers"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 1
  to_port           = 65535
}

# Rule 5: Call media, placed by the node from edge-1 and edge-2 to callers (pexnet rows: node-to-endpoint-media)
# Source ports 40000-49999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule5_ipv4_tcp_1_65535" {
  for_each = toset(["172.16.20.11/32", "172.16.20.12/32"])

  security_group_id = aws_security_group.callers.id
  description       = "Call media, placed by the node from edge-1 and edge-2 to callers (pexnet rows: node-to-endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 1
  to_port           = 65535
}

# Rule 6: Call media, placed by the node from edge-1 and edge-2 to callers (pexnet rows: node-to-endpoint-media)
# Source ports 40000-49999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule6_ipv4_udp_1_65535" {
  for_each = toset(["172.16.20.11/32", "172.16.20.12/32"])

  security_group_id = aws_security_group.callers.id
  description       = "Call media, placed by the node from edge-1 and edge-2 to callers (pexnet rows: node-to-endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 1
  to_port           = 65535
}
