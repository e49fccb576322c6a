// Turns what the analysis collected into diagnostics: messages, ranges, related
// information and the sorted `flows` lists.
import type { FlowRow } from "./catalog-types";
import type { Diagnostic, FlowReport, RelatedInformation } from "./diagnostics";
import type { PortSet } from "./interval-set";
import type { CompiledRule, Firewall, Model, Nat, Party, TrafficProtocol } from "./model-types";
import type { Route } from "./routing";
import type { Span } from "./syntax-tree";

const PROTOCOL_ORDER: Record<TrafficProtocol, number> = { tcp: 0, udp: 1, esp: 2, icmp: 3 };

/**
 * The `flows` entries of one diagnostic, with a numeric sort key each (parties in
 * declaration order, then protocol), so that even a million entries sort quickly.
 */
export class FlowList {
  private readonly reports: FlowReport[] = [];
  private readonly keys: number[] = [];
  private firstKey = Number.POSITIVE_INFINITY;
  /** The parties of the first entry in sorted order (for ranges). */
  first?: { from: Party; to: Party };

  constructor(private readonly order: Map<Party, number>) {}

  get length(): number {
    return this.reports.length;
  }

  /** One entry from each of `froms` to each of `tos` (never from a node to itself). */
  addPairs(froms: readonly Party[], tos: readonly Party[], protocol: TrafficProtocol, ports: [number, number][], firewall?: string, row?: string): void {
    const stride = this.order.size;
    const protocolOrder = PROTOCOL_ORDER[protocol];
    const toOrders = tos.map((to) => this.order.get(to)! * 4 + protocolOrder);
    const { reports, keys } = this;
    for (const from of froms) {
      const base = this.order.get(from)! * stride * 4;
      for (let t = 0; t < tos.length; t++) {
        const to = tos[t];
        if (from === to) continue;
        const key = base + toOrders[t];
        reports.push(
          firewall === undefined ? { from: from.name, to: to.name, protocol, ports, row } : { from: from.name, to: to.name, protocol, ports, firewall, row },
        );
        keys.push(key);
        if (key < this.firstKey) {
          this.firstKey = key;
          this.first = { from, to };
        }
      }
    }
  }

  /** The entries sorted by key; equal keys keep the order they were added in. */
  sorted(): FlowReport[] {
    const n = this.reports.length;
    if (n < 2) return this.reports;
    let maxKey = 0;
    for (const key of this.keys) if (key > maxKey) maxKey = key;
    const order = n > 65536 && maxKey < 2 ** 32 ? radixOrder(this.keys, n) : packedOrder(this.keys, n, maxKey);
    const out = new Array<FlowReport>(n);
    for (let i = 0; i < n; i++) out[i] = this.reports[order[i]];
    return out;
  }
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
  const flows = collection.flows.sorted();
  const traffic = `${row.short} (${describePorts(collection.ports)})`;
  const message = `${firewall.name} does not allow ${traffic} ${describeParties(flows)}`;
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
  return { code: "missing-flow", severity: "error", message, span: nameSpan(firewall), related, flows };
}

export function noRouteDiagnostic(collection: NoRouteCollection): Diagnostic {
  const flows = collection.flows.sorted();
  const first = flows[0];
  const parties = collection.flows.first!;
  const [a, b] = collection.zones;
  const message = allSamePair(flows)
    ? `no chain of firewalls joins zones ${a} and ${b}: ${first.from} cannot reach ${first.to}`
    : `no chain of firewalls joins zones ${a} and ${b}: ${flows.length} required flows cannot pass, e.g. ${first.from} -> ${first.to}`;
  return {
    code: "no-route",
    severity: "error",
    message,
    span: nameSpan(parties.from),
    related: [{ span: nameSpan(parties.to), message: `${first.to}, the other end, has no route from ${first.from}` }],
    flows,
  };
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
function describeParties(flows: FlowReport[]): string {
  const first = flows[0];
  if (allSamePair(flows)) return `from ${first.from} to ${first.to}`;
  return `for ${flows.length} flows, e.g. ${first.from} -> ${first.to}`;
}

function allSamePair(flows: FlowReport[]): boolean {
  const first = flows[0];
  return flows.every((f) => f.from === first.from && f.to === first.to);
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
