# pexnet export for Google Cloud VPC firewall (Terraform): network firewall outside-fw from internet-edge.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 6 rules for 36 required flow groups. Each rule names the Pexip flows it serves.
# VPC firewall rules are stateful: replies to allowed connections pass by nature.
# VPC firewall rules cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Network firewall outside-fw becomes ingress rules of the VPC network that apply to all its instances: each names its destination ranges.
# Deny-all ingress at priority 65534 drops the rest (the implied rules of Google Cloud also deny ingress at 65535, and a deny wins over an allow of equal priority such as the default-allow rules of the default network).
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

# Rule 1: H.323 RAS, SIP over UDP, Call media from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)
resource "google_compute_firewall" "pexnet_outside_fw_1_v4" {
  name               = "pexnet-outside-fw-1-v4"
  network            = var.network
  description        = "H.323 RAS, SIP over UDP, Call media from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["0.0.0.0/0"]
  destination_ranges = ["172.16.20.11/32", "172.16.20.12/32"]

  allow {
    protocol = "udp"
    ports    = ["1719", "5060", "40000-49999"]
  }
}

# Rule 2: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "google_compute_firewall" "pexnet_outside_fw_2_v4" {
  name               = "pexnet-outside-fw-2-v4"
  network            = var.network
  description        = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from callers to edge-1 and edge-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["0.0.0.0/0"]
  destination_ranges = ["172.16.20.11/32", "172.16.20.12/32"]

  allow {
    protocol = "tcp"
    ports    = ["80", "443", "1720", "5060-5061", "33000-49999"]
  }
}

# Rule 3: H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from edge-1 and edge-2 to callers (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)
# Source ports 33000-39999 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_outside_fw_3_v4" {
  name               = "pexnet-outside-fw-3-v4"
  network            = var.network
  description        = "H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from edge-1 and edge-2 to callers (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["172.16.20.11/32", "172.16.20.12/32"]
  destination_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "udp"
    ports    = ["1719", "5060"]
  }
}

# Rule 4: H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from edge-1 and edge-2 to callers (pexnet rows: node-to-endpoint-h323-call-setup, node-to-endpoint-h323-h245, node-to-endpoint-sip, node-to-endpoint-sip-tls)
# Source ports 33000-39999 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_outside_fw_4_v4" {
  name               = "pexnet-outside-fw-4-v4"
  network            = var.network
  description        = "H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from edge-1 and edge-2 to callers (pexnet rows: node-to-endpoint-h323-call-setup, node-to-endpoint-h323-h245, node-to-endpoint-sip, node-to-endpoint-sip-tls)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["172.16.20.11/32", "172.16.20.12/32"]
  destination_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "tcp"
    ports    = ["1-65535"]
  }
}

# Rule 5: Call media, placed by the node from edge-1 and edge-2 to callers (pexnet rows: node-to-endpoint-media)
# Source ports 40000-49999 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_outside_fw_5_v4" {
  name               = "pexnet-outside-fw-5-v4"
  network            = var.network
  description        = "Call media, placed by the node from edge-1 and edge-2 to callers (pexnet rows: node-to-endpoint-media)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["172.16.20.11/32", "172.16.20.12/32"]
  destination_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "tcp"
    ports    = ["1-65535"]
  }
}

# Rule 6: Call media, placed by the node from edge-1 and edge-2 to callers (pexnet rows: node-to-endpoint-media)
# Source ports 40000-49999 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_outside_fw_6_v4" {
  name               = "pexnet-outside-fw-6-v4"
  network            = var.network
  description        = "Call media, placed by the node from edge-1 and edge-2 to callers (pexnet rows: node-to-endpoint-media)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["172.16.20.11/32", "172.16.20.12/32"]
  destination_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "udp"
    ports    = ["1-65535"]
  }
}

# Everything else inbound is dropped.
resource "google_compute_firewall" "pexnet_outside_fw_deny_v4" {
  name          = "pexnet-outside-fw-deny-v4"
  network       = var.network
  description   = "pexnet: drop all other inbound traffic"
  direction     = "INGRESS"
  priority      = 65534
  source_ranges = ["0.0.0.0/0"]

  deny {
    protocol = "all"
  }
}
