// The platform-neutral policy of one firewall that every generator renders: named address
// objects and rules, each rule traceable to the catalog rows it serves. Flows are merged
// only where the merge is exact (one side identical), so the policy never allows a pair of
// parties that no required flow joins: least privilege survives the merging.
import { ALL_IPV4, ALL_IPV6, familyOf, setToPrefixes } from "./addresses";
import { CATALOG } from "./catalog";
import type { FlowRow } from "./catalog-types";
import { crossingFlows, type CrossingFlow, type ExportScope } from "./firewall-flows";
import type { AddressSet, PortSet } from "./interval-set";
import type { Firewall, Model, Party } from "./model-types";

export type PortRange = [number, number];

export interface AddressObject {
  /** Unique in the policy; letters, digits, `-`, `_` and `.` as pexnet names have them. */
  name: string;
  /** The parties it stands for, in words ("conf-lon-1, conf-lon-2 and 3 more"). */
  description: string;
  parties: string[];
  /** CIDR prefixes; `0.0.0.0/0` / `::/0` for the catch-all zone. */
  ipv4: string[];
  ipv6: string[];
  /** Host names of `host` peers: FQDN objects where the platform has them. */
  hosts: string[];
}

export interface PolicyRule {
  /** 1-based position, for names such as `pexnet-12`. */
  index: number;
  /** "SIP/TLS signaling from guests to edge-lon-1"; generators escape it for their syntax. */
  comment: string;
  /** Catalog row ids the rule serves. */
  rows: string[];
  source: AddressObject;
  destination: AddressObject;
  protocol: "tcp" | "udp" | "esp";
  /** Destination port ranges, ascending; empty for esp. */
  dstPorts: PortRange[];
  /** Source port ranges when the catalog restricts them; undefined = any. */
  srcPorts?: PortRange[];
  /** Zones the traffic enters and leaves by (network firewalls). */
  fromZone?: string;
  toZone?: string;
}

export interface ExportPolicy {
  firewall: {
    name: string;
    kind: "network" | "host";
    /** Zones a network firewall joins; empty for a host firewall. */
    zones: string[];
    /** What a host firewall protects (its inbound rules' destinations). */
    protects?: AddressObject;
  };
  scope: ExportScope;
  /** The deployment has IPv6 addresses: IPv6 rules (and ICMPv6 on host firewalls) are needed. */
  ipv6: boolean;
  addresses: AddressObject[];
  rules: PolicyRule[];
  /** Number of required flow groups behind the rules. */
  flowCount: number;
}

export interface PolicyOptions {
  scope: ExportScope;
  /** Keep only the flows of these catalog rows (the "this flow" generate action). */
  rows?: readonly string[];
  catalog?: readonly FlowRow[];
}

export function buildExportPolicy(model: Model, firewall: Firewall, options: PolicyOptions): ExportPolicy {
  const catalog = options.catalog ?? CATALOG;
  let flows = crossingFlows(model, firewall, options.scope, catalog);
  if (options.rows) flows = flows.filter((f) => options.rows!.includes(f.row.id));
  const objects = new AddressObjects(model);
  const ends = flows.map((flow) => ({
    flow,
    src: objects.widen(flow.sources, flow.srcAddresses),
    dst: objects.widen(flow.destinations, flow.dstAddresses, firewall.kind === "host" ? firewall.protects : undefined),
  }));

  const merged = mergeRules(ends);
  const rules: PolicyRule[] = merged.map((m, i) => {
    const source = objects.object(m.sources, m.src);
    const destination = objects.object(m.destinations, m.dst);
    const rows = [...m.rows];
    const shorts = [...new Set(rows.map((id) => catalog.find((r) => r.id === id)?.short ?? id))];
    return {
      index: i + 1,
      comment: `${shorts.join(", ")} from ${source.description} to ${destination.description}`,
      rows,
      source,
      destination,
      protocol: m.protocol,
      dstPorts: m.dstPorts.ranges(),
      srcPorts: m.srcPorts?.ranges(),
      fromZone: m.fromZone,
      toZone: m.toZone,
    };
  });
  return {
    firewall: {
      name: firewall.name,
      kind: firewall.kind,
      zones: [...new Set(firewall.zones)],
      protects: firewall.kind === "host" ? objects.object([], firewall.protects, `${firewall.name}-protected`) : undefined,
    },
    scope: options.scope,
    ipv6: model.ipv6,
    addresses: objects.all(),
    rules,
    flowCount: flows.length,
  };
}

// ------------------------------------------------------------------ merging

interface Draft {
  protocol: "tcp" | "udp" | "esp";
  src: AddressSet;
  dst: AddressSet;
  sources: Set<Party>;
  destinations: Set<Party>;
  dstPorts: PortSet;
  srcPorts?: PortSet;
  rows: Set<string>;
  fromZone?: string;
  toZone?: string;
}

function setKey(set: AddressSet): string {
  return set.ranges().map(([lo, hi]) => `${lo}-${hi}`).join(",");
}

function portsKey(set: PortSet | undefined): string {
  return set ? set.ranges().map(([lo, hi]) => `${lo}-${hi}`).join(",") : "*";
}

