# pexnet export for Google Cloud VPC firewall (Terraform): network firewall inside-fw from internet-edge.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 17 rules for 34 required flow groups. Each rule names the Pexip flows it serves.
# VPC firewall rules are stateful: replies to allowed connections pass by nature.
# VPC firewall rules cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Network firewall inside-fw becomes ingress rules of the VPC network that apply to all its instances: each names its destination ranges.
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

# Rule 1: IPsec key exchange over IKE from edge-1 and edge-2 to mgmt, conf-dc-1 and 2 more (pexnet rows: ipsec-ike)
# Source ports 500 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_inside_fw_1_v4" {
  name               = "pexnet-inside-fw-1-v4"
  network            = var.network
  description        = "IPsec key exchange over IKE from edge-1 and edge-2 to mgmt, conf-dc-1 and 2 more (pexnet rows: ipsec-ike)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["172.16.10.11/32", "172.16.10.12/32"]
  destination_ranges = ["10.1.0.5/32", "10.1.1.11/32", "10.1.1.12/32", "10.1.2.11/32"]

  allow {
    protocol = "udp"
    ports    = ["500"]
  }
}

# Rule 2: IPsec key exchange over IKE from mgmt, conf-dc-1 and 2 more to edge-1 and edge-2 (pexnet rows: ipsec-ike)
# Source ports 500 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_inside_fw_2_v4" {
  name               = "pexnet-inside-fw-2-v4"
  network            = var.network
  description        = "IPsec key exchange over IKE from mgmt, conf-dc-1 and 2 more to edge-1 and edge-2 (pexnet rows: ipsec-ike)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.1.0.5/32", "10.1.1.11/32", "10.1.1.12/32", "10.1.2.11/32"]
  destination_ranges = ["172.16.10.11/32", "172.16.10.12/32"]

  allow {
    protocol = "udp"
    ports    = ["500"]
  }
}

# Rule 3: IPsec ESP between nodes from edge-1 and edge-2 to mgmt, conf-dc-1 and 2 more (pexnet rows: ipsec-esp)
resource "google_compute_firewall" "pexnet_inside_fw_3_v4" {
  name               = "pexnet-inside-fw-3-v4"
  network            = var.network
  description        = "IPsec ESP between nodes from edge-1 and edge-2 to mgmt, conf-dc-1 and 2 more (pexnet rows: ipsec-esp)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["172.16.10.11/32", "172.16.10.12/32"]
  destination_ranges = ["10.1.0.5/32", "10.1.1.11/32", "10.1.1.12/32", "10.1.2.11/32"]

  allow {
    protocol = "esp"
  }
}

# Rule 4: IPsec ESP between nodes from mgmt, conf-dc-1 and 2 more to edge-1 and edge-2 (pexnet rows: ipsec-esp)
resource "google_compute_firewall" "pexnet_inside_fw_4_v4" {
  name               = "pexnet-inside-fw-4-v4"
  network            = var.network
  description        = "IPsec ESP between nodes from mgmt, conf-dc-1 and 2 more to edge-1 and edge-2 (pexnet rows: ipsec-esp)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.1.0.5/32", "10.1.1.11/32", "10.1.1.12/32", "10.1.2.11/32"]
  destination_ranges = ["172.16.10.11/32", "172.16.10.12/32"]

  allow {
    protocol = "esp"
  }
}

# Rule 5: SSH administration, Management web and API over HTTPS from noc to mgmt (pexnet rows: admin-ssh, admin-https)
resource "google_compute_firewall" "pexnet_inside_fw_5_v4" {
  name               = "pexnet-inside-fw-5-v4"
  network            = var.network
  description        = "SSH administration, Management web and API over HTTPS from noc to mgmt (pexnet rows: admin-ssh, admin-https)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.9.0.0/24"]
  destination_ranges = ["10.1.0.5/32"]

  allow {
    protocol = "tcp"
    ports    = ["22", "443"]
  }
}

# Rule 6: SSH administration from noc to conf-dc-1, conf-dc-2 and conf-bak-1 (pexnet rows: admin-ssh)
resource "google_compute_firewall" "pexnet_inside_fw_6_v4" {
  name               = "pexnet-inside-fw-6-v4"
  network            = var.network
  description        = "SSH administration from noc to conf-dc-1, conf-dc-2 and conf-bak-1 (pexnet rows: admin-ssh)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.9.0.0/24"]
  destination_ranges = ["10.1.1.11/32", "10.1.1.12/32", "10.1.2.11/32"]

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

# Rule 7: SSH administration from noc to edge-1 and edge-2 (pexnet rows: admin-ssh)
resource "google_compute_firewall" "pexnet_inside_fw_7_v4" {
  name               = "pexnet-inside-fw-7-v4"
  network            = var.network
  description        = "SSH administration from noc to edge-1 and edge-2 (pexnet rows: admin-ssh)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.9.0.0/24"]
  destination_ranges = ["172.16.10.11/32", "172.16.10.12/32"]

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

# Rule 8: DNS lookups from edge-1 and edge-2 to dns1 (pexnet rows: dns)
# Source ports 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_inside_fw_8_v4" {
  name               = "pexnet-inside-fw-8-v4"
  network            = var.network
  description        = "DNS lookups from edge-1 and edge-2 to dns1 (pexnet rows: dns)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["172.16.10.11/32", "172.16.10.12/32"]
  destination_ranges = ["10.1.0.53/32"]

  allow {
    protocol = "tcp"
    ports    = ["53"]
  }
}

