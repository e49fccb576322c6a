# pexnet export for Google Cloud VPC firewall (Terraform): network firewall edge-fw from acme.pexnet
# Scope missing: only the required flows this firewall drops today, to add to its existing policy.
# 6 rules for 10 required flow groups. Each rule names the Pexip flows it serves.
# VPC firewall rules are stateful: replies to allowed connections pass by nature.
# VPC firewall rules cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Network firewall edge-fw becomes ingress rules of the VPC network that apply to all its instances: each names its destination ranges.
# Scope missing: rules at priority 100 (lower numbers win): keep it below the priority of the rules that deny these flows today.
# Flows to destinations outside the VPC network (the catch-all zone, host peers, external networks) leave as egress, which Google Cloud allows by default: their ingress rules document them and match nothing.
# A rule cannot mix IPv4 and IPv6 ranges: there is one rule per family.
# VPC firewall rules take no host names: each host peer has a placeholder for its prefixes (empty: no rule).

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

# Rule 1: SSH administration from noc to edge-lon-1 (pexnet rows: admin-ssh)
resource "google_compute_firewall" "pexnet_edge_fw_1_v4" {
  name               = "pexnet-edge-fw-1-v4"
  network            = var.network
  description        = "SSH administration from noc to edge-lon-1 (pexnet rows: admin-ssh)"
  direction          = "INGRESS"
  priority           = 100
  source_ranges      = ["10.10.50.0/24"]
  destination_ranges = ["198.51.100.11/32"]

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

# Rule 2: DNS lookups from edge-lon-1 to dns1 (pexnet rows: dns)
# Source ports 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_edge_fw_2_v4" {
  name               = "pexnet-edge-fw-2-v4"
  network            = var.network
  description        = "DNS lookups from edge-lon-1 to dns1 (pexnet rows: dns)"
  direction          = "INGRESS"
  priority           = 100
  source_ranges      = ["198.51.100.11/32"]
  destination_ranges = ["10.10.0.53/32"]

  allow {
    protocol = "tcp"
    ports    = ["53"]
  }
}

# Rule 3: DNS lookups from edge-lon-1 to dns1 (pexnet rows: dns)
# Source ports 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_edge_fw_3_v4" {
  name               = "pexnet-edge-fw-3-v4"
  network            = var.network
  description        = "DNS lookups from edge-lon-1 to dns1 (pexnet rows: dns)"
  direction          = "INGRESS"
  priority           = 100
  source_ranges      = ["198.51.100.11/32"]
  destination_ranges = ["10.10.0.53/32"]

  allow {
    protocol = "udp"
    ports    = ["53"]
  }
}

# Rule 4: NTP time synchronization from edge-lon-1 to ntp1 (pexnet rows: ntp)
# Source ports 123, 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_edge_fw_4_v4" {
  name               = "pexnet-edge-fw-4-v4"
  network            = var.network
  description        = "NTP time synchronization from edge-lon-1 to ntp1 (pexnet rows: ntp)"
  direction          = "INGRESS"
  priority           = 100
  source_ranges      = ["198.51.100.11/32"]
  destination_ranges = ["10.10.0.123/32"]

  allow {
    protocol = "udp"
    ports    = ["123"]
  }
}

# Rule 5: H.323 RAS, SIP over UDP from guests to edge-lon-1 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp)
resource "google_compute_firewall" "pexnet_edge_fw_5_v4" {
  name               = "pexnet-edge-fw-5-v4"
  network            = var.network
  description        = "H.323 RAS, SIP over UDP from guests to edge-lon-1 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp)"
  direction          = "INGRESS"
  priority           = 100
  source_ranges      = ["0.0.0.0/0"]
  destination_ranges = ["198.51.100.11/32"]

  allow {
    protocol = "udp"
    ports    = ["1719", "5060"]
  }
}

# Rule 6: H.323 call setup, H.245 call control for H.323, SIP over TCP, HTTP redirect to HTTPS from guests to edge-lon-1 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-http-redirect)
resource "google_compute_firewall" "pexnet_edge_fw_6_v4" {
  name               = "pexnet-edge-fw-6-v4"
  network            = var.network
  description        = "H.323 call setup, H.245 call control for H.323, SIP over TCP, HTTP redirect to HTTPS from guests to edge-lon-1 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-http-redirect)"
  direction          = "INGRESS"
  priority           = 100
  source_ranges      = ["0.0.0.0/0"]
  destination_ranges = ["198.51.100.11/32"]

  allow {
    protocol = "tcp"
    ports    = ["80", "1720", "5060", "33000-39999"]
  }
}
