# pexnet export for AWS security groups (Terraform): host firewall conf-sg from cloud-host-firewalls.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 5 rules for 15 required flow groups. Each rule names the Pexip flows it serves.
# Security groups are stateful: replies to allowed connections pass by nature. They deny inbound traffic by default: only these rules let traffic in.
# Security groups cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Host firewall conf-sg becomes one security group: attach it to the network interfaces of the protected addresses.
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

# Security group for conf-1 and conf-2: 10.100.1.4/31
resource "aws_security_group" "conf_1_and_conf_2" {
  name        = "pexnet-conf-sg"
  description = "pexnet: inbound Pexip flows to conf-1 and conf-2"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "conf_1_and_conf_2_egress_ipv4" {
  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 1: IPsec key exchange over IKE from mgmt, conf-1 and conf-2 to conf-1 and conf-2 (pexnet rows: ipsec-ike)
# Source ports 500 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule1_ipv4_udp_500" {
  for_each = toset(["10.100.0.4/32", "10.100.1.4/31"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "IPsec key exchange over IKE from mgmt, conf-1 and conf-2 to conf-1 and conf-2 (pexnet rows: ipsec-ike)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 500
  to_port           = 500
}

# Rule 2: IPsec ESP between nodes from mgmt, conf-1 and conf-2 to conf-1 and conf-2 (pexnet rows: ipsec-esp)
resource "aws_vpc_security_group_ingress_rule" "rule2_ipv4_esp" {
  for_each = toset(["10.100.0.4/32", "10.100.1.4/31"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "IPsec ESP between nodes from mgmt, conf-1 and conf-2 to conf-1 and conf-2 (pexnet rows: ipsec-esp)"
  cidr_ipv4         = each.value
  ip_protocol       = "50"
}

# Rule 3: SSH administration, Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-ssh, admin-provisioning)
resource "aws_vpc_security_group_ingress_rule" "rule3_ipv4_tcp_22" {
  for_each = toset(["192.0.2.0/26"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "SSH administration, Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-ssh, admin-provisioning)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
}

# Rule 3: SSH administration, Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-ssh, admin-provisioning)
resource "aws_vpc_security_group_ingress_rule" "rule3_ipv4_tcp_8443" {
  for_each = toset(["192.0.2.0/26"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "SSH administration, Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-ssh, admin-provisioning)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 8443
  to_port           = 8443
}

# Rule 4: H.323 RAS, Call media from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-ras, endpoint-media)
resource "aws_vpc_security_group_ingress_rule" "rule4_ipv4_udp_1719" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "H.323 RAS, Call media from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-ras, endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 1719
  to_port           = 1719
}

# Rule 4: H.323 RAS, Call media from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-ras, endpoint-media)
resource "aws_vpc_security_group_ingress_rule" "rule4_ipv4_udp_40000_49999" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "H.323 RAS, Call media from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-ras, endpoint-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 40000
  to_port           = 49999
}

# Rule 5: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule5_ipv4_tcp_80" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
}

# Rule 5: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule5_ipv4_tcp_443" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

# Rule 5: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule5_ipv4_tcp_1720" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 1720
  to_port           = 1720
}

# Rule 5: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule5_ipv4_tcp_5060_5061" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 5060
  to_port           = 5061
}

# Rule 5: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "aws_vpc_security_group_ingress_rule" "rule5_ipv4_tcp_33000_49999" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 33000
  to_port           = 49999
}
