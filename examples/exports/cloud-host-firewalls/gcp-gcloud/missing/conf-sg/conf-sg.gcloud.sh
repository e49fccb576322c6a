#!/usr/bin/env bash
# pexnet export for Google Cloud VPC firewall (gcloud): host firewall conf-sg from cloud-host-firewalls.pexnet
# Scope missing: only the required flows this firewall drops today, to add to its existing policy.
# 1 rules for 1 required flow groups. Each rule names the Pexip flows it serves.
# VPC firewall rules are stateful: replies to allowed connections pass by nature.
# VPC firewall rules cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Host firewall conf-sg: the rules name the protected addresses as destination ranges.
# Scope missing: rules at priority 100 (lower numbers win): keep it below the priority of the rules that deny these flows today.
# Flows to destinations outside the VPC network (the catch-all zone, host peers, external networks) leave as egress, which Google Cloud allows by default: their ingress rules document them and match nothing.
# A rule cannot mix IPv4 and IPv6 ranges: there is one rule per family.
# VPC firewall rules take no host names: each host peer has a placeholder for its prefixes (empty: no rule).
# Re-running fails on rules that exist: delete them first (gcloud compute firewall-rules delete NAME).
set -euo pipefail

# The VPC network the rules belong to.
NETWORK="${NETWORK:-default}"

# Rule 1: Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-provisioning)
gcloud compute firewall-rules create 'pexnet-conf-sg-1-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='tcp:8443' \
    --source-ranges='192.0.2.0/26' \
    --destination-ranges='10.100.1.4/31' \
    --priority=100 \
    --description='Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-provisioning)'
