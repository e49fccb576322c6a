// Turns what the analysis collected into diagnostics: messages, ranges, related
// information and the sorted `flows` lists.
import type { FlowRow } from "./catalog-types";
import type { Diagnostic, FlowReport, FlowSummary, RelatedInformation } from "./diagnostics";
import type { PortSet } from "./interval-set";
import type { CompiledRule, Firewall, Model, Nat, Party, TrafficProtocol } from "./model-types";
import type { Route } from "./routing";
import type { Span } from "./syntax-tree";

const PROTOCOL_ORDER: Record<TrafficProtocol, number> = { tcp: 0, udp: 1, esp: 2, icmp: 3 };

/** One addPairs call: every pair of `froms` x `tos` (never a node to itself). */
interface PairBatch {
  froms: readonly Party[];
  tos: readonly Party[];
  protocol: TrafficProtocol;
  ports: [number, number][];
  firewall?: string;
  row?: string;
}

/**
 * The `flows` entries of one diagnostic, with a numeric sort key each (parties in
 * declaration order, then protocol), so that even a million entries sort quickly.
 * Entries are kept as batches of pairs and built only when `sorted()` is called: the
 * messages need only the count, the first entry and whether all entries are one pair.
 */
export class FlowList {
  private readonly batches: PairBatch[] = [];
  private summary?: { length: number; first?: { from: Party; to: Party }; samePair: boolean };
  private cache?: FlowReport[];
  private partyCounts?: Map<string, number>;

  constructor(private readonly order: Map<Party, number>) {}

  /** Number of entries. */
  get length(): number {
    return this.summarize().length;
  }

  /** The parties of the first entry in sorted order (for ranges). */
  get first(): { from: Party; to: Party } | undefined {
    return this.summarize().first;
  }

  /** True when every entry has the first entry's party names (`from` and `to`). */
  get allSamePair(): boolean {
    return this.summarize().samePair;
  }

  /** Count, and the firewall and row when every entry shares them: no entries built. */
  summaryOfEntries(): FlowSummary {
    const firewalls = new Set(this.batches.map((b) => b.firewall));
    const rows = new Set(this.batches.map((b) => b.row));
    const summary: FlowSummary = { count: this.length };
    if (firewalls.size === 1 && this.batches[0].firewall !== undefined) summary.firewall = this.batches[0].firewall;
    if (rows.size === 1 && this.batches[0].row !== undefined) summary.row = this.batches[0].row;
    return summary;
  }

  /** Number of entries with the named party at either end (counted once per list, then looked up). */
  countOf(name: string): number {
    this.partyCounts ??= countByName(this.batches);
    return this.partyCounts.get(name) ?? 0;
  }

  /** One entry from each of `froms` to each of `tos` (never from a node to itself). */
  addPairs(froms: readonly Party[], tos: readonly Party[], protocol: TrafficProtocol, ports: [number, number][], firewall?: string, row?: string): void {
    this.batches.push({ froms, tos, protocol, ports, firewall, row });
    this.summary = undefined;
    this.cache = undefined;
    this.partyCounts = undefined;
  }

  /**
   * Count, first entry (smallest key) and whether all share one pair of names, from each
   * batch's sizes and lowest orders: no walk over its pairs (a batch can hold a million).
   */
  private summarize(): { length: number; first?: { from: Party; to: Party }; samePair: boolean } {
    if (this.summary) return this.summary;
    const stride = this.order.size;
    let length = 0;
    let firstKey = Number.POSITIVE_INFINITY;
    let first: { from: Party; to: Party } | undefined;
    /** The one pair of every batch so far, while each batch holds exactly one pair. */
    let onlyPair: { from: string; to: string } | undefined;
    let samePair = true;
    for (const { froms, tos, protocol } of this.batches) {
      const pairs = froms.length * tos.length - sharedCount(froms, tos);
      if (pairs === 0) continue;
      length += pairs;
      const best = lowestPair(froms, tos, this.order);
      const key = (this.order.get(best.from)! * stride + this.order.get(best.to)!) * 4 + PROTOCOL_ORDER[protocol];
      if (key < firstKey) {
        firstKey = key;
        first = best;
      }
      if (!samePair) continue;
      if (pairs > 1) samePair = false;
      else if (!onlyPair) onlyPair = { from: best.from.name, to: best.to.name };
      else samePair = onlyPair.from === best.from.name && onlyPair.to === best.to.name;
    }
    this.summary = { length, first, samePair };
    return this.summary;
  }

