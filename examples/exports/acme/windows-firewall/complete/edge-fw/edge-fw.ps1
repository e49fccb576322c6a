# pexnet export for Windows Defender Firewall: network firewall edge-fw from acme.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 15 rules for 31 required flow groups. Each rule names the Pexip flows it serves.
# Run in an elevated PowerShell. Windows applies block rules before allow rules whatever
# their order, so these rules need no placement; an explicit block rule on the same traffic still wins.
# Network firewall rendered as host rules: inbound rules whose local addresses are the destinations; zones are named in the descriptions.

#Requires -RunAsAdministrator
$ErrorActionPreference = 'Stop'

# Rerunning replaces the rules of the previous run.
Remove-NetFirewallRule -Group 'pexnet edge-fw' -ErrorAction SilentlyContinue

# Block inbound by default. The firewall is stateful: replies of allowed connections pass.
# Other enabled inbound allow rules on the host (built-in ones included) keep applying.
Set-NetFirewallProfile -Profile Domain,Private,Public -Enabled True -DefaultInboundAction Block

# Host peers: Windows firewall rules take IP addresses only. FILL IN each host's addresses,
# e.g. @('192.0.2.10', '2001:db8::10'); the rules that need an empty one are skipped.
$HostAddresses_activation_pexip_com = @()  # FILL IN the addresses of activation.pexip.com

# pexnet-1: IPsec key exchange over IKE from edge-lon-1 to mgmt, conf-oslo-1 and conf-oslo-2
New-NetFirewallRule -DisplayName 'pexnet-1 IPsec key exchange over IKE from edge-lon-1 to mgmt, conf-oslo-1 and conf-oslo-2' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 500 -RemotePort 500 -RemoteAddress '198.51.100.11/32' -LocalAddress '10.10.1.5/32','10.10.2.11/32','10.10.2.12/32' -Description 'IPsec key exchange over IKE from edge-lon-1 to mgmt, conf-oslo-1 and conf-oslo-2 (zones dmz to corp) (pexnet rows: ipsec-ike)' -Group 'pexnet edge-fw'

# pexnet-2: IPsec key exchange over IKE from mgmt, conf-oslo-1 and conf-oslo-2 to edge-lon-1
New-NetFirewallRule -DisplayName 'pexnet-2 IPsec key exchange over IKE from mgmt, conf-oslo-1 and conf-oslo-2 to edge-lon-1' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 500 -RemotePort 500 -RemoteAddress '10.10.1.5/32','10.10.2.11/32','10.10.2.12/32' -LocalAddress '198.51.100.11/32' -Description 'IPsec key exchange over IKE from mgmt, conf-oslo-1 and conf-oslo-2 to edge-lon-1 (zones corp to dmz) (pexnet rows: ipsec-ike)' -Group 'pexnet edge-fw'

# pexnet-3: IPsec ESP between nodes from edge-lon-1 to mgmt, conf-oslo-1 and conf-oslo-2
New-NetFirewallRule -DisplayName 'pexnet-3 IPsec ESP between nodes from edge-lon-1 to mgmt, conf-oslo-1 and conf-oslo-2' -Direction Inbound -Action Allow -Protocol 50 -RemoteAddress '198.51.100.11/32' -LocalAddress '10.10.1.5/32','10.10.2.11/32','10.10.2.12/32' -Description 'IPsec ESP between nodes from edge-lon-1 to mgmt, conf-oslo-1 and conf-oslo-2 (zones dmz to corp) (pexnet rows: ipsec-esp)' -Group 'pexnet edge-fw'

# pexnet-4: IPsec ESP between nodes from mgmt, conf-oslo-1 and conf-oslo-2 to edge-lon-1
New-NetFirewallRule -DisplayName 'pexnet-4 IPsec ESP between nodes from mgmt, conf-oslo-1 and conf-oslo-2 to edge-lon-1' -Direction Inbound -Action Allow -Protocol 50 -RemoteAddress '10.10.1.5/32','10.10.2.11/32','10.10.2.12/32' -LocalAddress '198.51.100.11/32' -Description 'IPsec ESP between nodes from mgmt, conf-oslo-1 and conf-oslo-2 to edge-lon-1 (zones corp to dmz) (pexnet rows: ipsec-esp)' -Group 'pexnet edge-fw'

# pexnet-5: SSH administration from noc to edge-lon-1
New-NetFirewallRule -DisplayName 'pexnet-5 SSH administration from noc to edge-lon-1' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 22 -RemoteAddress '10.10.50.0/24' -LocalAddress '198.51.100.11/32' -Description 'SSH administration from noc to edge-lon-1 (zones corp to dmz) (pexnet rows: admin-ssh)' -Group 'pexnet edge-fw'

