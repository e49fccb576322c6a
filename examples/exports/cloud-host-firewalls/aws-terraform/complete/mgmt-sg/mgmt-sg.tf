# pexnet export for AWS security groups (Terraform): host firewall mgmt-sg from cloud-host-firewalls.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 3 rules for 4 required flow groups. Each rule names the Pexip flows it serves.
# Security groups are stateful: replies to allowed connections pass by nature. They deny inbound traffic by default: only these rules let traffic in.
# Security groups cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Host firewall mgmt-sg becomes one security group: attach it to the network interfaces of the protected addresses.
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
  name        = "pexnet-mgmt-sg"
  description = "pexnet: inbound Pexip flows to mgmt"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "mgmt_egress_ipv4" {
  security_group_id = aws_security_group.mgmt.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 1: IPsec key exchange over IKE from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-ike)
# Source ports 500 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule1_ipv4_udp_500" {
  for_each = toset(["10.100.1.4/31"])

  security_group_id = aws_security_group.mgmt.id
  description       = "IPsec key exchange over IKE from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-ike)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 500
  to_port           = 500
}

# Rule 2: IPsec ESP between nodes from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-esp)
resource "aws_vpc_security_group_ingress_rule" "rule2_ipv4_esp" {
  for_each = toset(["10.100.1.4/31"])

  security_group_id = aws_security_group.mgmt.id
  description       = "IPsec ESP between nodes from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-esp)"
  cidr_ipv4         = each.value
  ip_protocol       = "50"
}

# Rule 3: SSH administration, Management web and API over HTTPS from admins to mgmt (pexnet rows: admin-ssh, admin-https)
resource "aws_vpc_security_group_ingress_rule" "rule3_ipv4_tcp_22" {
  for_each = toset(["192.0.2.0/26"])

  security_group_id = aws_security_group.mgmt.id
  description       = "SSH administration, Management web and API over HTTPS from admins to mgmt (pexnet rows: admin-ssh, admin-https)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
}

# Rule 3: SSH administration, Management web and API over HTTPS from admins to mgmt (pexnet rows: admin-ssh, admin-https)
resource "aws_vpc_security_group_ingress_rule" "rule3_ipv4_tcp_443" {
  for_each = toset(["192.0.2.0/26"])

  security_group_id = aws_security_group.mgmt.id
  description       = "SSH administration, Management web and API over HTTPS from admins to mgmt (pexnet rows: admin-ssh, admin-https)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}
