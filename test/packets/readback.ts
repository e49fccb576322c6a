// Reads the ruleset the kernel holds back (nft -j list ruleset, iptables-save) into plain
// accept entries and compares them with the export policy both ways: every policy rule is
// there with its addresses, protocol and ports, and nothing else is accepted.
import { familyOf, parseAddress } from "../../server/src/core/addresses";
import type { ExportPolicy } from "../../server/src/core/export-policy";
import { IntervalSet, type AddressSet, type PortSet } from "../../server/src/core/interval-set";

export interface AcceptEntry {
  family: 4 | 6;
  src: AddressSet;
  dst: AddressSet;
  protos: string[];
  /** Undefined: any port (esp). */
  dports?: PortSet;
  sports?: PortSet;
  text: string;
}

export interface Readback {
  entries: AcceptEntry[];
  /** Policy of the chain the rules hook into. */
  policy: string | undefined;
  problems: string[];
}

function prefixSet(text: string): AddressSet {
  const parsed = parseAddress(text);
  if (!parsed.ok) throw new Error(`unparsable address ${text}`);
  return parsed.address.set;
}

function familyOfSet(set: AddressSet): 4 | 6 | undefined {
  const first = set.first();
  return first === undefined ? undefined : familyOf(first) === 6 ? 6 : 4;
}

// ------------------------------------------------------------------ nftables

function nftAddresses(value: any, sets: Map<string, AddressSet>): AddressSet {
  if (typeof value === "string") {
    if (value.startsWith("@")) {
      const set = sets.get(value.slice(1));
      if (!set) throw new Error(`unknown set ${value}`);
      return set;
    }
    return prefixSet(value);
  }
  if (value?.elem) return nftAddresses(value.elem.val, sets);
  if (value?.prefix) return prefixSet(`${value.prefix.addr}/${value.prefix.len}`);
  if (value?.range) {
    const lo = prefixSet(value.range[0]).first()!;
    const hi = prefixSet(value.range[1]).first()!;
    return IntervalSet.ofBigints([[lo, hi]]);
  }
  if (value?.set) return (value.set as any[]).reduce((acc: AddressSet, v) => acc.union(nftAddresses(v, sets)), IntervalSet.ofBigints());
  throw new Error(`unknown address value ${JSON.stringify(value)}`);
}

function nftPorts(value: any): PortSet {
  if (typeof value === "number") return IntervalSet.ofNumbers([[value, value]]);
  if (value?.range) return IntervalSet.ofNumbers([[value.range[0], value.range[1]]]);
  if (value?.set) return (value.set as any[]).reduce((acc: PortSet, v) => acc.union(nftPorts(v)), IntervalSet.ofNumbers());
  if (value?.elem) return nftPorts(value.elem.val);
  throw new Error(`unknown port value ${JSON.stringify(value)}`);
}

function protoNames(value: any): string[] {
  if (typeof value === "string") return [value];
  if (typeof value === "number") return [{ 6: "tcp", 17: "udp", 50: "esp" }[value] ?? String(value)];
  if (value?.set) return (value.set as any[]).flatMap(protoNames);
  throw new Error(`unknown protocol value ${JSON.stringify(value)}`);
}

