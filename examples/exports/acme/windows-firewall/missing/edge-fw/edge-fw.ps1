# pexnet export for Windows Defender Firewall: network firewall edge-fw from acme.pexnet
# Scope missing: only the required flows this firewall drops today, to add to its existing policy.
# 6 rules for 10 required flow groups. Each rule names the Pexip flows it serves.
# Run in an elevated PowerShell. Windows applies block rules before allow rules whatever
# their order, so these rules need no placement; an explicit block rule on the same traffic still wins.
# Network firewall rendered as host rules: inbound rules whose local addresses are the destinations; zones are named in the descriptions.

#Requires -RunAsAdministrator
$ErrorActionPreference = 'Stop'

# Rerunning replaces the rules of the previous run.
Remove-NetFirewallRule -Group 'pexnet edge-fw' -ErrorAction SilentlyContinue

# pexnet-1: SSH administration from noc to edge-lon-1
New-NetFirewallRule -DisplayName 'pexnet-1 SSH administration from noc to edge-lon-1' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 22 -RemoteAddress '10.10.50.0/24' -LocalAddress '198.51.100.11/32' -Description 'SSH administration from noc to edge-lon-1 (zones corp to dmz) (pexnet rows: admin-ssh)' -Group 'pexnet edge-fw'

# pexnet-2: DNS lookups from edge-lon-1 to dns1
New-NetFirewallRule -DisplayName 'pexnet-2 DNS lookups from edge-lon-1 to dns1' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 53 -RemotePort 55000-65535 -RemoteAddress '198.51.100.11/32' -LocalAddress '10.10.0.53/32' -Description 'DNS lookups from edge-lon-1 to dns1 (zones dmz to corp) (pexnet rows: dns)' -Group 'pexnet edge-fw'

# pexnet-3: DNS lookups from edge-lon-1 to dns1
New-NetFirewallRule -DisplayName 'pexnet-3 DNS lookups from edge-lon-1 to dns1' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 53 -RemotePort 55000-65535 -RemoteAddress '198.51.100.11/32' -LocalAddress '10.10.0.53/32' -Description 'DNS lookups from edge-lon-1 to dns1 (zones dmz to corp) (pexnet rows: dns)' -Group 'pexnet edge-fw'

# pexnet-4: NTP time synchronization from edge-lon-1 to ntp1
New-NetFirewallRule -DisplayName 'pexnet-4 NTP time synchronization from edge-lon-1 to ntp1' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 123 -RemotePort 123,55000-65535 -RemoteAddress '198.51.100.11/32' -LocalAddress '10.10.0.123/32' -Description 'NTP time synchronization from edge-lon-1 to ntp1 (zones dmz to corp) (pexnet rows: ntp)' -Group 'pexnet edge-fw'

# pexnet-5: H.323 RAS, SIP over UDP from guests to edge-lon-1
New-NetFirewallRule -DisplayName 'pexnet-5 H.323 RAS, SIP over UDP from guests to edge-lon-1' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 1719,5060 -RemoteAddress '0.0.0.0/0' -LocalAddress '198.51.100.11/32' -Description 'H.323 RAS, SIP over UDP from guests to edge-lon-1 (zones internet to dmz) (pexnet rows: endpoint-h323-ras, endpoint-sip-udp)' -Group 'pexnet edge-fw'

# pexnet-6: H.323 call setup, H.245 call control for H.323, SIP over TCP, HTTP redirect to HTTPS from guests to edge-lon-1
New-NetFirewallRule -DisplayName 'pexnet-6 H.323 call setup, H.245 call control for H.323, SIP over TCP, HTTP redirect to HTTPS from guests to edge-lon-1' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 80,1720,5060,33000-39999 -RemoteAddress '0.0.0.0/0' -LocalAddress '198.51.100.11/32' -Description 'H.323 call setup, H.245 call control for H.323, SIP over TCP, HTTP redirect to HTTPS from guests to edge-lon-1 (zones internet to dmz) (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-http-redirect)' -Group 'pexnet edge-fw'

