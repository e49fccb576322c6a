# pexnet export for Azure network security group (Terraform): network firewall dmz-fw from teams-google-interop.pexnet
# Scope missing: only the required flows this firewall drops today, to add to its existing policy.
# 1 rules for 1 required flow groups. Each rule names the Pexip flows it serves.
# Network security groups are stateful: replies to allowed connections pass by nature.
# Network firewall dmz-fw becomes inbound rules of one NSG: associate it with the subnets (or NICs) of the destination parties. Each rule names its destination prefixes, so one NSG serves every destination subnet.
# Scope missing: rules for an existing NSG, priorities from 100 (lower numbers win): keep them ahead of the rules that deny these flows today.
# Flows to destinations outside Azure (the catch-all zone, host peers, external networks) leave as outbound traffic, which Azure allows by default: their inbound rules document them and match nothing.
# NSGs take no host names: each host peer has a list variable for its prefixes (empty: no rule).
# Source ports are matched where the catalog restricts them.
# IPv6 neighbour discovery is not filtered by NSGs: no rule is needed for it.

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 3.0"
    }
  }
}

variable "resource_group_name" {
  description = "The resource group of the existing NSG"
  type        = string
}

variable "network_security_group_name" {
  description = "The name of the existing NSG to add the rules to"
  type        = string
}
