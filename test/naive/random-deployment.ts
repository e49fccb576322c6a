// Seeded random SMALL deployments for the engine-vs-naive property test. They mix the
// constructs whose meaning the spec settles: nested prefixes, an `any` zone, ip / subnet /
// zone / host peers, secondary interfaces, proxying nodes with transcoding and overflow
// locations, peer locations, chains and meshes of firewalls (ambiguous or missing routes),
// host firewalls, NAT, `sport`, denies, `default allow`, groups, literals, `any`, built-ins.
//
// Structures the spec leaves open are avoided (see AVOIDED below and the test's report).
import type {
  Deployment, Firewall, Group, Location, Peer, PeerKind, PexipNode, PortItem, Rule, ServiceName, Target,
  Traffic, Zone,
} from "./deployment";
import { formatIPv4, ipv4Interval, parseIPv4 } from "./intervals";
import { natBetweenNodes } from "./naive-evaluator";
import { buildModel } from "./naive-model";
import { buildRouting } from "./naive-routing";
import { Random } from "./random";

export const AVOIDED = [
  "IPv6 (every deployment is IPv4 only)",
  "snmp-nms peers: the spec says nodes' peripheral connections leave from eph, the seed's SNMP NMS row says <any>",
  "`any PORTS` traffic (whether it includes esp is not settled)",
  "`sport` on traffic that includes esp or icmp (any, esp, ipsec)",
  "host peers in a zone that a zone-only peer stands for (is the host's pseudo-address part of that peer?)",
  "explicit `zone` except on a node whose primary lies in no prefix, in a deployment without an any zone",
  "host firewalls protecting anything but node interfaces (partial coverage of a flow's destination)",
  "NAT that some but not all shortest paths between two nodes cross",
  "`location` on admin peers, `public` outside the any zone, more than one `nat` per firewall",
  "anything that gets no-zone, invalid, bad-address, unknown-name or duplicate-name",
];

const PEER_KINDS: PeerKind[] = [
  "admin", "syslog", "ldap", "ftp", "smtp", "incident-reporting", "usage-statistics", "exchange", "outlook",
  "event-sink", "oauth", "adfs", "graph", "cisco-endpoint", "poly-endpoint", "endpoints", "endpoints",
  "callcontrol", "stun", "rtmp", "sfb", "google-meet", "teams-connector", "cloud-bursting", "event-hub",
  "oidc", "epic", "google-workspace", "webex-cloud",
];
/** Kinds whose catalog rows name no Conferencing Node: they take no `location`. */
const NO_LOCATION: PeerKind[] = [
  "admin", "licensing", "ldap", "ftp", "smtp", "usage-statistics", "cloud-bursting", "event-hub",
];
const SERVICES: ServiceName[] = ["ipsec", "ssh", "http", "https", "dns", "ntp", "sip", "sip-tls", "h323", "snmp", "syslog", "ldap"];
const PORT_POOL: PortItem[] = [
  22, 53, 80, 123, 161, 443, 500, 514, 587, 1719, 1720, 1935, 3478, 4277, 5060, 5061, 5671, 8057, 8080, 8443,
  [40000, 44999], [45000, 49999], [30000, 42000], [33000, 33999], [1, 1023], [1024, 65535], [19302, 19309],
  [50000, 54999], [48000, 60000], [20000, 24999], "media", "signaling", "ephemeral", "any",
];
/** Traffic a rule aimed at one peer kind's flows would name (either direction). */
const KIND_TRAFFIC: Partial<Record<PeerKind, Traffic[]>> = {
  admin: [{ service: "ssh" }, { service: "https" }, { protocol: "tcp", ports: [80, 443, 8443] }],
  dns: [{ service: "dns" }, { protocol: "udp", ports: [53] }],
  ntp: [{ service: "ntp" }, { protocol: "udp", ports: [123] }],
  syslog: [{ service: "syslog" }],
  ldap: [{ service: "ldap" }, { protocol: "tcp", ports: [389, 636] }],
  ftp: [{ protocol: "tcp", ports: [21, [2000, 2100]] }, { protocol: "tcp", ports: [21] }],
  smtp: [{ protocol: "tcp", ports: [587] }],
  "web-proxy": [{ protocol: "tcp", ports: [8080, 3128] }],
  "event-hub": [{ protocol: "tcp", ports: [5671] }],
  "event-sink": [{ protocol: "tcp", ports: [80, 443] }],
  stun: [{ protocol: "udp", ports: [3478] }],
  rtmp: [{ protocol: "tcp", ports: [1935] }],
  endpoints: [{ service: "h323" }, { protocol: "tcp+udp", ports: ["media"] }, { protocol: "tcp", ports: ["signaling", 5060, 5061] },
    { protocol: "udp", ports: [1719, 5060] }, { protocol: "tcp", ports: ["any"] }, { protocol: "tcp+udp", ports: [[40000, 44999]] }],
  sfb: [{ protocol: "tcp", ports: [443, 8057] }, { protocol: "tcp+udp", ports: ["media", 80] }, { protocol: "udp" }],
  "google-meet": [{ protocol: "udp", ports: ["media"] }, { protocol: "udp", ports: [[19302, 19309]] }, { service: "https" }],
  "teams-connector": [{ protocol: "tcp", ports: [443, 4277] }, { protocol: "udp", ports: ["media", [50000, 54999]] }, { service: "https" }],
};
KIND_TRAFFIC.callcontrol = KIND_TRAFFIC.endpoints;

