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
interface ProtocolRule {
  rule: CompiledRule;
  ports: PortSet;
  /** Position in firewall.rules. */
  position: number;
}

/** A firewall's rules for one protocol, and the atoms of the sets already evaluated against them. */
interface PreparedRules {
  rules: ProtocolRule[];
  /** Per address (port) set: its atoms over the rules' source, destination (source-port) sets. */
  srcAtoms: WeakMap<AddressSet, Uint8Array[]>;
  dstAtoms: WeakMap<AddressSet, Uint8Array[]>;
  sportAtoms: WeakMap<PortSet, Uint8Array[]>;
}

const prepared = new WeakMap<Firewall, Map<TrafficProtocol, PreparedRules>>();

/** The rules of a firewall that can match the protocol, in order, kept per firewall and protocol. */
function preparedRules(firewall: Firewall, protocol: TrafficProtocol): PreparedRules {
  let byProtocol = prepared.get(firewall);
  if (!byProtocol) {
    byProtocol = new Map();
    prepared.set(firewall, byProtocol);
  }
  let entry = byProtocol.get(protocol);
  if (!entry) {
    const rules: ProtocolRule[] = [];
    firewall.rules.forEach((rule, position) => {
      const ports = matchedPorts(rule, protocol);
      if (ports && !ports.isEmpty && !rule.src.isEmpty && !rule.dst.isEmpty) rules.push({ rule, ports, position });
    });
    entry = { rules, srcAtoms: new WeakMap(), dstAtoms: new WeakMap(), sportAtoms: new WeakMap() };
    byProtocol.set(protocol, entry);
  }
  return entry;
}

/** atomMemberships of `set` over one set of each rule, computed once per set and rule list. */
function cachedAtoms<T extends number | bigint>(cache: WeakMap<IntervalSet<T>, Uint8Array[]>, set: IntervalSet<T>, ruleSets: () => IntervalSet<T>[]): Uint8Array[] {
  let atoms = cache.get(set);
  if (!atoms) {
    atoms = atomMemberships(set, ruleSets());
    cache.set(set, atoms);
  }
  return atoms;
}

/**
 * Indices (in firewall.rules) of the rules that can match some flow of this protocol, these
 * destination ports and these source ports, whatever its addresses: the only rules whose
 * addresses matter to such flows.
 */
export function rulesForPorts(firewall: Firewall, protocol: TrafficProtocol, srcPorts: PortSet, dstPorts: PortSet): number[] {
  const ported = hasPorts(protocol);
  const { rules } = preparedRules(firewall, protocol);
  return activeRules(rules, ported ? dstPorts : PSEUDO_PORTS, ported ? srcPorts : ANY_SOURCE_PORT).map((i) => rules[i].position);
}

