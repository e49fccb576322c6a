# pexnet export for Windows Defender Firewall: network firewall core-fw from single-site.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 9 rules for 21 required flow groups. Each rule names the Pexip flows it serves.
# Run in an elevated PowerShell. Windows applies block rules before allow rules whatever
# their order, so these rules need no placement; an explicit block rule on the same traffic still wins.
# Network firewall rendered as host rules: inbound rules whose local addresses are the destinations; zones are named in the descriptions.

#Requires -RunAsAdministrator
$ErrorActionPreference = 'Stop'

# Rerunning replaces the rules of the previous run.
Remove-NetFirewallRule -Group 'pexnet core-fw' -ErrorAction SilentlyContinue

# Block inbound by default. The firewall is stateful: replies of allowed connections pass.
# Other enabled inbound allow rules on the host (built-in ones included) keep applying.
Set-NetFirewallProfile -Profile Domain,Private,Public -Enabled True -DefaultInboundAction Block

# Host peers: Windows firewall rules take IP addresses only. FILL IN each host's addresses,
# e.g. @('192.0.2.10', '2001:db8::10'); the rules that need an empty one are skipped.
$HostAddresses_activation_pexip_com = @()  # FILL IN the addresses of activation.pexip.com

# pexnet-1: SSH administration, Management web and API over HTTPS from it-admins to mgmt
New-NetFirewallRule -DisplayName 'pexnet-1 SSH administration, Management web and API over HTTPS from it-admins to mgmt' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 22,443 -RemoteAddress '10.20.200.0/24' -LocalAddress '10.20.0.10/32' -Description 'SSH administration, Management web and API over HTTPS from it-admins to mgmt (zones users to servers) (pexnet rows: admin-ssh, admin-https)' -Group 'pexnet core-fw'

# pexnet-2: SSH administration from it-admins to conf-1, conf-2 and conf-3
New-NetFirewallRule -DisplayName 'pexnet-2 SSH administration from it-admins to conf-1, conf-2 and conf-3' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 22 -RemoteAddress '10.20.200.0/24' -LocalAddress '10.20.0.21/32','10.20.0.22/31' -Description 'SSH administration from it-admins to conf-1, conf-2 and conf-3 (zones users to servers) (pexnet rows: admin-ssh)' -Group 'pexnet core-fw'

# pexnet-3: License activation from mgmt to pexip-lic
if ((@() + $HostAddresses_activation_pexip_com).Count -gt 0) {
    New-NetFirewallRule -DisplayName 'pexnet-3 License activation from mgmt to pexip-lic' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 443 -RemotePort 55000-65535 -RemoteAddress '10.20.0.10/32' -LocalAddress (@() + $HostAddresses_activation_pexip_com) -Description 'License activation from mgmt to pexip-lic (zones servers to internet) (pexnet rows: licensing)' -Group 'pexnet core-fw'
}

# pexnet-4: H.323 RAS, Call media from desks to conf-1, conf-2 and conf-3
New-NetFirewallRule -DisplayName 'pexnet-4 H.323 RAS, Call media from desks to conf-1, conf-2 and conf-3' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 1719,40000-49999 -RemoteAddress '10.20.128.0/18' -LocalAddress '10.20.0.21/32','10.20.0.22/31' -Description 'H.323 RAS, Call media from desks to conf-1, conf-2 and conf-3 (zones users to servers) (pexnet rows: endpoint-h323-ras, endpoint-media)' -Group 'pexnet core-fw'

# pexnet-5: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from desks to conf-1, conf-2 and conf-3
New-NetFirewallRule -DisplayName 'pexnet-5 H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from desks to conf-1, conf-2 and conf-3' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 80,443,1720,5060-5061,33000-49999 -RemoteAddress '10.20.128.0/18' -LocalAddress '10.20.0.21/32','10.20.0.22/31' -Description 'H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from desks to conf-1, conf-2 and conf-3 (zones users to servers) (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)' -Group 'pexnet core-fw'

# pexnet-6: H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-1, conf-2 and conf-3 to desks
New-NetFirewallRule -DisplayName 'pexnet-6 H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-1, conf-2 and conf-3 to desks' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 1719,5060 -RemotePort 33000-39999 -RemoteAddress '10.20.0.21/32','10.20.0.22/31' -LocalAddress '10.20.128.0/18' -Description 'H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-1, conf-2 and conf-3 to desks (zones servers to users) (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)' -Group 'pexnet core-fw'

# pexnet-7: H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from conf-1, conf-2 and conf-3 to ...
New-NetFirewallRule -DisplayName 'pexnet-7 H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from conf-1, conf-2 and c...' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 1-65535 -RemotePort 33000-39999 -RemoteAddress '10.20.0.21/32','10.20.0.22/31' -LocalAddress '10.20.128.0/18' -Description 'H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from conf-1, conf-2 and conf-3 to desks (zones servers to users) (pexnet rows: node-to-endpoint-h323-call-setup, node-to-endpoint-h323-h245, node-to-endpoint-sip, node-to-endpoint-sip-tls)' -Group 'pexnet core-fw'

# pexnet-8: Call media, placed by the node from conf-1, conf-2 and conf-3 to desks
New-NetFirewallRule -DisplayName 'pexnet-8 Call media, placed by the node from conf-1, conf-2 and conf-3 to desks' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 1-65535 -RemotePort 40000-49999 -RemoteAddress '10.20.0.21/32','10.20.0.22/31' -LocalAddress '10.20.128.0/18' -Description 'Call media, placed by the node from conf-1, conf-2 and conf-3 to desks (zones servers to users) (pexnet rows: node-to-endpoint-media)' -Group 'pexnet core-fw'

# pexnet-9: Call media, placed by the node from conf-1, conf-2 and conf-3 to desks
New-NetFirewallRule -DisplayName 'pexnet-9 Call media, placed by the node from conf-1, conf-2 and conf-3 to desks' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 1-65535 -RemotePort 40000-49999 -RemoteAddress '10.20.0.21/32','10.20.0.22/31' -LocalAddress '10.20.128.0/18' -Description 'Call media, placed by the node from conf-1, conf-2 and conf-3 to desks (zones servers to users) (pexnet rows: node-to-endpoint-media)' -Group 'pexnet core-fw'

