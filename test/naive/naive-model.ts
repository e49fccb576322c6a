// The spec's meaning of a Deployment, read from the Deployment type directly: zones of
// addresses, the addresses every party and target stands for, features and port ranges.
// (Spec sections 3, 4, 5 "TARGETS" and 8 "Address sets".)
import type { Deployment, Peer, PexipNode, PortItem, Target } from "./deployment";
import {
  ALL_PORTS, EPHEMERAL, HOST_BASE, IPV4_MAX, Interval, boundaries, containsAll, ipv4Interval,
  normalize, pieces, prefixLength, subtract, union,
} from "./intervals";

export interface Features {
  "sip-udp": boolean;
  "http-redirect": boolean;
  ssh: boolean;
  "admin-http": boolean;
  provisioning: boolean;
}

export interface NaiveModel {
  deployment: Deployment;
  media: Interval[];
  signaling: Interval[];
  features: Features;
  /** Zone of an address by prefix alone: longest prefix, else the any zone. */
  zoneByPrefix(address: number): string | undefined;
  /** Addresses belonging to a zone by prefix (spec 8: prefixes minus more specific ones). */
  zoneAddresses(zone: string): Interval[];
  nodeAddresses: Interval[];
  nodes: Map<string, PexipNode>;
  peers: Map<string, Peer>;
  /** Pseudo-address of each host peer. */
  hostAddress: Map<string, number>;
  partyAddresses(name: string): Interval[];
  /** Zone a peer lives in (one zone per peer). */
  peerZone(peer: Peer): string | undefined;
  primaryZone(node: PexipNode): string | undefined;
  secondaryZone(node: PexipNode): string | undefined;
  resolveTargets(targets: Target[]): Interval[];
  portItems(items: PortItem[] | undefined): Interval[];
}

