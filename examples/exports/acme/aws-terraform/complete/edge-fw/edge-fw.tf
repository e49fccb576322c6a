# pexnet export for AWS security groups (Terraform): network firewall edge-fw from acme.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 15 rules for 31 required flow groups. Each rule names the Pexip flows it serves.
# Security groups are stateful: replies to allowed connections pass by nature. They deny inbound traffic by default: only these rules let traffic in.
# Security groups cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Network firewall edge-fw becomes one security group per destination object, holding the inbound rules towards it: attach each group to the network interfaces of the parties it names.
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

# Security group for mgmt, conf-oslo-1 and conf-oslo-2: 10.10.1.5/32, 10.10.2.11/32, 10.10.2.12/32
resource "aws_security_group" "mgmt_and_2_more" {
  name        = "pexnet-edge-fw-mgmt-and-2-more"
  description = "pexnet: inbound Pexip flows to mgmt, conf-oslo-1 and conf-oslo-2"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "mgmt_and_2_more_egress_ipv4" {
  security_group_id = aws_security_group.mgmt_and_2_more.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 1: IPsec key exchange over IKE from edge-lon-1 to mgmt, conf-oslo-1 and conf-oslo-2 (pexnet rows: ipsec-ike)
# Source ports 500 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule1_ipv4_udp_500" {
  for_each = toset(["198.51.100.11/32"])

  security_group_id = aws_security_group.mgmt_and_2_more.id
  description       = "IPsec key exchange over IKE from edge-lon-1 to mgmt, conf-oslo-1 and conf-oslo-2 (pexnet rows: ipsec-ike)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 500
  to_port           = 500
}

# Rule 3: IPsec ESP between nodes from edge-lon-1 to mgmt, conf-oslo-1 and conf-oslo-2 (pexnet rows: ipsec-esp)
resource "aws_vpc_security_group_ingress_rule" "rule3_ipv4_esp" {
  for_each = toset(["198.51.100.11/32"])

  security_group_id = aws_security_group.mgmt_and_2_more.id
  description       = "IPsec ESP between nodes from edge-lon-1 to mgmt, conf-oslo-1 and conf-oslo-2 (pexnet rows: ipsec-esp)"
  cidr_ipv4         = each.value
  ip_protocol       = "50"
}

# Security group for edge-lon-1: 198.51.100.11/32
resource "aws_security_group" "edge_lon_1" {
  name        = "pexnet-edge-fw-edge-lon-1"
  description = "pexnet: inbound Pexip flows to edge-lon-1"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "edge_lon_1_egress_ipv4" {
  security_group_id = aws_security_group.edge_lon_1.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 2: IPsec key exchange over IKE from mgmt, conf-oslo-1 and conf-oslo-2 to edge-lon-1 (pexnet rows: ipsec-ike)
# Source ports 500 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule2_ipv4_udp_500" {
  for_each = toset(["10.10.1.5/32", "10.10.2.11/32", "10.10.2.12/32"])

  security_group_id = aws_security_group.edge_lon_1.id
  description       = "IPsec key exchange over IKE from mgmt, conf-oslo-1 and conf-oslo-2 to edge-lon-1 (pexnet rows: ipsec-ike)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 500
  to_port           = 500
}

# Rule 4: IPsec ESP between nodes from mgmt, conf-oslo-1 and conf-oslo-2 to edge-lon-1 (pexnet rows: ipsec-esp)
resource "aws_vpc_security_group_ingress_rule" "rule4_ipv4_esp" {
  for_each = toset(["10.10.1.5/32", "10.10.2.11/32", "10.10.2.12/32"])

  security_group_id = aws_security_group.edge_lon_1.id
  description       = "IPsec ESP between nodes from mgmt, conf-oslo-1 and conf-oslo-2 to edge-lon-1 (pexnet rows: ipsec-esp)"
  cidr_ipv4         = each.value
  ip_protocol       = "50"
}

# Rule 5: SSH administration from noc to edge-lon-1 (pexnet rows: admin-ssh)
resource "aws_vpc_security_group_ingress_rule" "rule5_ipv4_tcp_22" {
  for_each = toset(["10.10.50.0/24"])

  security_group_id = aws_security_group.edge_lon_1.id
  description       = "SSH administration from noc to edge-lon-1 (pexnet rows: admin-ssh)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
}

# Rule 10: H.323 RAS, SIP over UDP, Call media from guests to edge-lon-1 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)
resource "aws_vpc_security_group_ingress_rule" "rule10_ipv4_udp_1719" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.edge_lon_1.id
  description       = "H.323 RAS, SIP over UDP, Call media from guests to edge-lon-1 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 1719
  to_port           = 1719
}

# Rule 10: H.323 RAS, SIP over UDP, Call media from guests to edge-lon-1 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)
resource "aws_vpc_security_group_ingress_rule" "rule10_ipv4_udp_5060" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.edge_lon_1.id
  description       = "H.323 RAS, SIP over UDP, Call media from guests to edge-lon-1 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 5060
  to_port           = 5060
}

# Rule 10: H.323 RAS, SIP over UDP, Call media from guests to edge-lon-1 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)
resource "aws_vpc_security_group_ingress_rule" "rule10_ipv4_udp_40000_49999" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.edge_lon_1.id
  description       = "H.323 RAS, SIP over UDP, Call media from guests to edge-lon-1 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 40000
  to_port           = 49999
}

# Rule 11: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from guests to edge-lon-1 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule11_ipv4_tcp_80" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.edge_lon_1.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from guests to edge-lon-1"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
}

