// The flows a deployment requires: catalog rows applied to its nodes and peers. Flows are
// produced in groups, never one per node pair: nodes that share a role, a location and
// the class of the address they use (address-classes.ts) form one end of a group.
import { AddressClasses, type AddressClass } from "./address-classes";
import { CATALOG } from "./catalog";
import type { FlowRow } from "./catalog-types";
import { ALL_PORTS, IntervalSet, type AddressSet, type PortSet } from "./interval-set";
import type { Model, Node, NodeInterface, Peer, TrafficProtocol } from "./model-types";
import type { Routing } from "./routing";
import { resolvePortTerms } from "./services";
import { pushTo } from "./collections";

/** Nodes that no firewall can tell apart at the interface this flow uses. */
export interface NodeEnd {
  kind: "nodes";
  nodes: Node[];
  addressClass: AddressClass;
  /** Index of the class's zone in the routing graph. */
  zoneIndex?: number;
}

export interface PeerEnd {
  kind: "peer";
  peer: Peer;
  zone: string;
  addresses: AddressSet;
  zoneIndex?: number;
}

export type FlowEnd = NodeEnd | PeerEnd;

/** Every flow from a member of `source` to a member of `destination` for one row. */
export interface FlowGroup {
  row: FlowRow;
  protocol: TrafficProtocol;
  /** Destination ports; empty for esp. */
  dstPorts: PortSet;
  srcPorts: PortSet;
  source: FlowEnd;
  destination: FlowEnd;
  /** Both ends are the same node group: a node needs no flow to itself. */
  sameNodes: boolean;
  /** Numbers the (row, protocol) combinations: equal variants, equal ports. */
  variant: number;
}

/**
 * Every end of `froms` needs IPsec with every end of `tos` (an end listed on both sides:
 * between its own distinct nodes). The analysis walks blocks, not pairs, so that ends that
 * look the same to a firewall are evaluated together.
 */
export interface IpsecBlock {
  froms: NodeEnd[];
  tos: NodeEnd[];
}

/** An ordered pair of node groups whose members need IPsec with each other. */
export interface IpsecPair {
  from: NodeEnd;
  to: NodeEnd;
  sameNodes: boolean;
}

/** One protocol of a catalog row, with the ports every group of it shares. */
export interface RowVariant {
  row: FlowRow;
  protocol: TrafficProtocol;
  dstPorts: PortSet;
  srcPorts: PortSet;
  /** Numbers the (row, protocol) combinations: equal variants, equal ports. */
  variant: number;
}

/**
 * One catalog row applied to the deployment, in catalog order. Its groups are not built
 * one by one (a node-to-node row has thirteen thousand IPsec pairs on a 2,000-node mesh):
 * the analysis takes a peer row per peer and the IPsec rows per block of node groups.
 */
export type RowRequirement =
  | { kind: "peers"; row: FlowRow; peers: PeerRequirement[] }
  | { kind: "ipsec"; row: FlowRow; variants: RowVariant[] };

/** One peer of a peer row: a group per node group and protocol, kept as their parts. */
export interface PeerRequirement {
  peer: PeerEnd;
  /** The node groups the row reaches, each at the interface it uses. */
  nodeEnds: NodeEnd[];
  /** The row's protocols with this peer's ports (its own `port` where the row allows one). */
  variants: RowVariant[];
  /** Nodes send to the peer (node-to-peer), else the peer sends to the nodes. */
  toPeer: boolean;
}

export interface Requirements {
  rows: RowRequirement[];
  ipsecBlocks: IpsecBlock[];
  /**
   * The blocks' pairs, one by one (an end with itself only when it has two nodes or more):
   * made when first read (only NATs between nodes and exports need them one by one).
   */
  readonly ipsecPairs: IpsecPair[];
  classes: AddressClasses;
  /** Number of distinct FlowGroup.variant values. */
  variants: number;
  /** Every group of every row in catalog order, IPsec pairs included (built on first read). */
  readonly groups: FlowGroup[];
}

/** Nodes that play the same part in every requirement. */
interface NodeClass {
  role: Node["role"];
  location?: string;
  primary: AddressClass;
  secondary?: AddressClass;
  /** The node has a secondary interface in no zone (reported as no-zone already). */
  unplacedSecondary: boolean;
  nodes: Node[];
}