# pexnet-6: DNS lookups from edge-lon-1 to dns1
New-NetFirewallRule -DisplayName 'pexnet-6 DNS lookups from edge-lon-1 to dns1' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 53 -RemotePort 55000-65535 -RemoteAddress '198.51.100.11/32' -LocalAddress '10.10.0.53/32' -Description 'DNS lookups from edge-lon-1 to dns1 (zones dmz to corp) (pexnet rows: dns)' -Group 'pexnet edge-fw'

# pexnet-7: DNS lookups from edge-lon-1 to dns1
New-NetFirewallRule -DisplayName 'pexnet-7 DNS lookups from edge-lon-1 to dns1' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 53 -RemotePort 55000-65535 -RemoteAddress '198.51.100.11/32' -LocalAddress '10.10.0.53/32' -Description 'DNS lookups from edge-lon-1 to dns1 (zones dmz to corp) (pexnet rows: dns)' -Group 'pexnet edge-fw'

# pexnet-8: NTP time synchronization from edge-lon-1 to ntp1
New-NetFirewallRule -DisplayName 'pexnet-8 NTP time synchronization from edge-lon-1 to ntp1' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 123 -RemotePort 123,55000-65535 -RemoteAddress '198.51.100.11/32' -LocalAddress '10.10.0.123/32' -Description 'NTP time synchronization from edge-lon-1 to ntp1 (zones dmz to corp) (pexnet rows: ntp)' -Group 'pexnet edge-fw'

# pexnet-9: License activation from mgmt to lic
if ((@() + $HostAddresses_activation_pexip_com).Count -gt 0) {
    New-NetFirewallRule -DisplayName 'pexnet-9 License activation from mgmt to lic' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 443 -RemotePort 55000-65535 -RemoteAddress '10.10.1.5/32' -LocalAddress (@() + $HostAddresses_activation_pexip_com) -Description 'License activation from mgmt to lic (zones corp to internet) (pexnet rows: licensing)' -Group 'pexnet edge-fw'
}

# pexnet-10: H.323 RAS, SIP over UDP, Call media from guests to edge-lon-1
New-NetFirewallRule -DisplayName 'pexnet-10 H.323 RAS, SIP over UDP, Call media from guests to edge-lon-1' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 1719,5060,40000-49999 -RemoteAddress '0.0.0.0/0' -LocalAddress '198.51.100.11/32' -Description 'H.323 RAS, SIP over UDP, Call media from guests to edge-lon-1 (zones internet to dmz) (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)' -Group 'pexnet edge-fw'

# pexnet-11: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from guests to edge-lon-1
New-NetFirewallRule -DisplayName 'pexnet-11 H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from guests to edge-lon-1' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 80,443,1720,5060-5061,33000-49999 -RemoteAddress '0.0.0.0/0' -LocalAddress '198.51.100.11/32' -Description 'H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from guests to edge-lon-1 (zones internet to dmz) (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)' -Group 'pexnet edge-fw'

# pexnet-12: H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from edge-lon-1 to guests
New-NetFirewallRule -DisplayName 'pexnet-12 H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from edge-lon-1 to guests' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 1719,5060 -RemotePort 33000-39999 -RemoteAddress '198.51.100.11/32' -LocalAddress '0.0.0.0/0' -Description 'H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from edge-lon-1 to guests (zones dmz to internet) (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)' -Group 'pexnet edge-fw'

# pexnet-13: H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from edge-lon-1 to guests
New-NetFirewallRule -DisplayName 'pexnet-13 H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from edge-lon-1 to guests' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 1-65535 -RemotePort 33000-39999 -RemoteAddress '198.51.100.11/32' -LocalAddress '0.0.0.0/0' -Description 'H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from edge-lon-1 to guests (zones dmz to internet) (pexnet rows: node-to-endpoint-h323-call-setup, node-to-endpoint-h323-h245, node-to-endpoint-sip, node-to-endpoint-sip-tls)' -Group 'pexnet edge-fw'

# pexnet-14: Call media, placed by the node from edge-lon-1 to guests
New-NetFirewallRule -DisplayName 'pexnet-14 Call media, placed by the node from edge-lon-1 to guests' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 1-65535 -RemotePort 40000-49999 -RemoteAddress '198.51.100.11/32' -LocalAddress '0.0.0.0/0' -Description 'Call media, placed by the node from edge-lon-1 to guests (zones dmz to internet) (pexnet rows: node-to-endpoint-media)' -Group 'pexnet edge-fw'

# pexnet-15: Call media, placed by the node from edge-lon-1 to guests
New-NetFirewallRule -DisplayName 'pexnet-15 Call media, placed by the node from edge-lon-1 to guests' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 1-65535 -RemotePort 40000-49999 -RemoteAddress '198.51.100.11/32' -LocalAddress '0.0.0.0/0' -Description 'Call media, placed by the node from edge-lon-1 to guests (zones dmz to internet) (pexnet rows: node-to-endpoint-media)' -Group 'pexnet edge-fw'

