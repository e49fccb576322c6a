# pexnet export for Windows Defender Firewall: network firewall egress-fw from internet-edge.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 1 rules for 1 required flow groups. Each rule names the Pexip flows it serves.
# Run in an elevated PowerShell. Windows applies block rules before allow rules whatever
# their order, so these rules need no placement; an explicit block rule on the same traffic still wins.
# Network firewall rendered as host rules: inbound rules whose local addresses are the destinations; zones are named in the descriptions.

#Requires -RunAsAdministrator
$ErrorActionPreference = 'Stop'

# Rerunning replaces the rules of the previous run.
Remove-NetFirewallRule -Group 'pexnet egress-fw' -ErrorAction SilentlyContinue

# Block inbound by default. The firewall is stateful: replies of allowed connections pass.
# Other enabled inbound allow rules on the host (built-in ones included) keep applying.
Set-NetFirewallProfile -Profile Domain,Private,Public -Enabled True -DefaultInboundAction Block

# Host peers: Windows firewall rules take IP addresses only. FILL IN each host's addresses,
# e.g. @('192.0.2.10', '2001:db8::10'); the rules that need an empty one are skipped.
$HostAddresses_activation_pexip_com = @()  # FILL IN the addresses of activation.pexip.com

# pexnet-1: License activation from mgmt to lic
if ((@() + $HostAddresses_activation_pexip_com).Count -gt 0) {
    New-NetFirewallRule -DisplayName 'pexnet-1 License activation from mgmt to lic' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 443 -RemotePort 55000-65535 -RemoteAddress '10.1.0.5/32' -LocalAddress (@() + $HostAddresses_activation_pexip_com) -Description 'License activation from mgmt to lic (zones corp to internet) (pexnet rows: licensing)' -Group 'pexnet egress-fw'
}

