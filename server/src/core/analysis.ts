// The analysis: each required flow against every firewall it crosses. Required flows come
// in groups of parties that no rule can tell apart (requirements.ts); each group is
// evaluated once per firewall (and evaluations are shared between groups that look the
// same to that firewall), and only groups with missing ports are expanded to the party
// pairs that the diagnostics list.
import type { AddressClass, AddressClasses } from "./address-classes";
import { CATALOG } from "./catalog";
import type { FlowRow } from "./catalog-types";
import type { Diagnostic } from "./diagnostics";
import { evaluateFirewall, hasPorts, type EvaluationResult } from "./firewall-eval";
import { IntervalSet, type AddressSet } from "./interval-set";
import type { CompiledRule, Firewall, Model, Nat, Party } from "./model-types";
import { requiredFlows, type FlowEnd, type FlowGroup, type IpsecPair, type NodeEnd } from "./requirements";
import { Routing, type Route } from "./routing";
import {
  ambiguousRouteDiagnostic, missingFlowDiagnostic, natDiagnostic, noRouteDiagnostic,
  FlowList, type MissingCollection, type NatCollection, type NoRouteCollection,
} from "./analysis-report";

export function analyze(model: Model, catalog: readonly FlowRow[] = CATALOG): Diagnostic[] {
  const routing = new Routing(model);
  const requirements = requiredFlows(model, routing, catalog);
  const analysis = new Analysis(model, routing, requirements.classes, requirements.variants);
  for (const group of requirements.groups) analysis.check(group);
  const internodeRow = (protocol: string) => catalog.find((r) => r.direction === "node-to-node" && r.protocol === protocol)?.id;
  analysis.checkNat(requirements.ipsecPairs, internodeRow("udp"), internodeRow("esp"));
  return analysis.diagnostics();
}

const IKE_PORTS: [number, number][] = [[500, 500]];

class Analysis {
  private readonly firewallIndex = new Map<Firewall, number>();
  private readonly hostFirewalls: Firewall[];
  private readonly partyOrder = new Map<Party, number>();
  private readonly singleAddress = new Map<bigint, AddressSet>();
  private readonly peerProtection = new Map<Party, { firewall: Firewall; addresses: AddressSet }[]>();
  private readonly nodeProtection = new Map<AddressClass, { firewall: Firewall; addresses: undefined }[]>();
  /** Evaluations between two node classes: per firewall, per variant, keyed by numbers. */
  private readonly nodeEvaluations: Map<number, EvaluationResult>[][];
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