const SPORT_POOL: PortItem[] = [
  "ephemeral", "signaling", "media", [55000, 60000], 123, 500, [1, 1023], [19302, 19309], [50000, 54999], [1024, 65535],
];

export function randomDeployment(seed: number): Deployment {
  const rng = new Random(seed);
  const zones = randomZones(rng);
  const probe = buildModel({ name: "x", zones, locations: [], nodes: [], peers: [], groups: [], firewalls: [] });
  const anyZone = zones.find((zone) => zone.prefixes === "any")?.name;
  const used = new Set<string>();
  const sixteens = zones.flatMap((zone) => zone.prefixes === "any" ? [] : zone.prefixes)
    .map((prefix) => Number(prefix.split(".")[1]));

  /** An unused address from a small universe (so rules and subnets overlap), in some zone. */
  function address(want: (zone: string | undefined) => boolean = (zone) => zone !== undefined): string {
    for (;;) {
      const text = rng.chance(0.75)
        ? `10.${rng.chance(0.9) ? rng.pick(sixteens) : 50}.${rng.int(0, 7)}.${rng.chance(0.8) ? rng.int(1, 40) : rng.int(128, 140)}`
        : `${rng.pick(["198.51.100", "203.0.113"])}.${rng.int(1, 60)}`;
      if (used.has(text) || !want(probe.zoneByPrefix(parseIPv4(text)!))) continue;
      used.add(text);
      return text;
    }
  }

  const locations: Location[] = [];
  const locationCount = rng.int(1, 3);
  for (let i = 1; i <= locationCount; i++) locations.push({ name: `loc${i}` });
  for (const location of locations) {
    const others = locations.filter((l) => l !== location).map((l) => l.name);
    if (others.length === 0) continue;
    if (rng.chance(0.3)) location.transcoding = rng.pick(others);
    if (rng.chance(0.3)) location.overflow = rng.sample(others, rng.int(1, Math.min(2, others.length)));
  }

  const nodes: PexipNode[] = [];
  const addNode = (name: string, role: PexipNode["role"]) => {
    const node: PexipNode = { name, role, ip: "" };
    if (!anyZone && rng.chance(0.15)) {
      node.ip = address((zone) => zone === undefined);
      node.zone = rng.pick(zones).name;
    } else node.ip = address();
    if (role !== "management") {
      node.location = rng.pick(locations).name;
      if (rng.chance(0.3)) node.secondary = address();
      if (anyZone && rng.chance(0.1)) node.public = `192.0.2.${nodes.length + 1}`;
    }
    nodes.push(node);
  };
  addNode("mgmt", "management");
  for (let i = 1, n = rng.int(1, 3); i <= n; i++) addNode(`t${i}`, "transcoding");
  for (let i = 1, n = rng.int(0, 3); i <= n; i++) addNode(`px${i}`, "proxying");

  const peers = randomPeers(rng, zones, locations, address, probe);
  const targetPool = { nodes, peers, zones, groups: [] as Group[] };
  const groups: Group[] = [];
  for (let i = 1, n = rng.int(0, 2); i <= n; i++) {
    const members = Array.from({ length: rng.int(1, 3) }, () => randomTarget(rng, targetPool));
    const group = { name: `g${i}`, members };
    groups.push(group);
    targetPool.groups.push(group); // later groups may contain earlier ones (no cycles)
  }

  const deployment: Deployment = {
    name: `random-${seed}`,
    settings: randomSettings(rng),
    zones, locations, nodes, peers, groups,
    firewalls: randomFirewalls(rng, zones, targetPool),
  };
  // NAT whose crossing depends on which shortest path the traffic takes is left open.
  if (natBetweenNodes(buildModel(deployment), buildRouting(deployment)).unsettled.length > 0) {
    for (const firewall of deployment.firewalls) delete firewall.nat;
  }
  return deployment;
}