export function buildModel(deployment: Deployment): NaiveModel {
  const media: Interval[] = [deployment.settings?.mediaPorts ?? [40000, 49999]];
  const signaling: Interval[] = [deployment.settings?.signalingPorts ?? [33000, 39999]];
  const features: Features = {
    "sip-udp": false, "http-redirect": true, ssh: true, "admin-http": false, provisioning: false,
  };
  for (const name of deployment.settings?.enable ?? []) features[name as keyof Features] = true;
  for (const name of deployment.settings?.disable ?? []) features[name as keyof Features] = false;

  const anyZone = deployment.zones.find((zone) => zone.prefixes === "any")?.name;
  const zonePrefixes: { zone: string; text: string; interval: Interval }[] = [];
  for (const zone of deployment.zones) {
    if (zone.prefixes === "any") continue;
    for (const text of zone.prefixes) zonePrefixes.push({ zone: zone.name, text, interval: ipv4Interval(text) });
  }

  function zoneByPrefix(address: number): string | undefined {
    if (address >= HOST_BASE) return undefined;
    let best: { zone: string; length: number } | undefined;
    for (const prefix of zonePrefixes) {
      const [lo, hi] = prefix.interval;
      if (address < lo || address > hi) continue;
      const length = prefixLength(prefix.text);
      if (!best || length > best.length) best = { zone: prefix.zone, length };
    }
    return best?.zone ?? anyZone;
  }

  // Brute force: cut the IPv4 line at every zone prefix boundary; each piece has one zone.
  const zoneCuts = boundaries(zonePrefixes.map((prefix) => [prefix.interval]));
  const zonePieces = pieces([[0, IPV4_MAX]], zoneCuts);
  const zoneAddressCache = new Map<string, Interval[]>();
  function zoneAddresses(zone: string): Interval[] {
    let cached = zoneAddressCache.get(zone);
    if (!cached) {
      cached = normalize(zonePieces.filter(([lo]) => zoneByPrefix(lo) === zone));
      zoneAddressCache.set(zone, cached);
    }
    return cached;
  }

  const nodes = new Map(deployment.nodes.map((node) => [node.name, node]));
  const peers = new Map(deployment.peers.map((peer) => [peer.name, peer]));
  const nodeAddresses = union(
    ...deployment.nodes.map((node) => [ipv4Interval(node.ip), ...(node.secondary ? [ipv4Interval(node.secondary)] : [])]),
  );
  const hostAddress = new Map<string, number>();
  deployment.peers.filter((peer) => peer.host !== undefined)
    .forEach((peer, index) => hostAddress.set(peer.name, HOST_BASE + index));

  function peerAddresses(peer: Peer): Interval[] {
    if (peer.ip) return [ipv4Interval(peer.ip)];
    if (peer.subnet) return subtract([ipv4Interval(peer.subnet)], nodeAddresses);
    if (peer.host !== undefined) {
      const pseudo = hostAddress.get(peer.name)!;
      return [[pseudo, pseudo]];
    }
    if (peer.zone) return subtract(zoneAddresses(peer.zone), nodeAddresses);
    return [];
  }

  function nodeAddressesOf(node: PexipNode): Interval[] {
    return union([ipv4Interval(node.ip)], node.secondary ? [ipv4Interval(node.secondary)] : []);
  }

  function partyAddresses(name: string): Interval[] {
    const node = nodes.get(name);
    if (node) return nodeAddressesOf(node);
    const peer = peers.get(name);
    return peer ? peerAddresses(peer) : [];
  }

  function peerZone(peer: Peer): string | undefined {
    if (peer.zone) return peer.zone;
    if (peer.ip) return zoneByPrefix(ipv4Interval(peer.ip)[0]);
    if (peer.host !== undefined) return anyZone;
    if (peer.subnet) {
      // The most specific zone whose prefix holds all of the subnet, else the any zone.
      const subnet = ipv4Interval(peer.subnet);
      let best: { zone: string; length: number } | undefined;
      for (const prefix of zonePrefixes) {
        if (!containsAll([prefix.interval], [subnet])) continue;
        const length = prefixLength(prefix.text);
        if (!best || length > best.length) best = { zone: prefix.zone, length };
      }
      return best?.zone ?? anyZone;
    }
    return undefined;
  }

  /** A zone as a target: its addresses, parties placed in it with `zone`, its host peers. */
  function zoneTarget(zone: string): Interval[] {
    const parts: Interval[][] = [zoneAddresses(zone)];
    for (const node of deployment.nodes) if (node.zone === zone) parts.push([ipv4Interval(node.ip)]);
    for (const peer of deployment.peers) {
      if (peer.host !== undefined ? peerZone(peer) === zone : peer.zone === zone) parts.push(peerAddresses(peer));
    }
    return union(...parts);
  }

  const allHosts: Interval[] = [...hostAddress.values()].map((pseudo) => [pseudo, pseudo]);

  function resolveTarget(target: Target, visiting: Set<string>): Interval[] {
    if ("any" in target) return union([[0, IPV4_MAX]], allHosts);
    if ("address" in target) return [ipv4Interval(target.address)];
    if ("builtin" in target) {
      const roles = {
        "@pexip": ["management", "transcoding", "proxying"],
        "@management": ["management"],
        "@conferencing": ["transcoding", "proxying"],
        "@transcoding": ["transcoding"],
        "@proxying": ["proxying"],
      }[target.builtin];
      return union(...deployment.nodes.filter((node) => roles.includes(node.role)).map(nodeAddressesOf));
    }
    const node = nodes.get(target.name);
    if (node) {
      if (target.iface === "primary") return [ipv4Interval(node.ip)];
      if (target.iface === "secondary") return node.secondary ? [ipv4Interval(node.secondary)] : [];
      return nodeAddressesOf(node);
    }
    const peer = peers.get(target.name);
    if (peer) return peerAddresses(peer);
    if (deployment.zones.some((zone) => zone.name === target.name)) return zoneTarget(target.name);
    const group = deployment.groups.find((g) => g.name === target.name);
    if (group && !visiting.has(group.name)) {
      const inner = new Set(visiting).add(group.name);
      return union(...group.members.map((member) => resolveTarget(member, inner)));
    }
    throw new Error(`naive model: unknown target ${target.name}`);
  }

  function portItems(items: PortItem[] | undefined): Interval[] {
    if (!items || items.length === 0) return ALL_PORTS;
    return union(...items.map((item): Interval[] => {
      if (typeof item === "number") return [[item, item]];
      if (Array.isArray(item)) return [item];
      if (item === "media") return media;
      if (item === "signaling") return signaling;
      if (item === "ephemeral") return EPHEMERAL;
      return ALL_PORTS;
    }));
  }

  return {
    deployment, media, signaling, features, zoneByPrefix, zoneAddresses, nodeAddresses, nodes, peers,
    hostAddress, partyAddresses, peerZone,
    primaryZone: (node) => node.zone ?? zoneByPrefix(ipv4Interval(node.ip)[0]),
    secondaryZone: (node) => (node.secondary ? zoneByPrefix(ipv4Interval(node.secondary)[0]) : undefined),
    resolveTargets: (targets) => union(...targets.map((target) => resolveTarget(target, new Set()))),
    portItems,
  };
}
