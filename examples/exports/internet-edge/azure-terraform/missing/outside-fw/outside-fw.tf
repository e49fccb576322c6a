# pexnet export for Azure network security group (Terraform): network firewall outside-fw from internet-edge.pexnet
# Scope missing: only the required flows this firewall drops today, to add to its existing policy.
# 1 rules for 4 required flow groups. Each rule names the Pexip flows it serves.
# Network security groups are stateful: replies to allowed connections pass by nature.
# Network firewall outside-fw becomes inbound rules of one NSG: associate it with the subnets (or NICs) of the destination parties. Each rule names its destination prefixes, so one NSG serves every destination subnet.
# Scope missing: rules for an existing NSG, priorities from 100 (lower numbers win): keep them ahead of the rules that deny these flows today.
# Flows to destinations outside Azure (the catch-all zone, host peers, external networks) leave as outbound traffic, which Azure allows by default: their inbound rules document them and match nothing.
# NSGs take no host names: each host peer has a list variable for its prefixes (empty: no rule).
# Source ports are matched where the catalog restricts them.

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

# Rule 1: H.323 RAS, SIP over UDP from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp)
resource "azurerm_network_security_rule" "pexnet_1_ipv4" {
  resource_group_name          = var.resource_group_name
  network_security_group_name  = var.network_security_group_name
  name                         = "pexnet-1-ipv4"
  description                  = "H.323 RAS, SIP over UDP from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp)"
  priority                     = 100
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Udp"
  source_address_prefixes      = ["0.0.0.0/0"]
  source_port_range            = "*"
  destination_address_prefixes = ["172.16.20.11/32", "172.16.20.12/32"]
  destination_port_ranges      = ["1719", "5060"]
}
