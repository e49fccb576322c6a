#!/usr/bin/env bash
# pexnet export for Google Cloud VPC firewall (gcloud): network firewall edge-fw from acme.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 15 rules for 31 required flow groups. Each rule names the Pexip flows it serves.
# VPC firewall rules are stateful: replies to allowed connections pass by nature.
# VPC firewall rules cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Network firewall edge-fw becomes ingress rules of the VPC network that apply to all its instances: each names its destination ranges.
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

# Rule 1: IPsec key exchange over IKE from edge-lon-1 to mgmt, conf-oslo-1 and conf-oslo-2 (pexnet rows: ipsec-ike)
# Source ports 500 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-edge-fw-1-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='udp:500' \
    --source-ranges='198.51.100.11/32' \
    --destination-ranges='10.10.1.5/32,10.10.2.11/32,10.10.2.12/32' \
    --priority=1000 \
    --description='IPsec key exchange over IKE from edge-lon-1 to mgmt, conf-oslo-1 and conf-oslo-2 (pexnet rows: ipsec-ike)'

# Rule 2: IPsec key exchange over IKE from mgmt, conf-oslo-1 and conf-oslo-2 to edge-lon-1 (pexnet rows: ipsec-ike)
# Source ports 500 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-edge-fw-2-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='udp:500' \
    --source-ranges='10.10.1.5/32,10.10.2.11/32,10.10.2.12/32' \
    --destination-ranges='198.51.100.11/32' \
    --priority=1000 \
    --description='IPsec key exchange over IKE from mgmt, conf-oslo-1 and conf-oslo-2 to edge-lon-1 (pexnet rows: ipsec-ike)'

# Rule 3: IPsec ESP between nodes from edge-lon-1 to mgmt, conf-oslo-1 and conf-oslo-2 (pexnet rows: ipsec-esp)
gcloud compute firewall-rules create 'pexnet-edge-fw-3-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='esp' \
    --source-ranges='198.51.100.11/32' \
    --destination-ranges='10.10.1.5/32,10.10.2.11/32,10.10.2.12/32' \
    --priority=1000 \
    --description='IPsec ESP between nodes from edge-lon-1 to mgmt, conf-oslo-1 and conf-oslo-2 (pexnet rows: ipsec-esp)'

# Rule 4: IPsec ESP between nodes from mgmt, conf-oslo-1 and conf-oslo-2 to edge-lon-1 (pexnet rows: ipsec-esp)
gcloud compute firewall-rules create 'pexnet-edge-fw-4-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='esp' \
    --source-ranges='10.10.1.5/32,10.10.2.11/32,10.10.2.12/32' \
    --destination-ranges='198.51.100.11/32' \
    --priority=1000 \
    --description='IPsec ESP between nodes from mgmt, conf-oslo-1 and conf-oslo-2 to edge-lon-1 (pexnet rows: ipsec-esp)'

# Rule 5: SSH administration from noc to edge-lon-1 (pexnet rows: admin-ssh)
gcloud compute firewall-rules create 'pexnet-edge-fw-5-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='tcp:22' \
    --source-ranges='10.10.50.0/24' \
    --destination-ranges='198.51.100.11/32' \
    --priority=1000 \
    --description='SSH administration from noc to edge-lon-1 (pexnet rows: admin-ssh)'

# Rule 6: DNS lookups from edge-lon-1 to dns1 (pexnet rows: dns)
# Source ports 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-edge-fw-6-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='tcp:53' \
    --source-ranges='198.51.100.11/32' \
    --destination-ranges='10.10.0.53/32' \
    --priority=1000 \
    --description='DNS lookups from edge-lon-1 to dns1 (pexnet rows: dns)'

# Rule 7: DNS lookups from edge-lon-1 to dns1 (pexnet rows: dns)
# Source ports 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-edge-fw-7-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='udp:53' \
    --source-ranges='198.51.100.11/32' \
    --destination-ranges='10.10.0.53/32' \
    --priority=1000 \
    --description='DNS lookups from edge-lon-1 to dns1 (pexnet rows: dns)'

