# pexnet export for Google Cloud VPC firewall (Terraform): network firewall cloud-routing from cloud-host-firewalls.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 10 rules for 25 required flow groups. Each rule names the Pexip flows it serves.
# VPC firewall rules are stateful: replies to allowed connections pass by nature.
# VPC firewall rules cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Network firewall cloud-routing becomes ingress rules of the VPC network that apply to all its instances: each names its destination ranges.
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

# Rule 1: SSH administration, Management web and API over HTTPS from admins to mgmt (pexnet rows: admin-ssh, admin-https)
resource "google_compute_firewall" "pexnet_cloud_routing_1_v4" {
  name               = "pexnet-cloud-routing-1-v4"
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

# Rule 2: SSH administration, Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-ssh, admin-provisioning)
resource "google_compute_firewall" "pexnet_cloud_routing_2_v4" {
  name               = "pexnet-cloud-routing-2-v4"
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

# Rule 3: NTP time synchronization from mgmt, conf-1 and conf-2 to time (pexnet rows: ntp)
# Source ports 123, 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_cloud_routing_3_v4_host" {
  count = length(var.host_time_1_ipv4_cidrs) > 0 ? 1 : 0

  name               = "pexnet-cloud-routing-3-v4-host"
  network            = var.network
  description        = "NTP time synchronization from mgmt, conf-1 and conf-2 to time (pexnet rows: ntp)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.100.0.4/32", "10.100.1.4/31"]
  destination_ranges = var.host_time_1_ipv4_cidrs

  allow {
    protocol = "udp"
    ports    = ["123"]
  }
}

# Rule 4: License activation, Cloud bursting control from mgmt to lic and azure-api (pexnet rows: licensing, cloud-bursting)
# Source ports 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_cloud_routing_4_v4_host" {
  count = length(var.host_lic_and_azure_api_1_ipv4_cidrs) > 0 ? 1 : 0

  name               = "pexnet-cloud-routing-4-v4-host"
  network            = var.network
  description        = "License activation, Cloud bursting control from mgmt to lic and azure-api (pexnet rows: licensing, cloud-bursting)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.100.0.4/32"]
  destination_ranges = var.host_lic_and_azure_api_1_ipv4_cidrs

  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
}

# Rule 4: License activation, Cloud bursting control from mgmt to lic and azure-api (pexnet rows: licensing, cloud-bursting)
# Source ports 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_cloud_routing_4_v4_host_2" {
  count = length(var.host_lic_and_azure_api_2_ipv4_cidrs) > 0 ? 1 : 0

  name               = "pexnet-cloud-routing-4-v4-host-2"
  network            = var.network
  description        = "License activation, Cloud bursting control from mgmt to lic and azure-api (pexnet rows: licensing, cloud-bursting)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.100.0.4/32"]
  destination_ranges = var.host_lic_and_azure_api_2_ipv4_cidrs

  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
}

# Rule 5: H.323 RAS, Call media from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-ras, endpoint-media)
resource "google_compute_firewall" "pexnet_cloud_routing_5_v4" {
  name               = "pexnet-cloud-routing-5-v4"
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

# Rule 6: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
resource "google_compute_firewall" "pexnet_cloud_routing_6_v4" {
  name               = "pexnet-cloud-routing-6-v4"
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

# Rule 7: H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)
# Source ports 33000-39999 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_cloud_routing_7_v4" {
  name               = "pexnet-cloud-routing-7-v4"
  network            = var.network
  description        = "H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.100.1.4/31"]
  destination_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "udp"
    ports    = ["1719", "5060"]
  }
}

# Rule 8: H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-h323-call-setup, node-to-endpoint-h323-h245, node-to-endpoint-sip, node-to-endpoint-sip-tls)
# Source ports 33000-39999 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_cloud_routing_8_v4" {
  name               = "pexnet-cloud-routing-8-v4"
  network            = var.network
  description        = "H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-h323-call-setup, node-to-endpoint-h323-h245, node-to-endpoint-sip, node-to-endpoint-sip-tls)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.100.1.4/31"]
  destination_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "tcp"
    ports    = ["1-65535"]
  }
}

# Rule 9: Call media, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-media)
# Source ports 40000-49999 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_cloud_routing_9_v4" {
  name               = "pexnet-cloud-routing-9-v4"
  network            = var.network
  description        = "Call media, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-media)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.100.1.4/31"]
  destination_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "tcp"
    ports    = ["1-65535"]
  }
}

# Rule 10: Call media, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-media)
# Source ports 40000-49999 in the catalog: VPC firewall rules cannot match source ports.
resource "google_compute_firewall" "pexnet_cloud_routing_10_v4" {
  name               = "pexnet-cloud-routing-10-v4"
  network            = var.network
  description        = "Call media, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-media)"
  direction          = "INGRESS"
  priority           = 1000
  source_ranges      = ["10.100.1.4/31"]
  destination_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "udp"
    ports    = ["1-65535"]
  }
}

# Everything else inbound is dropped.
resource "google_compute_firewall" "pexnet_cloud_routing_deny_v4" {
  name          = "pexnet-cloud-routing-deny-v4"
  network       = var.network
  description   = "pexnet: drop all other inbound traffic"
  direction     = "INGRESS"
  priority      = 65534
  source_ranges = ["0.0.0.0/0"]

  deny {
    protocol = "all"
  }
}