/** Indices (in `rules`) of the rules that can match these destination and source ports. */
function activeRules(rules: readonly ProtocolRule[], wanted: PortSet, sourcePorts: PortSet): number[] {
  const active: number[] = [];
  for (let i = 0; i < rules.length; i++) {
    const { rule, ports } = rules[i];
    if (ports.intersects(wanted) && (!rule.sport || rule.sport.intersects(sourcePorts))) active.push(i);
  }
  return active;
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
  if (wanted.isEmpty || src.isEmpty || dst.isEmpty || sourcePorts.isEmpty) return { missing: IntervalSet.ofNumbers(), denyRules: [], byDefault: false };
  const { rules, srcAtoms: srcCache, dstAtoms: dstCache, sportAtoms: sportCache } = preparedRules(firewall, protocol);
  // The rules that can match these ports; the atoms tell which of them match which addresses.
  // Atoms are cut over every rule of the protocol, so that one cut serves every evaluation
  // of the same set (a peer's addresses meet a firewall once per node class and row).
  const active = activeRules(rules, wanted, sourcePorts);
  const denyByDefault = firewall.defaultAction === "deny";
  const srcAtoms = cachedAtoms(srcCache, src, () => rules.map((r) => r.rule.src));
  const dstAtoms = cachedAtoms(dstCache, dst, () => rules.map((r) => r.rule.dst));
  const sportAtoms = cachedAtoms(sportCache, sourcePorts, () => rules.map((r) => r.rule.sport ?? ANY_SOURCE_PORT));

  let missing = IntervalSet.ofNumbers();
  const denied = new Set<number>();
  let byDefault = false;
  for (const s of srcAtoms) {
    for (const d of dstAtoms) {
      for (const sp of sportAtoms) {
        let undecided = wanted;
        for (let k = 0; k < active.length && !undecided.isEmpty; k++) {
          const i = active[k];
          if (!s[i] || !d[i] || !sp[i]) continue;
          const taken = rules[i].ports.intersect(undecided);
          if (taken.isEmpty) continue;
          if (rules[i].rule.action === "deny") {
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
  const denyRules = [...denied].sort((x, y) => x - y).map((i) => rules[i].rule);
  return { missing, denyRules, byDefault };
}

/**
 * Cuts `universe` at every boundary of `sets` and returns, for each distinct way an atom
 * can meet the sets, one membership vector (1 = the atom lies inside sets[i]).
 */
export function atomMemberships<T extends number | bigint>(universe: IntervalSet<T>, sets: IntervalSet<T>[]): Uint8Array[] {
  const single = universe.singleValue();
  if (single !== undefined) return [membership(single, sets)];
  if (sets.length === 0) return [new Uint8Array(0)];

  const universeBounds = universe.flatBounds();
  const low = universeBounds[0];
  const high = universeBounds[universeBounds.length - 1];
  // Cut points: where some set starts (it holds the atoms from there on) or ends (it holds
  // none from the next value on) inside (low, high]; each one changes one set's membership.
  const cutValues: T[] = [];
  const cutEvents: number[] = []; // 2 * set + (1: enters, 0: leaves)
  for (let i = 0; i < sets.length; i++) {
    const b = sets[i].flatBounds();
    for (let k = firstRangeReaching(b, low); k < b.length; k += 2) {
      const lo = b[k];
      const hi = b[k + 1];
      if (lo > high) break;
      if (lo > low) {
        cutValues.push(lo);
        cutEvents.push(2 * i + 1);
      }
      if (hi < high) {
        cutValues.push(step(hi, 1));
        cutEvents.push(2 * i);
      }
    }
  }
  const order = cutValues.map((_, i) => i).sort((x, y) => (cutValues[x] < cutValues[y] ? -1 : cutValues[x] > cutValues[y] ? 1 : 0));

  // Walk the atoms in order, keeping the membership vector of the current one up to date.
  const current = membership(low, sets);
  const seen = new Map<string, Uint8Array>();
  let u = 0;
  let e = 0;
  let start = low;
  for (;;) {
    while (e < order.length && cutValues[order[e]] === start) {
      const event = cutEvents[order[e]];
      current[event >> 1] = event & 1;
      e++;
    }
    // Atom [start, end]: keep it only when the universe holds some of it.
    const end = e < order.length ? step(cutValues[order[e]], -1) : high;
    while (u < universeBounds.length && universeBounds[u + 1] < start) u += 2;
    if (u >= universeBounds.length) break;
    if (universeBounds[u] <= end) {
      const key = vectorKey(current);
      if (!seen.has(key)) seen.set(key, current.slice());
    }
    if (e >= order.length) break;
    start = cutValues[order[e]];
  }
  return [...seen.values()];
}

/** Index (into flat bounds) of the first range whose end is at or above `value`. */
function firstRangeReaching<T extends number | bigint>(bounds: readonly T[], value: T): number {
  let low = 0;
  let high = bounds.length / 2;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (bounds[2 * mid + 1] < value) low = mid + 1;
    else high = mid;
  }
  return 2 * low;
}

/** A compact string key of a 0/1 vector, 16 entries per character. */
function vectorKey(bits: Uint8Array): string {
  let key = "";
  for (let i = 0; i < bits.length; i += 16) {
    let code = 0;
    for (let j = 0; j < 16 && i + j < bits.length; j++) if (bits[i + j]) code |= 1 << j;
    key += String.fromCharCode(code);
  }
  return key;
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
