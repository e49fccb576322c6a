# pexnet export for Azure network security group (Terraform): network firewall edge-fw from acme.pexnet
# Scope missing: only the required flows this firewall drops today, to add to its existing policy.
# 6 rules for 10 required flow groups. Each rule names the Pexip flows it serves.
# Network security groups are stateful: replies to allowed connections pass by nature.
# Network firewall edge-fw becomes inbound rules of one NSG: associate it with the subnets (or NICs) of the destination parties. Each rule names its destination prefixes, so one NSG serves every destination subnet.
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

# Rule 1: SSH administration from noc to edge-lon-1 (pexnet rows: admin-ssh)
resource "azurerm_network_security_rule" "pexnet_1_ipv4" {
  resource_group_name          = var.resource_group_name
  network_security_group_name  = var.network_security_group_name
  name                         = "pexnet-1-ipv4"
  description                  = "SSH administration from noc to edge-lon-1 (pexnet rows: admin-ssh)"
  priority                     = 100
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_address_prefixes      = ["10.10.50.0/24"]
  source_port_range            = "*"
  destination_address_prefixes = ["198.51.100.11/32"]
  destination_port_ranges      = ["22"]
}

# Rule 2: DNS lookups from edge-lon-1 to dns1 (pexnet rows: dns)
resource "azurerm_network_security_rule" "pexnet_2_ipv4" {
  resource_group_name          = var.resource_group_name
  network_security_group_name  = var.network_security_group_name
  name                         = "pexnet-2-ipv4"
  description                  = "DNS lookups from edge-lon-1 to dns1 (pexnet rows: dns)"
  priority                     = 110
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_address_prefixes      = ["198.51.100.11/32"]
  source_port_ranges           = ["55000-65535"]
  destination_address_prefixes = ["10.10.0.53/32"]
  destination_port_ranges      = ["53"]
}

# Rule 3: DNS lookups from edge-lon-1 to dns1 (pexnet rows: dns)
resource "azurerm_network_security_rule" "pexnet_3_ipv4" {
  resource_group_name          = var.resource_group_name
  network_security_group_name  = var.network_security_group_name
  name                         = "pexnet-3-ipv4"
  description                  = "DNS lookups from edge-lon-1 to dns1 (pexnet rows: dns)"
  priority                     = 120
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Udp"
  source_address_prefixes      = ["198.51.100.11/32"]
  source_port_ranges           = ["55000-65535"]
  destination_address_prefixes = ["10.10.0.53/32"]
  destination_port_ranges      = ["53"]
}

# Rule 4: NTP time synchronization from edge-lon-1 to ntp1 (pexnet rows: ntp)
resource "azurerm_network_security_rule" "pexnet_4_ipv4" {
  resource_group_name          = var.resource_group_name
  network_security_group_name  = var.network_security_group_name
  name                         = "pexnet-4-ipv4"
  description                  = "NTP time synchronization from edge-lon-1 to ntp1 (pexnet rows: ntp)"
  priority                     = 130
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Udp"
  source_address_prefixes      = ["198.51.100.11/32"]
  source_port_ranges           = ["123", "55000-65535"]
  destination_address_prefixes = ["10.10.0.123/32"]
  destination_port_ranges      = ["123"]
}

# Rule 5: H.323 RAS, SIP over UDP from guests to edge-lon-1 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp)
resource "azurerm_network_security_rule" "pexnet_5_ipv4" {
  resource_group_name          = var.resource_group_name
  network_security_group_name  = var.network_security_group_name
  name                         = "pexnet-5-ipv4"
  description                  = "H.323 RAS, SIP over UDP from guests to edge-lon-1 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp)"
  priority                     = 140
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Udp"
  source_address_prefixes      = ["0.0.0.0/0"]
  source_port_range            = "*"
  destination_address_prefixes = ["198.51.100.11/32"]
  destination_port_ranges      = ["1719", "5060"]
}

# Rule 6: H.323 call setup, H.245 call control for H.323, SIP over TCP, HTTP redirect to HTTPS from guests to edge-lon-1 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-http-redirect)
resource "azurerm_network_security_rule" "pexnet_6_ipv4" {
  resource_group_name          = var.resource_group_name
  network_security_group_name  = var.network_security_group_name
  name                         = "pexnet-6-ipv4"
  description                  = "H.323 call setup, H.245 call control for H.323, SIP over TCP, HTTP redirect to HTTPS from guests to edge-lon-1"
  priority                     = 150
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_address_prefixes      = ["0.0.0.0/0"]
  source_port_range            = "*"
  destination_address_prefixes = ["198.51.100.11/32"]
  destination_port_ranges      = ["80", "1720", "5060", "33000-39999"]
}
