# pexnet export for Azure network security group (Terraform): network firewall outside-fw from internet-edge.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 6 rules for 36 required flow groups. Each rule names the Pexip flows it serves.
# Network security groups are stateful: replies to allowed connections pass by nature.
# Network firewall outside-fw becomes inbound rules of one NSG: associate it with the subnets (or NICs) of the destination parties. Each rule names its destination prefixes, so one NSG serves every destination subnet.
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

resource "azurerm_network_security_group" "pexnet_outside_fw" {
  name                = "pexnet-outside-fw"
  location            = var.location
  resource_group_name = var.resource_group_name

  # Rule 1: H.323 RAS, SIP over UDP, Call media from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)
  security_rule {
    name                         = "pexnet-1-ipv4"
    description                  = "H.323 RAS, SIP over UDP, Call media from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)"
    priority                     = 100
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Udp"
    source_address_prefixes      = ["0.0.0.0/0"]
    source_port_range            = "*"
    destination_address_prefixes = ["172.16.20.11/32", "172.16.20.12/32"]
    destination_port_ranges      = ["1719", "5060", "40000-49999"]
  }

  # Rule 2: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
  security_rule {
    name                         = "pexnet-2-ipv4"
    description                  = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect t..."
    priority                     = 110
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Tcp"
    source_address_prefixes      = ["0.0.0.0/0"]
    source_port_range            = "*"
    destination_address_prefixes = ["172.16.20.11/32", "172.16.20.12/32"]
    destination_port_ranges      = ["80", "443", "1720", "5060-5061", "33000-49999"]
  }

  # Rule 3: H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from edge-1 and edge-2 to callers (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)
  security_rule {
    name                         = "pexnet-3-ipv4"
    description                  = "H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from edge-1 and edge-2 to callers"
    priority                     = 120
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Udp"
    source_address_prefixes      = ["172.16.20.11/32", "172.16.20.12/32"]
    source_port_ranges           = ["33000-39999"]
    destination_address_prefixes = ["0.0.0.0/0"]
    destination_port_ranges      = ["1719", "5060"]
  }

  # Rule 4: H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from edge-1 and edge-2 to callers (pexnet rows: node-to-endpoint-h323-call-setup, node-to-endpoint-h323-h245, node-to-endpoint-sip, node-to-endpoint-sip-tls)
  security_rule {
    name                         = "pexnet-4-ipv4"
    description                  = "H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP ove..."
    priority                     = 130
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Tcp"
    source_address_prefixes      = ["172.16.20.11/32", "172.16.20.12/32"]
    source_port_ranges           = ["33000-39999"]
    destination_address_prefixes = ["0.0.0.0/0"]
    destination_port_ranges      = ["1-65535"]
  }

  # Rule 5: Call media, placed by the node from edge-1 and edge-2 to callers (pexnet rows: node-to-endpoint-media)
  security_rule {
    name                         = "pexnet-5-ipv4"
    description                  = "Call media, placed by the node from edge-1 and edge-2 to callers (pexnet rows: node-to-endpoint-media)"
    priority                     = 140
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Tcp"
    source_address_prefixes      = ["172.16.20.11/32", "172.16.20.12/32"]
    source_port_ranges           = ["40000-49999"]
    destination_address_prefixes = ["0.0.0.0/0"]
    destination_port_ranges      = ["1-65535"]
  }

  # Rule 6: Call media, placed by the node from edge-1 and edge-2 to callers (pexnet rows: node-to-endpoint-media)
  security_rule {
    name                         = "pexnet-6-ipv4"
    description                  = "Call media, placed by the node from edge-1 and edge-2 to callers (pexnet rows: node-to-endpoint-media)"
    priority                     = 150
    direction                    = "Inbound"
    access                       = "Allow"
    protocol                     = "Udp"
    source_address_prefixes      = ["172.16.20.11/32", "172.16.20.12/32"]
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
