# pexnet export for Google Cloud VPC firewall (Terraform): host firewall conf-sg from cloud-host-firewalls.pexnet
# Scope missing: only the required flows this firewall drops today, to add to its existing policy.
# 1 rules for 1 required flow groups. Each rule names the Pexip flows it serves.
# VPC firewall rules are stateful: replies to allowed connections pass by nature.
# VPC firewall rules cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Host firewall conf-sg: the rules name the protected addresses as destination ranges.
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

# Rule 1: Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-provisioning)
resource "google_compute_firewall" "pexnet_conf_sg_1_v4" {
  name               = "pexnet-conf-sg-1-v4"
  network            = var.network
  description        = "Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-provisioning)"
  direction          = "INGRESS"
  priority           = 100
  source_ranges      = ["192.0.2.0/26"]
  destination_ranges = ["10.100.1.4/31"]

  allow {
    protocol = "tcp"
    ports    = ["8443"]
  }
}
