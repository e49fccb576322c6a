#!/usr/bin/env bash
# pexnet export for Google Cloud VPC firewall (gcloud): network firewall dmz-fw from teams-google-interop.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 15 rules for 16 required flow groups. Each rule names the Pexip flows it serves.
# VPC firewall rules are stateful: replies to allowed connections pass by nature.
# VPC firewall rules cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Network firewall dmz-fw becomes ingress rules of the VPC network that apply to all its instances: each names its destination ranges.
# Deny-all ingress at priority 65534 drops the rest (the implied rules of Google Cloud also deny ingress at 65535, and a deny wins over an allow of equal priority such as the default-allow rules of the default network).
# Flows to destinations outside the VPC network (the catch-all zone, host peers, external networks) leave as egress, which Google Cloud allows by default: their ingress rules document them and match nothing.
# A rule cannot mix IPv4 and IPv6 ranges: there is one rule per family.
# VPC firewall rules take no host names: each host peer has a placeholder for its prefixes (empty: no rule).
# IPv6 neighbour discovery is not filtered by VPC firewall rules: no rule is needed for it.
# Re-running fails on rules that exist: delete them first (gcloud compute firewall-rules delete NAME).
set -euo pipefail

# The VPC network the rules belong to.
NETWORK="${NETWORK:-default}"

# FILL IN: host peers' prefixes, comma-separated (e.g. 203.0.113.0/24,198.51.100.7/32); empty skips the rule.
# FILL IN: the IPv4 prefixes of fabrikam-teams.servicebus.windows.net, host peer hub empty means no rule
HOST_HUB_1_IPV4_CIDRS="${HOST_HUB_1_IPV4_CIDRS:-}"

# Rule 1: IPsec key exchange over IKE from mgmt to conf-1 and conf-2 (pexnet rows: ipsec-ike)
# Source ports 500 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-dmz-fw-1-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='udp:500' \
    --source-ranges='10.30.0.5/32' \
    --destination-ranges='192.0.2.21/32,192.0.2.22/32' \
    --priority=1000 \
    --description='IPsec key exchange over IKE from mgmt to conf-1 and conf-2 (pexnet rows: ipsec-ike)'

# Rule 2: IPsec key exchange over IKE from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-ike)
# Source ports 500 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-dmz-fw-2-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='udp:500' \
    --source-ranges='192.0.2.21/32,192.0.2.22/32' \
    --destination-ranges='10.30.0.5/32' \
    --priority=1000 \
    --description='IPsec key exchange over IKE from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-ike)'

# Rule 3: IPsec ESP between nodes from mgmt to conf-1 and conf-2 (pexnet rows: ipsec-esp)
gcloud compute firewall-rules create 'pexnet-dmz-fw-3-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='esp' \
    --source-ranges='10.30.0.5/32' \
    --destination-ranges='192.0.2.21/32,192.0.2.22/32' \
    --priority=1000 \
    --description='IPsec ESP between nodes from mgmt to conf-1 and conf-2 (pexnet rows: ipsec-esp)'

# Rule 4: IPsec ESP between nodes from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-esp)
gcloud compute firewall-rules create 'pexnet-dmz-fw-4-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='esp' \
    --source-ranges='192.0.2.21/32,192.0.2.22/32' \
    --destination-ranges='10.30.0.5/32' \
    --priority=1000 \
    --description='IPsec ESP between nodes from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-esp)'

# Rule 5: DNS lookups from conf-1 and conf-2 to dns (pexnet rows: dns)
# Source ports 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-dmz-fw-5-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='tcp:53' \
    --source-ranges='192.0.2.21/32,192.0.2.22/32' \
    --destination-ranges='10.30.0.53/32' \
    --priority=1000 \
    --description='DNS lookups from conf-1 and conf-2 to dns (pexnet rows: dns)'

# Rule 6: DNS lookups from conf-1 and conf-2 to dns (pexnet rows: dns)
# Source ports 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-dmz-fw-6-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='udp:53' \
    --source-ranges='192.0.2.21/32,192.0.2.22/32' \
    --destination-ranges='10.30.0.53/32' \
    --priority=1000 \
    --description='DNS lookups from conf-1 and conf-2 to dns (pexnet rows: dns)'

