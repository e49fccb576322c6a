// The firewalls of a benchmark deployment: about 20 rules each, written the way a network
// team would (specific pinholes first, then broad rules by group, zone, built-in group or
// prefix), with four deliberate mistakes that drop about 1% of the required flows:
//   1. quarantined nodes: `deny ipsec from NODE to @pexip` and `deny esp from @pexip to
//      NODE` at the node's core firewall;
//   2. one office refused SIP over TCP (`deny tcp 5060`) towards its backup site;
//   3. fw-lab-b lets syslog through only from 10.0.0.0/8, forgetting the DMZ nodes;
//   4. one edge location's guest rule lists no port 80 (http-redirect).
// Harmless deny rules either name ports no required flow uses or stand after the allows.
import type {
  BuiltinGroup, Firewall, PexipNode, PortItem, Rule, ServiceName, Target, Traffic,
} from "../test/naive/deployment";
import { MANAGEMENT, type Layout } from "./generate";

const RULES_PER_FIREWALL = 20;

const named = (...names: string[]): Target[] => names.map((name) => ({ name }));
const builtin = (group: BuiltinGroup): Target[] => [{ builtin: group }];
const address = (text: string): Target[] => [{ address: text }];
const ANY: Target[] = [{ any: true }];
const PEXIP = builtin("@pexip");
const CONFERENCING = builtin("@conferencing");
const PROXYING = builtin("@proxying");

const service = (name: ServiceName): Traffic => ({ service: name });
const tcp = (...ports: PortItem[]): Traffic => ({ protocol: "tcp", ports });
const udp = (...ports: PortItem[]): Traffic => ({ protocol: "udp", ports });
const tcpUdp = (...ports: PortItem[]): Traffic => ({ protocol: "tcp+udp", ports });

function allow(traffic: Traffic, from: Target[], to: Target[], sport?: PortItem[]): Rule {
  return sport ? { action: "allow", traffic, sport, from, to } : { action: "allow", traffic, from, to };
}

function deny(traffic: Traffic, from: Target[], to: Target[]): Rule {
  return { action: "deny", traffic, from, to };
}

/** Endpoint (call) traffic between `clients` and Conferencing Nodes, both directions. */
function callRules(clients: Target[], nodes: Target[], inboundPorts: PortItem[]): Rule[] {
  return [
    allow(tcp(...inboundPorts), clients, nodes),
    allow(udp(1719), clients, nodes),
    allow(tcpUdp("media"), clients, nodes),
    allow(tcp("any"), nodes, clients, ["signaling"]),
    allow(udp(1719, 5060), nodes, clients, ["signaling"]),
    allow(tcpUdp("any"), nodes, clients, ["media"]),
  ];
}

const CALL_PORTS: PortItem[] = [80, 443, 1720, [5060, 5061], "signaling"];

/** Rules that no required flow depends on, to bring a firewall to its usual size. */
function fillerRules(): Rule[] {
  return [
    allow({ protocol: "icmp" }, named("noc"), ANY),
    allow(tcp(3389), named("noc"), address("10.0.0.0/8")),
    allow(tcp(9100), named("clients"), address("10.1.200.0/24")),
    allow(tcp(8080, 8443), named("vpn"), address("10.1.201.0/24")),
    allow(tcp(1433, 5432), address("10.1.0.0/16"), address("10.2.200.0/24")),
    allow(udp(69), address("10.0.0.0/8"), address("10.1.202.10")),
    allow(tcp([5985, 5986]), named("noc"), address("10.0.0.0/8")),
    allow(tcp(636), named("noc"), named("ad")),
    deny({ protocol: "any" }, named("internet"), address("10.0.0.0/8")),
    deny(tcp([137, 139]), ANY, ANY),
  ];
}

