# pexnet export for Windows Defender Firewall: host firewall conf-sg from cloud-host-firewalls.pexnet
# Scope missing: only the required flows this firewall drops today, to add to its existing policy.
# 1 rules for 1 required flow groups. Each rule names the Pexip flows it serves.
# Run in an elevated PowerShell. Windows applies block rules before allow rules whatever
# their order, so these rules need no placement; an explicit block rule on the same traffic still wins.

#Requires -RunAsAdministrator
$ErrorActionPreference = 'Stop'

# Rerunning replaces the rules of the previous run.
Remove-NetFirewallRule -Group 'pexnet conf-sg' -ErrorAction SilentlyContinue

# pexnet-1: Conferencing Node provisioning from admins to conf-1 and conf-2
New-NetFirewallRule -DisplayName 'pexnet-1 Conferencing Node provisioning from admins to conf-1 and conf-2' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 8443 -RemoteAddress '192.0.2.0/26' -LocalAddress '10.100.1.4/31' -Description 'Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-provisioning)' -Group 'pexnet conf-sg'

