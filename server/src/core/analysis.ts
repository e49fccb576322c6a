// The analysis: each required flow against every firewall it crosses. Required flows come
// in groups of parties that no rule can tell apart (requirements.ts). Per source zone (IPsec)
// or per peer, the routes say which firewall filters which node groups; each firewall then
// sees all of them at once, cut by keys of what it can tell apart (only the rules that can
// match the flow's protocol and ports count), so one evaluation and one batch of pairs
// serve every group that looks the same: a 2,000-node mesh is a few hundred steps, not
// 57,000. Only groups with missing ports are expanded to the party pairs that the
// diagnostics list, and only when those are read.
import type { AddressClasses, ClassKeys } from "./address-classes";
import { CATALOG } from "./catalog";
import type { FlowRow } from "./catalog-types";
import type { Diagnostic } from "./diagnostics";
import { evaluateFirewall, hasPorts, rulesForPorts, type EvaluationResult } from "./firewall-eval";
import { IntervalSet, type AddressSet, type PortSet } from "./interval-set";
import type { CompiledRule, Firewall, Model, Nat, Party } from "./model-types";
import { requiredFlows, type FlowEnd, type IpsecBlock, type IpsecPair, type NodeEnd, type PeerEnd, type PeerRequirement, type RowVariant } from "./requirements";
import { pushTo } from "./collections";
import { NodeGroupLists, nodesOf } from "./node-group-lists";
import { Routing, type Route } from "./routing";
import {
  ambiguousRouteDiagnostic, missingFlowDiagnostic, natDiagnostic, noRouteDiagnostic,
  FlowList, type MissingCollection, type NatCollection, type NoRouteCollection,
} from "./analysis-report";

export function analyze(model: Model, catalog: readonly FlowRow[] = CATALOG): Diagnostic[] {
  const routing = new Routing(model);
  const requirements = requiredFlows(model, routing, catalog);
  const analysis = new Analysis(model, routing, requirements.classes, requirements.variants);
  for (const entry of requirements.rows) {
    if (entry.kind === "peers") for (const peer of entry.peers) analysis.checkPeer(peer);
    else analysis.checkIpsec(entry.variants, requirements.ipsecBlocks);
  }
  const internodeRow = (protocol: string) => catalog.find((r) => r.direction === "node-to-node" && r.protocol === protocol)?.id;
  // Most deployments have no `nat` at all: then the pairs are not even listed.
  if (model.firewalls.some((firewall) => firewall.nats.length > 0)) {
    analysis.checkNat(requirements.ipsecPairs, internodeRow("udp"), internodeRow("esp"));
  }
  return analysis.diagnostics();
}

const IKE_PORTS: [number, number][] = [[500, 500]];

class Analysis {
  private readonly firewallIndex = new Map<Firewall, number>();
  private readonly hostFirewalls: Firewall[];
  private readonly partyOrder = new Map<Party, number>();
  private readonly singleAddress = new Map<bigint, AddressSet>();
  private readonly peerProtection = new Map<Party, { firewall: Firewall; addresses: AddressSet }[]>();
  /** Evaluations between two node classes, per firewall and variant, by key pair. */
  private readonly nodeEvaluations: Map<number, EvaluationResult>[][];
  /** Class keys over the rules that can match a variant's ports: per port set, firewall and variant. */
  private readonly keysForPorts = new Map<PortSet, ClassKeys[][]>();
  private readonly lists = new NodeGroupLists();
  /** Evaluations with a peer on one side, keyed by numbers (or strings when those could overflow). */
  private readonly peerEvaluations = new Map<number | string, EvaluationResult>();
  /** Bound of the numeric end keys, or 0 when numeric peer keys would not be exact. */
  private readonly endKeyBound: number;
  private readonly variantCount: number;

