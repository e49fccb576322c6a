# pexnet export for Google Cloud VPC firewall (Terraform): network firewall egress-fw from internet-edge.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 1 rules for 1 required flow groups. Each rule names the Pexip flows it serves.
# VPC firewall rules are stateful: replies to allowed connections pass by nature.
# VPC firewall rules cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Network firewall egress-fw becomes ingress rules of the VPC network that apply to all its instances: each names its destination ranges.
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

variable "host_lic_1_ipv4_cidrs" {
  description = "FILL IN: the IPv4 prefixes of activation.pexip.com, host peer lic empty means no rule"
  type        = list(string)
  default     = []
}

# Rule 1: License activation from mgmt to lic (pexnet rows: licensing)
# Source ports 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_egress_fw_1_v4_host" {
  count = length(var.host_lic_1_ipv4_cidrs) > 0 ? 1 : 0

  name               = "pexnet-egress-fw-1-v4-host"
  network            = var.network
  description        = "License activation from mgmt to lic (pexnet rows: licensing)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.1.0.5/32"]
  destination_ranges = var.host_lic_1_ipv4_cidrs

  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
}

# Everything else inbound is dropped.
resource "google_compute_firewall" "pexnet_egress_fw_deny_v4" {
  name          = "pexnet-egress-fw-deny-v4"
  network       = var.network
  description   = "pexnet: drop all other inbound traffic"
  direction     = "INGRESS"
  priority      = 65534
  source_ranges = ["0.0.0.0/0"]

  deny {
    protocol = "all"
  }
}