export function requiredFlows(model: Model, routing: Routing, catalog: readonly FlowRow[] = CATALOG): Requirements {
  const usable = model.nodes.filter((n) => n.primary?.zone !== undefined);
  const ends: { address: bigint; zone: string }[] = [];
  for (const node of usable) {
    for (const iface of interfacesOf(node)) ends.push({ address: iface.address, zone: iface.zone! });
  }
  const classes = new AddressClasses(model.firewalls, ends);
  const nodeClasses = groupNodes(usable, classes, (n) => secondaryKey(n, classes));

  const rows: RowRequirement[] = [];
  const ipsecBlocks = ipsecClassBlocks(model, usable, classes, routing);
  const hasWebProxy = model.peers.some((p) => p.peerKind === "web-proxy");
  const ranges = model.settings;

  // Peers in the same zone and locations reach the same node groups for rows that name the
  // same nodes through the same interface: build those groups once (2,270 nodes, 64 peers).
  const endsCache = new Map<string, NodeEnd[]>();
  const cachedNodeEnds = (row: FlowRow, peer: Peer): NodeEnd[] => {
    const key = `${row.nodes}|${row.interface}|${peer.zone}|${peer.locations?.join("\u0000") ?? "*"}`;
    let ends = endsCache.get(key);
    if (!ends) {
      ends = nodeEndsFor(row, peer, nodeClasses, routing);
      endsCache.set(key, ends);
    }
    return ends;
  };

  let variants = 0;
  for (const row of catalog) {
    if (row.condition?.feature && !model.settings.features[row.condition.feature]) continue;
    if (row.condition?.notWithWebProxy && hasWebProxy) continue;
    const protocols = protocolsOf(row);
    const firstVariant = variants;
    variants += protocols.length;
    const srcPorts = row.srcPorts ? resolvePortTerms(row.srcPorts, ranges) : ALL_PORTS;
    // Shared by every peer without its own port, so that equal ports are one object.
    const rowPorts = resolvePortTerms(row.dstPorts, ranges);
    const rowVariants = protocols.map((protocol, p) => ({ row, protocol, dstPorts: rowPorts, srcPorts, variant: firstVariant + p }));
    if (row.direction === "node-to-node") {
      rows.push({ kind: "ipsec", row, variants: rowVariants });
      continue;
    }
    const peers: PeerRequirement[] = [];
    for (const peer of model.peers) {
      if (peer.peerKind !== row.peerKind || peer.zone === undefined || peer.addresses.isEmpty) continue;
      const peerEnd: PeerEnd = { kind: "peer", peer, zone: peer.zone, addresses: peer.addresses, zoneIndex: routing.zoneIndex(peer.zone) };
      const dstPorts = portsFor(row, peer, rowPorts);
      const variantsOfPeer = dstPorts === rowPorts ? rowVariants : rowVariants.map((v) => ({ ...v, dstPorts }));
      peers.push({ peer: peerEnd, nodeEnds: cachedNodeEnds(row, peer), variants: variantsOfPeer, toPeer: row.direction === "node-to-peer" });
    }
    rows.push({ kind: "peers", row, peers });
  }
  let allGroups: FlowGroup[] | undefined;
  let ipsecPairs: IpsecPair[] | undefined;
  return {
    rows,
    ipsecBlocks,
    classes,
    variants,
    get ipsecPairs(): IpsecPair[] {
      return (ipsecPairs ??= pairsOf(ipsecBlocks));
    },
    get groups(): FlowGroup[] {
      return (allGroups ??= rows.flatMap((entry) => (entry.kind === "peers" ? peerGroups(entry.peers) : ipsecGroups(entry.variants, this.ipsecPairs))));
    },
  };
}

/** The groups of a peer row: each peer, each node group, each protocol. */
function peerGroups(peers: PeerRequirement[]): FlowGroup[] {
  const groups: FlowGroup[] = [];
  for (const { peer, nodeEnds, variants, toPeer } of peers) {
    for (const nodeEnd of nodeEnds) {
      for (const v of variants) {
        const [source, destination] = toPeer ? [nodeEnd, peer] : [peer, nodeEnd];
        groups.push({ row: v.row, protocol: v.protocol, dstPorts: v.dstPorts, srcPorts: v.srcPorts, source, destination, sameNodes: false, variant: v.variant });
      }
    }
  }
  return groups;
}

