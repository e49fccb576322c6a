# pexnet export for Windows Defender Firewall: network firewall dmz-fw from teams-google-interop.pexnet
# Scope missing: only the required flows this firewall drops today, to add to its existing policy.
# 1 rules for 1 required flow groups. Each rule names the Pexip flows it serves.
# Run in an elevated PowerShell. Windows applies block rules before allow rules whatever
# their order, so these rules need no placement; an explicit block rule on the same traffic still wins.
# Network firewall rendered as host rules: inbound rules whose local addresses are the destinations; zones are named in the descriptions.

#Requires -RunAsAdministrator
$ErrorActionPreference = 'Stop'

# Rerunning replaces the rules of the previous run.
Remove-NetFirewallRule -Group 'pexnet dmz-fw' -ErrorAction SilentlyContinue

# pexnet-1: Media from Google Meet from meet to conf-1 and conf-2
New-NetFirewallRule -DisplayName 'pexnet-1 Media from Google Meet from meet to conf-1 and conf-2' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 40000-44999 -RemotePort 19302-19309 -RemoteAddress '2001:db8:ffff::/48' -LocalAddress '192.0.2.21/32','192.0.2.22/32' -Description 'Media from Google Meet from meet to conf-1 and conf-2 (zones internet to dmz) (pexnet rows: google-meet-media)' -Group 'pexnet dmz-fw'

