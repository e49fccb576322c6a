# pexnet export for Windows Defender Firewall: network firewall inside-fw from internet-edge.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 17 rules for 34 required flow groups. Each rule names the Pexip flows it serves.
# Run in an elevated PowerShell. Windows applies block rules before allow rules whatever
# their order, so these rules need no placement; an explicit block rule on the same traffic still wins.
# Network firewall rendered as host rules: inbound rules whose local addresses are the destinations; zones are named in the descriptions.

#Requires -RunAsAdministrator
$ErrorActionPreference = 'Stop'

# Rerunning replaces the rules of the previous run.
Remove-NetFirewallRule -Group 'pexnet inside-fw' -ErrorAction SilentlyContinue

# Block inbound by default. The firewall is stateful: replies of allowed connections pass.
# Other enabled inbound allow rules on the host (built-in ones included) keep applying.
Set-NetFirewallProfile -Profile Domain,Private,Public -Enabled True -DefaultInboundAction Block

# Host peers: Windows firewall rules take IP addresses only. FILL IN each host's addresses,
# e.g. @('192.0.2.10', '2001:db8::10'); the rules that need an empty one are skipped.
$HostAddresses_activation_pexip_com = @()  # FILL IN the addresses of activation.pexip.com

# pexnet-1: IPsec key exchange over IKE from edge-1 and edge-2 to mgmt, conf-dc-1 and 2 more
New-NetFirewallRule -DisplayName 'pexnet-1 IPsec key exchange over IKE from edge-1 and edge-2 to mgmt, conf-dc-1 and 2 more' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 500 -RemotePort 500 -RemoteAddress '172.16.10.11/32','172.16.10.12/32' -LocalAddress '10.1.0.5/32','10.1.1.11/32','10.1.1.12/32','10.1.2.11/32' -Description 'IPsec key exchange over IKE from edge-1 and edge-2 to mgmt, conf-dc-1 and 2 more (zones dmz-inside to datacenter) (pexnet rows: ipsec-ike)' -Group 'pexnet inside-fw'

# pexnet-2: IPsec key exchange over IKE from mgmt, conf-dc-1 and 2 more to edge-1 and edge-2
New-NetFirewallRule -DisplayName 'pexnet-2 IPsec key exchange over IKE from mgmt, conf-dc-1 and 2 more to edge-1 and edge-2' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 500 -RemotePort 500 -RemoteAddress '10.1.0.5/32','10.1.1.11/32','10.1.1.12/32','10.1.2.11/32' -LocalAddress '172.16.10.11/32','172.16.10.12/32' -Description 'IPsec key exchange over IKE from mgmt, conf-dc-1 and 2 more to edge-1 and edge-2 (zones datacenter to dmz-inside) (pexnet rows: ipsec-ike)' -Group 'pexnet inside-fw'

# pexnet-3: IPsec ESP between nodes from edge-1 and edge-2 to mgmt, conf-dc-1 and 2 more
New-NetFirewallRule -DisplayName 'pexnet-3 IPsec ESP between nodes from edge-1 and edge-2 to mgmt, conf-dc-1 and 2 more' -Direction Inbound -Action Allow -Protocol 50 -RemoteAddress '172.16.10.11/32','172.16.10.12/32' -LocalAddress '10.1.0.5/32','10.1.1.11/32','10.1.1.12/32','10.1.2.11/32' -Description 'IPsec ESP between nodes from edge-1 and edge-2 to mgmt, conf-dc-1 and 2 more (zones dmz-inside to datacenter) (pexnet rows: ipsec-esp)' -Group 'pexnet inside-fw'