  /** The entries sorted by key; equal keys keep the order they were added in. */
  sorted(): FlowReport[] {
    if (this.cache) return this.cache;
    const stride = this.order.size;
    const reports: FlowReport[] = [];
    const keys: number[] = [];
    for (const { froms, tos, protocol, ports, firewall, row } of this.batches) {
      const protocolOrder = PROTOCOL_ORDER[protocol];
      const toOrders = tos.map((to) => this.order.get(to)! * 4 + protocolOrder);
      for (const from of froms) {
        const base = this.order.get(from)! * stride * 4;
        for (let t = 0; t < tos.length; t++) {
          const to = tos[t];
          if (from === to) continue;
          reports.push(
            firewall === undefined ? { from: from.name, to: to.name, protocol, ports, row } : { from: from.name, to: to.name, protocol, ports, firewall, row },
          );
          keys.push(base + toOrders[t]);
        }
      }
    }
    const n = reports.length;
    if (n < 2) {
      this.cache = reports;
      return reports;
    }
    let maxKey = 0;
    for (const key of keys) if (key > maxKey) maxKey = key;
    const order = n > 65536 && maxKey < 2 ** 32 ? radixOrder(keys, n) : packedOrder(keys, n, maxKey);
    const out = new Array<FlowReport>(n);
    for (let i = 0; i < n; i++) out[i] = reports[order[i]];
    this.cache = out;
    return out;
  }
}

/** Parties on both sides of a batch (each is one pair fewer: no flow to itself). */
function sharedCount(froms: readonly Party[], tos: readonly Party[]): number {
  if (froms === tos) return froms.length;
  if (froms.length === 1) return tos.includes(froms[0]) ? 1 : 0;
  if (tos.length === 1) return froms.includes(tos[0]) ? 1 : 0;
  // The analysis hands the same lists to many batches: count each pair of lists once.
  let byTos = sharedCounts.get(froms);
  if (!byTos) {
    byTos = new WeakMap();
    sharedCounts.set(froms, byTos);
  }
  let shared = byTos.get(tos);
  if (shared === undefined) {
    const [small, large] = froms.length < tos.length ? [froms, tos] : [tos, froms];
    const inLarge = new Set(large);
    shared = 0;
    for (const party of small) if (inLarge.has(party)) shared++;
    byTos.set(tos, shared);
  }
  return shared;
}
const sharedCounts = new WeakMap<readonly Party[], WeakMap<readonly Party[], number>>();

/** The batch's pair with the lowest (from, to) order, never a party with itself. */
function lowestPair(froms: readonly Party[], tos: readonly Party[], order: Map<Party, number>): { from: Party; to: Party } {
  const [from1, from2] = twoLowest(froms, order);
  const [to1, to2] = twoLowest(tos, order);
  if (from1 !== to1) return { from: from1!, to: to1! };
  // The lowest party on both sides: with the next destination when there is one (its
  // source order is the lowest), else the next source with it.
  return to2 ? { from: from1!, to: to2 } : { from: from2!, to: to1! };
}

/** The two parties of lowest order (the second undefined for a single party); once per list and order. */
function twoLowest(parties: readonly Party[], order: Map<Party, number>): [Party | undefined, Party | undefined] {
  const cached = lowestOfList.get(parties);
  if (cached && cached.order === order) return cached.lowest;
  const lowest = findTwoLowest(parties, order);
  lowestOfList.set(parties, { order, lowest });
  return lowest;
}
const lowestOfList = new WeakMap<readonly Party[], { order: Map<Party, number>; lowest: [Party | undefined, Party | undefined] }>();

function findTwoLowest(parties: readonly Party[], order: Map<Party, number>): [Party | undefined, Party | undefined] {
  let low: Party | undefined;
  let next: Party | undefined;
  let lowOrder = Number.POSITIVE_INFINITY;
  let nextOrder = Number.POSITIVE_INFINITY;
  for (let i = 0; i < parties.length; i++) {
    const party = parties[i];
    const o = order.get(party)!;
    if (o < lowOrder) {
      next = low;
      nextOrder = lowOrder;
      low = party;
      lowOrder = o;
    } else if (o < nextOrder) {
      next = party;
      nextOrder = o;
    }
  }
  return [low, next];
}