function withFillers(layout: Layout, rules: Rule[]): Rule[] {
  const wanted = RULES_PER_FIREWALL - 2 + layout.rng.int(0, 4);
  const extra = Math.max(0, wanted - rules.length);
  // Keep the pool's order: its denies stay behind its allows.
  const chosen = new Set(layout.rng.sample(fillerRules().map((_, i) => i), extra));
  return [...rules, ...fillerRules().filter((_, i) => chosen.has(i))];
}

/** Leading denies for ports no required flow uses. */
const LEADING_DENIES: Rule[] = [
  deny(tcp(23, [135, 139], 445), ANY, PEXIP),
  deny(udp(1900, 5353), ANY, PEXIP),
];

function coreFirewall(layout: Layout, g: number): Firewall {
  const { rng } = layout;
  const zones = layout.zoneGroups[g];
  const nodes = zones.flatMap((z) => layout.nodesByZone.get(z) ?? []);
  const [provisioned, pinned, monitored, managed] = rng.sample(nodes, 4);
  const rules: Rule[] = [...LEADING_DENIES];
  for (const node of layout.quarantined) {
    // The outbound rule is complete; the inbound one forgot udp 500 and blocks esp only.
    if (nodes.includes(node)) rules.push(deny(service("ipsec"), named(node.name), PEXIP), deny({ protocol: "esp" }, PEXIP, named(node.name)));
  }
  const blocked = layout.sipBlockedOffice;
  const backupZone = layout.siteZones[(blocked + 1) % layout.siteZones.length];
  if (zones.includes(backupZone)) rules.push(deny(tcp(5060), named(layout.offices[blocked]), CONFERENCING));

  rules.push(allow(service("https"), named("noc"), named(MANAGEMENT)));
  if (provisioned) rules.push(allow(tcp(8443), named("noc"), named(provisioned.name)));
  if (pinned) rules.push(allow(tcpUdp("media"), named(officeOf(layout, pinned)), named(pinned.name)));
  if (monitored) rules.push(allow(service("snmp"), named("nms"), named(monitored.name)));
  if (managed) rules.push(allow(service("ssh"), named("noc"), [{ name: managed.name, iface: "primary" }]));
  if (g === 0) {
    rules.push(
      allow(service("ldap"), named(MANAGEMENT), named("ad")),
      allow(tcp(587), named(MANAGEMENT), named("mail")),
      allow(service("https"), named(MANAGEMENT), named("lic")),
    );
  }
  rules.push(
    allow({ protocol: "icmp" }, named("noc"), named(`sites-${g}`)),
    { action: "allow", traffic: service("ipsec"), between: PEXIP },
    allow(service("dns"), PEXIP, named("dns-servers"), ["ephemeral"]),
    allow(service("ntp"), PEXIP, named("ntp-servers"), [123, "ephemeral"]),
    allow(service("syslog"), PEXIP, named("logs")),
    allow(service("snmp"), named("nms"), PEXIP),
    allow(service("snmp"), PEXIP, named("nms")),
    allow(service("ssh"), named("noc"), PEXIP),
    ...callRules(named("clients"), CONFERENCING, CALL_PORTS).slice(0, 3),
    // Replies to clients anywhere inside: the prefix covers the VPN and every office.
    ...callRules(address("10.0.0.0/8"), CONFERENCING, CALL_PORTS).slice(3),
  );
  return { name: `fw-core-${g}`, zones: [...zones, "core"], rules: withFillers(layout, rules) };
}

function officeOf(layout: Layout, node: PexipNode): string {
  return layout.offices[layout.siteZones.findIndex((z) => layout.nodesByZone.get(z)!.includes(node))];
}