function randomZones(rng: Random): Zone[] {
  const zones: Zone[] = [];
  const free = rng.sample([1, 2, 3, 4, 5, 6, 7, 8, 9], 9);
  const taken = new Set<string>();
  const sixteens: number[] = [];
  const newPrefix = (): string => {
    for (;;) {
      let prefix: string;
      if (sixteens.length > 0 && rng.chance(0.35)) {
        const base = `10.${rng.pick(sixteens)}.${rng.int(0, 7)}`;
        prefix = rng.chance(0.7) ? `${base}.0/24` : rng.chance(0.5) ? `${base}.128/25` : `${base}.0/28`;
      } else {
        const octet = free.pop()!;
        sixteens.push(octet);
        prefix = `10.${octet}.0.0/16`;
      }
      if (!taken.has(prefix)) {
        taken.add(prefix);
        return prefix;
      }
    }
  };
  for (let i = 1, n = rng.int(2, 4); i <= n; i++) {
    const prefixes = [newPrefix()];
    if (rng.chance(0.2)) prefixes.push(newPrefix());
    zones.push({ name: `z${i}`, prefixes });
  }
  if (rng.chance(0.6)) zones.push({ name: "inet", prefixes: "any" });
  return zones;
}

function randomSettings(rng: Random): Deployment["settings"] {
  const settings: NonNullable<Deployment["settings"]> = {};
  if (rng.chance(0.2)) {
    settings.mediaPorts = rng.pick([[20000, 29999], [40000, 44999], [10000, 19999]] as [number, number][]);
    settings.signalingPorts = rng.pick([[30000, 34999], [33000, 39999]] as [number, number][]);
  }
  const enable = ["sip-udp", "admin-http", "provisioning"].filter(() => rng.chance(0.3));
  const disable = ["ssh", "http-redirect"].filter(() => rng.chance(0.2));
  if (enable.length > 0) settings.enable = enable;
  if (disable.length > 0) settings.disable = disable;
  return settings;
}

type AddressPicker = (want?: (zone: string | undefined) => boolean) => string;

function randomPeers(rng: Random, zones: Zone[], locations: Location[], address: AddressPicker,
  probe: ReturnType<typeof buildModel>): Peer[] {
  const kinds: PeerKind[] = [];
  if (rng.chance(0.8)) kinds.push("dns");
  if (rng.chance(0.7)) kinds.push("ntp");
  if (rng.chance(0.6)) kinds.push("licensing");
  if (rng.chance(0.12)) kinds.push("web-proxy");
  for (let i = 0, n = rng.int(1, 5); i < n; i++) kinds.push(rng.pick(PEER_KINDS));
  const anyZone = zones.find((zone) => zone.prefixes === "any")?.name;
  const hostZones = new Set<string>();
  const zonePeerZones = new Set<string>();
  const peers: Peer[] = [];
  kinds.forEach((kind, index) => {
    const peer: Peer = { name: `${kind.split("-")[0]}${index + 1}`, kind };
    const form = rng.pick(["ip", "ip", "ip", "subnet", "subnet", "host", "zone"]);
    if (form === "host") {
      const zone = anyZone && rng.chance(0.6) ? anyZone : rng.pick(zones).name;
      if (!zonePeerZones.has(zone)) {
        peer.host = `h${index + 1}.example.com`;
        if (zone !== anyZone) peer.zone = zone;
        hostZones.add(zone);
      }
    } else if (form === "zone") {
      const zone = rng.pick(zones).name;
      if (!hostZones.has(zone)) {
        peer.zone = zone;
        zonePeerZones.add(zone);
      }
    } else if (form === "subnet") {
      for (let attempt = 0; attempt < 10 && !peer.subnet; attempt++) {
        const length = rng.pick([16, 24, 24, 26, 28]);
        const base = parseIPv4(address(() => true))!;
        const size = 2 ** (32 - length);
        const subnet = `${formatIPv4(base - (base % size))}/${length}`;
        if (probe.peerZone({ name: "x", kind, subnet }) !== undefined) peer.subnet = subnet;
      }
    }
    if (!peer.host && !peer.zone && !peer.subnet) peer.ip = address();
    if (!NO_LOCATION.includes(kind) && rng.chance(0.3)) {
      peer.location = rng.sample(locations.map((l) => l.name), rng.int(1, Math.min(2, locations.length)));
    }
    if ((kind === "web-proxy" || kind === "event-sink") && rng.chance(0.5)) peer.port = rng.pick([80, 3128, 8080, 8443]);
    if (kind === "ftp" && rng.chance(0.5)) peer.ports = rng.pick([[2000, 2100], [50000, 50100]] as [number, number][]);
    peers.push(peer);
  });
  return peers;
}