/**
 * Per party name, the pairs of the batches with that party at either end: in a batch of F
 * sources and T destinations a source meets T destinations (one fewer when it is one of
 * them: no flow to itself), a destination F sources. Names are unique among the model's
 * parties (a duplicate declaration is left out of it), so a pair never counts twice.
 */
function countByName(batches: readonly PairBatch[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (party: Party, pairs: number) => counts.set(party.name, (counts.get(party.name) ?? 0) + pairs);
  for (const { froms, tos } of batches) {
    const fromSet = new Set(froms);
    const toSet = new Set(tos);
    for (const from of froms) add(from, tos.length - (toSet.has(from) ? 1 : 0));
    for (const to of tos) add(to, froms.length - (fromSet.has(to) ? 1 : 0));
  }
  return counts;
}

/**
 * Gives `diagnostic` a `flows` property that builds the sorted entries on first read and
 * then becomes a plain data property: an enumerable own property like any other, so
 * JSON.stringify, spreading and deep comparisons see the entries, while a caller that
 * never reads `flows` (the language server's publish) never pays for building them.
 */
export function withLazyFlows(diagnostic: Diagnostic, flows: FlowList): Diagnostic {
  Object.defineProperty(diagnostic, "flowSummary", { enumerable: false, configurable: true, get: () => flows.summaryOfEntries() });
  Object.defineProperty(diagnostic, "flowsOf", { enumerable: false, configurable: true, value: (party: string) => flows.countOf(party) });
  const settle = (value: FlowReport[] | undefined) => {
    // A frozen diagnostic keeps the accessor (FlowList caches the entries anyway).
    if (Object.isFrozen(diagnostic)) return;
    Object.defineProperty(diagnostic, "flows", { value, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(diagnostic, "flows", {
    enumerable: true,
    configurable: true,
    get(): FlowReport[] {
      const value = flows.sorted();
      settle(value);
      return value;
    },
    set(value: FlowReport[] | undefined) {
      settle(value);
    },
  });
  return diagnostic;
}

/** Indices of `keys` in stable ascending order, key and index packed into one double. */
function packedOrder(keys: number[], n: number, maxKey: number): ArrayLike<number> {
  const shift = 2 ** Math.ceil(Math.log2(n + 1));
  if ((maxKey + 1) * shift > Number.MAX_SAFE_INTEGER) return keys.map((_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = keys[i] * shift + i;
  packed.sort();
  for (let i = 0; i < n; i++) packed[i] %= shift;
  return packed;
}

/** Indices of `keys` (each below 2^32) in stable ascending order: two 16-bit counting passes. */
function radixOrder(keys: number[], n: number): ArrayLike<number> {
  let from = new Uint32Array(n);
  for (let i = 0; i < n; i++) from[i] = i;
  let to = new Uint32Array(n);
  for (const shift of [0, 16]) {
    const counts = new Uint32Array(65537);
    for (let i = 0; i < n; i++) counts[((keys[i] >>> shift) & 0xffff) + 1]++;
    for (let d = 1; d <= 65536; d++) counts[d] += counts[d - 1];
    for (let i = 0; i < n; i++) {
      const index = from[i];
      to[counts[(keys[index] >>> shift) & 0xffff]++] = index;
    }
    [from, to] = [to, from];
  }
  return from;
}

export interface MissingCollection {
  firewall: Firewall;
  row: FlowRow;
  flows: FlowList;
  denyRules: Set<CompiledRule>;
  byDefault: boolean;
  /** Union of the missing ports per protocol, for the message. */
  ports: Map<TrafficProtocol, PortSet>;
  /** Evaluations already folded into denyRules, byDefault and ports. */
  results: Set<unknown>;
}

export interface NoRouteCollection {
  /** The zone pair, sorted by name. */
  zones: [string, string];
  flows: FlowList;
}

export interface NatCollection {
  firewall: Firewall;
  nat: Nat;
  flows: FlowList;
}

export function missingFlowDiagnostic(collection: MissingCollection): Diagnostic {
  const { firewall, row } = collection;
  const traffic = `${row.short} (${describePorts(collection.ports)})`;
  const message = `${firewall.name} does not allow ${traffic} ${describeParties(collection.flows)}`;
  const related: RelatedInformation[] = [...collection.denyRules]
    .sort((a, b) => a.index - b.index)
    .map((rule) => ({ span: rule.ast.span, message: "this rule matches first and denies them" }));
  if (collection.byDefault) {
    related.push(
      firewall.defaultItem
        ? { span: firewall.defaultItem.span, message: "no rule matches them, and this default denies them" }
        : { span: nameSpan(firewall), message: "no rule matches; the default is deny" },
    );
  }
  return withLazyFlows({ code: "missing-flow", severity: "error", message, span: nameSpan(firewall), related }, collection.flows);
}

export function noRouteDiagnostic(collection: NoRouteCollection): Diagnostic {
  const { flows } = collection;
  const parties = flows.first!;
  const first = { from: parties.from.name, to: parties.to.name };
  const [a, b] = collection.zones;
  const message = flows.allSamePair
    ? `no chain of firewalls joins zones ${a} and ${b}: ${first.from} cannot reach ${first.to}`
    : `no chain of firewalls joins zones ${a} and ${b}: ${flows.length} required flows cannot pass, e.g. ${first.from} -> ${first.to}`;
  return withLazyFlows({
    code: "no-route",
    severity: "error",
    message,
    span: nameSpan(parties.from),
    related: [{ span: nameSpan(parties.to), message: `${first.to}, the other end, has no route from ${first.from}` }],
  }, flows);
}

export function ambiguousRouteDiagnostic(model: Model, route: Route & { kind: "path" }): Diagnostic {
  const steps = route.levels.map((level) => level.map((fw) => fw.name).join(" or ")).join(", then ");
  const message =
    `traffic between zones ${route.from} and ${route.to} has more than one shortest path (${steps}); ` +
    `required flows between them must pass every firewall on them`;
  const zoneA = model.zones.get(route.from);
  const zoneB = model.zones.get(route.to);
  const [here, there] = zoneA && zoneB && zoneB.decl.span.start < zoneA.decl.span.start ? [zoneB, zoneA] : [zoneA, zoneB];
  const related: RelatedInformation[] = [];
  if (there) related.push({ span: nameSpan(there), message: `zone ${there.name}, the other end` });
  for (const fw of route.firewalls) related.push({ span: nameSpan(fw), message: `a shortest path crosses ${fw.name}` });
  return { code: "ambiguous-route", severity: "warning", message, span: here ? nameSpan(here) : { start: 0, end: 0 }, related };
}

export function natDiagnostic(collection: NatCollection): Diagnostic {
  const { firewall, nat } = collection;
  const flows = collection.flows.sorted();
  const first = flows[0];
  const pairs = new Set(flows.map((f) => (f.from < f.to ? `${f.from}\u0000${f.to}` : `${f.to}\u0000${f.from}`)));
  const who = pairs.size === 1 ? `${first.from} and ${first.to}, which need IPsec` : `${pairs.size} pairs of nodes that need IPsec, e.g. ${first.from} and ${first.to}`;
  return {
    code: "nat-between-nodes",
    severity: "error",
    message: `${firewall.name} translates addresses from ${nat.from} to ${nat.to} on the path between ${who}; Pexip nodes must reach each other without NAT`,
    span: nat.span,
    related: [{ span: nameSpan(firewall), message: `${firewall.name} translates here` }],
    flows,
  };
}

/** "from a to b" for one pair, "for N flows, e.g. a -> b" for more. */
function describeParties(flows: FlowList): string {
  const first = flows.first!;
  if (flows.allSamePair) return `from ${first.from.name} to ${first.to.name}`;
  return `for ${flows.length} flows, e.g. ${first.from.name} -> ${first.to.name}`;
}

/** "tcp 53, udp 53", "tcp 80, 1720, 33000-39999", "esp". */
export function describePorts(ports: Map<TrafficProtocol, PortSet>): string {
  return [...ports]
    .sort(([a], [b]) => PROTOCOL_ORDER[a] - PROTOCOL_ORDER[b])
    .map(([protocol, set]) => (protocol === "tcp" || protocol === "udp" ? `${protocol} ${describePortSet(set)}` : protocol))
    .join(", ");
}

export function describePortSet(set: PortSet): string {
  return set
    .ranges()
    .map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`))
    .join(", ");
}

function nameSpan(item: { decl: { name?: { span: Span }; span: Span } }): Span {
  return item.decl.name?.span ?? item.decl.span;
}