export function readNftables(json: string, hook: "forward" | "input"): Readback {
  const items: any[] = JSON.parse(json).nftables;
  const sets = new Map<string, AddressSet>();
  for (const item of items) {
    if (!item.set) continue;
    const elems: any[] = item.set.elem ?? [];
    sets.set(item.set.name, elems.reduce((acc: AddressSet, v) => acc.union(nftAddresses(v, sets)), IntervalSet.ofBigints()));
  }
  const base = items.filter((i) => i.chain?.hook === hook);
  const problems: string[] = [];
  if (base.length !== 1) problems.push(`expected one chain hooked at ${hook}, found ${base.length}`);
  const chain = base[0]?.chain;
  const entries: AcceptEntry[] = [];
  for (const item of items) {
    const rule = item.rule;
    if (!rule || !chain || rule.chain !== chain.name || rule.table !== chain.table) continue;
    const exprs: any[] = rule.expr;
    const text = JSON.stringify(exprs);
    if (!exprs.some((e) => "accept" in e)) continue;
    // The stateful and host housekeeping rules: replies, loopback, neighbour discovery.
    if (exprs.some((e) => e.match?.left?.ct || e.match?.left?.meta?.key === "iifname" || e.match?.left?.payload?.protocol === "icmpv6")) continue;
    let family: 4 | 6 | undefined;
    let src: AddressSet | undefined;
    let dst: AddressSet | undefined;
    let protos: string[] | undefined;
    let dports: PortSet | undefined;
    let sports: PortSet | undefined;
    for (const e of exprs) {
      const m = e.match;
      if (!m) continue;
      if (m.op && m.op !== "==" && m.op !== "in") problems.push(`unexpected operator ${m.op} in ${text}`);
      const p = m.left?.payload;
      if (p && (p.protocol === "ip" || p.protocol === "ip6") && (p.field === "saddr" || p.field === "daddr")) {
        family = p.protocol === "ip" ? 4 : 6;
        const set = nftAddresses(m.right, sets);
        if (p.field === "saddr") src = set;
        else dst = set;
      } else if (p && (p.protocol === "ip" && p.field === "protocol" || p.protocol === "ip6" && p.field === "nexthdr")) {
        protos = protoNames(m.right);
      } else if (m.left?.meta?.key === "l4proto") {
        protos = protoNames(m.right);
      } else if (p && ["tcp", "udp", "th"].includes(p.protocol) && (p.field === "dport" || p.field === "sport")) {
        if (p.protocol !== "th") protos = protos ?? [p.protocol];
        if (p.field === "dport") dports = nftPorts(m.right);
        else sports = nftPorts(m.right);
      } else problems.push(`unrecognized match ${JSON.stringify(m)}`);
    }
    if (!family || !src || !dst || !protos) {
      problems.push(`accept rule without addresses or protocol: ${text}`);
      continue;
    }
    entries.push({ family, src, dst, protos, dports, sports, text: rule.comment ?? text });
  }
  return { entries, policy: chain?.policy, problems };
}

// ------------------------------------------------------------------ iptables

function shellWords(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] !== undefined ? m[1] : m[2]);
  return out;
}

function iptPorts(text: string): PortSet {
  return IntervalSet.ofNumbers(
    text.split(",").map((part) => {
      const [a, b] = part.split(":").map(Number);
      return [a, b ?? a] as [number, number];
    }),
  );
}

interface IptRule {
  chain: string;
  src?: string;
  dst?: string;
  proto?: string;
  dports?: PortSet;
  sports?: PortSet;
  target?: string;
  housekeeping: boolean;
  line: string;
}

export function readIptables(saved: string, family: 4 | 6, hook: "FORWARD" | "INPUT"): Readback {
  const problems: string[] = [];
  const rules: IptRule[] = [];
  let policy: string | undefined;
  let table = "";
  for (const line of saved.split("\n")) {
    if (line.startsWith("*")) table = line.slice(1);
    if (table !== "filter") continue;
    const head = line.match(/^:(\S+) (\S+)/);
    if (head && head[1] === hook) policy = head[2].toLowerCase();
    if (!line.startsWith("-A ")) continue;
    const w = shellWords(line);
    const rule: IptRule = { chain: w[1], housekeeping: false, line };
    for (let i = 2; i < w.length; i++) {
      const opt = w[i];
      const arg = w[i + 1];
      switch (opt) {
        case "-s": rule.src = arg; i++; break;
        case "-d": rule.dst = arg; i++; break;
        case "-p": rule.proto = arg === "ipv6-icmp" || arg === "icmpv6" ? "icmpv6" : arg; i++; break;
        case "-j": rule.target = arg; i++; break;
        case "--dport": case "--dports": rule.dports = iptPorts(arg); i++; break;
        case "--sport": case "--sports": rule.sports = iptPorts(arg); i++; break;
        case "-m": i++; break;
        case "--comment": i++; break;
        case "-i": case "--ctstate": case "--icmpv6-type": rule.housekeeping = true; i++; break;
        default: problems.push(`unrecognized option ${opt} in ${line}`);
      }
    }
    if (rule.proto === "icmpv6") rule.housekeeping = true;
    rules.push(rule);
  }
  const all = family === 4 ? "0.0.0.0/0" : "::/0";
  const entries: AcceptEntry[] = [];
  const emit = (jump: IptRule | undefined, r: IptRule) => {
    if (!r.proto) {
      problems.push(`accept without protocol: ${r.line}`);
      return;
    }
    const src = prefixSet(jump?.src ?? all).intersect(prefixSet(r.src ?? all));
    const dst = prefixSet(jump?.dst ?? all).intersect(prefixSet(r.dst ?? all));
    entries.push({ family, src, dst, protos: [r.proto], dports: r.dports, sports: r.sports, text: `${jump ? `${jump.line} => ` : ""}${r.line}` });
  };
  for (const r of rules.filter((x) => x.chain === hook && !x.housekeeping)) {
    if (r.target === "ACCEPT") emit(undefined, r);
    else if (r.target && !["DROP", "REJECT", "RETURN"].includes(r.target)) {
      for (const inner of rules.filter((x) => x.chain === r.target)) {
        if (inner.target === "ACCEPT") emit(r, inner);
        else if (inner.target !== "DROP" && inner.target !== "RETURN") problems.push(`nested jump not followed: ${inner.line}`);
      }
    }
  }
  return { entries, policy, problems };
}