interface TargetPool {
  nodes: PexipNode[];
  peers: Peer[];
  zones: Zone[];
  groups: Group[];
}

function randomLiteral(rng: Random, pool: TargetPool): string {
  const roll = rng.next();
  const someIp = () => rng.pick([...pool.nodes.map((n) => n.ip), ...pool.peers.flatMap((p) => p.ip ? [p.ip] : [])]);
  if (roll < 0.35) return someIp();
  if (roll < 0.55) return rng.pick(pool.zones.flatMap((zone) => zone.prefixes === "any" ? [] : zone.prefixes));
  if (roll < 0.9) {
    // A prefix around some party's address, cutting zones and subnets at odd places.
    const length = rng.pick([8, 12, 17, 20, 24, 27, 30]);
    const base = ipv4Interval(someIp())[0];
    const size = 2 ** (32 - length);
    return `${formatIPv4(base - (base % size))}/${length}`;
  }
  return rng.pick(["0.0.0.0/0", "198.51.100.0/24", "203.0.113.0/25"]);
}

function randomTarget(rng: Random, pool: TargetPool): Target {
  const roll = rng.next();
  if (roll < 0.3) return { name: rng.pick([...pool.nodes, ...pool.peers]).name };
  if (roll < 0.38) {
    const node = rng.pick(pool.nodes);
    return { name: node.name, iface: node.secondary && rng.chance(0.5) ? "secondary" : "primary" };
  }
  if (roll < 0.53) return { name: rng.pick(pool.zones).name };
  if (roll < 0.61 && pool.groups.length > 0) return { name: rng.pick(pool.groups).name };
  if (roll < 0.76) return { address: randomLiteral(rng, pool) };
  if (roll < 0.86) return { any: true };
  return { builtin: rng.pick(["@pexip", "@management", "@conferencing", "@transcoding", "@proxying"] as const) };
}

function randomTraffic(rng: Random): Traffic {
  if (rng.chance(0.3)) return { service: rng.pick(SERVICES) };
  const protocol = rng.pick(["tcp", "tcp", "tcp", "udp", "udp", "tcp+udp", "tcp+udp", "esp", "icmp", "any"] as const);
  if (protocol === "esp" || protocol === "icmp" || protocol === "any" || rng.chance(0.15)) return { protocol };
  return { protocol, ports: rng.sample(PORT_POOL, rng.int(1, 3)) };
}

const FLOW_SPORTS: PortItem[][] = [
  ["ephemeral"], [[1024, 65535]], ["signaling"], ["media"], [123, "ephemeral"], [[19302, 19309]], [[50000, 54999]],
  [500], ["signaling", "media"], [[1, 54999]],
];

/** A rule aimed at the flows between Pexip nodes and one peer, so that `sport` and partial
 * coverage meet real flows often. */
