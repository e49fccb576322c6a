// nftables: one `inet` table, named sets per address object and family, a forward chain for
// a network firewall or an input chain for a host firewall. Scope `complete` writes its own
// table with a drop policy; scope `missing` adds sets to the existing table and inserts the
// rules at the top of the existing chain, so they act before anything that drops today.
import type { AddressObject, ExportPolicy, PolicyRule } from "../core/export-policy";
import type { GeneratedFile, Generator, GeneratorOptions } from "./generator";
import { fileStem, headerLines, identifier, plainText } from "./text-safety";

type Family = "v4" | "v6";

interface SetRef {
  name: string;
  family: Family;
  elements: string[];
  /** A host peer's addresses are unknown: an empty set the team fills in. */
  placeholderFor?: string;
}

export const nftablesGenerator: Generator = {
  id: "nftables",
  title: "nftables (inet table)",
  description: "An nftables ruleset for `nft -f`: named sets, a forward chain for a network firewall or an input chain for a host firewall.",
  languageId: "plaintext",
  render(policy: ExportPolicy, options: GeneratorOptions): GeneratedFile[] {
    return [{ name: `${fileStem(policy)}.nft`, text: renderNftables(policy, options) }];
  },
};

export function renderNftables(policy: ExportPolicy, options: GeneratorOptions): string {
  const complete = policy.scope === "complete";
  const table = complete ? identifier(`pexnet_${policy.firewall.name}`) : identifier(options.placement?.table ?? "filter");
  const chain = identifier(options.placement?.chain ?? (policy.firewall.kind === "host" ? "input" : "forward"));
  const sets = new SetNames(policy);
  const ruleLines = policy.rules.flatMap((rule) => ruleStatements(rule, sets));

  const out: string[] = ["#!/usr/sbin/nft -f", ...headerLines(policy, options, "nftables").map((l) => `# ${l}`), ""];
  if (complete) {
    // Declare then delete: reloading the file replaces the table instead of doubling it.
    out.push(`table inet ${table}`, `delete table inet ${table}`, "");
  }
  out.push(`table inet ${table} {`);
  for (const set of sets.all()) out.push(...setDeclaration(set));
  if (complete) {
    const hook = policy.firewall.kind === "host" ? "input" : "forward";
    out.push(`\tchain ${chain} {`, `\t\ttype filter hook ${hook} priority filter; policy drop;`, "\t\tct state established,related accept", "\t\tct state invalid drop");
    if (policy.firewall.kind === "host") {
      out.push('\t\tiifname "lo" accept');
      if (policy.ipv6) out.push('\t\ticmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-solicit, nd-router-advert } accept comment "IPv6 neighbour discovery"');
    }
    out.push(...ruleLines.map((line) => `\t\t${line}`), "\t}", "}");
  } else {
    // The added rules live in a chain of their own, and one jump at the top of the
    // existing chain sends traffic through them before anything there can drop it.
    const own = identifier(`pexnet_${policy.firewall.name}_missing`);
    out.push(`\tchain ${own} {`, ...ruleLines.map((line) => `\t\t${line}`), "\t}", `\tchain ${chain} {`, "\t}", "}", "");
    out.push(`insert rule inet ${table} ${chain} jump ${own} comment "pexnet: required Pexip flows"`);
  }
  return `${out.join("\n")}\n`;
}

function setDeclaration(set: SetRef): string[] {
  const type = set.family === "v4" ? "ipv4_addr" : "ipv6_addr";
  const lines = [`\tset ${set.name} {`, `\t\ttype ${type}`, "\t\tflags interval"];
  if (set.placeholderFor !== undefined) lines.push(`\t\tcomment "FILL IN: the addresses of ${plainText(set.placeholderFor, 200)}"`);
  if (set.elements.length) lines.push(`\t\telements = { ${set.elements.join(", ")} }`);
  lines.push("\t}");
  return lines;
}

/** One statement per pair of families (and per placeholder set) the rule's two ends share. */
function ruleStatements(rule: PolicyRule, sets: SetNames): string[] {
  // nft keeps at most 128 bytes of comment in the ruleset: the whole reason goes on a
  // `#` line above, and the rule's own comment keeps its start.
  const out: string[] = [`# ${plainText(`${rule.comment} (pexnet rows: ${rule.rows.join(", ")})`, 1000)}`];
  const comment = ` comment "${plainText(rule.comment, 120)}"`;
  for (const src of sets.of(rule.source)) {
    for (const dst of sets.of(rule.destination)) {
      if (src.family !== dst.family) continue;
      const ip = src.family === "v4" ? "ip" : "ip6";
      const match = [`${ip} saddr @${src.name}`, `${ip} daddr @${dst.name}`];
      if (rule.protocol === "esp") match.push(src.family === "v4" ? "ip protocol esp" : "meta l4proto esp");
      else {
        if (rule.srcPorts) match.push(`${rule.protocol} sport ${portList(rule.srcPorts)}`);
        match.push(`${rule.protocol} dport ${portList(rule.dstPorts)}`);
      }
      out.push(`${match.join(" ")} accept${comment}`);
    }
  }
  return out.length > 1 ? out : [];
}

function portList(ranges: [number, number][]): string {
  const items = ranges.map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}-${hi}`));
  return items.length === 1 ? items[0] : `{ ${items.join(", ")} }`;
}

/** Set names per address object: `<object>_v4`, `<object>_v6`, `<object>_host_<n>_v4` ... */
class SetNames {
  private readonly byObject = new Map<AddressObject, SetRef[]>();
  private readonly used = new Set<string>();

  private readonly families: Family[];

  constructor(policy: ExportPolicy) {
    this.families = policy.ipv6 ? ["v4", "v6"] : ["v4"];
    for (const rule of policy.rules) {
      this.of(rule.source);
      this.of(rule.destination);
    }
  }

  of(object: AddressObject): SetRef[] {
    let refs = this.byObject.get(object);
    if (refs) return refs;
    refs = [];
    const base = identifier(object.name, 40);
    if (object.ipv4.length) refs.push({ name: this.free(`${base}_v4`), family: "v4", elements: object.ipv4 });
    if (object.ipv6.length) refs.push({ name: this.free(`${base}_v6`), family: "v6", elements: object.ipv6 });
    object.hosts.forEach((host, i) => {
      for (const family of this.families) {
        refs!.push({ name: this.free(`${base}_host${i + 1}_${family}`), family, elements: [], placeholderFor: host });
      }
    });
    this.byObject.set(object, refs);
    return refs;
  }

  all(): SetRef[] {
    return [...this.byObject.values()].flat();
  }

  private free(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.used.has(name); n++) name = `${wanted}_${n}`;
    this.used.add(name);
    return name;
  }
}
