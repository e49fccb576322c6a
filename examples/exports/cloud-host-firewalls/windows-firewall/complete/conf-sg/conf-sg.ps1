# pexnet export for Windows Defender Firewall: host firewall conf-sg from cloud-host-firewalls.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 5 rules for 15 required flow groups. Each rule names the Pexip flows it serves.
# Run in an elevated PowerShell. Windows applies block rules before allow rules whatever
# their order, so these rules need no placement; an explicit block rule on the same traffic still wins.

#Requires -RunAsAdministrator
$ErrorActionPreference = 'Stop'

# Rerunning replaces the rules of the previous run.
Remove-NetFirewallRule -Group 'pexnet conf-sg' -ErrorAction SilentlyContinue

# Block inbound by default. The firewall is stateful: replies of allowed connections pass.
# Other enabled inbound allow rules on the host (built-in ones included) keep applying.
Set-NetFirewallProfile -Profile Domain,Private,Public -Enabled True -DefaultInboundAction Block

# pexnet-1: IPsec key exchange over IKE from mgmt, conf-1 and conf-2 to conf-1 and conf-2
New-NetFirewallRule -DisplayName 'pexnet-1 IPsec key exchange over IKE from mgmt, conf-1 and conf-2 to conf-1 and conf-2' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 500 -RemotePort 500 -RemoteAddress '10.100.0.4/32','10.100.1.4/31' -LocalAddress '10.100.1.4/31' -Description 'IPsec key exchange over IKE from mgmt, conf-1 and conf-2 to conf-1 and conf-2 (pexnet rows: ipsec-ike)' -Group 'pexnet conf-sg'

# pexnet-2: IPsec ESP between nodes from mgmt, conf-1 and conf-2 to conf-1 and conf-2
New-NetFirewallRule -DisplayName 'pexnet-2 IPsec ESP between nodes from mgmt, conf-1 and conf-2 to conf-1 and conf-2' -Direction Inbound -Action Allow -Protocol 50 -RemoteAddress '10.100.0.4/32','10.100.1.4/31' -LocalAddress '10.100.1.4/31' -Description 'IPsec ESP between nodes from mgmt, conf-1 and conf-2 to conf-1 and conf-2 (pexnet rows: ipsec-esp)' -Group 'pexnet conf-sg'

# pexnet-3: SSH administration, Conferencing Node provisioning from admins to conf-1 and conf-2
New-NetFirewallRule -DisplayName 'pexnet-3 SSH administration, Conferencing Node provisioning from admins to conf-1 and conf-2' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 22,8443 -RemoteAddress '192.0.2.0/26' -LocalAddress '10.100.1.4/31' -Description 'SSH administration, Conferencing Node provisioning from admins to conf-1 and conf-2 (pexnet rows: admin-ssh, admin-provisioning)' -Group 'pexnet conf-sg'

# pexnet-4: H.323 RAS, Call media from anyone to conf-1 and conf-2
New-NetFirewallRule -DisplayName 'pexnet-4 H.323 RAS, Call media from anyone to conf-1 and conf-2' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 1719,40000-49999 -RemoteAddress '0.0.0.0/0' -LocalAddress '10.100.1.4/31' -Description 'H.323 RAS, Call media from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-ras, endpoint-media)' -Group 'pexnet conf-sg'

# pexnet-5: H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2
New-NetFirewallRule -DisplayName 'pexnet-5 H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 80,443,1720,5060-5061,33000-49999 -RemoteAddress '0.0.0.0/0' -LocalAddress '10.100.1.4/31' -Description 'H.323 call setup, H.245 call control for H.323, SIP over TCP, SIP over TLS, Call media, Web app, apps and API over HTTPS, HTTP redirect to HTTPS from anyone to conf-1 and conf-2 (pexnet rows: endpoint-h323-call-setup, endpoint-h323-h245, endpoint-sip-tcp, endpoint-sip-tls, endpoint-media, endpoint-https, endpoint-http-redirect)' -Group 'pexnet conf-sg'

