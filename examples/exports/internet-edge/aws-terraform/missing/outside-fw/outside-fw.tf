# pexnet export for AWS security groups (Terraform): network firewall outside-fw from internet-edge.pexnet
# Scope missing: only the required flows this firewall drops today, to add to its existing policy.
# 1 rules for 4 required flow groups. Each rule names the Pexip flows it serves.
# Security groups are stateful: replies to allowed connections pass by nature. They deny inbound traffic by default: only these rules let traffic in.
# Security groups cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Network firewall outside-fw becomes one security group per destination object, holding the inbound rules towards it: attach each group to the network interfaces of the parties it names.
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

variable "security_group_id_edge_1_and_edge_2" {
  description = "The id of the existing security group of edge-1 and edge-2"
  type        = string
}

# Security group for edge-1 and edge-2: 172.16.20.11/32, 172.16.20.12/32
# Rule 1: H.323 RAS, SIP over UDP from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp)
resource "aws_vpc_security_group_ingress_rule" "rule1_ipv4_udp_1719" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = var.security_group_id_edge_1_and_edge_2
  description       = "H.323 RAS, SIP over UDP from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 1719
  to_port           = 1719
}

# Rule 1: H.323 RAS, SIP over UDP from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp)
resource "aws_vpc_security_group_ingress_rule" "rule1_ipv4_udp_5060" {
  for_each = toset(["0.0.0.0/0"])

  security_group_id = var.security_group_id_edge_1_and_edge_2
  description       = "H.323 RAS, SIP over UDP from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 5060
  to_port           = 5060
}
