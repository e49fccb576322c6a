// Which packets to send through one firewall and what must happen to each: every required
// flow (core/firewall-flows.ts crossingFlows, independent of how the export merges rules)
// at the ends and middle of its port ranges must pass; ports just outside, the other
// protocol, the reverse direction, a source port outside the required ones and a source
// address no party has must be dropped, unless the required set itself asks for them.
import { familyOf, formatAddress, IPV6_BASE, parseAddress } from "../../server/src/core/addresses";
import type { CrossingFlow } from "../../server/src/core/firewall-flows";
import { IntervalSet, type AddressSet } from "../../server/src/core/interval-set";
import type { Firewall, Model, Party } from "../../server/src/core/model-types";

export type Proto = "tcp" | "udp" | "esp";
export type NegativeKind = "port-below" | "port-above" | "other-protocol" | "reverse" | "non-party-source" | "source-port-outside";

export interface Probe {
  id: string;
  proto: Proto;
  family: 4 | 6;
  src: bigint;
  dst: bigint;
  sport?: number;
  dport?: number;
  /** Namespace keys (zone names for a network firewall; `client` / `host-N` for a host firewall). */
  srcSpoke: string;
  dstSpoke: string;
  expect: "pass" | "block";
  kind: "flow" | NegativeKind;
  /** The flow the probe comes from, for messages. */
  flow: string;
}

export interface Plan {
  probes: Probe[];
  /** Addresses per spoke namespace. */
  spokes: Map<string, Set<bigint>>;
  /** Spokes whose namespace carries the ruleset (host firewall: the protected hosts). */
  ruleSpokes: string[];
  /** Why probes were not generated, with counts. */
  skipped: Map<string, number>;
  notes: string[];
}

/** Transit addresses of the router namespace's veths: never a probe address. */
export const TRANSIT_V4 = parseAddress("198.18.0.0/15");

const PREFERRED_V4 = ["203.0.113.200", "198.51.100.200", "192.0.2.200", "100.64.0.200", "11.0.0.1"];
const PREFERRED_V6 = ["2001:db8:ffff::200", "2001:db8:abcd::200", "2001:db8::200", "2a00::200"];

function addr(text: string): bigint {
  const parsed = parseAddress(text);
  if (!parsed.ok) throw new Error(text);
  return parsed.address.value;
}

export function addrText(value: bigint): string {
  return formatAddress(value);
}

function single(value: bigint): AddressSet {
  return IntervalSet.ofBigints([[value, value]]);
}

function sample(lo: number, hi: number): number[] {
  return [...new Set([lo, Math.floor((lo + hi) / 2), hi])];
}

/** True when some required flow asks for exactly this packet. */
export function isRequired(flows: readonly CrossingFlow[], proto: Proto, src: bigint, dst: bigint, sport?: number, dport?: number): CrossingFlow | undefined {
  return flows.find(
    (f) =>
      f.protocol === proto &&
      f.srcAddresses.contains(src) &&
      f.dstAddresses.contains(dst) &&
      (proto === "esp" || (dport !== undefined && f.dstPorts.contains(dport))) &&
      (proto === "esp" || !f.srcPorts || (sport !== undefined && f.srcPorts.contains(sport))),
  );
}

const TRANSIT_SET: AddressSet = TRANSIT_V4.ok ? TRANSIT_V4.address.set : IntervalSet.ofBigints();

function usable(value: bigint): boolean {
  if (TRANSIT_SET.contains(value)) return false;
  if (familyOf(value) === 4) {
    const first = Number(value >> 24n);
    const last = Number(value & 255n);
    return first !== 0 && first !== 127 && first < 224 && last !== 0 && last !== 255;
  }
  return familyOf(value) === 6 && value - IPV6_BASE > 1n && (value - IPV6_BASE) >> 120n !== 0xffn;
}

/** One address of `set` in `family` that is in none of `avoid`: a preferred public-looking one in a big range, else lo+1 of a small one. */
function pick(set: AddressSet, family: 4 | 6, avoid: AddressSet): bigint | undefined {
  const preferred = (family === 4 ? PREFERRED_V4 : PREFERRED_V6).map(addr);
  const [top, bottom] = family === 4 ? [IPV6_BASE - 1n, 0n] : [IPV6_BASE + (1n << 128n) - 1n, IPV6_BASE];
  for (const [rawLo, rawHi] of set.ranges()) {
    const lo = rawLo < bottom ? bottom : rawLo;
    const hi = rawHi > top ? top : rawHi;
    if (lo > hi) continue;
    const size = hi - lo + 1n;
    const tries: bigint[] = size > 65536n ? [...preferred.filter((p) => p >= lo && p <= hi), lo + size / 2n + 1n] : size > 2n ? [lo + 1n, lo + 2n, lo + size / 2n, hi - 1n] : [lo, hi];
    for (const t of tries) if (t >= lo && t <= hi && usable(t) && !avoid.contains(t)) return t;
  }
  return undefined;
}

