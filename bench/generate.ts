// Realistic synthetic deployments for `npm run bench`, deterministic per seed.
//
// Topology (zones are IPv4 prefixes, joined by network firewalls):
//
//   net-00 .. net-NN (10.Z.0.0/16)   sites: transcoding nodes, office endpoints; net-00 holds
//        |  fw-core-G (one per group      the management node and shared services
//        |  of up to 4 site zones)
//   core (10.0.0.0/16) ---- fw-lab-a, fw-lab-b ---- lab (10.250.0.0/16): syslog
//        |  fw-edge                         (two parallel firewalls: the one deliberate
//   dmz (172.16.0.0/16): proxying nodes      ambiguous route)
//        |  fw-inet
//   internet (any): guests, licensing, NTP pool
//
// Paths cross 1-3 firewalls. The firewall rules (generate-firewalls.ts) allow almost every
// required flow; a handful of deliberate mistakes, scaled with the size, drop about 1%.
import type { Deployment, Group, Location, Peer, PexipNode, Zone } from "../test/naive/deployment";
import { buildFirewalls } from "./generate-firewalls";
import { Random } from "../test/naive/random";

/** Everything the firewall builder needs to know about the generated layout. */
export interface Layout {
  rng: Random;
  /** Site zone names per core firewall. */
  zoneGroups: string[][];
  /** Transcoding nodes per site zone (the management node is not included). */
  nodesByZone: Map<string, PexipNode[]>;
  /** Proxying nodes per edge location, in edgeLocations order. */
  proxiesByEdge: PexipNode[][];
  edgeLocations: string[];
  /** Office endpoints peer of each site zone (same index as the zone). */
  offices: string[];
  siteZones: string[];
  /** Transcoding nodes whose outbound IPsec a core firewall denies (mistake 1). */
  quarantined: PexipNode[];
  /** The office that a core firewall refuses SIP over TCP (mistake 2). */
  sipBlockedOffice: number;
  /** The edge location whose guests cannot reach port 80 (mistake 4). */
  noHttpEdge: number;
}

export const MANAGEMENT = "mgmt";
/** Share of Conferencing Nodes that are Proxying Edge Nodes. */
const PROXYING_SHARE = 0.07;
/** Quarantined nodes per node (mistake 1): the main lever for the ~1% missing flows. */
const QUARANTINE_SHARE = 0.007;
const ZONE_GROUP_SIZE = 4;