function directedRule(rng: Random, pool: TargetPool): Rule {
  const peer = rng.pick(pool.peers);
  const traffic = rng.pick(KIND_TRAFFIC[peer.kind] ?? [{ service: "https" }, { protocol: "tcp", ports: [80, 443] }] as Traffic[]);
  const nodeSide = (): Target => {
    const roll = rng.next();
    if (roll < 0.4) return { builtin: rng.pick(["@pexip", "@conferencing", "@management", "@transcoding", "@proxying"] as const) };
    const node = rng.pick(pool.nodes);
    if (roll < 0.8) return { name: node.name };
    return { name: node.name, iface: node.secondary && rng.chance(0.5) ? "secondary" : "primary" };
  };
  const peerSide = (): Target => {
    const roll = rng.next();
    if (roll < 0.6) return { name: peer.name };
    if (roll < 0.75) return { any: true };
    return randomTarget(rng, pool);
  };
  const [from, to] = rng.chance(0.5) ? [nodeSide(), peerSide()] : [peerSide(), nodeSide()];
  const rule: Rule = { action: rng.chance(0.75) ? "allow" : "deny", traffic, from: [from], to: [to] };
  // Source ports the catalog uses, whole or widened, so that a wrong source-port reading shows.
  if (rng.chance(0.5)) rule.sport = rng.pick(FLOW_SPORTS);
  return rule;
}

function randomRule(rng: Random, pool: TargetPool): Rule {
  if (pool.peers.length > 0 && rng.chance(0.5)) return directedRule(rng, pool);
  const traffic = randomTraffic(rng);
  const rule: Rule = { action: rng.chance(0.72) ? "allow" : "deny", traffic };
  const targets = () => Array.from({ length: rng.chance(0.75) ? 1 : 2 }, () => randomTarget(rng, pool));
  if (rng.chance(0.2)) rule.between = targets();
  else { rule.from = targets(); rule.to = targets(); }
  const portsOnly = "service" in traffic ? traffic.service !== "ipsec" : ["tcp", "udp", "tcp+udp"].includes(traffic.protocol);
  if (portsOnly && rng.chance(0.2)) rule.sport = rng.sample(SPORT_POOL, rng.int(1, 2));
  return rule;
}

function randomFirewalls(rng: Random, zones: Zone[], pool: TargetPool): Firewall[] {
  const names = zones.map((zone) => zone.name);
  const firewalls: Firewall[] = [];
  const joins: string[][] = [];
  if (rng.chance(0.75)) {
    // A chain through every zone (a firewall sometimes joins three), plus maybe a shortcut
    // that makes a mesh with ambiguous routes.
    const order = rng.sample(names, names.length);
    for (let i = 0; i < order.length - 1;) {
      const width = i + 2 < order.length && rng.chance(0.25) ? 3 : 2;
      joins.push(order.slice(i, i + width));
      i += width - 1;
    }
    if (rng.chance(0.4)) joins.push(rng.sample(names, 2));
  } else {
    // A few firewalls at random: some zones may have no route at all.
    for (let i = 0, n = rng.int(1, 3); i < n; i++) joins.push(rng.sample(names, rng.int(2, Math.min(3, names.length))));
  }
  joins.forEach((zones, i) => firewalls.push({ name: `fw${i + 1}`, zones, rules: [] }));
  if (rng.chance(0.3)) {
    // Host firewalls protect node interfaces only (see AVOIDED).
    const protects = Array.from({ length: rng.int(1, 2) }, (): Target => {
      if (rng.chance(0.3)) return { builtin: rng.pick(["@pexip", "@conferencing", "@transcoding", "@proxying"] as const) };
      const node = rng.pick(pool.nodes);
      if (rng.chance(0.3)) return { name: node.name, iface: node.secondary && rng.chance(0.5) ? "secondary" : "primary" };
      return { name: node.name };
    });
    firewalls.push({ name: "hfw", protects, rules: [] });
  }
  for (const firewall of firewalls) {
    if (firewall.zones && rng.chance(0.3)) {
      const [from, to] = rng.sample(firewall.zones, 2);
      firewall.nat = [{ from, to }];
    }
    if (rng.chance(0.2)) firewall.default = "allow";
    else if (rng.chance(0.2)) firewall.default = "deny";
    if (rng.chance(0.5)) firewall.rules.push({ action: "allow", traffic: { service: "ipsec" }, between: [{ builtin: "@pexip" }] });
    for (let i = 0, n = rng.int(1, 6); i < n; i++) firewall.rules.splice(rng.int(0, firewall.rules.length), 0, randomRule(rng, pool));
    if (rng.chance(0.25)) firewall.rules.push({ action: "allow", traffic: { protocol: "tcp+udp", ports: ["any"] }, from: [{ any: true }], to: [{ any: true }] });
  }
  return firewalls;
}