export class Planner {
  private readonly probes: Probe[] = [];
  private readonly keys = new Set<string>();
  private readonly spokes = new Map<string, Set<bigint>>();
  private readonly home = new Map<bigint, string>();
  private readonly skipped = new Map<string, number>();
  private readonly notes: string[] = [];
  private readonly partyAddresses: AddressSet;
  private nextNeutral = 20000;
  private nextId = 1;

  constructor(
    private readonly model: Model,
    private readonly firewall: Firewall,
    private readonly flows: readonly CrossingFlow[],
  ) {
    let all: AddressSet = IntervalSet.ofBigints();
    for (const node of model.nodes) {
      for (const v of [node.primary?.address, node.secondary?.address, node.publicAddress]) if (v !== undefined) all = all.union(single(v));
    }
    for (const peer of model.peers) {
      all = all.union(peer.addresses);
      if (peer.placement?.kind === "subnet") all = all.union(peer.placement.prefix);
    }
    if (TRANSIT_V4.ok) all = all.union(TRANSIT_V4.address.set);
    this.partyAddresses = all;
  }

  private skip(reason: string, count = 1): void {
    this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + count);
  }

  /** The namespace an address lives in: by zone for a network firewall; protected hosts each in their own for a host firewall. */
  private place(address: bigint, spoke: string): string {
    if (this.firewall.kind === "host") {
      if (this.firewall.protects.contains(address)) {
        let key = this.home.get(address);
        if (!key) key = `host-${[...this.spokes.keys()].filter((k) => k.startsWith("host-")).length + 1}`;
        spoke = key;
      } else spoke = "client";
    }
    const existing = this.home.get(address);
    if (existing !== undefined) {
      if (existing !== spoke) this.notes.push(`${addrText(address)} is reached through ${existing} and ${spoke}; probes use ${existing}`);
      return existing;
    }
    this.home.set(address, spoke);
    if (!this.spokes.has(spoke)) this.spokes.set(spoke, new Set());
    this.spokes.get(spoke)!.add(address);
    return spoke;
  }

  /** Representative addresses of one flow end. */
  private reps(parties: readonly Party[], set: AddressSet): bigint[] {
    const out: bigint[] = [];
    for (const family of [4, 6] as const) {
      if (parties.every((p) => p.kind === "node")) {
        for (const [lo, hi] of set.ranges()) if (familyOf(lo) === family && hi - lo < 4n) for (let v = lo; v <= hi; v++) out.push(v);
        continue;
      }
      const others = this.partyAddresses.subtract(set);
      const v = pick(set, family, others);
      if (v !== undefined) out.push(v);
    }
    return out.slice(0, 8);
  }

  private zoneOf(address: bigint): string | undefined {
    let best: string | undefined;
    for (const [name, zone] of this.model.zones) if (zone.addresses.contains(address)) best = name;
    return best;
  }

  /** An address in `zone` (same family as `like`) that no party has. */
  private nonParty(zoneName: string | undefined, like: bigint): bigint | undefined {
    if (zoneName === undefined) return undefined;
    const zone = this.model.zones.get(zoneName);
    if (!zone) return undefined;
    const free = zone.addresses.subtract(this.partyAddresses);
    return pick(free, familyOf(like) === 6 ? 6 : 4, this.partyAddresses);
  }

  private neutralPort(): number {
    return this.nextNeutral++;
  }

  private add(p: Omit<Probe, "id" | "srcSpoke" | "dstSpoke">, srcSpoke: string, dstSpoke: string): void {
    const key = `${p.proto}|${p.src}|${p.proto === "esp" ? "" : p.sport}|${p.dst}|${p.proto === "esp" ? "" : p.dport}`;
    if (this.keys.has(key)) return;
    if (p.expect === "block") {
      const required = isRequired(this.flows, p.proto, p.src, p.dst, p.sport, p.dport);
      if (required) {
        this.skip(`${p.kind}: required by ${required.row.id}`);
        return;
      }
    }
    this.keys.add(key);
    const s = this.place(p.src, srcSpoke);
    const d = this.place(p.dst, dstSpoke);
    this.probes.push({ ...p, id: `p${this.nextId++}`, srcSpoke: s, dstSpoke: d });
  }

  plan(): Plan {
    const host = this.firewall.kind === "host";
    for (const flow of this.flows) {
      const name = `${flow.row.id} ${flow.protocol} ${flow.sources.map((p) => p.name).join(",")} -> ${flow.destinations.map((p) => p.name).join(",")}`;
      const srcReps = this.reps(flow.sources, flow.srcAddresses);
      const dstReps = this.reps(flow.destinations, flow.dstAddresses);
      if (!srcReps.length || !dstReps.length) {
        const hostPeer = [...flow.sources, ...flow.destinations].find((p) => p.kind === "peer" && p.placement?.kind === "host");
        this.skip(hostPeer ? "flow to/from a host peer (addresses unknown: the export leaves a placeholder)" : "flow without a usable address");
        continue;
      }
      const pairs: [bigint, bigint][] = [];
      for (const s of srcReps) for (const d of dstReps) if (s !== d && familyOf(s) === familyOf(d)) pairs.push([s, d]);
      if (!pairs.length) {
        this.skip(`flow whose ends share no address family (${name})`);
        continue;
      }
      const fromSpoke = flow.fromZone ?? "client";
      const toSpoke = flow.toZone ?? "client";
      const dports: number[] = flow.protocol === "esp" ? [] : flow.dstPorts.ranges().flatMap(([lo, hi]) => sample(lo, hi));
      const sports: number[] | undefined = flow.srcPorts?.ranges().flatMap(([lo, hi]) => sample(lo, hi));
      const sportFor = (i: number) => (sports ? sports[i % sports.length] : this.neutralPort());
      const family = (v: bigint) => (familyOf(v) === 6 ? 6 : 4) as 4 | 6;

      for (const [s, d] of pairs) {
        if (flow.protocol === "esp") this.add({ proto: "esp", family: family(s), src: s, dst: d, expect: "pass", kind: "flow", flow: name }, fromSpoke, toSpoke);
        else dports.forEach((port, i) => this.add({ proto: flow.protocol, family: family(s), src: s, dst: d, sport: sportFor(i), dport: port, expect: "pass", kind: "flow", flow: name }, fromSpoke, toSpoke));
      }

      // Negatives on the first pair.
      const [s, d] = pairs[0];
      const fam = family(s);
      const base = { family: fam, flow: name, expect: "block" as const };
      const firstPort = flow.protocol === "esp" ? undefined : flow.dstPorts.ranges()[0][0];
      const sport0 = sports ? sports[0] : undefined;
      if (flow.protocol !== "esp") {
        for (const [lo, hi] of flow.dstPorts.ranges()) {
          if (lo > 1) this.add({ ...base, proto: flow.protocol, src: s, dst: d, sport: sport0 ?? this.neutralPort(), dport: lo - 1, kind: "port-below" }, fromSpoke, toSpoke);
          else this.skip("port-below: range starts at port 1");
          if (hi < 65535) this.add({ ...base, proto: flow.protocol, src: s, dst: d, sport: sport0 ?? this.neutralPort(), dport: hi + 1, kind: "port-above" }, fromSpoke, toSpoke);
          else this.skip("port-above: range ends at port 65535");
        }
        const other: Proto = flow.protocol === "tcp" ? "udp" : "tcp";
        this.add({ ...base, proto: other, src: s, dst: d, sport: sport0 ?? this.neutralPort(), dport: firstPort, kind: "other-protocol" }, fromSpoke, toSpoke);
        if (flow.srcPorts) {
          for (const [lo, hi] of flow.srcPorts.ranges()) {
            if (lo > 1) this.add({ ...base, proto: flow.protocol, src: s, dst: d, sport: lo - 1, dport: firstPort, kind: "source-port-outside" }, fromSpoke, toSpoke);
            if (hi < 65535) this.add({ ...base, proto: flow.protocol, src: s, dst: d, sport: hi + 1, dport: firstPort, kind: "source-port-outside" }, fromSpoke, toSpoke);
            else this.skip("source-port-outside: source range ends at 65535");
          }
        }
      }
      if (host) this.skip("reverse: a host firewall filters only what comes in (the reverse leaves the protected host)");
      else this.add({ ...base, proto: flow.protocol, src: d, dst: s, sport: flow.protocol === "esp" ? undefined : this.neutralPort(), dport: firstPort, kind: "reverse" }, toSpoke, fromSpoke);

      const zone = host ? this.zoneOf(s) : flow.fromZone;
      const np = this.nonParty(zone, s);
      if (np === undefined) this.skip(`non-party-source: every address of zone ${zone ?? "?"} belongs to a party (the catch-all zone with a zone peer)`);
      else this.add({ ...base, proto: flow.protocol, src: np, dst: d, sport: sport0 ?? (flow.protocol === "esp" ? undefined : this.neutralPort()), dport: firstPort, kind: "non-party-source" }, fromSpoke, toSpoke);
    }
    const ruleSpokes = host ? [...this.spokes.keys()].filter((k) => k.startsWith("host-")) : [];
    return { probes: this.probes, spokes: this.spokes, ruleSpokes, skipped: this.skipped, notes: this.notes };
  }
}
