# pexnet export for Azure network security group (Terraform): host firewall mgmt-sg from cloud-host-firewalls.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 3 rules for 4 required flow groups. Each rule names the Pexip flows it serves.
# Network security groups are stateful: replies to allowed connections pass by nature.
# Host firewall mgmt-sg: associate the NSG with the NICs (or subnet) of the protected addresses.
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

resource "azurerm_network_security_group" "pexnet_mgmt_sg" {
  name                = "pexnet-mgmt-sg"
  location            = var.location
  resource_group_name = var.resource_group_name

  # Rule 1: IPsec key exchange over IKE from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-ike)
  security_rule {
    name                         = "pexnet-1-ipv4"
    description                  = "IPsec key exchange over IKE from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-ike)"
    priority                     = 100
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Udp"
    source_address_prefixes      = ["10.100.1.4/31"]
    source_port_ranges           = ["500"]
    destination_address_prefixes = ["10.100.0.4/32"]
    destination_port_ranges      = ["500"]
  }

  # Rule 2: IPsec ESP between nodes from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-esp)
  security_rule {
    name                         = "pexnet-2-ipv4"
    description                  = "IPsec ESP between nodes from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-esp)"
    priority                     = 110
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Esp"
    source_address_prefixes      = ["10.100.1.4/31"]
    source_port_range            = "*"
    destination_address_prefixes = ["10.100.0.4/32"]
    destination_port_range       = "*"
  }

  # Rule 3: SSH administration, Management web and API over HTTPS from admins to mgmt (pexnet rows: admin-ssh, admin-https)
  security_rule {
    name                         = "pexnet-3-ipv4"
    description                  = "SSH administration, Management web and API over HTTPS from admins to mgmt (pexnet rows: admin-ssh, admin-https)"
    priority                     = 120
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Tcp"
    source_address_prefixes      = ["192.0.2.0/26"]
    source_port_range            = "*"
    destination_address_prefixes = ["10.100.0.4/32"]
    destination_port_ranges      = ["22", "443"]
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
