# pexnet export for Windows Defender Firewall: network firewall outside-fw from internet-edge.pexnet
# Scope missing: only the required flows this firewall drops today, to add to its existing policy.
# 1 rules for 4 required flow groups. Each rule names the Pexip flows it serves.
# Run in an elevated PowerShell. Windows applies block rules before allow rules whatever
# their order, so these rules need no placement; an explicit block rule on the same traffic still wins.
# Network firewall rendered as host rules: inbound rules whose local addresses are the destinations; zones are named in the descriptions.

#Requires -RunAsAdministrator
$ErrorActionPreference = 'Stop'

# Rerunning replaces the rules of the previous run.
Remove-NetFirewallRule -Group 'pexnet outside-fw' -ErrorAction SilentlyContinue

# pexnet-1: H.323 RAS, SIP over UDP from callers to edge-1 and edge-2
New-NetFirewallRule -DisplayName 'pexnet-1 H.323 RAS, SIP over UDP from callers to edge-1 and edge-2' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 1719,5060 -RemoteAddress '0.0.0.0/0' -LocalAddress '172.16.20.11/32','172.16.20.12/32' -Description 'H.323 RAS, SIP over UDP from callers to edge-1 and edge-2 (zones internet to dmz-outside) (pexnet rows: endpoint-h323-ras, endpoint-sip-udp)' -Group 'pexnet outside-fw'