export function generateDeployment(nodeCount: number, seed: number): Deployment {
  if (!Number.isInteger(nodeCount) || nodeCount < 4) throw new Error("nodeCount must be an integer >= 4");
  const rng = new Random(seed);
  const zoneCount = Math.max(3, Math.floor(nodeCount / 50));
  if (zoneCount > 248) throw new Error("too many nodes: site zones use 10.1.0.0/16 .. 10.248.0.0/16");
  const width = Math.max(2, String(zoneCount - 1).length);
  const pad = (n: number) => String(n).padStart(width, "0");
  const siteZones = Array.from({ length: zoneCount }, (_, z) => `net-${pad(z)}`);
  const sites = Array.from({ length: zoneCount }, (_, z) => `site-${pad(z)}`);

  const zones: Zone[] = [
    { name: "core", prefixes: ["10.0.0.0/16"] },
    ...siteZones.map((name, z): Zone => ({ name, prefixes: [`10.${z + 1}.0.0/16`] })),
    { name: "lab", prefixes: ["10.250.0.0/16"] },
    { name: "dmz", prefixes: ["172.16.0.0/16"] },
    { name: "internet", prefixes: "any" },
  ];

  // Locations: one per site zone, and edge locations served by three distinct sites.
  const edgeCount = Math.max(1, Math.round(zoneCount / 6));
  const edgeLocations = Array.from({ length: edgeCount }, (_, k) => `edge-${pad(k)}`);
  const locations: Location[] = sites.map((name) => ({ name }));
  for (const name of edgeLocations) {
    const [transcoding, primary, secondary] = rng.sample(sites, 3);
    locations.push({ name, transcoding, overflow: [primary, secondary] });
  }

  // Nodes: the management node, transcoding nodes spread over the site zones (each zone
  // gets one first), proxying nodes in the DMZ spread over the edge locations.
  const conferencingCount = nodeCount - 1;
  const proxyCount = Math.max(1, Math.round(conferencingCount * PROXYING_SHARE));
  const transcodingCount = conferencingCount - proxyCount;
  const nodes: PexipNode[] = [{ name: MANAGEMENT, role: "management", ip: "10.1.0.10" }];
  const nodesByZone = new Map<string, PexipNode[]>(siteZones.map((z) => [z, []]));
  for (let j = 0; j < transcodingCount; j++) {
    const z = j < zoneCount ? j : rng.int(0, zoneCount - 1);
    const list = nodesByZone.get(siteZones[z])!;
    const i = list.length;
    list.push({
      name: `conf-${pad(z)}-${String(i).padStart(3, "0")}`,
      role: "transcoding",
      ip: `10.${z + 1}.${1 + Math.floor(i / 200)}.${10 + (i % 200)}`,
      location: sites[z],
    });
  }
  for (const list of nodesByZone.values()) nodes.push(...list);
  const proxiesByEdge: PexipNode[][] = edgeLocations.map(() => []);
  for (let j = 0; j < proxyCount; j++) {
    const k = j % edgeCount;
    const i = proxiesByEdge[k].length;
    proxiesByEdge[k].push({
      name: `proxy-${pad(k)}-${String(i).padStart(2, "0")}`,
      role: "proxying",
      ip: `172.16.${k + 1}.${10 + i}`,
      // Static NAT for the first addresses of a documentation range: realistic, no effect.
      public: j < 240 ? `198.51.100.${10 + j}` : undefined,
      location: edgeLocations[k],
    });
  }
  for (const list of proxiesByEdge) nodes.push(...list);

  const offices = siteZones.map((_, z) => `office-${pad(z)}`);
  const peers: Peer[] = [
    { name: "dns1", kind: "dns", ip: "10.1.0.53" },
    { name: "dns2", kind: "dns", ip: "10.1.0.54" },
    { name: "ntp1", kind: "ntp", ip: "10.1.0.123" },
    { name: "pool", kind: "ntp", host: "pool.ntp.org" },
    { name: "lic", kind: "licensing", host: "activation.pexip.com" },
    { name: "noc", kind: "admin", subnet: "10.1.250.0/24" },
    { name: "nms", kind: "snmp-nms", ip: "10.1.0.161" },
    { name: "logs", kind: "syslog", ip: "10.250.0.14" },
    { name: "ad", kind: "ldap", ip: "10.2.0.89" },
    { name: "mail", kind: "smtp", ip: "10.3.0.25" },
    { name: "vpn", kind: "endpoints", subnet: "10.0.128.0/17" },
    // Each office calls into its own site and, as a backup, the next one.
    ...offices.map((name, z): Peer => ({
      name, kind: "endpoints", subnet: `10.${z + 1}.128.0/17`, location: [sites[z], sites[(z + 1) % zoneCount]],
    })),
    ...edgeLocations.map((location, k): Peer => ({
      name: `guests-${pad(k)}`, kind: "endpoints", zone: "internet", location: [location],
    })),
  ];

  const zoneGroups: string[][] = [];
  for (let z = 0; z < zoneCount; z += ZONE_GROUP_SIZE) zoneGroups.push(siteZones.slice(z, z + ZONE_GROUP_SIZE));
  const groups: Group[] = [
    { name: "dns-servers", members: [{ name: "dns1" }, { name: "dns2" }] },
    { name: "ntp-servers", members: [{ name: "ntp1" }, { name: "pool" }] },
    { name: "clients", members: [{ name: "vpn" }, ...offices.map((name) => ({ name }))] },
    ...zoneGroups.map((list, g): Group => ({ name: `sites-${g}`, members: list.map((name) => ({ name })) })),
    ...proxiesByEdge.map((list, k): Group => ({ name: `${edgeLocations[k]}-nodes`, members: list.map((n) => ({ name: n.name })) })),
  ];

  const transcoding = nodes.filter((n) => n.role === "transcoding");
  const layout: Layout = {
    rng, zoneGroups, nodesByZone, proxiesByEdge, edgeLocations, offices, siteZones,
    quarantined: rng.sample(transcoding, Math.round(nodeCount * QUARANTINE_SHARE)),
    sipBlockedOffice: rng.int(0, zoneCount - 1),
    noHttpEdge: rng.int(0, edgeCount - 1),
  };

  return {
    name: `bench-${nodeCount}`,
    settings: { version: 36, mediaPorts: [40000, 49999], signalingPorts: [33000, 39999] },
    zones, locations, nodes, peers, groups,
    firewalls: buildFirewalls(layout),
  };
}

/**
 * Required directed IPsec flows, counted from the spec's rule directly: ordered node pairs
 * that need IPsec, times 2 (udp 500 and esp).
 */
export function countIpsecFlows(deployment: Deployment): number {
  const locations = new Map(deployment.locations.map((l) => [l.name, l]));
  const nodes = deployment.nodes;
  const transcodingIn = new Map<string, number>();
  const proxyingIn = new Map<string, number>();
  for (const node of nodes) {
    const counts = node.role === "transcoding" ? transcodingIn : node.role === "proxying" ? proxyingIn : undefined;
    if (counts) counts.set(node.location!, (counts.get(node.location!) ?? 0) + 1);
  }
  const management = nodes.filter((n) => n.role === "management").length;
  const transcoding = nodes.filter((n) => n.role === "transcoding").length;
  let unordered = management * (nodes.length - management) + (transcoding * (transcoding - 1)) / 2;
  for (const [name, count] of proxyingIn) {
    const location = locations.get(name);
    const served = new Set([location?.transcoding ?? name, ...(location?.overflow ?? []).slice(0, 2)]);
    let partners = 0;
    for (const site of served) partners += transcodingIn.get(site) ?? 0;
    // Proxy-transcoding pairs, plus proxy pairs inside the location.
    unordered += count * partners + (count * (count - 1)) / 2;
  }
  return unordered * 2 * 2;
}