// ------------------------------------------------------------------ comparison

export interface Expected {
  family: 4 | 6;
  src: AddressSet;
  dst: AddressSet;
  srcPrefixes: string[];
  dstPrefixes: string[];
  proto: string;
  dports?: PortSet;
  sports?: PortSet;
  what: string;
}

/** What the policy asks for, one entry per rule and family whose two ends have addresses (host peers have none). */
export function expectedEntries(policy: ExportPolicy): Expected[] {
  const out: Expected[] = [];
  for (const rule of policy.rules) {
    for (const family of [4, 6] as const) {
      const srcPrefixes = family === 4 ? rule.source.ipv4 : rule.source.ipv6;
      const dstPrefixes = family === 4 ? rule.destination.ipv4 : rule.destination.ipv6;
      if (!srcPrefixes.length || !dstPrefixes.length) continue;
      const union = (ps: string[]) => ps.reduce((acc: AddressSet, p) => acc.union(prefixSet(p)), IntervalSet.ofBigints());
      out.push({
        family,
        src: union(srcPrefixes),
        dst: union(dstPrefixes),
        srcPrefixes,
        dstPrefixes,
        proto: rule.protocol,
        dports: rule.protocol === "esp" ? undefined : IntervalSet.ofNumbers(rule.dstPorts),
        sports: rule.srcPorts ? IntervalSet.ofNumbers(rule.srcPorts) : undefined,
        what: `rule ${rule.index} (${rule.protocol} ${rule.source.name} -> ${rule.destination.name} ${rule.dstPorts.map(([a, b]) => (a === b ? a : `${a}-${b}`)).join(",")})`,
      });
    }
  }
  return out;
}

function samePorts(a: PortSet | undefined, b: PortSet | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.equals(b);
}

/** Differences between the policy and the ruleset read back; empty when they agree. */
export function compare(policy: ExportPolicy, read: Readback): string[] {
  const problems = [...read.problems];
  if (read.policy !== "drop") problems.push(`chain policy is ${read.policy}, not drop`);
  const entries = read.entries.filter((e) => !e.src.isEmpty && !e.dst.isEmpty);
  const expected = expectedEntries(policy);
  for (const want of expected) {
    for (const p of want.srcPrefixes) {
      for (const q of want.dstPrefixes) {
        const ps = prefixSet(p);
        const qs = prefixSet(q);
        const matching = entries.filter((e) => e.family === want.family && e.protos.includes(want.proto) && ps.isSubsetOf(e.src) && qs.isSubsetOf(e.dst) && samePorts(e.sports, want.sports));
        if (!matching.length) {
          problems.push(`missing: ${want.what} for ${p} -> ${q}`);
          continue;
        }
        if (want.dports) {
          const got = matching.reduce((acc: PortSet, e) => (e.dports ? acc.union(e.dports) : acc), IntervalSet.ofNumbers());
          // Other rules may cover the pair too (a catch-all source): the policy's ports must all be there.
          if (!want.dports.isSubsetOf(got)) problems.push(`ports missing: ${want.what} for ${p} -> ${q}: ruleset has ${JSON.stringify(got.ranges())}`);
        }
      }
    }
  }
  for (const e of entries) {
    for (const proto of e.protos) {
      const ok = expected.some((w) => w.family === e.family && w.proto === proto && e.src.isSubsetOf(w.src) && e.dst.isSubsetOf(w.dst) && samePorts(e.sports, w.sports) && (!w.dports || (e.dports !== undefined && e.dports.isSubsetOf(w.dports))));
      if (!ok) problems.push(`accepts what no policy rule asks for (${proto}): ${e.text}`);
    }
  }
  return problems;
}

export { familyOfSet };
