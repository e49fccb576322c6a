# pexnet export for Azure network security group (Terraform): network firewall dmz-fw from teams-google-interop.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 15 rules for 16 required flow groups. Each rule names the Pexip flows it serves.
# Network security groups are stateful: replies to allowed connections pass by nature.
# Network firewall dmz-fw becomes inbound rules of one NSG: associate it with the subnets (or NICs) of the destination parties. Each rule names its destination prefixes, so one NSG serves every destination subnet.
# A deny-all inbound rule at priority 4096 drops the rest: the default rules of Azure would otherwise allow all traffic from the virtual network and the load balancer (add a rule for AzureLoadBalancer probes if you use them).
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
  description = "The resource group of the NSG"
  type        = string
}

variable "location" {
  description = "The Azure region of the NSG"
  type        = string
}

variable "host_hub_1_ipv4_cidrs" {
  description = "FILL IN: the IPv4 prefixes of fabrikam-teams.servicebus.windows.net, host peer hub empty means no rule"
  type        = list(string)
  default     = []
}

resource "azurerm_network_security_group" "pexnet_dmz_fw" {
  name                = "pexnet-dmz-fw"
  location            = var.location
  resource_group_name = var.resource_group_name

  # Rule 1: IPsec key exchange over IKE from mgmt to conf-1 and conf-2 (pexnet rows: ipsec-ike)
  security_rule {
    name                         = "pexnet-1-ipv4"
    description                  = "IPsec key exchange over IKE from mgmt to conf-1 and conf-2 (pexnet rows: ipsec-ike)"
    priority                     = 100
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Udp"
    source_address_prefixes      = ["10.30.0.5/32"]
    source_port_ranges           = ["500"]
    destination_address_prefixes = ["192.0.2.21/32", "192.0.2.22/32"]
    destination_port_ranges      = ["500"]
  }

  # Rule 2: IPsec key exchange over IKE from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-ike)
  security_rule {
    name                         = "pexnet-2-ipv4"
    description                  = "IPsec key exchange over IKE from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-ike)"
    priority                     = 110
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Udp"
    source_address_prefixes      = ["192.0.2.21/32", "192.0.2.22/32"]
    source_port_ranges           = ["500"]
    destination_address_prefixes = ["10.30.0.5/32"]
    destination_port_ranges      = ["500"]
  }

  # Rule 3: IPsec ESP between nodes from mgmt to conf-1 and conf-2 (pexnet rows: ipsec-esp)
  security_rule {
    name                         = "pexnet-3-ipv4"
    description                  = "IPsec ESP between nodes from mgmt to conf-1 and conf-2 (pexnet rows: ipsec-esp)"
    priority                     = 120
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Esp"
    source_address_prefixes      = ["10.30.0.5/32"]
    source_port_range            = "*"
    destination_address_prefixes = ["192.0.2.21/32", "192.0.2.22/32"]
    destination_port_range       = "*"
  }

  # Rule 4: IPsec ESP between nodes from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-esp)
  security_rule {
    name                         = "pexnet-4-ipv4"
    description                  = "IPsec ESP between nodes from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-esp)"
    priority                     = 130
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Esp"
    source_address_prefixes      = ["192.0.2.21/32", "192.0.2.22/32"]
    source_port_range            = "*"
    destination_address_prefixes = ["10.30.0.5/32"]
    destination_port_range       = "*"
  }

  # Rule 5: DNS lookups from conf-1 and conf-2 to dns (pexnet rows: dns)
  security_rule {
    name                         = "pexnet-5-ipv4"
    description                  = "DNS lookups from conf-1 and conf-2 to dns (pexnet rows: dns)"
    priority                     = 140
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Tcp"
    source_address_prefixes      = ["192.0.2.21/32", "192.0.2.22/32"]
    source_port_ranges           = ["55000-65535"]
    destination_address_prefixes = ["10.30.0.53/32"]
    destination_port_ranges      = ["53"]
  }

  # Rule 6: DNS lookups from conf-1 and conf-2 to dns (pexnet rows: dns)
  security_rule {
    name                         = "pexnet-6-ipv4"
    description                  = "DNS lookups from conf-1 and conf-2 to dns (pexnet rows: dns)"
    priority                     = 150
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Udp"
    source_address_prefixes      = ["192.0.2.21/32", "192.0.2.22/32"]
    source_port_ranges           = ["55000-65535"]
    destination_address_prefixes = ["10.30.0.53/32"]
    destination_port_ranges      = ["53"]
  }

  # Rule 7: NTP time synchronization from conf-1 and conf-2 to ntp (pexnet rows: ntp)
  security_rule {
    name                         = "pexnet-7-ipv4"
    description                  = "NTP time synchronization from conf-1 and conf-2 to ntp (pexnet rows: ntp)"
    priority                     = 160
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Udp"
    source_address_prefixes      = ["192.0.2.21/32", "192.0.2.22/32"]
    source_port_ranges           = ["123", "55000-65535"]
    destination_address_prefixes = ["10.30.0.123/32"]
    destination_port_ranges      = ["123"]
  }

  # Rule 8: Outbound web proxy from conf-1 and conf-2 to proxy (pexnet rows: web-proxy)
  security_rule {
    name                         = "pexnet-8-ipv4"
    description                  = "Outbound web proxy from conf-1 and conf-2 to proxy (pexnet rows: web-proxy)"
    priority                     = 170
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Tcp"
    source_address_prefixes      = ["192.0.2.21/32", "192.0.2.22/32"]
    source_port_ranges           = ["55000-65535"]
    destination_address_prefixes = ["10.30.0.8/32"]
    destination_port_ranges      = ["3128"]
  }

  # Rule 9: Teams status reports to Azure Event Hub over AMQPS from mgmt to hub (pexnet rows: event-hub)
  dynamic "security_rule" {
    for_each = length(var.host_hub_1_ipv4_cidrs) > 0 ? [1] : []
    content {
      name                         = "pexnet-9-ipv4"
      description                  = "Teams status reports to Azure Event Hub over AMQPS from mgmt to hub (pexnet rows: event-hub)"
      priority                     = 180
      direction                    = "Inbound"
      access                       = "Allow"
      protocol                     = "Tcp"
      source_address_prefixes      = ["10.30.0.5/32"]
      source_port_ranges           = ["55000-65535"]
      destination_address_prefixes = var.host_hub_1_ipv4_cidrs
      destination_port_ranges      = ["5671"]
    }
  }

  # Rule 11: Google Meet signaling, Signaling to the Teams Connector from conf-1 and conf-2 to teams and meet (pexnet rows: node-to-google-meet-signaling, node-to-teams-connector-signaling)
  security_rule {
    name                         = "pexnet-11-ipv4"
    description                  = "Google Meet signaling, Signaling to the Teams Connector from conf-1 and conf-2 to teams and meet"
    priority                     = 190
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Tcp"
    source_address_prefixes      = ["192.0.2.21/32", "192.0.2.22/32"]
    source_port_ranges           = ["33000-39999"]
    destination_address_prefixes = ["203.0.113.0/26"]
    destination_port_ranges      = ["443"]
  }

  # Rule 13: Signaling from the Teams Connector from teams to conf-1 and conf-2 (pexnet rows: teams-connector-signaling)
  security_rule {
    name                         = "pexnet-13-ipv4"
    description                  = "Signaling from the Teams Connector from teams to conf-1 and conf-2 (pexnet rows: teams-connector-signaling)"
    priority                     = 200
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Tcp"
    source_address_prefixes      = ["203.0.113.0/26"]
    source_port_range            = "*"
    destination_address_prefixes = ["192.0.2.21/32", "192.0.2.22/32"]
    destination_port_ranges      = ["443", "4277"]
  }

  # Rule 14: Media from the Teams Connector from teams to conf-1 and conf-2 (pexnet rows: teams-connector-media)
  security_rule {
    name                         = "pexnet-14-ipv4"
    description                  = "Media from the Teams Connector from teams to conf-1 and conf-2 (pexnet rows: teams-connector-media)"
    priority                     = 210
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Udp"
    source_address_prefixes      = ["203.0.113.0/26"]
    source_port_ranges           = ["50000-54999"]
    destination_address_prefixes = ["192.0.2.21/32", "192.0.2.22/32"]
    destination_port_ranges      = ["40000-44999"]
  }

  # Rule 15: Media to the Teams Connector from conf-1 and conf-2 to teams (pexnet rows: node-to-teams-connector-media)
  security_rule {
    name                         = "pexnet-15-ipv4"
    description                  = "Media to the Teams Connector from conf-1 and conf-2 to teams (pexnet rows: node-to-teams-connector-media)"
    priority                     = 220
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Udp"
    source_address_prefixes      = ["192.0.2.21/32", "192.0.2.22/32"]
    source_port_ranges           = ["40000-44999"]
    destination_address_prefixes = ["203.0.113.0/26"]
    destination_port_ranges      = ["50000-54999"]
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