function edgeFirewall(layout: Layout): Firewall {
  const proxies = layout.proxiesByEdge.flat();
  const [first, second] = layout.rng.sample(proxies, 2);
  const rules: Rule[] = [
    LEADING_DENIES[0],
    deny({ protocol: "any" }, named("dmz"), address("10.1.250.0/24")),
    allow(service("https"), named("noc"), named(first.name)),
  ];
  if (second) {
    // With one proxying node these pinholes would be exactly @proxying (shadowed rules).
    rules.push(allow(service("snmp"), named("nms"), named(first.name)), allow(tcp(8443), named("noc"), named(second.name)));
  }
  rules.push(
    allow(udp(500), PEXIP, PEXIP, [500]),
    allow({ protocol: "esp" }, PEXIP, PEXIP),
    allow(service("dns"), PROXYING, named("dns-servers"), ["ephemeral"]),
    allow(service("ntp"), PEXIP, named("ntp-servers")),
    allow(service("syslog"), named("dmz"), named("logs")),
    allow(service("snmp"), named("nms"), PROXYING),
    allow(service("snmp"), PROXYING, named("nms")),
    allow(service("ssh"), named("noc"), PROXYING),
    allow(service("https"), named(MANAGEMENT), named("lic")),
    ...callRules(named("vpn"), PROXYING, CALL_PORTS),
    allow({ protocol: "icmp" }, named("noc"), named("dmz")),
  );
  return { name: "fw-edge", zones: ["core", "dmz"], rules: withFillers(layout, rules) };
}

function internetFirewall(layout: Layout): Firewall {
  const proxies = layout.proxiesByEdge.flat();
  const [supported, published] = layout.rng.sample(proxies, 2);
  const rules: Rule[] = [
    deny(tcp(23, [135, 139], 445, 3389), named("internet"), ANY),
    deny({ protocol: "any" }, named("internet"), named(MANAGEMENT)),
    allow(service("ssh"), address("192.0.2.0/24"), named(supported.name)),
  ];
  if (published) rules.push(allow(tcp(8443), address("192.0.2.0/24"), named(published.name)));
  layout.edgeLocations.forEach((location, k) => {
    const ports = k === layout.noHttpEdge ? CALL_PORTS.filter((p) => p !== 80) : CALL_PORTS;
    rules.push(allow(tcp(...ports), named("internet"), named(`${location}-nodes`)));
  });
  rules.push(
    ...callRules(named("internet"), PROXYING, CALL_PORTS).slice(1),
    allow(service("https"), named(MANAGEMENT), named("lic")),
    allow(service("ntp"), PEXIP, named("pool"), [123, "ephemeral"]),
    allow({ protocol: "icmp" }, named("internet"), PROXYING),
  );
  return { name: "fw-inet", zones: ["dmz", "internet"], rules: withFillers(layout, rules) };
}

/** The two parallel lab firewalls; fw-lab-b's syslog rule forgets the DMZ (mistake 3). */
function labFirewall(layout: Layout, name: string, syslogSources: Target[]): Firewall {
  const nodes = [...layout.nodesByZone.values()].flat();
  const [shipper, tester] = layout.rng.sample(nodes, 2);
  const rules: Rule[] = [
    deny(tcp(23, [135, 139], 445), ANY, named("lab")),
    allow(tcp(22, 443), named(MANAGEMENT), named("logs")),
    allow(tcp(6514), named(shipper.name), named("logs")),
    allow(tcp(5201), named(tester.name), named("lab")),
    allow(service("syslog"), syslogSources, named("logs")),
    allow(service("ssh"), named("noc"), named("lab")),
    allow(service("https"), named("noc"), named("lab")),
    allow(service("snmp"), named("nms"), named("lab")),
    allow(tcp(8080), named("vpn"), named("lab")),
  ];
  return { name, zones: ["lab", "core"], rules: withFillers(layout, rules) };
}

export function buildFirewalls(layout: Layout): Firewall[] {
  return [
    ...layout.zoneGroups.map((_, g) => coreFirewall(layout, g)),
    edgeFirewall(layout),
    internetFirewall(layout),
    labFirewall(layout, "fw-lab-a", PEXIP),
    labFirewall(layout, "fw-lab-b", address("10.0.0.0/8")),
  ];
}
