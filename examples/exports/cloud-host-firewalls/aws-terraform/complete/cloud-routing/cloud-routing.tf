# pexnet export for AWS security groups (Terraform): network firewall cloud-routing from cloud-host-firewalls.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 10 rules for 25 required flow groups. Each rule names the Pexip flows it serves.
# Security groups are stateful: replies to allowed connections pass by nature. They deny inbound traffic by default: only these rules let traffic in.
# Security groups cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Network firewall cloud-routing becomes one security group per destination object, holding the inbound rules towards it: attach each group to the network interfaces of the parties it names.
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

# Security group for mgmt: 10.100.0.4/32
resource "aws_security_group" "mgmt" {
  name        = "pexnet-cloud-routing-mgmt"
  description = "pexnet: inbound Pexip flows to mgmt"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "mgmt_egress_ipv4" {
  security_group_id = aws_security_group.mgmt.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 1: SSH administration, Management web and API over HTTPS from admins to mgmt (pexnet rows: admin-ssh, admin-https)
resource "aws_vpc_security_group_ingress_rule" "rule1_ipv4_tcp_22" {
  for_each = toset(["192.0.2.0/26"])

  security_group_id = aws_security_group.mgmt.id
  description       = "SSH administration, Management web and API over HTTPS from admins to mgmt (pexnet rows: admin-ssh, admin-https)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
}

# Rule 1: SSH administration, Management web and API over HTTPS from admins to mgmt (pexnet rows: admin-ssh, admin-https)
resource "aws_vpc_security_group_ingress_rule" "rule1_ipv4_tcp_443" {
  for_each = toset(["192.0.2.0/26"])

  security_group_id = aws_security_group.mgmt.id
  description       = "SSH administration, Management web and API over HTTPS from admins to mgmt (pexnet rows: admin-ssh, admin-https)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

# Security group for conf-1 and conf-2: 10.100.1.4/31
resource "aws_security_group" "conf_1_and_conf_2" {
  name        = "pexnet-cloud-routing-conf-1-and-conf-2"
  description = "pexnet: inbound Pexip flows to conf-1 and conf-2"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "conf_1_and_conf_2_egress_ipv4" {
  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 2: SSH administration, Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-ssh, admin-provisioning)
resource "aws_vpc_security_group_ingress_rule" "rule2_ipv4_tcp_22" {
  for_each = toset(["192.0.2.0/26"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "SSH administration, Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-ssh, admin-provisioning)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
}

# Rule 2: SSH administration, Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-ssh, admin-provisioning)
resource "aws_vpc_security_group_ingress_rule" "rule2_ipv4_tcp_8443" {
  for_each = toset(["192.0.2.0/26"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "SSH administration, Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-ssh, admin-provisioning)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 8443
  to_port           = 8443
}

# Rule 5: H.323 RAS, Call media from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-ras, endpoint-media)
resource "aws_vpc_security_group_ingress_rule" "rule5_ipv4_udp_1719" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "H.323 RAS, Call media from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-ras, endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 1719
  to_port           = 1719
}

# Rule 5: H.323 RAS, Call media from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-ras, endpoint-media)
resource "aws_vpc_security_group_ingress_rule" "rule5_ipv4_udp_40000_49999" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "H.323 RAS, Call media from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-ras, endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 40000
  to_port           = 49999
}

# Rule 6: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule6_ipv4_tcp_80" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
}

# Rule 6: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule6_ipv4_tcp_443" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

# Rule 6: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule6_ipv4_tcp_1720" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 1720
  to_port           = 1720
}

# Rule 6: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule6_ipv4_tcp_5060_5061" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 5060
  to_port           = 5061
}

# Rule 6: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule6_ipv4_tcp_33000_49999" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 33000
  to_port           = 49999
}

# Security group for time: time.windows.com
resource "aws_security_group" "time" {
  name        = "pexnet-cloud-routing-time"
  description = "pexnet: inbound Pexip flows to time"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "time_egress_ipv4" {
  security_group_id = aws_security_group.time.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 3: NTP time synchronization from mgmt, conf-1 and conf-2 to time (pexnet rows: ntp)
# Source ports 123, 55000-65535 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule3_ipv4_udp_123" {
  for_each = toset(["10.100.0.4/32", "10.100.1.4/31"])

  security_group_id = aws_security_group.time.id
  description       = "NTP time synchronization from mgmt, conf-1 and conf-2 to time (pexnet rows: ntp)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 123
  to_port           = 123
}

# Security group for lic and azure-api: activation.pexip.com, management.azure.com
resource "aws_security_group" "lic_and_azure_api" {
  name        = "pexnet-cloud-routing-lic-and-azure-api"
  description = "pexnet: inbound Pexip flows to lic and azure-api"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "lic_and_azure_api_egress_ipv4" {
  security_group_id = aws_security_group.lic_and_azure_api.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 4: License activation, Cloud bursting control from mgmt to lic and azure-api (pexnet rows: licensing, cloud-bursting)
# Source ports 55000-65535 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule4_ipv4_tcp_443" {
  for_each = toset(["10.100.0.4/32"])

  security_group_id = aws_security_group.lic_and_azure_api.id
  description       = "License activation, Cloud bursting control from mgmt to lic and azure-api (pexnet rows: licensing, cloud-bursting)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

# Security group for anyone: 0.0.0.0/0
resource "aws_security_group" "anyone" {
  name        = "pexnet-cloud-routing-anyone"
  description = "pexnet: inbound Pexip flows to anyone"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "anyone_egress_ipv4" {
  security_group_id = aws_security_group.anyone.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 7: H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)
# Source ports 33000-39999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule7_ipv4_udp_1719" {
  for_each = toset(["10.100.1.4/31"])

  security_group_id = aws_security_group.anyone.id
  description       = "H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 1719
  to_port           = 1719
}

# Rule 7: H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)
# Source ports 33000-39999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule7_ipv4_udp_5060" {
  for_each = toset(["10.100.1.4/31"])

  security_group_id = aws_security_group.anyone.id
  description       = "H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 5060
  to_port           = 5060
}

# Rule 8: H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-h323-call-setup, node-to-endpoint-h323-h245, node-to-endpoint-sip, node-to-endpoint-sip-tls)
# Source ports 33000-39999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule8_ipv4_tcp_1_65535" {
  for_each = toset(["10.100.1.4/31"])

  security_group_id = aws_security_group.anyone.id
  description       = "H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from conf-1 and conf-2 to anyone"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 1
  to_port           = 65535
}

# Rule 9: Call media, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-media)
# Source ports 40000-49999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule9_ipv4_tcp_1_65535" {
  for_each = toset(["10.100.1.4/31"])

  security_group_id = aws_security_group.anyone.id
  description       = "Call media, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 1
  to_port           = 65535
}

# Rule 10: Call media, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-media)
# Source ports 40000-49999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule10_ipv4_udp_1_65535" {
  for_each = toset(["10.100.1.4/31"])

  security_group_id = aws_security_group.anyone.id
  description       = "Call media, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 1
  to_port           = 65535
}
