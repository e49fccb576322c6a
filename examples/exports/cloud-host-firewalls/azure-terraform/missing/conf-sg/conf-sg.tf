# pexnet export for Azure network security group (Terraform): host firewall conf-sg from cloud-host-firewalls.pexnet
# Scope missing: only the required flows this firewall drops today, to add to its existing policy.
# 1 rules for 1 required flow groups. Each rule names the Pexip flows it serves.
# Network security groups are stateful: replies to allowed connections pass by nature.
# Host firewall conf-sg: associate the NSG with the NICs (or subnet) of the protected addresses.
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

# Rule 1: Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-provisioning)
resource "azurerm_network_security_rule" "pexnet_1_ipv4" {
  resource_group_name          = var.resource_group_name
  network_security_group_name  = var.network_security_group_name
  name                         = "pexnet-1-ipv4"
  description                  = "Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-provisioning)"
  priority                     = 100
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_address_prefixes      = ["192.0.2.0/26"]
  source_port_range            = "*"
  destination_address_prefixes = ["10.100.1.4/31"]
  destination_port_ranges      = ["8443"]
}