# Rule 11: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from guests to edge-lon-1 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule11_ipv4_tcp_443" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.edge_lon_1.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from guests to edge-lon-1"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

# Rule 11: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from guests to edge-lon-1 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule11_ipv4_tcp_1720" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.edge_lon_1.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from guests to edge-lon-1"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 1720
  to_port           = 1720
}

# Rule 11: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from guests to edge-lon-1 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule11_ipv4_tcp_5060_5061" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.edge_lon_1.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from guests to edge-lon-1"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 5060
  to_port           = 5061
}

# Rule 11: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from guests to edge-lon-1 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule11_ipv4_tcp_33000_49999" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.edge_lon_1.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from guests to edge-lon-1"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 33000
  to_port           = 49999
}

# Security group for dns1: 10.10.0.53/32
resource "aws_security_group" "dns1" {
  name        = "pexnet-edge-fw-dns1"
  description = "pexnet: inbound Pexip flows to dns1"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "dns1_egress_ipv4" {
  security_group_id = aws_security_group.dns1.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 6: DNS lookups from edge-lon-1 to dns1 (pexnet rows: dns)
# Source ports 55000-65535 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule6_ipv4_tcp_53" {
  for_each = toset(["198.51.100.11/32"])

  security_group_id = aws_security_group.dns1.id
  description       = "DNS lookups from edge-lon-1 to dns1 (pexnet rows: dns)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 53
  to_port           = 53
}

# Rule 7: DNS lookups from edge-lon-1 to dns1 (pexnet rows: dns)
# Source ports 55000-65535 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule7_ipv4_udp_53" {
  for_each = toset(["198.51.100.11/32"])

  security_group_id = aws_security_group.dns1.id
  description       = "DNS lookups from edge-lon-1 to dns1 (pexnet rows: dns)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 53
  to_port           = 53
}

# Security group for ntp1: 10.10.0.123/32
resource "aws_security_group" "ntp1" {
  name        = "pexnet-edge-fw-ntp1"
  description = "pexnet: inbound Pexip flows to ntp1"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "ntp1_egress_ipv4" {
  security_group_id = aws_security_group.ntp1.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 8: NTP time synchronization from edge-lon-1 to ntp1 (pexnet rows: ntp)
# Source ports 123, 55000-65535 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule8_ipv4_udp_123" {
  for_each = toset(["198.51.100.11/32"])

  security_group_id = aws_security_group.ntp1.id
  description       = "NTP time synchronization from edge-lon-1 to ntp1 (pexnet rows: ntp)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 123
  to_port           = 123
}

# Security group for lic: activation.pexip.com
resource "aws_security_group" "lic" {
  name        = "pexnet-edge-fw-lic"
  description = "pexnet: inbound Pexip flows to lic"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "lic_egress_ipv4" {
  security_group_id = aws_security_group.lic.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 9: License activation from mgmt to lic (pexnet rows: licensing)
# Source ports 55000-65535 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule9_ipv4_tcp_443" {
  for_each = toset(["10.10.1.5/32"])

  security_group_id = aws_security_group.lic.id
  description       = "License activation from mgmt to lic (pexnet rows: licensing)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

# Security group for guests: 0.0.0.0/0
resource "aws_security_group" "guests" {
  name        = "pexnet-edge-fw-guests"
  description = "pexnet: inbound Pexip flows to guests"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "guests_egress_ipv4" {
  security_group_id = aws_security_group.guests.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 12: H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from edge-lon-1 to guests (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)
# Source ports 33000-39999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule12_ipv4_udp_1719" {
  for_each = toset(["198.51.100.11/32"])

  security_group_id = aws_security_group.guests.id
  description       = "H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from edge-lon-1 to guests (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 1719
  to_port           = 1719
}

# Rule 12: H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from edge-lon-1 to guests (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)
# Source ports 33000-39999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule12_ipv4_udp_5060" {
  for_each = toset(["198.51.100.11/32"])

  security_group_id = aws_security_group.guests.id
  description       = "H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from edge-lon-1 to guests (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 5060
  to_port           = 5060
}

# Rule 13: H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from edge-lon-1 to guests (pexnet rows: node-to-endpoint-h323-call-setup, node-to-endpoint-h323-h245, node-to-endpoint-sip, node-to-endpoint-sip-tls)
# Source ports 33000-39999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule13_ipv4_tcp_1_65535" {
  for_each = toset(["198.51.100.11/32"])

  security_group_id = aws_security_group.guests.id
  description       = "H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from edge-lon-1 to guests"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 1
  to_port           = 65535
}

# Rule 14: Call media, placed by the node from edge-lon-1 to guests (pexnet rows: node-to-endpoint-media)
# Source ports 40000-49999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule14_ipv4_tcp_1_65535" {
  for_each = toset(["198.51.100.11/32"])

  security_group_id = aws_security_group.guests.id
  description       = "Call media, placed by the node from edge-lon-1 to guests (pexnet rows: node-to-endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 1
  to_port           = 65535
}

# Rule 15: Call media, placed by the node from edge-lon-1 to guests (pexnet rows: node-to-endpoint-media)
# Source ports 40000-49999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule15_ipv4_udp_1_65535" {
  for_each = toset(["198.51.100.11/32"])

  security_group_id = aws_security_group.guests.id
  description       = "Call media, placed by the node from edge-lon-1 to guests (pexnet rows: node-to-endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 1
  to_port           = 65535
}
