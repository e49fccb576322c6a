# pexnet export for Google Cloud VPC firewall (Terraform): network firewall dmz-fw from teams-google-interop.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 15 rules for 16 required flow groups. Each rule names the Pexip flows it serves.
# VPC firewall rules are stateful: replies to allowed connections pass by nature.
# VPC firewall rules cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Network firewall dmz-fw becomes ingress rules of the VPC network that apply to all its instances: each names its destination ranges.
# Deny-all ingress at priority 65534 drops the rest (the implied rules of Google Cloud also deny ingress at 65535, and a deny wins over an allow of equal priority such as the default-allow rules of the default network).
# Flows to destinations outside the VPC network (the catch-all zone, host peers, external networks) leave as egress, which Google Cloud allows by default: their ingress rules document them and match nothing.
# A rule cannot mix IPv4 and IPv6 ranges: there is one rule per family.
# VPC firewall rules take no host names: each host peer has a placeholder for its prefixes (empty: no rule).
# IPv6 neighbour discovery is not filtered by VPC firewall rules: no rule is needed for it.

terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 5.0"
    }
  }
}

variable "network" {
  description = "The VPC network (name or self link) the rules belong to"
  type        = string
}

variable "host_hub_1_ipv4_cidrs" {
  description = "FILL IN: the IPv4 prefixes of fabrikam-teams.servicebus.windows.net, host peer hub empty means no rule"
  type        = list(string)
  default     = []
}

# Rule 1: IPsec key exchange over IKE from mgmt to conf-1 and conf-2 (pexnet rows: ipsec-ike)
# Source ports 500 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_dmz_fw_1_v4" {
  name               = "pexnet-dmz-fw-1-v4"
  network            = var.network
  description        = "IPsec key exchange over IKE from mgmt to conf-1 and conf-2 (pexnet rows: ipsec-ike)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.30.0.5/32"]
  destination_ranges = ["192.0.2.21/32", "192.0.2.22/32"]

  allow {
    protocol = "udp"
    ports    = ["500"]
  }
}

# Rule 2: IPsec key exchange over IKE from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-ike)
# Source ports 500 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_dmz_fw_2_v4" {
  name               = "pexnet-dmz-fw-2-v4"
  network            = var.network
  description        = "IPsec key exchange over IKE from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-ike)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["192.0.2.21/32", "192.0.2.22/32"]
  destination_ranges = ["10.30.0.5/32"]

  allow {
    protocol = "udp"
    ports    = ["500"]
  }
}

# Rule 3: IPsec ESP between nodes from mgmt to conf-1 and conf-2 (pexnet rows: ipsec-esp)
resource "google_compute_firewall" "pexnet_dmz_fw_3_v4" {
  name               = "pexnet-dmz-fw-3-v4"
  network            = var.network
  description        = "IPsec ESP between nodes from mgmt to conf-1 and conf-2 (pexnet rows: ipsec-esp)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.30.0.5/32"]
  destination_ranges = ["192.0.2.21/32", "192.0.2.22/32"]

  allow {
    protocol = "esp"
  }
}

# Rule 4: IPsec ESP between nodes from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-esp)
resource "google_compute_firewall" "pexnet_dmz_fw_4_v4" {
  name               = "pexnet-dmz-fw-4-v4"
  network            = var.network
  description        = "IPsec ESP between nodes from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-esp)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["192.0.2.21/32", "192.0.2.22/32"]
  destination_ranges = ["10.30.0.5/32"]

  allow {
    protocol = "esp"
  }
}

# Rule 5: DNS lookups from conf-1 and conf-2 to dns (pexnet rows: dns)
# Source ports 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_dmz_fw_5_v4" {
  name               = "pexnet-dmz-fw-5-v4"
  network            = var.network
  description        = "DNS lookups from conf-1 and conf-2 to dns (pexnet rows: dns)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["192.0.2.21/32", "192.0.2.22/32"]
  destination_ranges = ["10.30.0.53/32"]

  allow {
    protocol = "tcp"
    ports    = ["53"]
  }
}

# Rule 6: DNS lookups from conf-1 and conf-2 to dns (pexnet rows: dns)
# Source ports 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_dmz_fw_6_v4" {
  name               = "pexnet-dmz-fw-6-v4"
  network            = var.network
  description        = "DNS lookups from conf-1 and conf-2 to dns (pexnet rows: dns)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["192.0.2.21/32", "192.0.2.22/32"]
  destination_ranges = ["10.30.0.53/32"]

  allow {
    protocol = "udp"
    ports    = ["53"]
  }
}