/** The groups of a node-to-node row: each pair, each protocol. */
function ipsecGroups(variants: RowVariant[], pairs: IpsecPair[]): FlowGroup[] {
  const groups: FlowGroup[] = [];
  for (const pair of pairs) {
    for (const v of variants) {
      groups.push({ row: v.row, protocol: v.protocol, dstPorts: v.dstPorts, srcPorts: v.srcPorts, source: pair.from, destination: pair.to, sameNodes: pair.sameNodes, variant: v.variant });
    }
  }
  return groups;
}

function interfacesOf(node: Node): NodeInterface[] {
  const out: NodeInterface[] = [];
  if (node.primary?.zone !== undefined) out.push(node.primary);
  if (node.secondary?.zone !== undefined) out.push(node.secondary);
  return out;
}

function secondaryKey(node: Node, classes: AddressClasses): string {
  if (!node.secondary) return "";
  return node.secondary.zone === undefined ? "unplaced" : String(classes.classOf(node.secondary.address, node.secondary.zone).id);
}

function groupNodes(nodes: Node[], classes: AddressClasses, extraKey: (n: Node) => string): NodeClass[] {
  const byKey = new Map<string, NodeClass>();
  for (const node of nodes) {
    const primary = classes.classOf(node.primary!.address, node.primary!.zone!);
    const location = node.role === "management" ? undefined : node.location;
    const key = `${node.role}|${location ?? ""}|${primary.id}|${extraKey(node)}`;
    let cls = byKey.get(key);
    if (!cls) {
      const secondary = node.secondary?.zone !== undefined ? classes.classOf(node.secondary.address, node.secondary.zone) : undefined;
      cls = { role: node.role, location, primary, secondary, unplacedSecondary: node.secondary !== undefined && !secondary, nodes: [] };
      byKey.set(key, cls);
    }
    cls.nodes.push(node);
  }
  return [...byKey.values()];
}

/**
 * Blocks of node groups that need IPsec (spec section 6), built from the rule rather than
 * by testing every pair of groups. The Management Node and the transcoding nodes form a
 * full mesh in which location plays no part, so they group by address class alone. Each
 * group of proxying nodes adds the Management Node, the proxies of its own location, and
 * the transcoding nodes of its location's transcoding and overflow locations (proxies never
 * need proxies elsewhere). The blocks list the pairs in the order the exports render them.
 */
function ipsecClassBlocks(model: Model, nodes: Node[], classes: AddressClasses, routing: Routing): IpsecBlock[] {
  const endsOf = (members: Node[], extraKey: (n: Node) => string = () => ""): NodeEnd[] => {
    const byKey = new Map<string, Node[]>();
    for (const node of members) {
      pushTo(byKey, `${classes.classOf(node.primary!.address, node.primary!.zone!).id}|${extraKey(node)}`, node);
    }
    return [...byKey.values()].map((group) => nodeEnd(group, classes.classOf(group[0].primary!.address, group[0].primary!.zone!), routing));
  };
  // Each Management Node alone: two of them are invalid already and need nothing between them.
  const managers = endsOf(nodes.filter((n) => n.role === "management"), (n) => n.name);
  const transcoders = nodes.filter((n) => n.role === "transcoding");
  const proxies = endsOf(nodes.filter((n) => n.role === "proxying"), (n) => n.location ?? "");

  const blocks: IpsecBlock[] = [];
  const add = (froms: NodeEnd[], tos: NodeEnd[]) => {
    if (froms.length > 0 && tos.length > 0) blocks.push({ froms, tos });
  };
  const transcoderEnds = endsOf(transcoders);
  add(managers, transcoderEnds);
  add(transcoderEnds, [...managers, ...transcoderEnds]);

  const servedEnds = new Map<string, NodeEnd[]>();
  for (const proxy of proxies) {
    for (const manager of managers) {
      add([proxy], [manager]);
      add([manager], [proxy]);
    }
    const location = proxy.nodes[0].location;
    if (location === undefined) continue;
    add([proxy], proxies.filter((other) => other.nodes[0].location === location));
    let served = servedEnds.get(location);
    if (!served) {
      const places = servedLocations(model, location);
      served = endsOf(transcoders.filter((t) => t.location !== undefined && places.includes(t.location)));
      servedEnds.set(location, served);
    }
    for (const transcoder of served) {
      add([proxy], [transcoder]);
      add([transcoder], [proxy]);
    }
  }
  return blocks;
}

