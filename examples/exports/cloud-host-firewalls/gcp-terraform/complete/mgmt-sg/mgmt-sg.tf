# pexnet export for Google Cloud VPC firewall (Terraform): host firewall mgmt-sg from cloud-host-firewalls.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 3 rules for 4 required flow groups. Each rule names the Pexip flows it serves.
# VPC firewall rules are stateful: replies to allowed connections pass by nature.
# VPC firewall rules cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Host firewall mgmt-sg: the rules name the protected addresses as destination ranges.
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

# Rule 1: IPsec key exchange over IKE from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-ike)
# Source ports 500 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_mgmt_sg_1_v4" {
  name               = "pexnet-mgmt-sg-1-v4"
  network            = var.network
  description        = "IPsec key exchange over IKE from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-ike)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.100.1.4/31"]
  destination_ranges = ["10.100.0.4/32"]

  allow {
    protocol = "udp"
    ports    = ["500"]
  }
}

# Rule 2: IPsec ESP between nodes from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-esp)
resource "google_compute_firewall" "pexnet_mgmt_sg_2_v4" {
  name               = "pexnet-mgmt-sg-2-v4"
  network            = var.network
  description        = "IPsec ESP between nodes from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-esp)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.100.1.4/31"]
  destination_ranges = ["10.100.0.4/32"]

  allow {
    protocol = "esp"
  }
}

# Rule 3: SSH administration, Management web and API over HTTPS from admins to mgmt (pexnet rows: admin-ssh, admin-https)
resource "google_compute_firewall" "pexnet_mgmt_sg_3_v4" {
  name               = "pexnet-mgmt-sg-3-v4"
  network            = var.network
  description        = "SSH administration, Management web and API over HTTPS from admins to mgmt (pexnet rows: admin-ssh, admin-https)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["192.0.2.0/26"]
  destination_ranges = ["10.100.0.4/32"]

  allow {
    protocol = "tcp"
    ports    = ["22", "443"]
  }
}

# Everything else inbound is dropped.
resource "google_compute_firewall" "pexnet_mgmt_sg_deny_v4" {
  name          = "pexnet-mgmt-sg-deny-v4"
  network       = var.network
  description   = "pexnet: drop all other inbound traffic"
  direction     = "INGRESS"
  priority      = 65534
  source_ranges = ["0.0.0.0/0"]

  deny {
    protocol = "all"
  }
}
