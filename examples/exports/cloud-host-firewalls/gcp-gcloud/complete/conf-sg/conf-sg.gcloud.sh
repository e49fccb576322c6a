#!/usr/bin/env bash
# pexnet export for Google Cloud VPC firewall (gcloud): host firewall conf-sg from cloud-host-firewalls.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 5 rules for 15 required flow groups. Each rule names the Pexip flows it serves.
# VPC firewall rules are stateful: replies to allowed connections pass by nature.
# VPC firewall rules cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Host firewall conf-sg: the rules name the protected addresses as destination ranges.
# Deny-all ingress at priority 65534 drops the rest (the implied rules of Google Cloud also deny ingress at 65535, and a deny wins over an allow of equal priority such as the default-allow rules of the default network).
# Flows to destinations outside the VPC network (the catch-all zone, host peers, external networks) leave as egress, which Google Cloud allows by default: their ingress rules document them and match nothing.
# A rule cannot mix IPv4 and IPv6 ranges: there is one rule per family.
# VPC firewall rules take no host names: each host peer has a placeholder for its prefixes (empty: no rule).
# Re-running fails on rules that exist: delete them first (gcloud compute firewall-rules delete NAME).
set -euo pipefail

# The VPC network the rules belong to.
NETWORK="${NETWORK:-default}"

# Rule 1: IPsec key exchange over IKE from mgmt, conf-1 and conf-2 to conf-1 and conf-2 (pexnet rows: ipsec-ike)
# Source ports 500 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-conf-sg-1-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='udp:500' \
    --source-ranges='10.100.0.4/32,10.100.1.4/31' \
    --destination-ranges='10.100.1.4/31' \
    --priority=1000 \
    --description='IPsec key exchange over IKE from mgmt, conf-1 and conf-2 to conf-1 and conf-2 (pexnet rows: ipsec-ike)'

# Rule 2: IPsec ESP between nodes from mgmt, conf-1 and conf-2 to conf-1 and conf-2 (pexnet rows: ipsec-esp)
gcloud compute firewall-rules create 'pexnet-conf-sg-2-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='esp' \
    --source-ranges='10.100.0.4/32,10.100.1.4/31' \
    --destination-ranges='10.100.1.4/31' \
    --priority=1000 \
    --description='IPsec ESP between nodes from mgmt, conf-1 and conf-2 to conf-1 and conf-2 (pexnet rows: ipsec-esp)'

# Rule 3: SSH administration, Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-ssh, admin-provisioning)
gcloud compute firewall-rules create 'pexnet-conf-sg-3-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='tcp:22,tcp:8443' \
    --source-ranges='192.0.2.0/26' \
    --destination-ranges='10.100.1.4/31' \
    --priority=1000 \
    --description='SSH administration, Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-ssh, admin-provisioning)'

# Rule 4: H.323 RAS, Call media from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-ras, endpoint-media)
gcloud compute firewall-rules create 'pexnet-conf-sg-4-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='udp:1719,udp:40000-49999' \
    --source-ranges='0.0.0.0/0' \
    --destination-ranges='10.100.1.4/31' \
    --priority=1000 \
    --description='H.323 RAS, Call media from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-ras, endpoint-media)'

# Rule 5: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
gcloud compute firewall-rules create 'pexnet-conf-sg-5-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='tcp:80,tcp:443,tcp:1720,tcp:5060-5061,tcp:33000-49999' \
    --source-ranges='0.0.0.0/0' \
    --destination-ranges='10.100.1.4/31' \
    --priority=1000 \
    --description='H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)'

# Everything else inbound is dropped.
gcloud compute firewall-rules create 'pexnet-conf-sg-deny-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=DENY \
    --rules='all' \
    --source-ranges='0.0.0.0/0' \
    --priority=65534 \
    --description='pexnet: drop all other inbound traffic'
