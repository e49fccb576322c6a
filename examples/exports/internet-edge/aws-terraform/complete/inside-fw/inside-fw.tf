# pexnet export for AWS security groups (Terraform): network firewall inside-fw from internet-edge.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 17 rules for 34 required flow groups. Each rule names the Pexip flows it serves.
# Security groups are stateful: replies to allowed connections pass by nature. They deny inbound traffic by default: only these rules let traffic in.
# Security groups cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Network firewall inside-fw becomes one security group per destination object, holding the inbound rules towards it: attach each group to the network interfaces of the parties it names.
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

# Security group for mgmt, conf-dc-1 and 2 more: 10.1.0.5/32, 10.1.1.11/32, 10.1.1.12/32, 10.1.2.11/32
resource "aws_security_group" "mgmt_and_3_more" {
  name        = "pexnet-inside-fw-mgmt-and-3-more"
  description = "pexnet: inbound Pexip flows to mgmt, conf-dc-1 and 2 more"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "mgmt_and_3_more_egress_ipv4" {
  security_group_id = aws_security_group.mgmt_and_3_more.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 1: IPsec key exchange over IKE from edge-1 and edge-2 to mgmt, conf-dc-1 and 2 more (pexnet rows: ipsec-ike)
# Source ports 500 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule1_ipv4_udp_500" {
  for_each = toset(["172.16.10.11/32", "172.16.10.12/32"])

  security_group_id = aws_security_group.mgmt_and_3_more.id
  description       = "IPsec key exchange over IKE from edge-1 and edge-2 to mgmt, conf-dc-1 and 2 more (pexnet rows: ipsec-ike)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 500
  to_port           = 500
}

# Rule 3: IPsec ESP between nodes from edge-1 and edge-2 to mgmt, conf-dc-1 and 2 more (pexnet rows: ipsec-esp)
resource "aws_vpc_security_group_ingress_rule" "rule3_ipv4_esp" {
  for_each = toset(["172.16.10.11/32", "172.16.10.12/32"])

  security_group_id = aws_security_group.mgmt_and_3_more.id
  description       = "IPsec ESP between nodes from edge-1 and edge-2 to mgmt, conf-dc-1 and 2 more (pexnet rows: ipsec-esp)"
  cidr_ipv4         = each.value
  ip_protocol       = "50"
}

# Security group for edge-1 and edge-2: 172.16.10.11/32, 172.16.10.12/32
resource "aws_security_group" "edge_1_and_edge_2" {
  name        = "pexnet-inside-fw-edge-1-and-edge-2"
  description = "pexnet: inbound Pexip flows to edge-1 and edge-2"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "edge_1_and_edge_2_egress_ipv4" {
  security_group_id = aws_security_group.edge_1_and_edge_2.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 2: IPsec key exchange over IKE from mgmt, conf-dc-1 and 2 more to edge-1 and edge-2 (pexnet rows: ipsec-ike)
# Source ports 500 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule2_ipv4_udp_500" {
  for_each = toset(["10.1.0.5/32", "10.1.1.11/32", "10.1.1.12/32", "10.1.2.11/32"])

  security_group_id = aws_security_group.edge_1_and_edge_2.id
  description       = "IPsec key exchange over IKE from mgmt, conf-dc-1 and 2 more to edge-1 and edge-2 (pexnet rows: ipsec-ike)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 500
  to_port           = 500
}

# Rule 4: IPsec ESP between nodes from mgmt, conf-dc-1 and 2 more to edge-1 and edge-2 (pexnet rows: ipsec-esp)
resource "aws_vpc_security_group_ingress_rule" "rule4_ipv4_esp" {
  for_each = toset(["10.1.0.5/32", "10.1.1.11/32", "10.1.1.12/32", "10.1.2.11/32"])

  security_group_id = aws_security_group.edge_1_and_edge_2.id
  description       = "IPsec ESP between nodes from mgmt, conf-dc-1 and 2 more to edge-1 and edge-2 (pexnet rows: ipsec-esp)"
  cidr_ipv4         = each.value
  ip_protocol       = "50"
}

# Rule 7: SSH administration from noc to edge-1 and edge-2 (pexnet rows: admin-ssh)
resource "aws_vpc_security_group_ingress_rule" "rule7_ipv4_tcp_22" {
  for_each = toset(["10.9.0.0/24"])

  security_group_id = aws_security_group.edge_1_and_edge_2.id
  description       = "SSH administration from noc to edge-1 and edge-2 (pexnet rows: admin-ssh)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
}

# Security group for mgmt: 10.1.0.5/32
resource "aws_security_group" "mgmt" {
  name        = "pexnet-inside-fw-mgmt"
  description = "pexnet: inbound Pexip flows to mgmt"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "mgmt_egress_ipv4" {
  security_group_id = aws_security_group.mgmt.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 5: SSH administration, Management web and API over HTTPS from noc to mgmt (pexnet rows: admin-ssh, admin-https)
resource "aws_vpc_security_group_ingress_rule" "rule5_ipv4_tcp_22" {
  for_each = toset(["10.9.0.0/24"])

  security_group_id = aws_security_group.mgmt.id
  description       = "SSH administration, Management web and API over HTTPS from noc to mgmt (pexnet rows: admin-ssh, admin-https)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
}

# Rule 5: SSH administration, Management web and API over HTTPS from noc to mgmt (pexnet rows: admin-ssh, admin-https)
resource "aws_vpc_security_group_ingress_rule" "rule5_ipv4_tcp_443" {
  for_each = toset(["10.9.0.0/24"])

  security_group_id = aws_security_group.mgmt.id
  description       = "SSH administration, Management web and API over HTTPS from noc to mgmt (pexnet rows: admin-ssh, admin-https)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

# Security group for conf-dc-1, conf-dc-2 and conf-bak-1: 10.1.1.11/32, 10.1.1.12/32, 10.1.2.11/32
resource "aws_security_group" "conf_dc_1_and_2_more" {
  name        = "pexnet-inside-fw-conf-dc-1-and-2-more"
  description = "pexnet: inbound Pexip flows to conf-dc-1, conf-dc-2 and conf-bak-1"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "conf_dc_1_and_2_more_egress_ipv4" {
  security_group_id = aws_security_group.conf_dc_1_and_2_more.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 6: SSH administration from noc to conf-dc-1, conf-dc-2 and conf-bak-1 (pexnet rows: admin-ssh)
resource "aws_vpc_security_group_ingress_rule" "rule6_ipv4_tcp_22" {
  for_each = toset(["10.9.0.0/24"])

  security_group_id = aws_security_group.conf_dc_1_and_2_more.id
  description       = "SSH administration from noc to conf-dc-1, conf-dc-2 and conf-bak-1 (pexnet rows: admin-ssh)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
}

# Security group for dns1: 10.1.0.53/32
resource "aws_security_group" "dns1" {
  name        = "pexnet-inside-fw-dns1"
  description = "pexnet: inbound Pexip flows to dns1"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "dns1_egress_ipv4" {
  security_group_id = aws_security_group.dns1.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 8: DNS lookups from edge-1 and edge-2 to dns1 (pexnet rows: dns)
# Source ports 55000-65535 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule8_ipv4_tcp_53" {
  for_each = toset(["172.16.10.11/32", "172.16.10.12/32"])

  security_group_id = aws_security_group.dns1.id
  description       = "DNS lookups from edge-1 and edge-2 to dns1 (pexnet rows: dns)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 53
  to_port           = 53
}

# Rule 9: DNS lookups from edge-1 and edge-2 to dns1 (pexnet rows: dns)
# Source ports 55000-65535 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule9_ipv4_udp_53" {
  for_each = toset(["172.16.10.11/32", "172.16.10.12/32"])

  security_group_id = aws_security_group.dns1.id
  description       = "DNS lookups from edge-1 and edge-2 to dns1 (pexnet rows: dns)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 53
  to_port           = 53
}

# Security group for ntp1: 10.1.0.123/32
resource "aws_security_group" "ntp1" {
  name        = "pexnet-inside-fw-ntp1"
  description = "pexnet: inbound Pexip flows to ntp1"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "ntp1_egress_ipv4" {
  security_group_id = aws_security_group.ntp1.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 10: NTP time synchronization from edge-1 and edge-2 to ntp1 (pexnet rows: ntp)
# Source ports 123, 55000-65535 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule10_ipv4_udp_123" {
  for_each = toset(["172.16.10.11/32", "172.16.10.12/32"])

  security_group_id = aws_security_group.ntp1.id
  description       = "NTP time synchronization from edge-1 and edge-2 to ntp1 (pexnet rows: ntp)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 123
  to_port           = 123
}

# Security group for lic: activation.pexip.com
resource "aws_security_group" "lic" {
  name        = "pexnet-inside-fw-lic"
  description = "pexnet: inbound Pexip flows to lic"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "lic_egress_ipv4" {
  security_group_id = aws_security_group.lic.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 11: License activation from mgmt to lic (pexnet rows: licensing)
# Source ports 55000-65535 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule11_ipv4_tcp_443" {
  for_each = toset(["10.1.0.5/32"])

  security_group_id = aws_security_group.lic.id
  description       = "License activation from mgmt to lic (pexnet rows: licensing)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

# Security group for conf-dc-1 and conf-dc-2: 10.1.1.11/32, 10.1.1.12/32
resource "aws_security_group" "conf_dc_1_and_conf_dc_2" {
  name        = "pexnet-inside-fw-conf-dc-1-and-conf-dc-2"
  description = "pexnet: inbound Pexip flows to conf-dc-1 and conf-dc-2"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "conf_dc_1_and_conf_dc_2_egress_ipv4" {
  security_group_id = aws_security_group.conf_dc_1_and_conf_dc_2.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 12: H.323 RAS, SIP over UDP, Call media from staff to conf-dc-1 and conf-dc-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)
resource "aws_vpc_security_group_ingress_rule" "rule12_ipv4_udp_1719" {
  for_each = toset(["10.64.0.0/12"])

  security_group_id = aws_security_group.conf_dc_1_and_conf_dc_2.id
  description       = "H.323 RAS, SIP over UDP, Call media from staff to conf-dc-1 and conf-dc-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 1719
  to_port           = 1719
}

# Rule 12: H.323 RAS, SIP over UDP, Call media from staff to conf-dc-1 and conf-dc-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)
resource "aws_vpc_security_group_ingress_rule" "rule12_ipv4_udp_5060" {
  for_each = toset(["10.64.0.0/12"])

  security_group_id = aws_security_group.conf_dc_1_and_conf_dc_2.id
  description       = "H.323 RAS, SIP over UDP, Call media from staff to conf-dc-1 and conf-dc-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 5060
  to_port           = 5060
}

# Rule 12: H.323 RAS, SIP over UDP, Call media from staff to conf-dc-1 and conf-dc-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)
resource "aws_vpc_security_group_ingress_rule" "rule12_ipv4_udp_40000_49999" {
  for_each = toset(["10.64.0.0/12"])

  security_group_id = aws_security_group.conf_dc_1_and_conf_dc_2.id
  description       = "H.323 RAS, SIP over UDP, Call media from staff to conf-dc-1 and conf-dc-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 40000
  to_port           = 49999
}

# Rule 13: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from staff to conf-dc-1 and conf-dc-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule13_ipv4_tcp_80" {
  for_each = toset(["10.64.0.0/12"])

  security_group_id = aws_security_group.conf_dc_1_and_conf_dc_2.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from staff to conf-dc-1 and conf-dc-2"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
}

# Rule 13: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from staff to conf-dc-1 and conf-dc-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule13_ipv4_tcp_443" {
  for_each = toset(["10.64.0.0/12"])

  security_group_id = aws_security_group.conf_dc_1_and_conf_dc_2.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from staff to conf-dc-1 and conf-dc-2"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

# Rule 13: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from staff to conf-dc-1 and conf-dc-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule13_ipv4_tcp_1720" {
  for_each = toset(["10.64.0.0/12"])

  security_group_id = aws_security_group.conf_dc_1_and_conf_dc_2.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from staff to conf-dc-1 and conf-dc-2"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 1720
  to_port           = 1720
}

# Rule 13: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from staff to conf-dc-1 and conf-dc-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule13_ipv4_tcp_5060_5061" {
  for_each = toset(["10.64.0.0/12"])

  security_group_id = aws_security_group.conf_dc_1_and_conf_dc_2.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from staff to conf-dc-1 and conf-dc-2"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 5060
  to_port           = 5061
}

# Rule 13: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from staff to conf-dc-1 and conf-dc-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule13_ipv4_tcp_33000_49999" {
  for_each = toset(["10.64.0.0/12"])

  security_group_id = aws_security_group.conf_dc_1_and_conf_dc_2.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from staff to conf-dc-1 and conf-dc-2"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 33000
  to_port           = 49999
}

# Security group for staff: 10.64.0.0/12
resource "aws_security_group" "staff" {
  name        = "pexnet-inside-fw-staff"
  description = "pexnet: inbound Pexip flows to staff"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "staff_egress_ipv4" {
  security_group_id = aws_security_group.staff.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 14: H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-dc-1 and conf-dc-2 to staff (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)
# Source ports 33000-39999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule14_ipv4_udp_1719" {
  for_each = toset(["10.1.1.11/32", "10.1.1.12/32"])

  security_group_id = aws_security_group.staff.id
  description       = "H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-dc-1 and conf-dc-2 to staff (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 1719
  to_port           = 1719
}

# Rule 14: H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-dc-1 and conf-dc-2 to staff (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)
# Source ports 33000-39999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule14_ipv4_udp_5060" {
  for_each = toset(["10.1.1.11/32", "10.1.1.12/32"])

  security_group_id = aws_security_group.staff.id
  description       = "H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-dc-1 and conf-dc-2 to staff (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 5060
  to_port           = 5060
}

# Rule 15: H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from conf-dc-1 and conf-dc-2 to staff (pexnet rows: node-to-endpoint-h323-call-setup, node-to-endpoint-h323-h245, node-to-endpoint-sip, node-to-endpoint-sip-tls)
# Source ports 33000-39999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule15_ipv4_tcp_1_65535" {
  for_each = toset(["10.1.1.11/32", "10.1.1.12/32"])

  security_group_id = aws_security_group.staff.id
  description       = "H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from conf-dc-1 and conf-dc-2 to staff"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 1
  to_port           = 65535
}

# Rule 16: Call media, placed by the node from conf-dc-1 and conf-dc-2 to staff (pexnet rows: node-to-endpoint-media)
# Source ports 40000-49999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule16_ipv4_tcp_1_65535" {
  for_each = toset(["10.1.1.11/32", "10.1.1.12/32"])

  security_group_id = aws_security_group.staff.id
  description       = "Call media, placed by the node from conf-dc-1 and conf-dc-2 to staff (pexnet rows: node-to-endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 1
  to_port           = 65535
}

# Rule 17: Call media, placed by the node from conf-dc-1 and conf-dc-2 to staff (pexnet rows: node-to-endpoint-media)
# Source ports 40000-49999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule17_ipv4_udp_1_65535" {
  for_each = toset(["10.1.1.11/32", "10.1.1.12/32"])

  security_group_id = aws_security_group.staff.id
  description       = "Call media, placed by the node from conf-dc-1 and conf-dc-2 to staff (pexnet rows: node-to-endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 1
  to_port           = 65535
}
