# pexnet export for AWS security groups (Terraform): network firewall dmz-fw from teams-google-interop.pexnet
# Scope complete: complete policy: drops by default, lets replies through, allows exactly the required flows.
# 15 rules for 16 required flow groups. Each rule names the Pexip flows it serves.
# Security groups are stateful: replies to allowed connections pass by nature. They deny inbound traffic by default: only these rules let traffic in.
# Security groups cannot match source ports: rules whose flows restrict source ports allow any source port here.
# Network firewall dmz-fw becomes one security group per destination object, holding the inbound rules towards it: attach each group to the network interfaces of the parties it names.
# Objects outside AWS (the catch-all zone, host peers, external networks) have no interfaces to attach to: their groups document flows that AWS cannot check inbound.
# Security groups take no host names: each host peer source has a placeholder for its prefixes (empty: no rule).
# Terraform removes the allow-all egress rule AWS gives new groups: it is added back, since this firewall checks inbound traffic only.
# IPv6 neighbour discovery is not filtered by security groups: no rule is needed for it.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "vpc_id" {
  description = "The VPC the security groups belong to"
  type        = string
}

# Security group for conf-1 and conf-2: 192.0.2.21/32, 192.0.2.22/32
resource "aws_security_group" "conf_1_and_conf_2" {
  name        = "pexnet-dmz-fw-conf-1-and-conf-2"
  description = "pexnet: inbound Pexip flows to conf-1 and conf-2"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "conf_1_and_conf_2_egress_ipv4" {
  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

resource "aws_vpc_security_group_egress_rule" "conf_1_and_conf_2_egress_ipv6" {
  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv6         = "::/0"
  ip_protocol       = "-1"
}

# Rule 1: IPsec key exchange over IKE from mgmt to conf-1 and conf-2 (pexnet rows: ipsec-ike)
# Source ports 500 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule1_ipv4_udp_500" {
  for_each = toset(["10.30.0.5/32"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "IPsec key exchange over IKE from mgmt to conf-1 and conf-2 (pexnet rows: ipsec-ike)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 500
  to_port           = 500
}

# Rule 3: IPsec ESP between nodes from mgmt to conf-1 and conf-2 (pexnet rows: ipsec-esp)
resource "aws_vpc_security_group_ingress_rule" "rule3_ipv4_esp" {
  for_each = toset(["10.30.0.5/32"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "IPsec ESP between nodes from mgmt to conf-1 and conf-2 (pexnet rows: ipsec-esp)"
  cidr_ipv4         = each.value
  ip_protocol       = "50"
}

# Rule 13: Signaling from the Teams Connector from teams to conf-1 and conf-2 (pexnet rows: teams-connector-signaling)
resource "aws_vpc_security_group_ingress_rule" "rule13_ipv4_tcp_443" {
  for_each = toset(["203.0.113.0/26"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "Signaling from the Teams Connector from teams to conf-1 and conf-2 (pexnet rows: teams-connector-signaling)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

# Rule 13: Signaling from the Teams Connector from teams to conf-1 and conf-2 (pexnet rows: teams-connector-signaling)
resource "aws_vpc_security_group_ingress_rule" "rule13_ipv4_tcp_4277" {
  for_each = toset(["203.0.113.0/26"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "Signaling from the Teams Connector from teams to conf-1 and conf-2 (pexnet rows: teams-connector-signaling)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 4277
  to_port           = 4277
}

# Rule 14: Media from the Teams Connector from teams to conf-1 and conf-2 (pexnet rows: teams-connector-media)
# Source ports 50000-54999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule14_ipv4_udp_40000_44999" {
  for_each = toset(["203.0.113.0/26"])

  security_group_id = aws_security_group.conf_1_and_conf_2.id
  description       = "Media from the Teams Connector from teams to conf-1 and conf-2 (pexnet rows: teams-connector-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 40000
  to_port           = 44999
}

# Rule 10 (Media from Google Meet from meet to conf-1 and conf-2): its sources and this group share no address family: nothing to allow.

# Security group for mgmt: 10.30.0.5/32
resource "aws_security_group" "mgmt" {
  name        = "pexnet-dmz-fw-mgmt"
  description = "pexnet: inbound Pexip flows to mgmt"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "mgmt_egress_ipv4" {
  security_group_id = aws_security_group.mgmt.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

resource "aws_vpc_security_group_egress_rule" "mgmt_egress_ipv6" {
  security_group_id = aws_security_group.mgmt.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv6         = "::/0"
  ip_protocol       = "-1"
}

# Rule 2: IPsec key exchange over IKE from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-ike)
# Source ports 500 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule2_ipv4_udp_500" {
  for_each = toset(["192.0.2.21/32", "192.0.2.22/32"])

  security_group_id = aws_security_group.mgmt.id
  description       = "IPsec key exchange over IKE from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-ike)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 500
  to_port           = 500
}

# Rule 4: IPsec ESP between nodes from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-esp)
resource "aws_vpc_security_group_ingress_rule" "rule4_ipv4_esp" {
  for_each = toset(["192.0.2.21/32", "192.0.2.22/32"])

  security_group_id = aws_security_group.mgmt.id
  description       = "IPsec ESP between nodes from conf-1 and conf-2 to mgmt (pexnet rows: ipsec-esp)"
  cidr_ipv4         = each.value
  ip_protocol       = "50"
}

# Security group for dns: 10.30.0.53/32
resource "aws_security_group" "dns" {
  name        = "pexnet-dmz-fw-dns"
  description = "pexnet: inbound Pexip flows to dns"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "dns_egress_ipv4" {
  security_group_id = aws_security_group.dns.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

resource "aws_vpc_security_group_egress_rule" "dns_egress_ipv6" {
  security_group_id = aws_security_group.dns.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv6         = "::/0"
  ip_protocol       = "-1"
}

# Rule 5: DNS lookups from conf-1 and conf-2 to dns (pexnet rows: dns)
# Source ports 55000-65535 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule5_ipv4_tcp_53" {
  for_each = toset(["192.0.2.21/32", "192.0.2.22/32"])

  security_group_id = aws_security_group.dns.id
  description       = "DNS lookups from conf-1 and conf-2 to dns (pexnet rows: dns)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 53
  to_port           = 53
}

# Rule 6: DNS lookups from conf-1 and conf-2 to dns (pexnet rows: dns)
# Source ports 55000-65535 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule6_ipv4_udp_53" {
  for_each = toset(["192.0.2.21/32", "192.0.2.22/32"])

  security_group_id = aws_security_group.dns.id
  description       = "DNS lookups from conf-1 and conf-2 to dns (pexnet rows: dns)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 53
  to_port           = 53
}

# Security group for ntp: 10.30.0.123/32
resource "aws_security_group" "ntp" {
  name        = "pexnet-dmz-fw-ntp"
  description = "pexnet: inbound Pexip flows to ntp"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "ntp_egress_ipv4" {
  security_group_id = aws_security_group.ntp.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

resource "aws_vpc_security_group_egress_rule" "ntp_egress_ipv6" {
  security_group_id = aws_security_group.ntp.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv6         = "::/0"
  ip_protocol       = "-1"
}

# Rule 7: NTP time synchronization from conf-1 and conf-2 to ntp (pexnet rows: ntp)
# Source ports 123, 55000-65535 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule7_ipv4_udp_123" {
  for_each = toset(["192.0.2.21/32", "192.0.2.22/32"])

  security_group_id = aws_security_group.ntp.id
  description       = "NTP time synchronization from conf-1 and conf-2 to ntp (pexnet rows: ntp)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 123
  to_port           = 123
}

# Security group for proxy: 10.30.0.8/32
resource "aws_security_group" "proxy" {
  name        = "pexnet-dmz-fw-proxy"
  description = "pexnet: inbound Pexip flows to proxy"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "proxy_egress_ipv4" {
  security_group_id = aws_security_group.proxy.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

resource "aws_vpc_security_group_egress_rule" "proxy_egress_ipv6" {
  security_group_id = aws_security_group.proxy.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv6         = "::/0"
  ip_protocol       = "-1"
}

# Rule 8: Outbound web proxy from conf-1 and conf-2 to proxy (pexnet rows: web-proxy)
# Source ports 55000-65535 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule8_ipv4_tcp_3128" {
  for_each = toset(["192.0.2.21/32", "192.0.2.22/32"])

  security_group_id = aws_security_group.proxy.id
  description       = "Outbound web proxy from conf-1 and conf-2 to proxy (pexnet rows: web-proxy)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 3128
  to_port           = 3128
}

# Security group for hub: fabrikam-teams.servicebus.windows.net
resource "aws_security_group" "hub" {
  name        = "pexnet-dmz-fw-hub"
  description = "pexnet: inbound Pexip flows to hub"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "hub_egress_ipv4" {
  security_group_id = aws_security_group.hub.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

resource "aws_vpc_security_group_egress_rule" "hub_egress_ipv6" {
  security_group_id = aws_security_group.hub.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv6         = "::/0"
  ip_protocol       = "-1"
}

# Rule 9: Teams status reports to Azure Event Hub over AMQPS from mgmt to hub (pexnet rows: event-hub)
# Source ports 55000-65535 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule9_ipv4_tcp_5671" {
  for_each = toset(["10.30.0.5/32"])

  security_group_id = aws_security_group.hub.id
  description       = "Teams status reports to Azure Event Hub over AMQPS from mgmt to hub (pexnet rows: event-hub)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 5671
  to_port           = 5671
}

# Security group for teams and meet: 203.0.113.0/26, 2001:db8:ffff::/48
resource "aws_security_group" "teams_and_meet" {
  name        = "pexnet-dmz-fw-teams-and-meet"
  description = "pexnet: inbound Pexip flows to teams and meet"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "teams_and_meet_egress_ipv4" {
  security_group_id = aws_security_group.teams_and_meet.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

resource "aws_vpc_security_group_egress_rule" "teams_and_meet_egress_ipv6" {
  security_group_id = aws_security_group.teams_and_meet.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv6         = "::/0"
  ip_protocol       = "-1"
}

# Rule 11: Google Meet signaling, Signaling to the Teams Connector from conf-1 and conf-2 to teams and meet (pexnet rows: node-to-google-meet-signaling, node-to-teams-connector-signaling)
# Source ports 33000-39999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule11_ipv4_tcp_443" {
  for_each = toset(["192.0.2.21/32", "192.0.2.22/32"])

  security_group_id = aws_security_group.teams_and_meet.id
  description       = "Google Meet signaling, Signaling to the Teams Connector from conf-1 and conf-2 to teams and meet (pexnet rows: node-to-google-meet-signaling, node-to-teams-connector-signaling)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

# Security group for meet: 2001:db8:ffff::/48
resource "aws_security_group" "meet" {
  name        = "pexnet-dmz-fw-meet"
  description = "pexnet: inbound Pexip flows to meet"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "meet_egress_ipv4" {
  security_group_id = aws_security_group.meet.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

resource "aws_vpc_security_group_egress_rule" "meet_egress_ipv6" {
  security_group_id = aws_security_group.meet.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv6         = "::/0"
  ip_protocol       = "-1"
}

# Rule 12 (Media to Google Meet from conf-1 and conf-2 to meet): its sources and this group share no address family: nothing to allow.

# Security group for teams: 203.0.113.0/26
resource "aws_security_group" "teams" {
  name        = "pexnet-dmz-fw-teams"
  description = "pexnet: inbound Pexip flows to teams"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "teams_egress_ipv4" {
  security_group_id = aws_security_group.teams.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

resource "aws_vpc_security_group_egress_rule" "teams_egress_ipv6" {
  security_group_id = aws_security_group.teams.id
  description       = "Outbound traffic as AWS allows it by default"
  cidr_ipv6         = "::/0"
  ip_protocol       = "-1"
}

# Rule 15: Media to the Teams Connector from conf-1 and conf-2 to teams (pexnet rows: node-to-teams-connector-media)
# Source ports 40000-44999 in the catalog: security groups cannot match source ports.
resource "aws_vpc_security_group_ingress_rule" "rule15_ipv4_udp_50000_54999" {
  for_each = toset(["192.0.2.21/32", "192.0.2.22/32"])

  security_group_id = aws_security_group.teams.id
  description       = "Media to the Teams Connector from conf-1 and conf-2 to teams (pexnet rows: node-to-teams-connector-media)"
  cidr_ipv4         = each.value
  ip_protocol       = "udp"
  from_port         = 50000
  to_port           = 54999
}
