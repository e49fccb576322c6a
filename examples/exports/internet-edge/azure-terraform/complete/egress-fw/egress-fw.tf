# pexnet export for Azure network security group (Terraform): network firewall egress-fw from internet-edge.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 1 rules for 1 required flow groups. Each rule names the Pexip flows it serves.
# Network security groups are stateful: replies to allowed connections pass by nature.
# Network firewall egress-fw becomes inbound rules of one NSG: associate it with the subnets (or NICs) of the destination parties. Each rule names its destination prefixes, so one NSG serves every destination subnet.
# A deny-all inbound rule at priority 4096 drops the rest: the default rules of Azure would otherwise allow all traffic from the virtual network and the load balancer (add a rule for AzureLoadBalancer probes if you use them).
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
  description = "The resource group of the NSG"
  type        = string
}

variable "location" {
  description = "The Azure region of the NSG"
  type        = string
}

variable "host_lic_1_ipv4_cidrs" {
  description = "FILL IN: the IPv4 prefixes of activation.pexip.com, host peer lic empty means no rule"
  type        = list(string)
  default     = []
}

resource "azurerm_network_security_group" "pexnet_egress_fw" {
  name                = "pexnet-egress-fw"
  location            = var.location
  resource_group_name = var.resource_group_name

  # Rule 1: License activation from mgmt to lic (pexnet rows: licensing)
  dynamic "security_rule" {
    for_each = length(var.host_lic_1_ipv4_cidrs) > 0 ? [1] : []
    content {
      name                         = "pexnet-1-ipv4"
      description                  = "License activation from mgmt to lic (pexnet rows: licensing)"
      priority                     = 100
      direction                    = "Inbound"
      access                       = "Allow"
      protocol                     = "Tcp"
      source_address_prefixes      = ["10.1.0.5/32"]
      source_port_ranges           = ["55000-65535"]
      destination_address_prefixes = var.host_lic_1_ipv4_cidrs
      destination_port_ranges      = ["443"]
    }
  }

  # Everything else inbound is dropped, ahead of the default allow rules of Azure.
  security_rule {
    name                       = "pexnet-deny-all-inbound"
    description                = "pexnet: drop all other inbound traffic"
    priority                   = 4096
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "*"
    source_address_prefix      = "*"
    source_port_range          = "*"
    destination_address_prefix = "*"
    destination_port_range     = "*"
  }
}
