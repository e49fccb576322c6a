# pexnet export for Windows Defender Firewall: network firewall outside-fw from internet-edge.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 6 rules for 36 required flow groups. Each rule names the Pexip flows it serves.
# Run in an elevated PowerShell. Windows applies block rules before allow rules whatever
# their order, so these rules need no placement; an explicit block rule on the same traffic still wins.
# Network firewall rendered as host rules: inbound rules whose local addresses are the destinations; zones are named in the descriptions.

#Requires -RunAsAdministrator
$ErrorActionPreference = 'Stop'

# Rerunning replaces the rules of the previous run.
Remove-NetFirewallRule -Group 'pexnet outside-fw' -ErrorAction SilentlyContinue

# Block inbound by default. The firewall is stateful: replies of allowed connections pass.
# Other enabled inbound allow rules on the host (built-in ones included) keep applying.
Set-NetFirewallProfile -Profile Domain,Private,Public -Enabled True -DefaultInboundAction Block

# pexnet-1: H.323 RAS, SIP over UDP, Call media from callers to edge-1 and edge-2
New-NetFirewallRule -DisplayName 'pexnet-1 H.323 RAS, SIP over UDP, Call media from callers to edge-1 and edge-2' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 1719,5060,40000-49999 -RemoteAddress '0.0.0.0/0' -LocalAddress '172.16.20.11/32','172.16.20.12/32' -Description 'H.323 RAS, SIP over UDP, Call media from callers to edge-1 and edge-2 (zones internet to dmz-outside) (pexnet rows: endpoint-h323-ras, endpoint-sip-udp, endpoint-media)' -Group 'pexnet outside-fw'

# pexnet-2: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from callers to edge-1 and edge-2
New-NetFirewallRule -DisplayName 'pexnet-2 H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from callers to edge-1 and edge-2' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 80,443,1720,5060-5061,33000-49999 -RemoteAddress '0.0.0.0/0' -LocalAddress '172.16.20.11/32','172.16.20.12/32' -Description 'H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from callers to edge-1 and edge-2 (zones internet to dmz-outside) (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)' -Group 'pexnet outside-fw'

# pexnet-3: H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from edge-1 and edge-2 to callers
New-NetFirewallRule -DisplayName 'pexnet-3 H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from edge-1 and edge-2 to callers' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 1719,5060 -RemotePort 33000-39999 -RemoteAddress '172.16.20.11/32','172.16.20.12/32' -LocalAddress '0.0.0.0/0' -Description 'H.323 RAS, placed by the node, SIP over TCP and UDP, placed by the node from edge-1 and edge-2 to callers (zones dmz-outside to internet) (pexnet rows: node-to-endpoint-h323-ras, node-to-endpoint-sip)' -Group 'pexnet outside-fw'

# pexnet-4: H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from edge-1 and edge-2 to callers
New-NetFirewallRule -DisplayName 'pexnet-4 H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from edge-1 and edge-2 to...' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 1-65535 -RemotePort 33000-39999 -RemoteAddress '172.16.20.11/32','172.16.20.12/32' -LocalAddress '0.0.0.0/0' -Description 'H.323 call setup, placed by the node, H.245 call control for H.323, placed by the node, SIP over TCP and UDP, placed by the node, SIP over TLS, placed by the node from edge-1 and edge-2 to callers (zones dmz-outside to internet) (pexnet rows: node-to-endpoint-h323-call-setup, node-to-endpoint-h323-h245, node-to-endpoint-sip, node-to-endpoint-sip-tls)' -Group 'pexnet outside-fw'

# pexnet-5: Call media, placed by the node from edge-1 and edge-2 to callers
New-NetFirewallRule -DisplayName 'pexnet-5 Call media, placed by the node from edge-1 and edge-2 to callers' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 1-65535 -RemotePort 40000-49999 -RemoteAddress '172.16.20.11/32','172.16.20.12/32' -LocalAddress '0.0.0.0/0' -Description 'Call media, placed by the node from edge-1 and edge-2 to callers (zones dmz-outside to internet) (pexnet rows: node-to-endpoint-media)' -Group 'pexnet outside-fw'

# pexnet-6: Call media, placed by the node from edge-1 and edge-2 to callers
New-NetFirewallRule -DisplayName 'pexnet-6 Call media, placed by the node from edge-1 and edge-2 to callers' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 1-65535 -RemotePort 40000-49999 -RemoteAddress '172.16.20.11/32','172.16.20.12/32' -LocalAddress '0.0.0.0/0' -Description 'Call media, placed by the node from edge-1 and edge-2 to callers (zones dmz-outside to internet) (pexnet rows: node-to-endpoint-media)' -Group 'pexnet outside-fw'

