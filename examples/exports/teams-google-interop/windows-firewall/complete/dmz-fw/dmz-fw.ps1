# pexnet export for Windows Defender Firewall: network firewall dmz-fw from teams-google-interop.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 15 rules for 16 required flow groups. Each rule names the Pexip flows it serves.
# Run in an elevated PowerShell. Windows applies block rules before allow rules whatever
# their order, so these rules need no placement; an explicit block rule on the same traffic still wins.
# Network firewall rendered as host rules: inbound rules whose local addresses are the destinations; zones are named in the descriptions.

#Requires -RunAsAdministrator
$ErrorActionPreference = 'Stop'

# Rerunning replaces the rules of the previous run.
Remove-NetFirewallRule -Group 'pexnet dmz-fw' -ErrorAction SilentlyContinue

# Block inbound by default. The firewall is stateful: replies of allowed connections pass.
# Other enabled inbound allow rules on the host (built-in ones included) keep applying.
Set-NetFirewallProfile -Profile Domain,Private,Public -Enabled True -DefaultInboundAction Block
New-NetFirewallRule -DisplayName 'pexnet dmz-fw: IPv6 neighbour discovery' -Direction Inbound -Action Allow -Protocol ICMPv6 -IcmpType 133,134,135,136 -Group 'pexnet dmz-fw'

# Host peers: Windows firewall rules take IP addresses only. FILL IN each host's addresses,
# e.g. @('192.0.2.10', '2001:db8::10'); the rules that need an empty one are skipped.
$HostAddresses_fabrikam_teams_servicebus_windows_net = @()  # FILL IN the addresses of fabrikam-teams.servicebus.windows.net

# pexnet-1: IPsec key exchange over IKE from mgmt to conf-1 and conf-2
New-NetFirewallRule -DisplayName 'pexnet-1 IPsec key exchange over IKE from mgmt to conf-1 and conf-2' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 500 -RemotePort 500 -RemoteAddress '10.30.0.5/32' -LocalAddress '192.0.2.21/32','192.0.2.22/32' -Description 'IPsec key exchange over IKE from mgmt to conf-1 and conf-2 (zones lan to dmz) (pexnet rows: ipsec-ike)' -Group 'pexnet dmz-fw'

# pexnet-2: IPsec key exchange over IKE from conf-1 and conf-2 to mgmt
New-NetFirewallRule -DisplayName 'pexnet-2 IPsec key exchange over IKE from conf-1 and conf-2 to mgmt' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 500 -RemotePort 500 -RemoteAddress '192.0.2.21/32','192.0.2.22/32' -LocalAddress '10.30.0.5/32' -Description 'IPsec key exchange over IKE from conf-1 and conf-2 to mgmt (zones dmz to lan) (pexnet rows: ipsec-ike)' -Group 'pexnet dmz-fw'

# pexnet-3: IPsec ESP between nodes from mgmt to conf-1 and conf-2
New-NetFirewallRule -DisplayName 'pexnet-3 IPsec ESP between nodes from mgmt to conf-1 and conf-2' -Direction Inbound -Action Allow -Protocol 50 -RemoteAddress '10.30.0.5/32' -LocalAddress '192.0.2.21/32','192.0.2.22/32' -Description 'IPsec ESP between nodes from mgmt to conf-1 and conf-2 (zones lan to dmz) (pexnet rows: ipsec-esp)' -Group 'pexnet dmz-fw'

# pexnet-4: IPsec ESP between nodes from conf-1 and conf-2 to mgmt
New-NetFirewallRule -DisplayName 'pexnet-4 IPsec ESP between nodes from conf-1 and conf-2 to mgmt' -Direction Inbound -Action Allow -Protocol 50 -RemoteAddress '192.0.2.21/32','192.0.2.22/32' -LocalAddress '10.30.0.5/32' -Description 'IPsec ESP between nodes from conf-1 and conf-2 to mgmt (zones dmz to lan) (pexnet rows: ipsec-esp)' -Group 'pexnet dmz-fw'

# pexnet-5: DNS lookups from conf-1 and conf-2 to dns
New-NetFirewallRule -DisplayName 'pexnet-5 DNS lookups from conf-1 and conf-2 to dns' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 53 -RemotePort 55000-65535 -RemoteAddress '192.0.2.21/32','192.0.2.22/32' -LocalAddress '10.30.0.53/32' -Description 'DNS lookups from conf-1 and conf-2 to dns (zones dmz to lan) (pexnet rows: dns)' -Group 'pexnet dmz-fw'

# pexnet-6: DNS lookups from conf-1 and conf-2 to dns
New-NetFirewallRule -DisplayName 'pexnet-6 DNS lookups from conf-1 and conf-2 to dns' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 53 -RemotePort 55000-65535 -RemoteAddress '192.0.2.21/32','192.0.2.22/32' -LocalAddress '10.30.0.53/32' -Description 'DNS lookups from conf-1 and conf-2 to dns (zones dmz to lan) (pexnet rows: dns)' -Group 'pexnet dmz-fw'

