# pexnet export for AWS security groups (Terraform): network firewall core-fw from single-site.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 9 rules for 21 required flow groups. Each rule names the Pexip flows it serves.
# Security groups are stateful: replies to allowed connections pass by nature. They deny inbound traffic by default: only these rules let traffic in.
# Security groups cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Network firewall core-fw becomes one security group per destination object, holding the inbound rules towards it: attach each group to the network interfaces of the parties it names.
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

# Security group for mgmt: 10.20.0.10/32
resource "aws_security_group" "mgmt" {
  name        = "pexnet-core-fw-mgmt"
  description = "pexnet: inbound Pexip flows to mgmt"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "mgmt_egress_ipv4" {
  security_group_id = aws_security_group.mgmt.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 1: SSH administration, Management web and API over HTTPS from it-admins to mgmt (pexnet rows: admin-ssh, admin-https)
resource "aws_vpc_security_group_ingress_rule" "rule1_ipv4_tcp_22" {
  for_each = toset(["10.20.200.0/24"])

  security_group_id = aws_security_group.mgmt.id
  description       = "SSH administration, Management web and API over HTTPS from it-admins to mgmt (pexnet rows: admin-ssh, admin-https)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
}

# Rule 1: SSH administration, Management web and API over HTTPS from it-admins to mgmt (pexnet rows: admin-ssh, admin-https)
resource "aws_vpc_security_group_ingress_rule" "rule1_ipv4_tcp_443" {
  for_each = toset(["10.20.200.0/24"])

  security_group_id = aws_security_group.mgmt.id
  description       = "SSH administration, Management web and API over HTTPS from it-admins to mgmt (pexnet rows: admin-ssh, admin-https)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

# Security group for conf-1, conf-2 and conf-3: 10.20.0.21/32, 10.20.0.22/31
resource "aws_security_group" "conf_1_and_2_more" {
  name        = "pexnet-core-fw-conf-1-and-2-more"
  description = "pexnet: inbound Pexip flows to conf-1, conf-2 and conf-3"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "conf_1_and_2_more_egress_ipv4" {
  security_group_id = aws_security_group.conf_1_and_2_more.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 2: SSH administration from it-admins to conf-1, conf-2 and conf-3 (pexnet rows: admin-ssh)
resource "aws_vpc_security_group_ingress_rule" "rule2_ipv4_tcp_22" {
  for_each = toset(["10.20.200.0/24"])

  security_group_id = aws_security_group.conf_1_and_2_more.id
  description       = "SSH administration from it-admins to conf-1, conf-2 and conf-3 (pexnet rows: admin-ssh)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
}

# Rule 4: H.323 RAS, Call media from desks to conf-1, conf-2 and conf-3 (pexnet rows: endpoint-h323-ras, endpoint-media)
resource "aws_vpc_security_group_ingress_rule" "rule4_ipv4_udp_1719" {
  for_each = toset(["10.20.128.0/18"])

  security_group_id = aws_security_group.conf_1_and_2_more.id
  description       = "H.323 RAS, Call media from desks to conf-1, conf-2 and conf-3 (pexnet rows: endpoint-h323-ras, endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 1719
  to_port           = 1719
}

# Rule 4: H.323 RAS, Call media from desks to conf-1, conf-2 and conf-3 (pexnet rows: endpoint-h323-ras, endpoint-media)
resource "aws_vpc_security_group_ingress_rule" "rule4_ipv4_udp_40000_49999" {
  for_each = toset(["10.20.128.0/18"])

  security_group_id = aws_security_group.conf_1_and_2_more.id
  description       = "H.323 RAS, Call media from desks to conf-1, conf-2 and conf-3 (pexnet rows: endpoint-h323-ras, endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 40000
  to_port           = 49999
}

# Rule 5: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from desks to conf-1, conf-2 and conf-3 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule5_ipv4_tcp_80" {
  for_each = toset(["10.20.128.0/18"])

  security_group_id = aws_security_group.conf_1_and_2_more.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from desks to conf-1, conf-2 and conf-3"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
}

# Rule 5: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from desks to conf-1, conf-2 and conf-3 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule5_ipv4_tcp_443" {
  for_each = toset(["10.20.128.0/18"])

  security_group_id = aws_security_group.conf_1_and_2_more.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from desks to conf-1, conf-2 and conf-3"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

# Rule 5: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from desks to conf-1, conf-2 and conf-3 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule5_ipv4_tcp_1720" {
  for_each = toset(["10.20.128.0/18"])

  security_group_id = aws_security_group.conf_1_and_2_more.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from desks to conf-1, conf-2 and conf-3"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 1720
  to_port           = 1720
}

# Rule 5: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from desks to conf-1, conf-2 and conf-3 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule5_ipv4_tcp_5060_5061" {
  for_each = toset(["10.20.128.0/18"])

  security_group_id = aws_security_group.conf_1_and_2_more.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from desks to conf-1, conf-2 and conf-3"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 5060
  to_port           = 5061
}

# Rule 5: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from desks to conf-1, conf-2 and conf-3 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule5_ipv4_tcp_33000_49999" {
  for_each = toset(["10.20.128.0/18"])

  security_group_id = aws_security_group.conf_1_and_2_more.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from desks to conf-1, conf-2 and conf-3"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 33000
  to_port           = 49999
}

# Security group for pexip-lic: activation.pexip.com
resource "aws_security_group" "pexip_lic" {
  name        = "pexnet-core-fw-pexip-lic"
  description = "pexnet: inbound Pexip flows to pexip-lic"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "pexip_lic_egress_ipv4" {
  security_group_id = aws_security_group.pexip_lic.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 3: License activation from mgmt to pexip-lic (pexnet rows: licensing)
# Source ports 55000-65535 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule3_ipv4_tcp_443" {
  for_each = toset(["10.20.0.10/32"])

  security_group_id = aws_security_group.pexip_lic.id
  description       = "License activation from mgmt to pexip-lic (pexnet rows: licensing)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

# Security group for desks: 10.20.128.0/18
resource "aws_security_group" "desks" {
  name        = "pexnet-core-fw-desks"
  description = "pexnet: inbound Pexip flows to desks"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "desks_egress_ipv4" {
  security_group_id = aws_security_group.desks.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 6: H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-1, conf-2 and conf-3 to desks (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)
# Source ports 33000-39999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule6_ipv4_udp_1719" {
  for_each = toset(["10.20.0.21/32", "10.20.0.22/31"])

  security_group_id = aws_security_group.desks.id
  description       = "H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-1, conf-2 and conf-3 to desks (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 1719
  to_port           = 1719
}

# Rule 6: H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-1, conf-2 and conf-3 to desks (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)
# Source ports 33000-39999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule6_ipv4_udp_5060" {
  for_each = toset(["10.20.0.21/32", "10.20.0.22/31"])

  security_group_id = aws_security_group.desks.id
  description       = "H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-1, conf-2 and conf-3 to desks (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 5060
  to_port           = 5060
}

# Rule 7: H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from conf-1, conf-2 and conf-3 to desks (pexnet rows: node-to-endpoint-h323-call-setup, node-to-endpoint-h323-h245, node-to-endpoint-sip, node-to-endpoint-sip-tls)
# Source ports 33000-39999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule7_ipv4_tcp_1_65535" {
  for_each = toset(["10.20.0.21/32", "10.20.0.22/31"])

  security_group_id = aws_security_group.desks.id
  description       = "H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from conf-1, conf-2 and conf-3 to desks"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 1
  to_port           = 65535
}

# Rule 8: Call media, placed by the node from conf-1, conf-2 and conf-3 to desks (pexnet rows: node-to-endpoint-media)
# Source ports 40000-49999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule8_ipv4_tcp_1_65535" {
  for_each = toset(["10.20.0.21/32", "10.20.0.22/31"])

  security_group_id = aws_security_group.desks.id
  description       = "Call media, placed by the node from conf-1, conf-2 and conf-3 to desks (pexnet rows: node-to-endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 1
  to_port           = 65535
}

# Rule 9: Call media, placed by the node from conf-1, conf-2 and conf-3 to desks (pexnet rows: node-to-endpoint-media)
# Source ports 40000-49999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule9_ipv4_udp_1_65535" {
  for_each = toset(["10.20.0.21/32", "10.20.0.22/31"])

  security_group_id = aws_security_group.desks.id
  description       = "Call media, placed by the node from conf-1, conf-2 and conf-3 to desks (pexnet rows: node-to-endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 1
  to_port           = 65535
}
