# pexnet export for Windows Defender Firewall: host firewall mgmt-sg from cloud-host-firewalls.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 3 rules for 4 required flow groups. Each rule names the Pexip flows it serves.
# Run in an elevated PowerShell. Windows applies block rules before allow rules whatever
# their order, so these rules need no placement; an explicit block rule on the same traffic still wins.

#Requires -RunAsAdministrator
$ErrorActionPreference = 'Stop'

# Rerunning replaces the rules of the previous run.
Remove-NetFirewallRule -Group 'pexnet mgmt-sg' -ErrorAction SilentlyContinue

# Block inbound by default. The firewall is stateful: replies of allowed connections pass.
# Other enabled inbound allow rules on the host (built-in ones included) keep applying.
Set-NetFirewallProfile -Profile Domain,Private,Public -Enabled True -DefaultInboundAction Block

# pexnet-1: IPsec key exchange over IKE from conf-1 and conf-2 to mgmt
New-NetFirewallRule -DisplayName 'pexnet-1 IPsec key exchange over IKE from conf-1 and conf-2 to mgmt' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 500 -RemotePort 500 -RemoteAddress '10.100.1.4/31' -LocalAddress '10.100.0.4/32' -Description 'IPsec key exchange over IKE from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-ike)' -Group 'pexnet mgmt-sg'

# pexnet-2: IPsec ESP between nodes from conf-1 and conf-2 to mgmt
New-NetFirewallRule -DisplayName 'pexnet-2 IPsec ESP between nodes from conf-1 and conf-2 to mgmt' -Direction Inbound -Action Allow -Protocol 50 -RemoteAddress '10.100.1.4/31' -LocalAddress '10.100.0.4/32' -Description 'IPsec ESP between nodes from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-esp)' -Group 'pexnet mgmt-sg'

# pexnet-3: SSH administration, Management web and API over HTTPS from admins to mgmt
New-NetFirewallRule -DisplayName 'pexnet-3 SSH administration, Management web and API over HTTPS from admins to mgmt' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 22,443 -RemoteAddress '192.0.2.0/26' -LocalAddress '10.100.0.4/32' -Description 'SSH administration, Management web and API over HTTPS from admins to mgmt (pexnet rows: admin-ssh, admin-https)' -Group 'pexnet mgmt-sg'