/** Three exact passes: ports of one address pair, then destinations of one source, then sources of one destination. */
function mergeRules(ends: { flow: CrossingFlow; src: AddressSet; dst: AddressSet }[]): Draft[] {
  const base = (d: Draft) => `${d.fromZone ?? ""}|${d.toZone ?? ""}|${d.protocol}|${portsKey(d.srcPorts)}`;
  let drafts: Draft[] = ends.map(({ flow, src, dst }) => ({
    protocol: flow.protocol,
    src,
    dst,
    sources: new Set(flow.sources),
    destinations: new Set(flow.destinations),
    dstPorts: flow.dstPorts,
    srcPorts: flow.srcPorts,
    rows: new Set([flow.row.id]),
    fromZone: flow.fromZone,
    toZone: flow.toZone,
  }));
  drafts = mergeBy(drafts, (d) => `${base(d)}|${setKey(d.src)}|${setKey(d.dst)}`, (into, d) => {
    into.dstPorts = into.dstPorts.union(d.dstPorts);
    addAll(into.sources, d.sources);
    addAll(into.destinations, d.destinations);
  });
  drafts = mergeBy(drafts, (d) => `${base(d)}|${portsKey(d.dstPorts)}|${setKey(d.src)}`, (into, d) => {
    into.dst = into.dst.union(d.dst);
    addAll(into.sources, d.sources);
    addAll(into.destinations, d.destinations);
  });
  drafts = mergeBy(drafts, (d) => `${base(d)}|${portsKey(d.dstPorts)}|${setKey(d.dst)}`, (into, d) => {
    into.src = into.src.union(d.src);
    addAll(into.sources, d.sources);
    addAll(into.destinations, d.destinations);
  });
  return drafts;
}

function mergeBy(drafts: Draft[], key: (d: Draft) => string, merge: (into: Draft, d: Draft) => void): Draft[] {
  const byKey = new Map<string, Draft>();
  for (const draft of drafts) {
    const k = key(draft);
    const into = byKey.get(k);
    if (!into) {
      byKey.set(k, draft);
      continue;
    }
    merge(into, draft);
    addAll(into.rows, draft.rows);
  }
  return [...byKey.values()];
}

function addAll<T>(into: Set<T>, from: Iterable<T>): void {
  for (const item of from) into.add(item);
}

// ------------------------------------------------------------------ address objects

class AddressObjects {
  private readonly byKey = new Map<string, AddressObject>();
  private readonly usedNames = new Set<string>();
  private readonly hostNames = new Map<bigint, string>();
  private readonly order = new Map<string, number>();

  constructor(private readonly model: Model) {
    for (const peer of model.peers) {
      if (peer.placement?.kind === "host") for (const [lo] of peer.addresses.ranges()) this.hostNames.set(lo, peer.placement.host);
    }
    [...model.nodes, ...model.peers].forEach((p, i) => this.order.set(p.name, i));
  }

  /**
   * The addresses to write for parties: a `subnet` peer stands for its whole prefix and a
   * `zone` peer for its zone (the catch-all zone for every address: 0.0.0.0/0), not for
   * the holes the analysis cuts for nodes inside them.
   */
  widen(parties: readonly Party[], exact: AddressSet, within?: AddressSet): AddressSet {
    let set = exact;
    for (const party of parties) {
      if (party.kind !== "peer") continue;
      if (party.placement?.kind === "subnet") set = set.union(party.placement.prefix);
      else if (party.placement?.kind === "zone" && party.zone !== undefined) {
        const zone = this.model.zones.get(party.zone);
        if (zone?.isAny) set = set.union(this.model.ipv6 ? ALL_IPV4.union(ALL_IPV6) : ALL_IPV4);
        else if (zone) set = set.union(zone.addresses);
      }
    }
    return within ? set.intersect(within) : set;
  }

  object(parties: Iterable<Party>, set: AddressSet, preferredName?: string): AddressObject {
    const key = setKey(set);
    const existing = this.byKey.get(key);
    if (existing) return existing;
    const names = [...parties].map((p) => p.name).sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0));
    const prefixes = setToPrefixes(set);
    const hosts: string[] = [];
    for (const [lo, hi] of set.ranges()) {
      if (familyOf(hi) !== "host") continue;
      for (let v = lo; v <= hi; v++) if (this.hostNames.has(v)) hosts.push(this.hostNames.get(v)!);
    }
    const object: AddressObject = {
      name: this.freeName(preferredName ?? objectName(names)),
      description: describeParties(names),
      parties: names,
      ipv4: prefixes.filter((p) => !p.includes(":")),
      ipv6: prefixes.filter((p) => p.includes(":")),
      hosts,
    };
    this.byKey.set(key, object);
    return object;
  }

  all(): AddressObject[] {
    return [...this.byKey.values()];
  }

  private freeName(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.usedNames.has(name); n++) name = `${wanted}-${n}`;
    this.usedNames.add(name);
    return name;
  }
}

function objectName(names: string[]): string {
  if (names.length === 0) return "addresses";
  if (names.length === 1) return names[0];
  if (names.length === 2) return `${names[0]}-and-${names[1]}`;
  return `${names[0]}-and-${names.length - 1}-more`;
}

function describeParties(names: string[]): string {
  if (names.length === 0) return "the protected addresses";
  if (names.length <= 3) return names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  return `${names.slice(0, 2).join(", ")} and ${names.length - 2} more`;
}

/** Port ranges of a set as text: "5060-5061, 443". */
export function formatPortRanges(ranges: readonly PortRange[], separator = ", ", rangeJoin = "-"): string {
  return ranges.map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}${rangeJoin}${hi}`)).join(separator);
}

