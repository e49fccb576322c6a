// Exact first-match evaluation of one firewall for one flow: which destination ports it
// fails to allow for some source address, destination address and source port of the
// flow. The address and source-port sets are cut into atoms at the boundaries of the
// rules that can match, so that every member of an atom meets exactly the same rules;
// atoms that meet the same rules are merged, and each remaining combination is walked
// through the rules once with the set of ports still undecided.
import { IntervalSet, type AddressSet, type PortSet } from "./interval-set";
import type { CompiledRule, Firewall, TrafficProtocol } from "./model-types";

/** esp and icmp have no ports: they use this single pseudo-port internally. */
export const PSEUDO_PORT = 0;
export const PSEUDO_PORTS: PortSet = IntervalSet.ofNumbers([[PSEUDO_PORT, PSEUDO_PORT]]);
const ANY_SOURCE_PORT: PortSet = IntervalSet.ofNumbers([[0, 65535]]);

export interface EvaluationResult {
  /** Destination ports not allowed ({0} for an esp/icmp flow that is dropped). */
  missing: PortSet;
  /** Deny rules that are the first match for some dropped port, in rule order. */
  denyRules: CompiledRule[];
  /** Some dropped port matched no rule and the default is deny. */
  byDefault: boolean;
}

/** A rule as it matters for one protocol: the destination ports it matches for it. */
export interface ProtocolRule {
  rule: CompiledRule;
  ports: PortSet;
}

const prepared = new WeakMap<Firewall, Map<TrafficProtocol, ProtocolRule[]>>();

/** The rules of a firewall that can match the protocol, in order. */
export function rulesForProtocol(firewall: Firewall, protocol: TrafficProtocol): ProtocolRule[] {
  let byProtocol = prepared.get(firewall);
  if (!byProtocol) {
    byProtocol = new Map();
    prepared.set(firewall, byProtocol);
  }
  let rules = byProtocol.get(protocol);
  if (!rules) {
    rules = [];
    for (const rule of firewall.rules) {
      const ports = matchedPorts(rule, protocol);
      if (ports && !ports.isEmpty && !rule.src.isEmpty && !rule.dst.isEmpty) rules.push({ rule, ports });
    }
    byProtocol.set(protocol, rules);
  }
  return rules;
}

/** Destination ports of `protocol` the rule matches (pseudo-port for esp/icmp). */
export function matchedPorts(rule: CompiledRule, protocol: TrafficProtocol): PortSet | undefined {
  if (protocol === "tcp" || protocol === "udp") return rule.traffic[protocol];
  // A rule restricted by source port only ever matches tcp and udp.
  if (rule.sport) return undefined;
  return rule.traffic[protocol] ? PSEUDO_PORTS : undefined;
}

export function hasPorts(protocol: TrafficProtocol): boolean {
  return protocol === "tcp" || protocol === "udp";
}

/**
 * Destination ports of `dstPorts` that the firewall does not allow for every source
 * address in `src`, destination address in `dst` and source port in `srcPorts`.
 * For esp/icmp the port sets are ignored (the result's `missing` is {0} or empty).
 */