# pexnet-4: IPsec ESP between nodes from mgmt, conf-dc-1 and 2 more to edge-1 and edge-2
New-NetFirewallRule -DisplayName 'pexnet-4 IPsec ESP between nodes from mgmt, conf-dc-1 and 2 more to edge-1 and edge-2' -Direction Inbound -Action Allow -Protocol 50 -RemoteAddress '10.1.0.5/32','10.1.1.11/32','10.1.1.12/32','10.1.2.11/32' -LocalAddress '172.16.10.11/32','172.16.10.12/32' -Description 'IPsec ESP between nodes from mgmt, conf-dc-1 and 2 more to edge-1 and edge-2 (zones datacenter to dmz-inside) (pexnet rows: ipsec-esp)' -Group 'pexnet inside-fw'

# pexnet-5: SSH administration, Management web and API over HTTPS from noc to mgmt
New-NetFirewallRule -DisplayName 'pexnet-5 SSH administration, Management web and API over HTTPS from noc to mgmt' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 22,443 -RemoteAddress '10.9.0.0/24' -LocalAddress '10.1.0.5/32' -Description 'SSH administration, Management web and API over HTTPS from noc to mgmt (zones corp to datacenter) (pexnet rows: admin-ssh, admin-https)' -Group 'pexnet inside-fw'

# pexnet-6: SSH administration from noc to conf-dc-1, conf-dc-2 and conf-bak-1
New-NetFirewallRule -DisplayName 'pexnet-6 SSH administration from noc to conf-dc-1, conf-dc-2 and conf-bak-1' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 22 -RemoteAddress '10.9.0.0/24' -LocalAddress '10.1.1.11/32','10.1.1.12/32','10.1.2.11/32' -Description 'SSH administration from noc to conf-dc-1, conf-dc-2 and conf-bak-1 (zones corp to datacenter) (pexnet rows: admin-ssh)' -Group 'pexnet inside-fw'

# pexnet-7: SSH administration from noc to edge-1 and edge-2
New-NetFirewallRule -DisplayName 'pexnet-7 SSH administration from noc to edge-1 and edge-2' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 22 -RemoteAddress '10.9.0.0/24' -LocalAddress '172.16.10.11/32','172.16.10.12/32' -Description 'SSH administration from noc to edge-1 and edge-2 (zones corp to dmz-inside) (pexnet rows: admin-ssh)' -Group 'pexnet inside-fw'

# pexnet-8: DNS lookups from edge-1 and edge-2 to dns1
New-NetFirewallRule -DisplayName 'pexnet-8 DNS lookups from edge-1 and edge-2 to dns1' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 53 -RemotePort 55000-65535 -RemoteAddress '172.16.10.11/32','172.16.10.12/32' -LocalAddress '10.1.0.53/32' -Description 'DNS lookups from edge-1 and edge-2 to dns1 (zones dmz-inside to datacenter) (pexnet rows: dns)' -Group 'pexnet inside-fw'

# pexnet-9: DNS lookups from edge-1 and edge-2 to dns1
New-NetFirewallRule -DisplayName 'pexnet-9 DNS lookups from edge-1 and edge-2 to dns1' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 53 -RemotePort 55000-65535 -RemoteAddress '172.16.10.11/32','172.16.10.12/32' -LocalAddress '10.1.0.53/32' -Description 'DNS lookups from edge-1 and edge-2 to dns1 (zones dmz-inside to datacenter) (pexnet rows: dns)' -Group 'pexnet inside-fw'

# pexnet-10: NTP time synchronization from edge-1 and edge-2 to ntp1
New-NetFirewallRule -DisplayName 'pexnet-10 NTP time synchronization from edge-1 and edge-2 to ntp1' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 123 -RemotePort 123,55000-65535 -RemoteAddress '172.16.10.11/32','172.16.10.12/32' -LocalAddress '10.1.0.123/32' -Description 'NTP time synchronization from edge-1 and edge-2 to ntp1 (zones dmz-inside to datacenter) (pexnet rows: ntp)' -Group 'pexnet inside-fw'