# Rule 7: NTP time synchronization from conf-1 and conf-2 to ntp (pexnet rows: ntp)
# Source ports 123, 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-dmz-fw-7-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='udp:123' \
    --source-ranges='192.0.2.21/32,192.0.2.22/32' \
    --destination-ranges='10.30.0.123/32' \
    --priority=1000 \
    --description='NTP time synchronization from conf-1 and conf-2 to ntp (pexnet rows: ntp)'

# Rule 8: Outbound web proxy from conf-1 and conf-2 to proxy (pexnet rows: web-proxy)
# Source ports 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-dmz-fw-8-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='tcp:3128' \
    --source-ranges='192.0.2.21/32,192.0.2.22/32' \
    --destination-ranges='10.30.0.8/32' \
    --priority=1000 \
    --description='Outbound web proxy from conf-1 and conf-2 to proxy (pexnet rows: web-proxy)'

# Rule 9: Teams status reports to Azure Event Hub over AMQPS from mgmt to hub (pexnet rows: event-hub)
# Source ports 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
if [[ -n "$HOST_HUB_1_IPV4_CIDRS" ]]; then
  gcloud compute firewall-rules create 'pexnet-dmz-fw-9-v4-host' \
      --network="$NETWORK" \
      --direction=INGRESS \
      --action=ALLOW \
      --rules='tcp:5671' \
      --source-ranges='10.30.0.5/32' \
      --destination-ranges="$HOST_HUB_1_IPV4_CIDRS" \
      --priority=1000 \
      --description='Teams status reports to Azure Event Hub over AMQPS from mgmt to hub (pexnet rows: event-hub)'
fi

# Rule 11: Google Meet signaling, Signaling to the Teams Connector from conf-1 and conf-2 to teams and meet (pexnet rows: node-to-google-meet-signaling, node-to-teams-connector-signaling)
# Source ports 33000-39999 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-dmz-fw-11-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='tcp:443' \
    --source-ranges='192.0.2.21/32,192.0.2.22/32' \
    --destination-ranges='203.0.113.0/26' \
    --priority=1000 \
    --description='Google Meet signaling, Signaling to the Teams Connector from conf-1 and conf-2 to teams and meet (pexnet rows: node-to-google-meet-signaling, node-to-teams-connector-signaling)'

# Rule 13: Signaling from the Teams Connector from teams to conf-1 and conf-2 (pexnet rows: teams-connector-signaling)
gcloud compute firewall-rules create 'pexnet-dmz-fw-13-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='tcp:443,tcp:4277' \
    --source-ranges='203.0.113.0/26' \
    --destination-ranges='192.0.2.21/32,192.0.2.22/32' \
    --priority=1000 \
    --description='Signaling from the Teams Connector from teams to conf-1 and conf-2 (pexnet rows: teams-connector-signaling)'

# Rule 14: Media from the Teams Connector from teams to conf-1 and conf-2 (pexnet rows: teams-connector-media)
# Source ports 50000-54999 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-dmz-fw-14-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='udp:40000-44999' \
    --source-ranges='203.0.113.0/26' \
    --destination-ranges='192.0.2.21/32,192.0.2.22/32' \
    --priority=1000 \
    --description='Media from the Teams Connector from teams to conf-1 and conf-2 (pexnet rows: teams-connector-media)'

# Rule 15: Media to the Teams Connector from conf-1 and conf-2 to teams (pexnet rows: node-to-teams-connector-media)
# Source ports 40000-44999 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-dmz-fw-15-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='udp:50000-54999' \
    --source-ranges='192.0.2.21/32,192.0.2.22/32' \
    --destination-ranges='203.0.113.0/26' \
    --priority=1000 \
    --description='Media to the Teams Connector from conf-1 and conf-2 to teams (pexnet rows: node-to-teams-connector-media)'

# Everything else inbound is dropped.
gcloud compute firewall-rules create 'pexnet-dmz-fw-deny-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=DENY \
    --rules='all' \
    --source-ranges='0.0.0.0/0' \
    --priority=65534 \
    --description='pexnet: drop all other inbound traffic'

# Everything else inbound is dropped.
gcloud compute firewall-rules create 'pexnet-dmz-fw-deny-v6' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=DENY \
    --rules='all' \
    --source-ranges='::/0' \
    --priority=65534 \
    --description='pexnet: drop all other inbound traffic'