# pexnet-7: NTP time synchronization from conf-1 and conf-2 to ntp
New-NetFirewallRule -DisplayName 'pexnet-7 NTP time synchronization from conf-1 and conf-2 to ntp' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 123 -RemotePort 123,55000-65535 -RemoteAddress '192.0.2.21/32','192.0.2.22/32' -LocalAddress '10.30.0.123/32' -Description 'NTP time synchronization from conf-1 and conf-2 to ntp (zones dmz to lan) (pexnet rows: ntp)' -Group 'pexnet dmz-fw'

# pexnet-8: Outbound web proxy from conf-1 and conf-2 to proxy
New-NetFirewallRule -DisplayName 'pexnet-8 Outbound web proxy from conf-1 and conf-2 to proxy' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 3128 -RemotePort 55000-65535 -RemoteAddress '192.0.2.21/32','192.0.2.22/32' -LocalAddress '10.30.0.8/32' -Description 'Outbound web proxy from conf-1 and conf-2 to proxy (zones dmz to lan) (pexnet rows: web-proxy)' -Group 'pexnet dmz-fw'

# pexnet-9: Teams status reports to Azure Event Hub over AMQPS from mgmt to hub
if ((@() + $HostAddresses_fabrikam_teams_servicebus_windows_net).Count -gt 0) {
    New-NetFirewallRule -DisplayName 'pexnet-9 Teams status reports to Azure Event Hub over AMQPS from mgmt to hub' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 5671 -RemotePort 55000-65535 -RemoteAddress '10.30.0.5/32' -LocalAddress (@() + $HostAddresses_fabrikam_teams_servicebus_windows_net) -Description 'Teams status reports to Azure Event Hub over AMQPS from mgmt to hub (zones lan to internet) (pexnet rows: event-hub)' -Group 'pexnet dmz-fw'
}

# pexnet-10: Media from Google Meet from meet to conf-1 and conf-2
New-NetFirewallRule -DisplayName 'pexnet-10 Media from Google Meet from meet to conf-1 and conf-2' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 40000-44999 -RemotePort 19302-19309 -RemoteAddress '2001:db8:ffff::/48' -LocalAddress '192.0.2.21/32','192.0.2.22/32' -Description 'Media from Google Meet from meet to conf-1 and conf-2 (zones internet to dmz) (pexnet rows: google-meet-media)' -Group 'pexnet dmz-fw'

# pexnet-11: Google Meet signaling, Signaling to the Teams Connector from conf-1 and conf-2 to teams and meet
New-NetFirewallRule -DisplayName 'pexnet-11 Google Meet signaling, Signaling to the Teams Connector from conf-1 and conf-2 to teams and meet' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 443 -RemotePort 33000-39999 -RemoteAddress '192.0.2.21/32','192.0.2.22/32' -LocalAddress '203.0.113.0/26','2001:db8:ffff::/48' -Description 'Google Meet signaling, Signaling to the Teams Connector from conf-1 and conf-2 to teams and meet (zones dmz to internet) (pexnet rows: node-to-google-meet-signaling, node-to-teams-connector-signaling)' -Group 'pexnet dmz-fw'

# pexnet-12: Media to Google Meet from conf-1 and conf-2 to meet
New-NetFirewallRule -DisplayName 'pexnet-12 Media to Google Meet from conf-1 and conf-2 to meet' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 19302-19309 -RemotePort 40000-44999 -RemoteAddress '192.0.2.21/32','192.0.2.22/32' -LocalAddress '2001:db8:ffff::/48' -Description 'Media to Google Meet from conf-1 and conf-2 to meet (zones dmz to internet) (pexnet rows: node-to-google-meet-media)' -Group 'pexnet dmz-fw'

# pexnet-13: Signaling from the Teams Connector from teams to conf-1 and conf-2
New-NetFirewallRule -DisplayName 'pexnet-13 Signaling from the Teams Connector from teams to conf-1 and conf-2' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 443,4277 -RemoteAddress '203.0.113.0/26' -LocalAddress '192.0.2.21/32','192.0.2.22/32' -Description 'Signaling from the Teams Connector from teams to conf-1 and conf-2 (zones internet to dmz) (pexnet rows: teams-connector-signaling)' -Group 'pexnet dmz-fw'

# pexnet-14: Media from the Teams Connector from teams to conf-1 and conf-2
New-NetFirewallRule -DisplayName 'pexnet-14 Media from the Teams Connector from teams to conf-1 and conf-2' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 40000-44999 -RemotePort 50000-54999 -RemoteAddress '203.0.113.0/26' -LocalAddress '192.0.2.21/32','192.0.2.22/32' -Description 'Media from the Teams Connector from teams to conf-1 and conf-2 (zones internet to dmz) (pexnet rows: teams-connector-media)' -Group 'pexnet dmz-fw'

# pexnet-15: Media to the Teams Connector from conf-1 and conf-2 to teams
New-NetFirewallRule -DisplayName 'pexnet-15 Media to the Teams Connector from conf-1 and conf-2 to teams' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 50000-54999 -RemotePort 40000-44999 -RemoteAddress '192.0.2.21/32','192.0.2.22/32' -LocalAddress '203.0.113.0/26' -Description 'Media to the Teams Connector from conf-1 and conf-2 to teams (zones dmz to internet) (pexnet rows: node-to-teams-connector-media)' -Group 'pexnet dmz-fw'

