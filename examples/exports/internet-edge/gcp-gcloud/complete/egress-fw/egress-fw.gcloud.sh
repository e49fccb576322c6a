#!/usr/bin/env bash
# pexnet export for Google Cloud VPC firewall (gcloud): network firewall egress-fw from internet-edge.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 1 rules for 1 required flow groups. Each rule names the Pexip flows it serves.
# VPC firewall rules are stateful: replies to allowed connections pass by nature.
# VPC firewall rules cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Network firewall egress-fw becomes ingress rules of the VPC network that apply to all its instances: each names its destination ranges.
# Deny-all ingress at priority 65534 drops the rest (the implied rules of Google Cloud also deny ingress at 65535, and a deny wins over an allow of equal priority such as the default-allow rules of the default network).
# Flows to destinations outside the VPC network (the catch-all zone, host peers, external networks) leave as egress, which Google Cloud allows by default: their ingress rules document them and match nothing.
# A rule cannot mix IPv4 and IPv6 ranges: there is one rule per family.
# VPC firewall rules take no host names: each host peer has a placeholder for its prefixes (empty: no rule).
# Re-running fails on rules that exist: delete them first (gcloud compute firewall-rules delete NAME).
set -euo pipefail

# The VPC network the rules belong to.
NETWORK="${NETWORK:-default}"

# FILL IN: host peers' prefixes, comma-separated (e.g. 203.0.113.0/24,198.51.100.7/32); empty skips the rule.
# FILL IN: the IPv4 prefixes of activation.pexip.com, host peer lic empty means no rule
HOST_LIC_1_IPV4_CIDRS="${HOST_LIC_1_IPV4_CIDRS:-}"

# Rule 1: License activation from mgmt to lic (pexnet rows: licensing)
# Source ports 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
if [[ -n "$HOST_LIC_1_IPV4_CIDRS" ]]; then
  gcloud compute firewall-rules create 'pexnet-egress-fw-1-v4-host' \
      --network="$NETWORK" \
      --direction=INGRESS \
      --action=ALLOW \
      --rules='tcp:443' \
      --source-ranges='10.1.0.5/32' \
      --destination-ranges="$HOST_LIC_1_IPV4_CIDRS" \
      --priority=1000 \
      --description='License activation from mgmt to lic (pexnet rows: licensing)'
fi

# Everything else inbound is dropped.
gcloud compute firewall-rules create 'pexnet-egress-fw-deny-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=DENY \
    --rules='all' \
    --source-ranges='0.0.0.0/0' \
    --priority=65534 \
    --description='pexnet: drop all other inbound traffic'
