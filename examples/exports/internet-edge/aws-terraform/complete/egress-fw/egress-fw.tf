# pexnet export for AWS security groups (Terraform): network firewall egress-fw from internet-edge.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 1 rules for 1 required flow groups. Each rule names the Pexip flows it serves.
# Security groups are stateful: replies to allowed connections pass by nature. They deny inbound traffic by default: only these rules let traffic in.
# Security groups cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Network firewall egress-fw becomes one security group per destination object, holding the inbound rules towards it: attach each group to the network interfaces of the parties it names.
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

# Security group for lic: activation.pexip.com
resource "aws_security_group" "lic" {
  name        = "pexnet-egress-fw-lic"
  description = "pexnet: inbound Pexip flows to lic"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "lic_egress_ipv4" {
  security_group_id = aws_security_group.lic.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# Rule 1: License activation from mgmt to lic (pexnet rows: licensing)
# Source ports 55000-65535 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule1_ipv4_tcp_443" {
  for_each = toset(["10.1.0.5/32"])

  security_group_id = aws_security_group.lic.id
  description       = "License activation from mgmt to lic (pexnet rows: licensing)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}
