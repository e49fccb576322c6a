#!/usr/bin/env bash
# pexnet export for Google Cloud VPC firewall (gcloud): host firewall mgmt-sg from cloud-host-firewalls.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 3 rules for 4 required flow groups. Each rule names the Pexip flows it serves.
# VPC firewall rules are stateful: replies to allowed connections pass by nature.
# VPC firewall rules cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Host firewall mgmt-sg: the rules name the protected addresses as destination ranges.
# Deny-all ingress at priority 65534 drops the rest (the implied rules of Google Cloud also deny ingress at 65535, and a deny wins over an allow of equal priority such as the default-allow rules of the default network).
# Flows to destinations outside the VPC network (the catch-all zone, host peers, external networks) leave as egress, which Google Cloud allows by default: their ingress rules document them and match nothing.
# A rule cannot mix IPv4 and IPv6 ranges: there is one rule per family.
# VPC firewall rules take no host names: each host peer has a placeholder for its prefixes (empty: no rule).
# Re-running fails on rules that exist: delete them first (gcloud compute firewall-rules delete NAME).
set -euo pipefail

# The VPC network the rules belong to.
NETWORK="${NETWORK:-default}"

# Rule 1: IPsec key exchange over IKE from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-ike)
# Source ports 500 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-mgmt-sg-1-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='udp:500' \
    --source-ranges='10.100.1.4/31' \
    --destination-ranges='10.100.0.4/32' \
    --priority=1000 \
    --description='IPsec key exchange over IKE from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-ike)'

# Rule 2: IPsec ESP between nodes from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-esp)
gcloud compute firewall-rules create 'pexnet-mgmt-sg-2-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='esp' \
    --source-ranges='10.100.1.4/31' \
    --destination-ranges='10.100.0.4/32' \
    --priority=1000 \
    --description='IPsec ESP between nodes from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-esp)'

# Rule 3: SSH administration, Management web and API over HTTPS from admins to mgmt (pexnet rows: admin-ssh, admin-https)
gcloud compute firewall-rules create 'pexnet-mgmt-sg-3-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='tcp:22,tcp:443' \
    --source-ranges='192.0.2.0/26' \
    --destination-ranges='10.100.0.4/32' \
    --priority=1000 \
    --description='SSH administration, Management web and API over HTTPS from admins to mgmt (pexnet rows: admin-ssh, admin-https)'

# Everything else inbound is dropped.
gcloud compute firewall-rules create 'pexnet-mgmt-sg-deny-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=DENY \
    --rules='all' \
    --source-ranges='0.0.0.0/0' \
    --priority=65534 \
    --description='pexnet: drop all other inbound traffic'
