# pexnet export for AWS security groups (Terraform): network firewall core-fw from single-site.pexnet
# Scope missing: only the required flows this firewall drops today, to add to its existing policy.
# 0 rules for 0 required flow groups. Each rule names the Pexip flows it serves.
# Security groups are stateful: replies to allowed connections pass by nature. They deny inbound traffic by default: only these rules let traffic in.
# Security groups cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Network firewall core-fw becomes one security group per destination object, holding the inbound rules towards it: attach each group to the network interfaces of the parties it names.
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