# pexnet-11: License activation from mgmt to lic
if ((@() + $HostAddresses_activation_pexip_com).Count -gt 0) {
    New-NetFirewallRule -DisplayName 'pexnet-11 License activation from mgmt to lic' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 443 -RemotePort 55000-65535 -RemoteAddress '10.1.0.5/32' -LocalAddress (@() + $HostAddresses_activation_pexip_com) -Description 'License activation from mgmt to lic (zones datacenter to corp) (pexnet rows: licensing)' -Group 'pexnet inside-fw'
}

# pexnet-12: H.323 RAS, SIP over UDP, Call media from staff to conf-dc-1 and conf-dc-2
New-NetFirewallRule -DisplayName 'pexnet-12 H.323 RAS, SIP over UDP, Call media from staff to conf-dc-1 and conf-dc-2' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 1719,5060,40000-49999 -RemoteAddress '10.64.0.0/12' -LocalAddress '10.1.1.11/32','10.1.1.12/32' -Description 'H.323 RAS, SIP over UDP, Call media from staff to conf-dc-1 and conf-dc-2 (zones corp to datacenter) (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)' -Group 'pexnet inside-fw'

# pexnet-13: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from staff to conf-dc-1 and conf-dc-2
New-NetFirewallRule -DisplayName 'pexnet-13 H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from staff to conf-dc-1 and conf-dc-2' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 80,443,1720,5060-5061,33000-49999 -RemoteAddress '10.64.0.0/12' -LocalAddress '10.1.1.11/32','10.1.1.12/32' -Description 'H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from staff to conf-dc-1 and conf-dc-2 (zones corp to datacenter) (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)' -Group 'pexnet inside-fw'

# pexnet-14: H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-dc-1 and conf-dc-2 to staff
New-NetFirewallRule -DisplayName 'pexnet-14 H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-dc-1 and conf-dc-2 to staff' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 1719,5060 -RemotePort 33000-39999 -RemoteAddress '10.1.1.11/32','10.1.1.12/32' -LocalAddress '10.64.0.0/12' -Description 'H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-dc-1 and conf-dc-2 to staff (zones datacenter to corp) (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)' -Group 'pexnet inside-fw'

# pexnet-15: H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from conf-dc-1 and conf-dc-2 to staff
New-NetFirewallRule -DisplayName 'pexnet-15 H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from conf-dc-1 and conf-...' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 1-65535 -RemotePort 33000-39999 -RemoteAddress '10.1.1.11/32','10.1.1.12/32' -LocalAddress '10.64.0.0/12' -Description 'H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from conf-dc-1 and conf-dc-2 to staff (zones datacenter to corp) (pexnet rows: node-to-endpoint-h323-call-setup, node-to-endpoint-h323-h245, node-to-endpoint-sip, node-to-endpoint-sip-tls)' -Group 'pexnet inside-fw'

# pexnet-16: Call media, placed by the node from conf-dc-1 and conf-dc-2 to staff
New-NetFirewallRule -DisplayName 'pexnet-16 Call media, placed by the node from conf-dc-1 and conf-dc-2 to staff' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 1-65535 -RemotePort 40000-49999 -RemoteAddress '10.1.1.11/32','10.1.1.12/32' -LocalAddress '10.64.0.0/12' -Description 'Call media, placed by the node from conf-dc-1 and conf-dc-2 to staff (zones datacenter to corp) (pexnet rows: node-to-endpoint-media)' -Group 'pexnet inside-fw'

# pexnet-17: Call media, placed by the node from conf-dc-1 and conf-dc-2 to staff
New-NetFirewallRule -DisplayName 'pexnet-17 Call media, placed by the node from conf-dc-1 and conf-dc-2 to staff' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 1-65535 -RemotePort 40000-49999 -RemoteAddress '10.1.1.11/32','10.1.1.12/32' -LocalAddress '10.64.0.0/12' -Description 'Call media, placed by the node from conf-dc-1 and conf-dc-2 to staff (zones datacenter to corp) (pexnet rows: node-to-endpoint-media)' -Group 'pexnet inside-fw'

