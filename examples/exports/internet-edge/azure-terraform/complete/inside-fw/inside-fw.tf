# pexnet export for Azure network security group (Terraform): network firewall inside-fw from internet-edge.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 17 rules for 34 required flow groups. Each rule names the Pexip flows it serves.
# Network security groups are stateful: replies to allowed connections pass by nature.
# Network firewall inside-fw becomes inbound rules of one NSG: associate it with the subnets (or NICs) of the destination parties. Each rule names its destination prefixes, so one NSG serves every destination subnet.
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

resource "azurerm_network_security_group" "pexnet_inside_fw" {
  name                = "pexnet-inside-fw"
  location            = var.location
  resource_group_name = var.resource_group_name

  # Rule 1: IPsec key exchange over IKE from edge-1 and edge-2 to mgmt, conf-dc-1 and 2 more (pexnet rows: ipsec-ike)
  security_rule {
    name                         = "pexnet-1-ipv4"
    description                  = "IPsec key exchange over IKE from edge-1 and edge-2 to mgmt, conf-dc-1 and 2 more (pexnet rows: ipsec-ike)"
    priority                     = 100
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Udp"
    source_address_prefixes      = ["172.16.10.11/32", "172.16.10.12/32"]
    source_port_ranges           = ["500"]
    destination_address_prefixes = ["10.1.0.5/32", "10.1.1.11/32", "10.1.1.12/32", "10.1.2.11/32"]
    destination_port_ranges      = ["500"]
  }

  # Rule 2: IPsec key exchange over IKE from mgmt, conf-dc-1 and 2 more to edge-1 and edge-2 (pexnet rows: ipsec-ike)
  security_rule {
    name                         = "pexnet-2-ipv4"
    description                  = "IPsec key exchange over IKE from mgmt, conf-dc-1 and 2 more to edge-1 and edge-2 (pexnet rows: ipsec-ike)"
    priority                     = 110
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Udp"
    source_address_prefixes      = ["10.1.0.5/32", "10.1.1.11/32", "10.1.1.12/32", "10.1.2.11/32"]
    source_port_ranges           = ["500"]
    destination_address_prefixes = ["172.16.10.11/32", "172.16.10.12/32"]
    destination_port_ranges      = ["500"]
  }

  # Rule 3: IPsec ESP between nodes from edge-1 and edge-2 to mgmt, conf-dc-1 and 2 more (pexnet rows: ipsec-esp)
  security_rule {
    name                         = "pexnet-3-ipv4"
    description                  = "IPsec ESP between nodes from edge-1 and edge-2 to mgmt, conf-dc-1 and 2 more (pexnet rows: ipsec-esp)"
    priority                     = 120
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Esp"
    source_address_prefixes      = ["172.16.10.11/32", "172.16.10.12/32"]
    source_port_range            = "*"
    destination_address_prefixes = ["10.1.0.5/32", "10.1.1.11/32", "10.1.1.12/32", "10.1.2.11/32"]
    destination_port_range       = "*"
  }

  # Rule 4: IPsec ESP between nodes from mgmt, conf-dc-1 and 2 more to edge-1 and edge-2 (pexnet rows: ipsec-esp)
  security_rule {
    name                         = "pexnet-4-ipv4"
    description                  = "IPsec ESP between nodes from mgmt, conf-dc-1 and 2 more to edge-1 and edge-2 (pexnet rows: ipsec-esp)"
    priority                     = 130
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Esp"
    source_address_prefixes      = ["10.1.0.5/32", "10.1.1.11/32", "10.1.1.12/32", "10.1.2.11/32"]
    source_port_range            = "*"
    destination_address_prefixes = ["172.16.10.11/32", "172.16.10.12/32"]
    destination_port_range       = "*"
  }

  # Rule 5: SSH administration, Management web and API over HTTPS from noc to mgmt (pexnet rows: admin-ssh, admin-https)
  security_rule {
    name                         = "pexnet-5-ipv4"
    description                  = "SSH administration, Management web and API over HTTPS from noc to mgmt (pexnet rows: admin-ssh, admin-https)"
    priority                     = 140
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Tcp"
    source_address_prefixes      = ["10.9.0.0/24"]
    source_port_range            = "*"
    destination_address_prefixes = ["10.1.0.5/32"]
    destination_port_ranges      = ["22", "443"]
  }

  # Rule 6: SSH administration from noc to conf-dc-1, conf-dc-2 and conf-bak-1 (pexnet rows: admin-ssh)
  security_rule {
    name                         = "pexnet-6-ipv4"
    description                  = "SSH administration from noc to conf-dc-1, conf-dc-2 and conf-bak-1 (pexnet rows: admin-ssh)"
    priority                     = 150
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Tcp"
    source_address_prefixes      = ["10.9.0.0/24"]
    source_port_range            = "*"
    destination_address_prefixes = ["10.1.1.11/32", "10.1.1.12/32", "10.1.2.11/32"]
    destination_port_ranges      = ["22"]
  }

  # Rule 7: SSH administration from noc to edge-1 and edge-2 (pexnet rows: admin-ssh)
  security_rule {
    name                         = "pexnet-7-ipv4"
    description                  = "SSH administration from noc to edge-1 and edge-2 (pexnet rows: admin-ssh)"
    priority                     = 160
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Tcp"
    source_address_prefixes      = ["10.9.0.0/24"]
    source_port_range            = "*"
    destination_address_prefixes = ["172.16.10.11/32", "172.16.10.12/32"]
    destination_port_ranges      = ["22"]
  }

  # Rule 8: DNS lookups from edge-1 and edge-2 to dns1 (pexnet rows: dns)
  security_rule {
    name                         = "pexnet-8-ipv4"
    description                  = "DNS lookups from edge-1 and edge-2 to dns1 (pexnet rows: dns)"
    priority                     = 170
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Tcp"
    source_address_prefixes      = ["172.16.10.11/32", "172.16.10.12/32"]
    source_port_ranges           = ["55000-65535"]
    destination_address_prefixes = ["10.1.0.53/32"]
    destination_port_ranges      = ["53"]
  }

  # Rule 9: DNS lookups from edge-1 and edge-2 to dns1 (pexnet rows: dns)
  security_rule {
    name                         = "pexnet-9-ipv4"
    description                  = "DNS lookups from edge-1 and edge-2 to dns1 (pexnet rows: dns)"
    priority                     = 180
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Udp"
    source_address_prefixes      = ["172.16.10.11/32", "172.16.10.12/32"]
    source_port_ranges           = ["55000-65535"]
    destination_address_prefixes = ["10.1.0.53/32"]
    destination_port_ranges      = ["53"]
  }

  # Rule 10: NTP time synchronization from edge-1 and edge-2 to ntp1 (pexnet rows: ntp)
  security_rule {
    name                         = "pexnet-10-ipv4"
    description                  = "NTP time synchronization from edge-1 and edge-2 to ntp1 (pexnet rows: ntp)"
    priority                     = 190
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Udp"
    source_address_prefixes      = ["172.16.10.11/32", "172.16.10.12/32"]
    source_port_ranges           = ["123", "55000-65535"]
    destination_address_prefixes = ["10.1.0.123/32"]
    destination_port_ranges      = ["123"]
  }

  # Rule 11: License activation from mgmt to lic (pexnet rows: licensing)
  dynamic "security_rule" {
    for_each = length(var.host_lic_1_ipv4_cidrs) > 0 ? [1] : []
    content {
      name                         = "pexnet-11-ipv4"
      description                  = "License activation from mgmt to lic (pexnet rows: licensing)"
      priority                     = 200
      direction                    = "Inbound"
      access                       = "Allow"
      protocol                     = "Tcp"
      source_address_prefixes      = ["10.1.0.5/32"]
      source_port_ranges           = ["55000-65535"]
      destination_address_prefixes = var.host_lic_1_ipv4_cidrs
      destination_port_ranges      = ["443"]
    }
  }

  # Rule 12: H.323 RAS, SIP over UDP, Call media from staff to conf-dc-1 and conf-dc-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)
  security_rule {
    name                         = "pexnet-12-ipv4"
    description                  = "H.323 RAS, SIP over UDP, Call media from staff to conf-dc-1 and conf-dc-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)"
    priority                     = 210
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Udp"
    source_address_prefixes      = ["10.64.0.0/12"]
    source_port_range            = "*"
    destination_address_prefixes = ["10.1.1.11/32", "10.1.1.12/32"]
    destination_port_ranges      = ["1719", "5060", "40000-49999"]
  }

  # Rule 13: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from staff to conf-dc-1 and conf-dc-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
  security_rule {
    name                         = "pexnet-13-ipv4"
    description                  = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect t..."
    priority                     = 220
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Tcp"
    source_address_prefixes      = ["10.64.0.0/12"]
    source_port_range            = "*"
    destination_address_prefixes = ["10.1.1.11/32", "10.1.1.12/32"]
    destination_port_ranges      = ["80", "443", "1720", "5060-5061", "33000-49999"]
  }

  # Rule 14: H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-dc-1 and conf-dc-2 to staff (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)
  security_rule {
    name                         = "pexnet-14-ipv4"
    description                  = "H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-dc-1 and conf-dc-2 to staff"
    priority                     = 230
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Udp"
    source_address_prefixes      = ["10.1.1.11/32", "10.1.1.12/32"]
    source_port_ranges           = ["33000-39999"]
    destination_address_prefixes = ["10.64.0.0/12"]
    destination_port_ranges      = ["1719", "5060"]
  }

  # Rule 15: H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from conf-dc-1 and conf-dc-2 to staff (pexnet rows: node-to-endpoint-h323-call-setup, node-to-endpoint-h323-h245, node-to-endpoint-sip, node-to-endpoint-sip-tls)
  security_rule {
    name                         = "pexnet-15-ipv4"
    description                  = "H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP ove..."
    priority                     = 240
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Tcp"
    source_address_prefixes      = ["10.1.1.11/32", "10.1.1.12/32"]
    source_port_ranges           = ["33000-39999"]
    destination_address_prefixes = ["10.64.0.0/12"]
    destination_port_ranges      = ["1-65535"]
  }

  # Rule 16: Call media, placed by the node from conf-dc-1 and conf-dc-2 to staff (pexnet rows: node-to-endpoint-media)
  security_rule {
    name                         = "pexnet-16-ipv4"
    description                  = "Call media, placed by the node from conf-dc-1 and conf-dc-2 to staff (pexnet rows: node-to-endpoint-media)"
    priority                     = 250
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Tcp"
    source_address_prefixes      = ["10.1.1.11/32", "10.1.1.12/32"]
    source_port_ranges           = ["40000-49999"]
    destination_address_prefixes = ["10.64.0.0/12"]
    destination_port_ranges      = ["1-65535"]
  }

  # Rule 17: Call media, placed by the node from conf-dc-1 and conf-dc-2 to staff (pexnet rows: node-to-endpoint-media)
  security_rule {
    name                         = "pexnet-17-ipv4"
    description                  = "Call media, placed by the node from conf-dc-1 and conf-dc-2 to staff (pexnet rows: node-to-endpoint-media)"
    priority                     = 260
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Udp"
    source_address_prefixes      = ["10.1.1.11/32", "10.1.1.12/32"]
    source_port_ranges           = ["40000-49999"]
    destination_address_prefixes = ["10.64.0.0/12"]
    destination_port_ranges      = ["1-65535"]
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
