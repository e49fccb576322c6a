# pexnet export for Google Cloud VPC firewall (Terraform): host firewall conf-sg from cloud-host-firewalls.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 5 rules for 15 required flow groups. Each rule names the Pexip flows it serves.
# VPC firewall rules are stateful: replies to allowed connections pass by nature.
# VPC firewall rules cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Host firewall conf-sg: the rules name the protected addresses as destination ranges.
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

# Rule 1: IPsec key exchange over IKE from mgmt, conf-1 and conf-2 to conf-1 and conf-2 (pexnet rows: ipsec-ike)
# Source ports 500 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_conf_sg_1_v4" {
  name               = "pexnet-conf-sg-1-v4"
  network            = var.network
  description        = "IPsec key exchange over IKE from mgmt, conf-1 and conf-2 to conf-1 and conf-2 (pexnet rows: ipsec-ike)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.100.0.4/32", "10.100.1.4/31"]
  destination_ranges = ["10.100.1.4/31"]

  allow {
    protocol = "udp"
    ports    = ["500"]
  }
}

# Rule 2: IPsec ESP between nodes from mgmt, conf-1 and conf-2 to conf-1 and conf-2 (pexnet rows: ipsec-esp)
resource "google_compute_firewall" "pexnet_conf_sg_2_v4" {
  name               = "pexnet-conf-sg-2-v4"
  network            = var.network
  description        = "IPsec ESP between nodes from mgmt, conf-1 and conf-2 to conf-1 and conf-2 (pexnet rows: ipsec-esp)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.100.0.4/32", "10.100.1.4/31"]
  destination_ranges = ["10.100.1.4/31"]

  allow {
    protocol = "esp"
  }
}

# Rule 3: SSH administration, Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-ssh, admin-provisioning)
resource "google_compute_firewall" "pexnet_conf_sg_3_v4" {
  name               = "pexnet-conf-sg-3-v4"
  network            = var.network
  description        = "SSH administration, Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-ssh, admin-provisioning)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["192.0.2.0/26"]
  destination_ranges = ["10.100.1.4/31"]

  allow {
    protocol = "tcp"
    ports    = ["22", "8443"]
  }
}

# Rule 4: H.323 RAS, Call media from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-ras, endpoint-media)
resource "google_compute_firewall" "pexnet_conf_sg_4_v4" {
  name               = "pexnet-conf-sg-4-v4"
  network            = var.network
  description        = "H.323 RAS, Call media from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-ras, endpoint-media)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["0.0.0.0/0"]
  destination_ranges = ["10.100.1.4/31"]

  allow {
    protocol = "udp"
    ports    = ["1719", "40000-49999"]
  }
}

# Rule 5: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "google_compute_firewall" "pexnet_conf_sg_5_v4" {
  name               = "pexnet-conf-sg-5-v4"
  network            = var.network
  description        = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["0.0.0.0/0"]
  destination_ranges = ["10.100.1.4/31"]

  allow {
    protocol = "tcp"
    ports    = ["80", "443", "1720", "5060-5061", "33000-49999"]
  }
}

# Everything else inbound is dropped.
resource "google_compute_firewall" "pexnet_conf_sg_deny_v4" {
  name          = "pexnet-conf-sg-deny-v4"
  network       = var.network
  description   = "pexnet: drop all other inbound traffic"
  direction     = "INGRESS"
  priority      = 65534
  source_ranges = ["0.0.0.0/0"]

  deny {
    protocol = "all"
  }
}