# Rule 7: NTP time synchronization from conf-1 and conf-2 to ntp (pexnet rows: ntp)
# Source ports 123, 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_dmz_fw_7_v4" {
  name               = "pexnet-dmz-fw-7-v4"
  network            = var.network
  description        = "NTP time synchronization from conf-1 and conf-2 to ntp (pexnet rows: ntp)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["192.0.2.21/32", "192.0.2.22/32"]
  destination_ranges = ["10.30.0.123/32"]

  allow {
    protocol = "udp"
    ports    = ["123"]
  }
}

# Rule 8: Outbound web proxy from conf-1 and conf-2 to proxy (pexnet rows: web-proxy)
# Source ports 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_dmz_fw_8_v4" {
  name               = "pexnet-dmz-fw-8-v4"
  network            = var.network
  description        = "Outbound web proxy from conf-1 and conf-2 to proxy (pexnet rows: web-proxy)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["192.0.2.21/32", "192.0.2.22/32"]
  destination_ranges = ["10.30.0.8/32"]

  allow {
    protocol = "tcp"
    ports    = ["3128"]
  }
}

# Rule 9: Teams status reports to Azure Event Hub over AMQPS from mgmt to hub (pexnet rows: event-hub)
# Source ports 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_dmz_fw_9_v4_host" {
  count = length(var.host_hub_1_ipv4_cidrs) > 0 ? 1 : 0

  name               = "pexnet-dmz-fw-9-v4-host"
  network            = var.network
  description        = "Teams status reports to Azure Event Hub over AMQPS from mgmt to hub (pexnet rows: event-hub)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.30.0.5/32"]
  destination_ranges = var.host_hub_1_ipv4_cidrs

  allow {
    protocol = "tcp"
    ports    = ["5671"]
  }
}

# Rule 11: Google Meet signaling, Signaling to the Teams Connector from conf-1 and conf-2 to teams and meet (pexnet rows: node-to-google-meet-signaling, node-to-teams-connector-signaling)
# Source ports 33000-39999 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_dmz_fw_11_v4" {
  name               = "pexnet-dmz-fw-11-v4"
  network            = var.network
  description        = "Google Meet signaling, Signaling to the Teams Connector from conf-1 and conf-2 to teams and meet (pexnet rows: node-to-google-meet-signaling, node-to-teams-connector-signaling)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["192.0.2.21/32", "192.0.2.22/32"]
  destination_ranges = ["203.0.113.0/26"]

  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
}

# Rule 13: Signaling from the Teams Connector from teams to conf-1 and conf-2 (pexnet rows: teams-connector-signaling)
resource "google_compute_firewall" "pexnet_dmz_fw_13_v4" {
  name               = "pexnet-dmz-fw-13-v4"
  network            = var.network
  description        = "Signaling from the Teams Connector from teams to conf-1 and conf-2 (pexnet rows: teams-connector-signaling)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["203.0.113.0/26"]
  destination_ranges = ["192.0.2.21/32", "192.0.2.22/32"]

  allow {
    protocol = "tcp"
    ports    = ["443", "4277"]
  }
}

# Rule 14: Media from the Teams Connector from teams to conf-1 and conf-2 (pexnet rows: teams-connector-media)
# Source ports 50000-54999 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_dmz_fw_14_v4" {
  name               = "pexnet-dmz-fw-14-v4"
  network            = var.network
  description        = "Media from the Teams Connector from teams to conf-1 and conf-2 (pexnet rows: teams-connector-media)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["203.0.113.0/26"]
  destination_ranges = ["192.0.2.21/32", "192.0.2.22/32"]

  allow {
    protocol = "udp"
    ports    = ["40000-44999"]
  }
}

# Rule 15: Media to the Teams Connector from conf-1 and conf-2 to teams (pexnet rows: node-to-teams-connector-media)
# Source ports 40000-44999 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_dmz_fw_15_v4" {
  name               = "pexnet-dmz-fw-15-v4"
  network            = var.network
  description        = "Media to the Teams Connector from conf-1 and conf-2 to teams (pexnet rows: node-to-teams-connector-media)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["192.0.2.21/32", "192.0.2.22/32"]
  destination_ranges = ["203.0.113.0/26"]

  allow {
    protocol = "udp"
    ports    = ["50000-54999"]
  }
}

# Everything else inbound is dropped.
resource "google_compute_firewall" "pexnet_dmz_fw_deny_v4" {
  name          = "pexnet-dmz-fw-deny-v4"
  network       = var.network
  description   = "pexnet: drop all other inbound traffic"
  direction     = "INGRESS"
  priority      = 65534
  source_ranges = ["0.0.0.0/0"]

  deny {
    protocol = "all"
  }
}

# Everything else inbound is dropped.
resource "google_compute_firewall" "pexnet_dmz_fw_deny_v6" {
  name          = "pexnet-dmz-fw-deny-v6"
  network       = var.network
  description   = "pexnet: drop all other inbound traffic"
  direction     = "INGRESS"
  priority      = 65534
  source_ranges = ["::/0"]

  deny {
    protocol = "all"
  }
}
