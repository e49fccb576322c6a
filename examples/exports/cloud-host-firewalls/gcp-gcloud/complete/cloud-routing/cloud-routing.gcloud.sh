#!/usr/bin/env bash
# pexnet export for Google Cloud VPC firewall (gcloud): network firewall cloud-routing from cloud-host-firewalls.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 10 rules for 25 required flow groups. Each rule names the Pexip flows it serves.
# VPC firewall rules are stateful: replies to allowed connections pass by nature.
# VPC firewall rules cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Network firewall cloud-routing becomes ingress rules of the VPC network that apply to all its instances: each names its destination ranges.
# Deny-all ingress at priority 65534 drops the rest (the implied rules of Google Cloud also deny ingress at 65535, and a deny wins over an allow of equal priority such as the default-allow rules of the default network).
# Flows to destinations outside the VPC network (the catch-all zone, host peers, external networks) leave as egress, which Google Cloud allows by default: their ingress rules document them and match nothing.
# A rule cannot mix IPv4 and IPv6 ranges: there is one rule per family.
# VPC firewall rules take no host names: each host peer has a placeholder for its prefixes (empty: no rule).
# Re-running fails on rules that exist: delete them first (gcloud compute firewall-rules delete NAME).
set -euo pipefail

# The VPC network the rules belong to.
NETWORK="${NETWORK:-default}"

# FILL IN: host peers' prefixes, comma-separated (e.g. 203.0.113.0/24,198.51.100.7/32); empty skips the rule.
# FILL IN: the IPv4 prefixes of time.windows.com, host peer time empty means no rule
HOST_TIME_1_IPV4_CIDRS="${HOST_TIME_1_IPV4_CIDRS:-}"
# FILL IN: the IPv4 prefixes of activation.pexip.com, host peer lic-and-azure-api empty means no rule
HOST_LIC_AND_AZURE_API_1_IPV4_CIDRS="${HOST_LIC_AND_AZURE_API_1_IPV4_CIDRS:-}"
# FILL IN: the IPv4 prefixes of management.azure.com, host peer lic-and-azure-api empty means no rule
HOST_LIC_AND_AZURE_API_2_IPV4_CIDRS="${HOST_LIC_AND_AZURE_API_2_IPV4_CIDRS:-}"

# Rule 1: SSH administration, Management web and API over HTTPS from admins to mgmt (pexnet rows: admin-ssh, admin-https)
gcloud compute firewall-rules create 'pexnet-cloud-routing-1-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='tcp:22,tcp:443' \
    --source-ranges='192.0.2.0/26' \
    --destination-ranges='10.100.0.4/32' \
    --priority=1000 \
    --description='SSH administration, Management web and API over HTTPS from admins to mgmt (pexnet rows: admin-ssh, admin-https)'

# Rule 2: SSH administration, Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-ssh, admin-provisioning)
gcloud compute firewall-rules create 'pexnet-cloud-routing-2-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='tcp:22,tcp:8443' \
    --source-ranges='192.0.2.0/26' \
    --destination-ranges='10.100.1.4/31' \
    --priority=1000 \
    --description='SSH administration, Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-ssh, admin-provisioning)'

# Rule 3: NTP time synchronization from mgmt, conf-1 and conf-2 to time (pexnet rows: ntp)
# Source ports 123, 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
if [[ -n "$HOST_TIME_1_IPV4_CIDRS" ]]; then
  gcloud compute firewall-rules create 'pexnet-cloud-routing-3-v4-host' \
      --network="$NETWORK" \
      --direction=INGRESS \
      --action=ALLOW \
      --rules='udp:123' \
      --source-ranges='10.100.0.4/32,10.100.1.4/31' \
      --destination-ranges="$HOST_TIME_1_IPV4_CIDRS" \
      --priority=1000 \
      --description='NTP time synchronization from mgmt, conf-1 and conf-2 to time (pexnet rows: ntp)'
fi