export function evaluateFirewall(
  firewall: Firewall,
  protocol: TrafficProtocol,
  src: AddressSet,
  dst: AddressSet,
  srcPorts: PortSet,
  dstPorts: PortSet,
): EvaluationResult {
  const ported = hasPorts(protocol);
  const wanted = ported ? dstPorts : PSEUDO_PORTS;
  const sourcePorts = ported ? srcPorts : ANY_SOURCE_PORT;
  const none = { missing: IntervalSet.ofNumbers(), denyRules: [], byDefault: false };
  if (wanted.isEmpty || src.isEmpty || dst.isEmpty || sourcePorts.isEmpty) return none;
  const candidates = rulesForProtocol(firewall, protocol).filter(
    (r) =>
      r.ports.intersects(wanted) &&
      touches(r.rule.src, src) &&
      touches(r.rule.dst, dst) &&
      (!r.rule.sport || r.rule.sport.intersects(sourcePorts)),
  );
  const denyByDefault = firewall.defaultAction === "deny";

  const srcAtoms = atomMemberships(src, candidates.map((c) => c.rule.src));
  const dstAtoms = atomMemberships(dst, candidates.map((c) => c.rule.dst));
  const sportAtoms = atomMemberships(sourcePorts, candidates.map((c) => c.rule.sport ?? ANY_SOURCE_PORT));

  let missing = IntervalSet.ofNumbers();
  const denied = new Set<number>();
  let byDefault = false;
  for (const s of srcAtoms) {
    for (const d of dstAtoms) {
      for (const sp of sportAtoms) {
        let undecided = wanted;
        for (let i = 0; i < candidates.length && !undecided.isEmpty; i++) {
          if (!s[i] || !d[i] || !sp[i]) continue;
          const taken = candidates[i].ports.intersect(undecided);
          if (taken.isEmpty) continue;
          if (candidates[i].rule.action === "deny") {
            missing = missing.union(taken);
            denied.add(i);
          }
          undecided = undecided.subtract(taken);
        }
        if (!undecided.isEmpty && denyByDefault) {
          missing = missing.union(undecided);
          byDefault = true;
        }
      }
    }
  }
  const denyRules = [...denied].sort((x, y) => x - y).map((i) => candidates[i].rule);
  return { missing, denyRules, byDefault };
}

/** True when the two sets share a member (a binary search when `of` is one value). */
function touches<T extends number | bigint>(set: IntervalSet<T>, of: IntervalSet<T>): boolean {
  const single = singleValue(of);
  return single !== undefined ? set.contains(single) : set.intersects(of);
}

function singleValue<T extends number | bigint>(set: IntervalSet<T>): T | undefined {
  if (set.intervalCount !== 1) return undefined;
  const [[lo, hi]] = set.ranges();
  return lo === hi ? lo : undefined;
}

/**
 * Cuts `universe` at every boundary of `sets` and returns, for each distinct way an atom
 * can meet the sets, one membership vector (1 = the atom lies inside sets[i]).
 */
export function atomMemberships<T extends number | bigint>(universe: IntervalSet<T>, sets: IntervalSet<T>[]): Uint8Array[] {
  const single = singleValue(universe);
  if (single !== undefined) return [membership(single, sets)];
  if (sets.length === 0) return [new Uint8Array(0)];

  const universeRanges = universe.ranges();
  const low = universeRanges[0][0];
  const high = universeRanges[universeRanges.length - 1][1];
  // Cut points: where some set starts or ends inside [low, high].
  const cuts: T[] = [low];
  for (const set of sets) {
    for (const [lo, hi] of set.ranges()) {
      if (hi < low) continue;
      if (lo > high) break;
      if (lo > low) cuts.push(lo);
      if (hi < high) cuts.push(step(hi, 1));
    }
  }
  cuts.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));

  const seen = new Map<string, Uint8Array>();
  let u = 0;
  for (let c = 0; c < cuts.length; c++) {
    if (c > 0 && cuts[c] === cuts[c - 1]) continue;
    const start = cuts[c];
    let next = c + 1;
    while (next < cuts.length && cuts[next] === start) next++;
    // Atom [start, end]: keep it only when the universe holds some of it.
    const end = next < cuts.length ? step(cuts[next], -1) : high;
    while (u < universeRanges.length && universeRanges[u][1] < start) u++;
    if (u >= universeRanges.length) break;
    if (universeRanges[u][0] > end) continue;
    const vector = membership(start, sets);
    const key = vector.join("");
    if (!seen.has(key)) seen.set(key, vector);
  }
  return [...seen.values()];
}

/** value + by, for numbers and bigints alike. */
function step<T extends number | bigint>(value: T, by: 1 | -1): T {
  return (typeof value === "bigint" ? value + BigInt(by) : (value as number) + by) as T;
}

function membership<T extends number | bigint>(value: T, sets: IntervalSet<T>[]): Uint8Array {
  const vector = new Uint8Array(sets.length);
  for (let i = 0; i < sets.length; i++) vector[i] = sets[i].contains(value) ? 1 : 0;
  return vector;
}
