# pexnet export for AWS security groups (Terraform): host firewall conf-sg from cloud-host-firewalls.pexnet
# Scope missing: only the required flows this firewall drops today, to add to its existing policy.
# 1 rules for 1 required flow groups. Each rule names the Pexip flows it serves.
# Security groups are stateful: replies to allowed connections pass by nature. They deny inbound traffic by default: only these rules let traffic in.
# Security groups cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Host firewall conf-sg becomes one security group: attach it to the network interfaces of the protected addresses.
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

variable "security_group_id" {
  description = "The id of the existing security group of conf-1 and conf-2"
  type        = string
}

# Security group for conf-1 and conf-2: 10.100.1.4/31
# Rule 1: Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-provisioning)
resource "aws_vpc_security_group_ingress_rule" "rule1_ipv4_tcp_8443" {
  for_each = toset(["192.0.2.0/26"])

  security_group_id = var.security_group_id
  description       = "Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-provisioning)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 8443
  to_port           = 8443
}