# Rule 8: NTP time synchronization from edge-lon-1 to ntp1 (pexnet rows: ntp)
# Source ports 123, 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-edge-fw-8-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='udp:123' \
    --source-ranges='198.51.100.11/32' \
    --destination-ranges='10.10.0.123/32' \
    --priority=1000 \
    --description='NTP time synchronization from edge-lon-1 to ntp1 (pexnet rows: ntp)'

# Rule 9: License activation from mgmt to lic (pexnet rows: licensing)
# Source ports 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
if [[ -n "$HOST_LIC_1_IPV4_CIDRS" ]]; then
  gcloud compute firewall-rules create 'pexnet-edge-fw-9-v4-host' \
      --network="$NETWORK" \
      --direction=INGRESS \
      --action=ALLOW \
      --rules='tcp:443' \
      --source-ranges='10.10.1.5/32' \
      --destination-ranges="$HOST_LIC_1_IPV4_CIDRS" \
      --priority=1000 \
      --description='License activation from mgmt to lic (pexnet rows: licensing)'
fi

# Rule 10: H.323 RAS, SIP over UDP, Call media from guests to edge-lon-1 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)
gcloud compute firewall-rules create 'pexnet-edge-fw-10-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='udp:1719,udp:5060,udp:40000-49999' \
    --source-ranges='0.0.0.0/0' \
    --destination-ranges='198.51.100.11/32' \
    --priority=1000 \
    --description='H.323 RAS, SIP over UDP, Call media from guests to edge-lon-1 (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)'

# Rule 11: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from guests to edge-lon-1 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
gcloud compute firewall-rules create 'pexnet-edge-fw-11-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='tcp:80,tcp:443,tcp:1720,tcp:5060-5061,tcp:33000-49999' \
    --source-ranges='0.0.0.0/0' \
    --destination-ranges='198.51.100.11/32' \
    --priority=1000 \
    --description='H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from guests to edge-lon-1 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)'

# Rule 12: H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from edge-lon-1 to guests (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)
# Source ports 33000-39999 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-edge-fw-12-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='udp:1719,udp:5060' \
    --source-ranges='198.51.100.11/32' \
    --destination-ranges='0.0.0.0/0' \
    --priority=1000 \
    --description='H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from edge-lon-1 to guests (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)'

# Rule 13: H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from edge-lon-1 to guests (pexnet rows: node-to-endpoint-h323-call-setup, node-to-endpoint-h323-h245, node-to-endpoint-sip, node-to-endpoint-sip-tls)
# Source ports 33000-39999 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-edge-fw-13-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='tcp:1-65535' \
    --source-ranges='198.51.100.11/32' \
    --destination-ranges='0.0.0.0/0' \
    --priority=1000 \
    --description='H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from edge-lon-1 to guests (pexnet rows: node-to-endpoint-h323-call-setup, node-to-endpoint-h323-h245, node-to-endpoint-sip, node-to-endpoint-sip-tls)'

# Rule 14: Call media, placed by the node from edge-lon-1 to guests (pexnet rows: node-to-endpoint-media)
# Source ports 40000-49999 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-edge-fw-14-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='tcp:1-65535' \
    --source-ranges='198.51.100.11/32' \
    --destination-ranges='0.0.0.0/0' \
    --priority=1000 \
    --description='Call media, placed by the node from edge-lon-1 to guests (pexnet rows: node-to-endpoint-media)'

# Rule 15: Call media, placed by the node from edge-lon-1 to guests (pexnet rows: node-to-endpoint-media)
# Source ports 40000-49999 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-edge-fw-15-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='udp:1-65535' \
    --source-ranges='198.51.100.11/32' \
    --destination-ranges='0.0.0.0/0' \
    --priority=1000 \
    --description='Call media, placed by the node from edge-lon-1 to guests (pexnet rows: node-to-endpoint-media)'

# Everything else inbound is dropped.
gcloud compute firewall-rules create 'pexnet-edge-fw-deny-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=DENY \
    --rules='all' \
    --source-ranges='0.0.0.0/0' \
    --priority=65534 \
    --description='pexnet: drop all other inbound traffic'