  private readonly missing = new Map<string, MissingCollection>();
  /** The same collections per firewall index and row (a lookup without building the key). */
  private readonly missingOf: Map<FlowRow, MissingCollection>[] = [];
  /** The one-party array of each peer, for addPairs. */
  private readonly peerParties = new Map<Party, readonly Party[]>();
  private readonly noRoute = new Map<string, NoRouteCollection>();
  private readonly ambiguous = new Map<string, Route & { kind: "path" }>();
  private readonly ambiguousSeen = new Set<Route>();
  /** Shared `ports` arrays of the flows entries, one per evaluation. */
  private readonly missingRanges = new Map<EvaluationResult, [number, number][]>();
  private readonly nats = new Map<string, NatCollection>();

  private readonly classCount: number;

  constructor(private readonly model: Model, private readonly routing: Routing, private readonly classes: AddressClasses, variants: number) {
    this.classCount = classes.count;
    const bound = 2 * Math.max(model.nodes.length + model.peers.length, classes.count) + 2;
    this.variantCount = Math.max(variants, 1);
    this.endKeyBound = (model.firewalls.length + 1) * (this.variantCount + 1) * bound * bound < Number.MAX_SAFE_INTEGER ? bound : 0;
    model.firewalls.forEach((fw, i) => this.firewallIndex.set(fw, i));
    this.hostFirewalls = model.firewalls.filter((fw) => fw.kind === "host");
    const parties: Party[] = [...model.nodes, ...model.peers];
    parties.sort((a, b) => a.decl.span.start - b.decl.span.start).forEach((p, i) => this.partyOrder.set(p, i));
    this.nodeEvaluations = model.firewalls.map(() => []);
  }

  /**
   * One peer of a peer row. Per zone of the node groups it meets, the route says which
   * firewalls filter the flows (and host firewalls guard the destination wherever a route
   * exists); each firewall then sees all the node groups it filters at once, cut by the keys
   * of what it can tell apart.
   */
  checkPeer(requirement: PeerRequirement): void {
    const { peer, variants, toPeer } = requirement;
    if (peer.zoneIndex === undefined) return;
    const peerParties = this.partiesOf(peer);
    const filtered = new Map<Firewall, NodeEnd[][]>();
    const zones = this.lists.byZone(requirement.nodeEnds);
    for (let i = 0; i < zones.length; i++) {
      const { key: z, ends } = zones[i];
      const route = toPeer ? this.routing.routeByIndex(z, peer.zoneIndex) : this.routing.routeByIndex(peer.zoneIndex, z);
      if (route.kind === "none") {
        const nodes = nodesOf(ends);
        for (const variant of variants) this.recordNoRoute(variant, toPeer ? nodes : peerParties, toPeer ? peerParties : nodes, route.from, route.to);
        continue;
      }
      this.noteAmbiguous(route);
      if (route.kind === "path") for (let f = 0; f < route.firewalls.length; f++) pushTo(filtered, route.firewalls[f], ends);
      if (toPeer) for (const { firewall } of this.peerGuards(peer)) pushTo(filtered, firewall, ends);
      else this.addGuarded(filtered, ends);
    }
    filtered.forEach((lists, firewall) => {
      const ends = this.lists.joined(lists);
      // A host firewall in front of the peer sees only the part of it that it protects.
      const guarded = toPeer && firewall.kind === "host" ? this.peerGuards(peer).find((g) => g.firewall === firewall)?.addresses : undefined;
      for (const variant of variants) this.checkPeerBlock(variant, requirement, ends, firewall, guarded);
    });
  }

  /** Each host firewall that guards some of `ends`, with the ends it guards. */
  private addGuarded(filtered: Map<Firewall, NodeEnd[][]>, ends: readonly NodeEnd[]): void {
    const guards = this.lists.guardsOf(ends);
    for (let g = 0; g < guards.length; g++) pushTo(filtered, guards[g].key, guards[g].ends);
  }