function pairsOf(blocks: IpsecBlock[]): IpsecPair[] {
  const pairs: IpsecPair[] = [];
  for (const { froms, tos } of blocks) {
    for (const from of froms) {
      for (const to of tos) {
        if (from !== to) pairs.push({ from, to, sameNodes: false });
        else if (from.nodes.length > 1) pairs.push({ from, to, sameNodes: true });
      }
    }
  }
  return pairs;
}

/** A location's transcoding location and its primary and secondary overflow locations. */
function servedLocations(model: Model, name: string): string[] {
  const location = model.locations.get(name);
  return [location?.transcoding ?? name, ...(location?.overflow ?? []).slice(0, 2)];
}

function nodeEnd(nodes: Node[], addressClass: AddressClass, routing: Routing): NodeEnd {
  return { kind: "nodes", nodes, addressClass, zoneIndex: routing.zoneIndex(addressClass.zone) };
}

function protocolsOf(row: FlowRow): TrafficProtocol[] {
  return row.protocol === "tcp+udp" ? ["tcp", "udp"] : [row.protocol];
}

/** The row's destination ports, changed by the peer's `port`/`ports` where the row says so. */
function portsFor(row: FlowRow, peer: Peer, base: PortSet): PortSet {
  if (!row.configurablePort || !peer.port) return base;
  const own = IntervalSet.ofNumbers([peer.port]);
  return row.configurablePort.mode === "replace" ? own : base.union(own);
}

/** The node groups a peer row reaches, each at the interface the row uses. */
function nodeEndsFor(row: FlowRow, peer: Peer, nodeClasses: NodeClass[], routing: Routing): NodeEnd[] {
  const byClass = new Map<AddressClass, Node[]>();
  for (const nodeClass of nodeClasses) {
    if (!rowNamesRole(row, nodeClass.role)) continue;
    // A peer with `location` talks only to the Conferencing Nodes there.
    if (nodeClass.role !== "management" && peer.locations && (nodeClass.location === undefined || !peer.locations.includes(nodeClass.location))) continue;
    const chosen = chooseInterface(row, nodeClass, peer.zone!, routing);
    if (!chosen) continue;
    const list = byClass.get(chosen);
    if (list) list.push(...nodeClass.nodes);
    else byClass.set(chosen, [...nodeClass.nodes]);
  }
  return [...byClass].map(([addressClass, nodes]) => nodeEnd(nodes, addressClass, routing));
}

function rowNamesRole(row: FlowRow, role: Node["role"]): boolean {
  if (row.nodes === "management+conferencing") return true;
  return row.nodes === "management" ? role === "management" : role !== "management";
}

/**
 * Primary for admin and inter-node rows; the secondary for signaling and media when the
 * node has one; for peripheral rows the interface closest to the peer's zone (an interface
 * with no route to it is farther than any that has one; the primary wins a tie).
 */
function chooseInterface(row: FlowRow, node: NodeClass, peerZone: string, routing: Routing): AddressClass | undefined {
  if (row.interface === "primary") return node.primary;
  // Signaling must use the secondary when there is one; unplaced, it cannot be routed.
  if (row.interface === "signaling") return node.unplacedSecondary ? undefined : node.secondary ?? node.primary;
  if (!node.secondary) return node.primary;
  const far = Number.POSITIVE_INFINITY;
  const primaryDistance = routing.distance(node.primary.zone, peerZone) ?? far;
  const secondaryDistance = routing.distance(node.secondary.zone, peerZone) ?? far;
  return secondaryDistance < primaryDistance ? node.secondary : node.primary;
}