# Rule 9: DNS lookups from edge-1 and edge-2 to dns1 (pexnet rows: dns)
# Source ports 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_inside_fw_9_v4" {
  name               = "pexnet-inside-fw-9-v4"
  network            = var.network
  description        = "DNS lookups from edge-1 and edge-2 to dns1 (pexnet rows: dns)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["172.16.10.11/32", "172.16.10.12/32"]
  destination_ranges = ["10.1.0.53/32"]

  allow {
    protocol = "udp"
    ports    = ["53"]
  }
}

# Rule 10: NTP time synchronization from edge-1 and edge-2 to ntp1 (pexnet rows: ntp)
# Source ports 123, 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_inside_fw_10_v4" {
  name               = "pexnet-inside-fw-10-v4"
  network            = var.network
  description        = "NTP time synchronization from edge-1 and edge-2 to ntp1 (pexnet rows: ntp)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["172.16.10.11/32", "172.16.10.12/32"]
  destination_ranges = ["10.1.0.123/32"]

  allow {
    protocol = "udp"
    ports    = ["123"]
  }
}

# Rule 11: License activation from mgmt to lic (pexnet rows: licensing)
# Source ports 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_inside_fw_11_v4_host" {
  count = length(var.host_lic_1_ipv4_cidrs) > 0 ? 1 : 0

  name               = "pexnet-inside-fw-11-v4-host"
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

# Rule 12: H.323 RAS, SIP over UDP, Call media from staff to conf-dc-1 and conf-dc-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)
resource "google_compute_firewall" "pexnet_inside_fw_12_v4" {
  name               = "pexnet-inside-fw-12-v4"
  network            = var.network
  description        = "H.323 RAS, SIP over UDP, Call media from staff to conf-dc-1 and conf-dc-2 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.64.0.0/12"]
  destination_ranges = ["10.1.1.11/32", "10.1.1.12/32"]

  allow {
    protocol = "udp"
    ports    = ["1719", "5060", "40000-49999"]
  }
}

# Rule 13: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from staff to conf-dc-1 and conf-dc-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "google_compute_firewall" "pexnet_inside_fw_13_v4" {
  name               = "pexnet-inside-fw-13-v4"
  network            = var.network
  description        = "H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from staff to conf-dc-1 and conf-dc-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.64.0.0/12"]
  destination_ranges = ["10.1.1.11/32", "10.1.1.12/32"]

  allow {
    protocol = "tcp"
    ports    = ["80", "443", "1720", "5060-5061", "33000-49999"]
  }
}

# Rule 14: H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-dc-1 and conf-dc-2 to staff (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)
# Source ports 33000-39999 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_inside_fw_14_v4" {
  name               = "pexnet-inside-fw-14-v4"
  network            = var.network
  description        = "H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-dc-1 and conf-dc-2 to staff (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.1.1.11/32", "10.1.1.12/32"]
  destination_ranges = ["10.64.0.0/12"]

  allow {
    protocol = "udp"
    ports    = ["1719", "5060"]
  }
}

# Rule 15: H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from conf-dc-1 and conf-dc-2 to staff (pexnet rows: node-to-endpoint-h323-call-setup, node-to-endpoint-h323-h245, node-to-endpoint-sip, node-to-endpoint-sip-tls)
# Source ports 33000-39999 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_inside_fw_15_v4" {
  name               = "pexnet-inside-fw-15-v4"
  network            = var.network
  description        = "H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from conf-dc-1 and conf-dc-2 to staff (pexnet rows: node-to-endpoint-h323-call-setup, node-to-endpoint-h323-h245, node-to-endpoint-sip, node-to-endpoint-sip-tls)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.1.1.11/32", "10.1.1.12/32"]
  destination_ranges = ["10.64.0.0/12"]

  allow {
    protocol = "tcp"
    ports    = ["1-65535"]
  }
}

# Rule 16: Call media, placed by the node from conf-dc-1 and conf-dc-2 to staff (pexnet rows: node-to-endpoint-media)
# Source ports 40000-49999 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_inside_fw_16_v4" {
  name               = "pexnet-inside-fw-16-v4"
  network            = var.network
  description        = "Call media, placed by the node from conf-dc-1 and conf-dc-2 to staff (pexnet rows: node-to-endpoint-media)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.1.1.11/32", "10.1.1.12/32"]
  destination_ranges = ["10.64.0.0/12"]

  allow {
    protocol = "tcp"
    ports    = ["1-65535"]
  }
}

# Rule 17: Call media, placed by the node from conf-dc-1 and conf-dc-2 to staff (pexnet rows: node-to-endpoint-media)
# Source ports 40000-49999 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_inside_fw_17_v4" {
  name               = "pexnet-inside-fw-17-v4"
  network            = var.network
  description        = "Call media, placed by the node from conf-dc-1 and conf-dc-2 to staff (pexnet rows: node-to-endpoint-media)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.1.1.11/32", "10.1.1.12/32"]
  destination_ranges = ["10.64.0.0/12"]

  allow {
    protocol = "udp"
    ports    = ["1-65535"]
  }
}

# Everything else inbound is dropped.
resource "google_compute_firewall" "pexnet_inside_fw_deny_v4" {
  name          = "pexnet-inside-fw-deny-v4"
  network       = var.network
  description   = "pexnet: drop all other inbound traffic"
  direction     = "INGRESS"
  priority      = 65534
  source_ranges = ["0.0.0.0/0"]

  deny {
    protocol = "all"
  }
}