  /**
   * A node-to-node row. For each block of IPsec pairs and each source zone, the routes to
   * the destination zones say which firewall filters which destinations; each firewall then
   * sees the zone's sources and all of those destinations at once, cut by the keys of what
   * it can tell apart, so that one evaluation and one batch of pairs serve every group that
   * looks the same (a few hundred steps on a 2,000-node mesh instead of 57,000).
   */
  checkIpsec(variants: readonly RowVariant[], blocks: readonly IpsecBlock[]): void {
    for (const block of blocks) {
      const toZones = this.lists.byZone(block.tos);
      const fromZones = this.lists.byZone(block.froms);
      for (let i = 0; i < fromZones.length; i++) {
        const { key: a, ends: froms } = fromZones[i];
        const filtered = new Map<Firewall, NodeEnd[][]>();
        for (let j = 0; j < toZones.length; j++) {
          const { key: b, ends: tos } = toZones[j];
          const route = this.routing.routeByIndex(a, b);
          if (route.kind === "none") {
            for (const variant of variants) this.recordNoRoute(variant, nodesOf(froms), nodesOf(tos), route.from, route.to);
            continue;
          }
          this.noteAmbiguous(route);
          if (route.kind === "path") for (let f = 0; f < route.firewalls.length; f++) pushTo(filtered, route.firewalls[f], tos);
          this.addGuarded(filtered, tos);
        }
        filtered.forEach((lists, firewall) => {
          const tos = this.lists.joined(lists);
          for (const variant of variants) this.checkNodeBlock(variant, froms, tos, firewall);
        });
      }
    }
  }

  /** `nat X -> Y` on a firewall that a path between two nodes needing IPsec crosses. */
  checkNat(pairs: IpsecPair[], ikeRow?: string, espRow?: string): void {
    const matchesOfRoute = new Map<Route, { firewall: Firewall; nat: Nat; index: number }[]>();
    for (const pair of pairs) {
      const route = this.routeOf(pair.from, pair.to);
      if (!route || route.kind !== "path") continue;
      let matches = matchesOfRoute.get(route);
      if (!matches) {
        matches = [];
        for (const crossing of route.crossings) {
          crossing.firewall.nats.forEach((nat, index) => {
            const along = nat.from === crossing.from && nat.to === crossing.to;
            const against = nat.from === crossing.to && nat.to === crossing.from;
            if ((along || against) && !matches!.some((m) => m.nat === nat)) matches!.push({ firewall: crossing.firewall, nat, index });
          });
        }
        matchesOfRoute.set(route, matches);
      }
      for (const { firewall, nat, index } of matches) {
        const key = `${this.firewallIndex.get(firewall)}|${index}`;
        let collection = this.nats.get(key);
        if (!collection) {
          collection = { firewall, nat, flows: new FlowList(this.partyOrder) };
          this.nats.set(key, collection);
        }
        collection.flows.addPairs(pair.from.nodes, pair.to.nodes, "udp", IKE_PORTS, firewall.name, ikeRow);
        collection.flows.addPairs(pair.from.nodes, pair.to.nodes, "esp", [], firewall.name, espRow);
      }
    }
  }