# Rule 4: License activation, Cloud bursting control from mgmt to lic and azure-api (pexnet rows: licensing, cloud-bursting)
# Source ports 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
if [[ -n "$HOST_LIC_AND_AZURE_API_1_IPV4_CIDRS" ]]; then
  gcloud compute firewall-rules create 'pexnet-cloud-routing-4-v4-host' \
      --network="$NETWORK" \
      --direction=INGRESS \
      --action=ALLOW \
      --rules='tcp:443' \
      --source-ranges='10.100.0.4/32' \
      --destination-ranges="$HOST_LIC_AND_AZURE_API_1_IPV4_CIDRS" \
      --priority=1000 \
      --description='License activation, Cloud bursting control from mgmt to lic and azure-api (pexnet rows: licensing, cloud-bursting)'
fi

# Rule 4: License activation, Cloud bursting control from mgmt to lic and azure-api (pexnet rows: licensing, cloud-bursting)
# Source ports 55000-65535 in the catalog: VPC firewall rules cannot match source ports.
if [[ -n "$HOST_LIC_AND_AZURE_API_2_IPV4_CIDRS" ]]; then
  gcloud compute firewall-rules create 'pexnet-cloud-routing-4-v4-host-2' \
      --network="$NETWORK" \
      --direction=INGRESS \
      --action=ALLOW \
      --rules='tcp:443' \
      --source-ranges='10.100.0.4/32' \
      --destination-ranges="$HOST_LIC_AND_AZURE_API_2_IPV4_CIDRS" \
      --priority=1000 \
      --description='License activation, Cloud bursting control from mgmt to lic and azure-api (pexnet rows: licensing, cloud-bursting)'
fi

# Rule 5: H.323 RAS, Call media from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-ras, endpoint-media)
gcloud compute firewall-rules create 'pexnet-cloud-routing-5-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='udp:1719,udp:40000-49999' \
    --source-ranges='0.0.0.0/0' \
    --destination-ranges='10.100.1.4/31' \
    --priority=1000 \
    --description='H.323 RAS, Call media from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-ras, endpoint-media)'

# Rule 6: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)
gcloud compute firewall-rules create 'pexnet-cloud-routing-6-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='tcp:80,tcp:443,tcp:1720,tcp:5060-5061,tcp:33000-49999' \
    --source-ranges='0.0.0.0/0' \
    --destination-ranges='10.100.1.4/31' \
    --priority=1000 \
    --description='H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)'

# Rule 7: H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)
# Source ports 33000-39999 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-cloud-routing-7-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='udp:1719,udp:5060' \
    --source-ranges='10.100.1.4/31' \
    --destination-ranges='0.0.0.0/0' \
    --priority=1000 \
    --description='H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)'

# Rule 8: H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-h323-call-setup, node-to-endpoint-h323-h245, node-to-endpoint-sip, node-to-endpoint-sip-tls)
# Source ports 33000-39999 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-cloud-routing-8-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='tcp:1-65535' \
    --source-ranges='10.100.1.4/31' \
    --destination-ranges='0.0.0.0/0' \
    --priority=1000 \
    --description='H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-h323-call-setup, node-to-endpoint-h323-h245, node-to-endpoint-sip, node-to-endpoint-sip-tls)'

# Rule 9: Call media, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-media)
# Source ports 40000-49999 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-cloud-routing-9-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='tcp:1-65535' \
    --source-ranges='10.100.1.4/31' \
    --destination-ranges='0.0.0.0/0' \
    --priority=1000 \
    --description='Call media, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-media)'

# Rule 10: Call media, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-media)
# Source ports 40000-49999 in the catalog: VPC firewall rules cannot match source ports.
gcloud compute firewall-rules create 'pexnet-cloud-routing-10-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=ALLOW \
    --rules='udp:1-65535' \
    --source-ranges='10.100.1.4/31' \
    --destination-ranges='0.0.0.0/0' \
    --priority=1000 \
    --description='Call media, placed by the node from conf-1 and conf-2 to anyone (pexnet rows: node-to-endpoint-media)'

# Everything else inbound is dropped.
gcloud compute firewall-rules create 'pexnet-cloud-routing-deny-v4' \
    --network="$NETWORK" \
    --direction=INGRESS \
    --action=DENY \
    --rules='all' \
    --source-ranges='0.0.0.0/0' \
    --priority=65534 \
    --description='pexnet: drop all other inbound traffic'