  check(group: FlowGroup): void {
    const route = this.routeOf(group.source, group.destination);
    if (!route) return;
    if (route.kind === "none") {
      this.recordNoRoute(group, route.from, route.to);
      return;
    }
    if (route.kind === "path" && route.ambiguous && !this.ambiguousSeen.has(route)) {
      this.ambiguousSeen.add(route);
      const key = zonePairKey(route.from, route.to);
      if (!this.ambiguous.has(key)) this.ambiguous.set(key, route);
    }
    const crossed = route.kind === "path" ? route.firewalls : [];
    for (const firewall of crossed) this.checkFirewall(group, firewall, undefined);
    for (const { firewall, addresses } of this.protectionOf(group.destination)) this.checkFirewall(group, firewall, addresses);
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

  private checkFirewall(group: FlowGroup, firewall: Firewall, protectedDestination: AddressSet | undefined): void {
    const result = this.evaluate(group, firewall, protectedDestination);
    if (result.missing.isEmpty) return;
    const f = this.firewallIndex.get(firewall)!;
    const ofFirewall = (this.missingOf[f] ??= new Map());
    let collection = ofFirewall.get(group.row);
    if (!collection) {
      const key = `${f}|${group.row.id}`;
      collection = this.missing.get(key);
      if (!collection) {
        collection = { firewall, row: group.row, flows: new FlowList(this.partyOrder), denyRules: new Set<CompiledRule>(), byDefault: false, ports: new Map(), results: new Set() };
        this.missing.set(key, collection);
      }
      ofFirewall.set(group.row, collection);
    }
    if (!collection.results.has(result)) {
      // Evaluations are shared between groups: fold each one into the message once.
      collection.results.add(result);
      for (const rule of result.denyRules) collection.denyRules.add(rule);
      collection.byDefault ||= result.byDefault;
      const before = collection.ports.get(group.protocol);
      collection.ports.set(group.protocol, before ? before.union(result.missing) : result.missing);
    }
    let ports = this.missingRanges.get(result);
    if (!ports) {
      ports = hasPorts(group.protocol) ? result.missing.ranges() : [];
      this.missingRanges.set(result, ports);
    }
    collection.flows.addPairs(this.partiesOf(group.source), this.partiesOf(group.destination), group.protocol, ports, firewall.name, group.row.id);
  }

  /** The parties of one end of a flow group. */
  private partiesOf(end: FlowEnd): readonly Party[] {
    if (end.kind === "nodes") return end.nodes;
    let parties = this.peerParties.get(end.peer);
    if (!parties) {
      parties = [end.peer];
      this.peerParties.set(end.peer, parties);
    }
    return parties;
  }

  private evaluate(group: FlowGroup, firewall: Firewall, protectedDestination: AddressSet | undefined): EvaluationResult {
    const f = this.firewallIndex.get(firewall)!;
    const { source, destination } = group;
    const rowProtocol = group.variant;
    if (source.kind === "nodes" && destination.kind === "nodes") {
      // Per firewall and variant, keyed by the two class keys (each < classCount).
      const byVariant = this.nodeEvaluations[f];
      let cache = byVariant[rowProtocol];
      if (!cache) {
        cache = new Map();
        byVariant[rowProtocol] = cache;
      }
      const key = this.classKey(f, source, "src") * this.classCount + this.classKey(f, destination, "dst");
      let result = cache.get(key);
      if (!result) {
        result = this.evaluateGroup(group, firewall, protectedDestination);
        cache.set(key, result);
      }
      return result;
    }
    const m = this.endKeyBound;
    const key =
      m > 0 && rowProtocol < this.variantCount
        ? ((f * this.variantCount + rowProtocol) * m + this.numericEndKey(f, source, "src")) * m + this.numericEndKey(f, destination, "dst")
        : `${f}|${rowProtocol}|${this.endKey(f, source, "src")}|${this.endKey(f, destination, "dst")}`;
    let result = this.peerEvaluations.get(key);
    if (!result) {
      result = this.evaluateGroup(group, firewall, protectedDestination);
      this.peerEvaluations.set(key, result);
    }
    return result;
  }

  private evaluateGroup(group: FlowGroup, firewall: Firewall, protectedDestination: AddressSet | undefined): EvaluationResult {
    const src = this.addressesOf(group.source);
    const dst = protectedDestination ?? this.addressesOf(group.destination);
    return evaluateFirewall(firewall, group.protocol, src, dst, group.srcPorts, group.dstPorts);
  }

  private classKey(f: number, end: NodeEnd, side: "src" | "dst"): number {
    const classes = this.classes;
    return side === "src" ? classes.sourceKey(f, end.addressClass) : classes.destinationKey(f, end.addressClass);
  }

  private endKey(f: number, end: FlowEnd, side: "src" | "dst"): string {
    // A peer's flows depend on the peer itself (addresses, own port), hence its order.
    return end.kind === "peer" ? `p${this.partyOrder.get(end.peer)}` : `n${this.classKey(f, end, side)}`;
  }

  /** endKey as a number below endKeyBound: a peer's order (even) or a class key (odd). */
  private numericEndKey(f: number, end: FlowEnd, side: "src" | "dst"): number {
    return end.kind === "peer" ? 2 * this.partyOrder.get(end.peer)! : 2 * this.classKey(f, end, side) + 1;
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

  /** Host firewalls in front of the destination, with the part of it they protect. */
  private protectionOf(end: FlowEnd): { firewall: Firewall; addresses: AddressSet | undefined }[] {
    if (end.kind === "nodes") {
      let guards = this.nodeProtection.get(end.addressClass);
      if (!guards) {
        guards = end.addressClass.protectedBy.map((firewall) => ({ firewall, addresses: undefined }));
        this.nodeProtection.set(end.addressClass, guards);
      }
      return guards;
    }
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

  private recordNoRoute(group: FlowGroup, fromZone: string, toZone: string): void {
    const key = zonePairKey(fromZone, toZone);
    let collection = this.noRoute.get(key);
    if (!collection) {
      collection = { zones: [fromZone, toZone].sort() as [string, string], flows: new FlowList(this.partyOrder) };
      this.noRoute.set(key, collection);
    }
    const ports = hasPorts(group.protocol) ? group.dstPorts.ranges() : [];
    collection.flows.addPairs(partiesOf(group.source), partiesOf(group.destination), group.protocol, ports, undefined, group.row.id);
  }
}

/** The parties of one end of a flow group. */
function partiesOf(end: FlowEnd): readonly Party[] {
  return end.kind === "peer" ? [end.peer] : end.nodes;
}

function zonePairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}