  diagnostics(): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const collection of this.missing.values()) out.push(missingFlowDiagnostic(collection));
    for (const collection of this.noRoute.values()) out.push(noRouteDiagnostic(collection));
    for (const route of this.ambiguous.values()) out.push(ambiguousRouteDiagnostic(this.model, route));
    for (const collection of this.nats.values()) out.push(natDiagnostic(collection));
    return out;
  }

  // ------------------------------------------------------------------ evaluation

  /** The peer and every node group of `ends` at one firewall that filters all those flows. */
  private checkPeerBlock(variant: RowVariant, requirement: PeerRequirement, ends: readonly NodeEnd[], firewall: Firewall, guarded: AddressSet | undefined): void {
    const { peer, toPeer } = requirement;
    const f = this.firewallIndex.get(firewall)!;
    const keys = this.keysFor(f, firewall, variant);
    const peerParties = this.partiesOf(peer);
    const parts = this.lists.partition(ends, keys, toPeer ? "src" : "dst");
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i].ends;
      const source = toPeer ? part[0] : peer;
      const destination = toPeer ? peer : part[0];
      const result = this.evaluate(f, firewall, variant, keys, source, destination, guarded);
      if (result.missing.isEmpty) continue;
      const nodes = nodesOf(part);
      this.recordMissing(firewall, variant, result, toPeer ? nodes : peerParties, toPeer ? peerParties : nodes);
    }
  }

  /** Every end of `froms` to every end of `tos` at one firewall that filters all those pairs. */
  private checkNodeBlock(variant: RowVariant, froms: readonly NodeEnd[], tos: readonly NodeEnd[], firewall: Firewall): void {
    const f = this.firewallIndex.get(firewall)!;
    const keys = this.keysFor(f, firewall, variant);
    const evaluations = (this.nodeEvaluations[f][variant.variant] ??= new Map());
    const toParts = this.lists.partition(tos, keys, "dst");
    const fromParts = this.lists.partition(froms, keys, "src");
    for (let i = 0; i < fromParts.length; i++) {
      const { key: sourceKey, ends: sources } = fromParts[i];
      for (let j = 0; j < toParts.length; j++) {
        const { key: destinationKey, ends: destinations } = toParts[j];
        const key = sourceKey * this.classCount + destinationKey;
        let result = evaluations.get(key);
        if (!result) {
          const { protocol, srcPorts, dstPorts } = variant;
          result = evaluateFirewall(firewall, protocol, this.addressesOf(sources[0]), this.addressesOf(destinations[0]), srcPorts, dstPorts);
          evaluations.set(key, result);
        }
        if (!result.missing.isEmpty) this.recordMissing(firewall, variant, result, nodesOf(sources), nodesOf(destinations));
      }
    }
  }

  /** Adds the flows between `froms` and `tos` that `result` finds missing at `firewall`. */
  private recordMissing(firewall: Firewall, variant: Pick<RowVariant, "row" | "protocol">, result: EvaluationResult, froms: readonly Party[], tos: readonly Party[]): void {
    if (onlyItself(froms, tos)) return;
    const { row, protocol } = variant;
    const f = this.firewallIndex.get(firewall)!;
    const ofFirewall = (this.missingOf[f] ??= new Map());
    let collection = ofFirewall.get(row);
    if (!collection) {
      const key = `${f}|${row.id}`;
      collection = this.missing.get(key);
      if (!collection) {
        collection = { firewall, row, flows: new FlowList(this.partyOrder), denyRules: new Set<CompiledRule>(), byDefault: false, ports: new Map(), results: new Set() };
        this.missing.set(key, collection);
      }
      ofFirewall.set(row, collection);
    }
    if (!collection.results.has(result)) {
      // Evaluations are shared between groups: fold each one into the message once.
      collection.results.add(result);
      for (const rule of result.denyRules) collection.denyRules.add(rule);
      collection.byDefault ||= result.byDefault;
      const before = collection.ports.get(protocol);
      collection.ports.set(protocol, before ? before.union(result.missing) : result.missing);
    }
    let ports = this.missingRanges.get(result);
    if (!ports) {
      ports = hasPorts(protocol) ? result.missing.ranges() : [];
      this.missingRanges.set(result, ports);
    }
    collection.flows.addPairs(froms, tos, protocol, ports, firewall.name, row.id);
  }

  /** A peer as a one-party list, the same list every time (FlowList keeps facts per list). */
  private partiesOf(end: PeerEnd): readonly Party[] {
    let parties = this.peerParties.get(end.peer);
    if (!parties) {
      parties = [end.peer];
      this.peerParties.set(end.peer, parties);
    }
    return parties;
  }

  /** A flow with a peer at one end: evaluated once per firewall, variant, peer and node class key. */
  private evaluate(f: number, firewall: Firewall, variant: RowVariant, keys: ClassKeys, source: FlowEnd, destination: FlowEnd, guarded: AddressSet | undefined): EvaluationResult {
    const m = this.endKeyBound;
    const v = variant.variant;
    const key =
      m > 0 && v < this.variantCount
        ? ((f * this.variantCount + v) * m + this.numericEndKey(keys, source, "src")) * m + this.numericEndKey(keys, destination, "dst")
        : `${f}|${v}|${this.endKey(keys, source, "src")}|${this.endKey(keys, destination, "dst")}`;
    let result = this.peerEvaluations.get(key);
    if (!result) {
      const dst = guarded ?? this.addressesOf(destination);
      result = evaluateFirewall(firewall, variant.protocol, this.addressesOf(source), dst, variant.srcPorts, variant.dstPorts);
      this.peerEvaluations.set(key, result);
    }
    return result;
  }

  /** Keys of node classes over the rules of firewalls[f] that can match the variant's ports. */
  private keysFor(f: number, firewall: Firewall, variant: Pick<RowVariant, "variant" | "protocol" | "srcPorts" | "dstPorts">): ClassKeys {
    let byFirewall = this.keysForPorts.get(variant.dstPorts);
    if (!byFirewall) {
      byFirewall = [];
      this.keysForPorts.set(variant.dstPorts, byFirewall);
    }
    const byVariant = (byFirewall[f] ??= []);
    return (byVariant[variant.variant] ??= this.classes.keysAmong(f, rulesForPorts(firewall, variant.protocol, variant.srcPorts, variant.dstPorts)));
  }

  private endKey(keys: ClassKeys, end: FlowEnd, side: "src" | "dst"): string {
    // A peer's flows depend on the peer itself (addresses, own port), hence its order.
    return end.kind === "peer" ? `p${this.partyOrder.get(end.peer)}` : `n${keys.key(end.addressClass, side)}`;
  }

  /** endKey as a number below endKeyBound: a peer's order (even) or a class key (odd). */
  private numericEndKey(keys: ClassKeys, end: FlowEnd, side: "src" | "dst"): number {
    return end.kind === "peer" ? 2 * this.partyOrder.get(end.peer)! : 2 * keys.key(end.addressClass, side) + 1;
  }

  private addressesOf(end: FlowEnd): AddressSet {
    if (end.kind === "peer") return end.addresses;
    const address = end.addressClass.address;
    let set = this.singleAddress.get(address);
    if (!set) {
      set = IntervalSet.ofBigints([[address, address]]);
      this.singleAddress.set(address, set);
    }
    return set;
  }

  /** Host firewalls in front of a peer, with the part of it they protect. */
  private peerGuards(end: PeerEnd): { firewall: Firewall; addresses: AddressSet }[] {
    let list = this.peerProtection.get(end.peer);
    if (!list) {
      list = [];
      for (const firewall of this.hostFirewalls) {
        const addresses = end.addresses.intersect(firewall.protects);
        if (!addresses.isEmpty) list.push({ firewall, addresses });
      }
      this.peerProtection.set(end.peer, list);
    }
    return list;
  }

  // ------------------------------------------------------------------ routes and pairs

  private routeOf(source: FlowEnd, destination: FlowEnd): Route | undefined {
    const a = source.zoneIndex;
    const b = destination.zoneIndex;
    if (a === undefined || b === undefined) return undefined;
    return this.routing.routeByIndex(a, b);
  }

  private noteAmbiguous(route: Route): void {
    if (route.kind !== "path" || !route.ambiguous || this.ambiguousSeen.has(route)) return;
    this.ambiguousSeen.add(route);
    const key = zonePairKey(route.from, route.to);
    if (!this.ambiguous.has(key)) this.ambiguous.set(key, route);
  }

  private recordNoRoute(variant: Pick<RowVariant, "row" | "protocol" | "dstPorts">, sources: readonly Party[], destinations: readonly Party[], fromZone: string, toZone: string): void {
    if (onlyItself(sources, destinations)) return;
    const key = zonePairKey(fromZone, toZone);
    let collection = this.noRoute.get(key);
    if (!collection) {
      collection = { zones: [fromZone, toZone].sort() as [string, string], flows: new FlowList(this.partyOrder) };
      this.noRoute.set(key, collection);
    }
    const ports = hasPorts(variant.protocol) ? variant.dstPorts.ranges() : [];
    collection.flows.addPairs(sources, destinations, variant.protocol, ports, undefined, variant.row.id);
  }
}

/** One node on both sides: a block's end with itself, no flow at all (a node needs none to itself). */
function onlyItself(froms: readonly Party[], tos: readonly Party[]): boolean {
  return froms.length === 1 && tos.length === 1 && froms[0] === tos[0];
}

function zonePairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}
