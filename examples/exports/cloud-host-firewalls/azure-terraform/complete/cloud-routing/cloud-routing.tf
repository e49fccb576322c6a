# pexnet export for Azure network security group (Terraform): network firewall cloud-routing from cloud-host-firewalls.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 10 rules for 25 required flow groups. Each rule names the Pexip flows it serves.
# Network security groups are stateful: replies to allowed connections pass by nature.
# Network firewall cloud-routing becomes inbound rules of one NSG: associate it with the subnets (or NICs) of the destination parties. Each rule names its destination prefixes, so one NSG serves every destination subnet.
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

variable "host_time_1_ipv4_cidrs" {
  description = "FILL IN: the IPv4 prefixes of time.windows.com, host peer time empty means no rule"
  type        = list(string)
  default     = []
}

variable "host_lic_and_azure_api_1_ipv4_cidrs" {
  description = "FILL IN: the IPv4 prefixes of activation.pexip.com, host peer lic-and-azure-api empty means no rule"
  type        = list(string)
  default     = []
}

variable "host_lic_and_azure_api_2_ipv4_cidrs" {
  description = "FILL IN: the IPv4 prefixes of management.azure.com, host peer lic-and-azure-api empty means no rule"
  type        = list(string)
  default     = []
}

resource "azurerm_network_security_group" "pexnet_cloud_routing" {
  name                = "pexnet-cloud-routing"
  location            = var.location
  resource_group_name = var.resource_group_name

  # Rule 1: SSH administration, Management web and API over HTTPS from admins to mgmt (pexnet rows: admin-ssh, admin-https)
  security_rule {
    name                         = "pexnet-1-ipv4"
    description                  = "SSH administration, Management web and API over HTTPS from admins to mgmt (pexnet rows: admin-ssh, admin-https)"
    priority                     = 100
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Tcp"
    source_address_prefixes      = ["192.0.2.0/26"]
    source_port_range            = "*"
    destination_address_prefixes = ["10.100.0.4/32"]
    destination_port_ranges      = ["22", "443"]
  }

  # Rule 2: SSH administration, Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-ssh, admin-provisioning)
  security_rule {
    name                         = "pexnet-2-ipv4"
    description                  = "SSH administration, Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-ssh, admin-provisioning)"
    priority                     = 110
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Tcp"
    source_address_prefixes      = ["192.0.2.0/26"]
    source_port_range            = "*"
    destination_address_prefixes = ["10.100.1.4/31"]
    destination_port_ranges      = ["22", "8443"]
  }

  # Rule 3: NTP time synchronization from mgmt, conf-1 and conf-2 to time (pexnet rows: ntp)
  dynamic "security_rule" {
    for_each = length(var.host_time_1_ipv4_cidrs) > 0 ? [1] : []
    content {
      name                         = "pexnet-3-ipv4"
      description                  = "NTP time synchronization from mgmt, conf-1 and conf-2 to time (pexnet rows: ntp)"
      priority                     = 120
      direction                    = "Inbound"
      access                       = "Allow"
      protocol                     = "Udp"
      source_address_prefixes      = ["10.100.0.4/32", "10.100.1.4/31"]
      source_port_ranges           = ["123", "55000-65535"]
      destination_address_prefixes = var.host_time_1_ipv4_cidrs
      destination_port_ranges      = ["123"]
    }
  }

  # Rule 4: License activation, Cloud bursting control from mgmt to lic and azure-api (pexnet rows: licensing, cloud-bursting)
  dynamic "security_rule" {
    for_each = length(var.host_lic_and_azure_api_1_ipv4_cidrs) > 0 ? [1] : []
    content {
      name                         = "pexnet-4-ipv4"
      description                  = "License activation, Cloud bursting control from mgmt to lic and azure-api (pexnet rows: licensing, cloud-bursting)"
      priority                     = 130
      direction                    = "Inbound"
      access                       = "Allow"
      protocol                     = "Tcp"
      source_address_prefixes      = ["10.100.0.4/32"]
      source_port_ranges           = ["55000-65535"]
      destination_address_prefixes = var.host_lic_and_azure_api_1_ipv4_cidrs
      destination_port_ranges      = ["443"]
    }
  }

  # Rule 4: License activation, Cloud bursting control from mgmt to lic and azure-api (pexnet rows: licensing, cloud-bursting)
  dynamic "security_rule" {
    for_each = length(var.host_lic_and_azure_api_2_ipv4_cidrs) > 0 ? [1] : []
    content {
      name                         = "pexnet-4-ipv4-2"
      description                  = "License activation, Cloud bursting control from mgmt to lic and azure-api (pexnet rows: licensing, cloud-bursting)"
      priority                     = 140
      direction                    = "Inbound"
      access                       = "Allow"
      protocol                     = "Tcp"
      source_address_prefixes      = ["10.100.0.4/32"]
      source_port_ranges           = ["55000-65535"]
      destination_address_prefixes = var.host_lic_and_azure_api_2_ipv4_cidrs
      destination_port_ranges      = ["443"]
    }
  }

  # Rule 5: H.323 RAS, Call media from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-ras, endpoint-media)
  security_rule {
    name                         = "pexnet-5-ipv4"
    description                  = "H.323 RAS, Call media from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-ras, endpoint-media)"
    priority                     = 150
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Udp"
    source_address_prefixes      = ["0.0.0.0/0"]
    source_port_range            = "*"
    destination_address_prefixes = ["10.100.1.4/31"]
    destination_port_ranges      = ["1719", "40000-49999"]
  }

  # Rule 6: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
  security_rule {
    name                         = "pexnet-6-ipv4"
    description                  = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect t..."
    priority                     = 160
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Tcp"
    source_address_prefixes      = ["0.0.0.0/0"]
    source_port_range            = "*"
    destination_address_prefixes = ["10.100.1.4/31"]
    destination_port_ranges      = ["80", "443", "1720", "5060-5061", "33000-49999"]
  }

  # Rule 7: H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)
  security_rule {
    name                         = "pexnet-7-ipv4"
    description                  = "H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-1 and conf-2 to anyone"
    priority                     = 170
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Udp"
    source_address_prefixes      = ["10.100.1.4/31"]
    source_port_ranges           = ["33000-39999"]
    destination_address_prefixes = ["0.0.0.0/0"]
    destination_port_ranges      = ["1719", "5060"]
  }

  # Rule 8: H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-h323-call-setup, node-to-endpoint-h323-h245, node-to-endpoint-sip, node-to-endpoint-sip-tls)
  security_rule {
    name                         = "pexnet-8-ipv4"
    description                  = "H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP ove..."
    priority                     = 180
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Tcp"
    source_address_prefixes      = ["10.100.1.4/31"]
    source_port_ranges           = ["33000-39999"]
    destination_address_prefixes = ["0.0.0.0/0"]
    destination_port_ranges      = ["1-65535"]
  }

  # Rule 9: Call media, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-media)
  security_rule {
    name                         = "pexnet-9-ipv4"
    description                  = "Call media, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-media)"
    priority                     = 190
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Tcp"
    source_address_prefixes      = ["10.100.1.4/31"]
    source_port_ranges           = ["40000-49999"]
    destination_address_prefixes = ["0.0.0.0/0"]
    destination_port_ranges      = ["1-65535"]
  }

  # Rule 10: Call media, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-media)
  security_rule {
    name                         = "pexnet-10-ipv4"
    description                  = "Call media, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-media)"
    priority                     = 200
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Udp"
    source_address_prefixes      = ["10.100.1.4/31"]
    source_port_ranges           = ["40000-49999"]
    destination_address_prefixes = ["0.0.0.0/0"]
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
