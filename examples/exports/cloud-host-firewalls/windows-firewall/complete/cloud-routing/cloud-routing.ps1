# pexnet export for Windows Defender Firewall: network firewall cloud-routing from cloud-host-firewalls.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 10 rules for 25 required flow groups. Each rule names the Pexip flows it serves.
# Run in an elevated PowerShell. Windows applies block rules before allow rules whatever
# their order, so these rules need no placement; an explicit block rule on the same traffic still wins.
# Network firewall rendered as host rules: inbound rules whose local addresses are the destinations; zones are named in the descriptions.

#Requires -RunAsAdministrator
$ErrorActionPreference = 'Stop'

# Rerunning replaces the rules of the previous run.
Remove-NetFirewallRule -Group 'pexnet cloud-routing' -ErrorAction SilentlyContinue

# Block inbound by default. The firewall is stateful: replies of allowed connections pass.
# Other enabled inbound allow rules on the host (built-in ones included) keep applying.
Set-NetFirewallProfile -Profile Domain,Private,Public -Enabled True -DefaultInboundAction Block

# Host peers: Windows firewall rules take IP addresses only. FILL IN each host's addresses,
# e.g. @('192.0.2.10', '2001:db8::10'); the rules that need an empty one are skipped.
$HostAddresses_time_windows_com = @()  # FILL IN the addresses of time.windows.com
$HostAddresses_activation_pexip_com = @()  # FILL IN the addresses of activation.pexip.com
$HostAddresses_management_azure_com = @()  # FILL IN the addresses of management.azure.com

# pexnet-1: SSH administration, Management web and API over HTTPS from admins to mgmt
New-NetFirewallRule -DisplayName 'pexnet-1 SSH administration, Management web and API over HTTPS from admins to mgmt' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 22,443 -RemoteAddress '192.0.2.0/26' -LocalAddress '10.100.0.4/32' -Description 'SSH administration, Management web and API over HTTPS from admins to mgmt (zones office to vnet) (pexnet rows: admin-ssh, admin-https)' -Group 'pexnet cloud-routing'

# pexnet-2: SSH administration, Conferencing Node provisioning from admins to conf-1 and conf-2
New-NetFirewallRule -DisplayName 'pexnet-2 SSH administration, Conferencing Node provisioning from admins to conf-1 and conf-2' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 22,8443 -RemoteAddress '192.0.2.0/26' -LocalAddress '10.100.1.4/31' -Description 'SSH administration, Conferencing Node provisioning from admins to conf-1 and conf-2 (zones office to vnet) (pexnet rows: admin-ssh, admin-provisioning)' -Group 'pexnet cloud-routing'

# pexnet-3: NTP time synchronization from mgmt, conf-1 and conf-2 to time
if ((@() + $HostAddresses_time_windows_com).Count -gt 0) {
    New-NetFirewallRule -DisplayName 'pexnet-3 NTP time synchronization from mgmt, conf-1 and conf-2 to time' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 123 -RemotePort 123,55000-65535 -RemoteAddress '10.100.0.4/32','10.100.1.4/31' -LocalAddress (@() + $HostAddresses_time_windows_com) -Description 'NTP time synchronization from mgmt, conf-1 and conf-2 to time (zones vnet to internet) (pexnet rows: ntp)' -Group 'pexnet cloud-routing'
}

# pexnet-4: License activation, Cloud bursting control from mgmt to lic and azure-api
if ((@() + $HostAddresses_activation_pexip_com + $HostAddresses_management_azure_com).Count -gt 0) {
    New-NetFirewallRule -DisplayName 'pexnet-4 License activation, Cloud bursting control from mgmt to lic and azure-api' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 443 -RemotePort 55000-65535 -RemoteAddress '10.100.0.4/32' -LocalAddress (@() + $HostAddresses_activation_pexip_com + $HostAddresses_management_azure_com) -Description 'License activation, Cloud bursting control from mgmt to lic and azure-api (zones vnet to internet) (pexnet rows: licensing, cloud-bursting)' -Group 'pexnet cloud-routing'
}

# pexnet-5: H.323 RAS, Call media from anyone to conf-1 and conf-2
New-NetFirewallRule -DisplayName 'pexnet-5 H.323 RAS, Call media from anyone to conf-1 and conf-2' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 1719,40000-49999 -RemoteAddress '0.0.0.0/0' -LocalAddress '10.100.1.4/31' -Description 'H.323 RAS, Call media from anyone to conf-1 and conf-2 (zones internet to vnet) (pexnet rows: endpoint-h323-ras, endpoint-media)' -Group 'pexnet cloud-routing'

# pexnet-6: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2
New-NetFirewallRule -DisplayName 'pexnet-6 H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 80,443,1720,5060-5061,33000-49999 -RemoteAddress '0.0.0.0/0' -LocalAddress '10.100.1.4/31' -Description 'H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2 (zones internet to vnet) (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)' -Group 'pexnet cloud-routing'

# pexnet-7: H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-1 and conf-2 to anyone
New-NetFirewallRule -DisplayName 'pexnet-7 H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-1 and conf-2 to anyone' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 1719,5060 -RemotePort 33000-39999 -RemoteAddress '10.100.1.4/31' -LocalAddress '0.0.0.0/0' -Description 'H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from conf-1 and conf-2 to anyone (zones vnet to internet) (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)' -Group 'pexnet cloud-routing'

# pexnet-8: H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from conf-1 and conf-2 to anyone
New-NetFirewallRule -DisplayName 'pexnet-8 H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from conf-1 and conf-2 to...' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 1-65535 -RemotePort 33000-39999 -RemoteAddress '10.100.1.4/31' -LocalAddress '0.0.0.0/0' -Description 'H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from conf-1 and conf-2 to anyone (zones vnet to internet) (pexnet rows: node-to-endpoint-h323-call-setup, node-to-endpoint-h323-h245, node-to-endpoint-sip, node-to-endpoint-sip-tls)' -Group 'pexnet cloud-routing'

# pexnet-9: Call media, placed by the node from conf-1 and conf-2 to anyone
New-NetFirewallRule -DisplayName 'pexnet-9 Call media, placed by the node from conf-1 and conf-2 to anyone' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 1-65535 -RemotePort 40000-49999 -RemoteAddress '10.100.1.4/31' -LocalAddress '0.0.0.0/0' -Description 'Call media, placed by the node from conf-1 and conf-2 to anyone (zones vnet to internet) (pexnet rows: node-to-endpoint-media)' -Group 'pexnet cloud-routing'

# pexnet-10: Call media, placed by the node from conf-1 and conf-2 to anyone
New-NetFirewallRule -DisplayName 'pexnet-10 Call media, placed by the node from conf-1 and conf-2 to anyone' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 1-65535 -RemotePort 40000-49999 -RemoteAddress '10.100.1.4/31' -LocalAddress '0.0.0.0/0' -Description 'Call media, placed by the node from conf-1 and conf-2 to anyone (zones vnet to internet) (pexnet rows: node-to-endpoint-media)' -Group 'pexnet cloud-routing'

