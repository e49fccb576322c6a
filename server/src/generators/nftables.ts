// nftables: one `inet` table, named sets per address object and family, a forward chain for
// a network firewall or an input chain for a host firewall. Scope `complete` writes its own
// table with a drop policy; scope `missing` adds sets to the existing table and inserts the
// rules at the top of the existing chain, so they act before anything that drops today.
import type { AddressObject, ExportPolicy, PortRange } from "../core/export-policy";
import type { GeneratedFile, Generator, GeneratorOptions } from "./generator";
import { commentsOf, mergeTcpUdp, ruleComment, ruleNote, rowsOf, type MergedRule } from "./netfilter-shared";
import { fileStem, headerLines, identifier, plainText } from "./text-safety";

type Family = "v4" | "v6";

/** nft keeps at most 128 bytes of a comment; plainText output is ASCII, so bytes = characters. */
const NFT_COMMENT_MAX = 128;

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
  const host = policy.firewall.kind === "host";
  const table = complete ? identifier(`pexnet_${policy.firewall.name}`) : identifier(options.placement?.table ?? "filter");
  const chain = identifier(options.placement?.chain ?? (host ? "input" : "forward"));
  // In a table of the team's own, our set names must not meet theirs.
  const sets = new SetNames(policy, complete ? "" : "pexnet_");
  const ruleLines = mergeTcpUdp(policy.rules).flatMap((rule) => ruleStatements(rule, sets));
  const comment = (text: string) => `comment "${plainText(text, NFT_COMMENT_MAX)}"`;

  const out: string[] = ["#!/usr/sbin/nft -f", ...headerLines(policy, options, "nftables").map((l) => `# ${l}`)];
  if (complete) {
    out.push(
      `# Load with nft -f: the file replaces its own table inet ${table} and leaves other tables alone.`,
      `# A packet this table accepts still meets the ${host ? "input" : "forward"} chains of other tables: a drop there wins.`,
      "",
      // Declare then delete: reloading the file replaces the table instead of doubling it.
      `table inet ${table}`,
      `delete table inet ${table}`,
      "",
      `table inet ${table} {`,
      ...sets.all().flatMap(setDeclaration),
      `\tchain ${chain} {`,
      `\t\ttype filter hook ${host ? "input" : "forward"} priority filter; policy drop;`,
    );
    if (host) {
      out.push('\t\tiifname "lo" accept');
      // Before the invalid-state drop: neighbour discovery is not a tracked connection.
      if (policy.ipv6) out.push(`\t\ticmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-solicit, nd-router-advert } accept ${comment("IPv6 neighbour discovery")}`);
    }
    out.push(
      `\t\tct state established,related accept ${comment("replies of allowed connections")}`,
      "\t\tct state invalid drop",
      ...ruleLines.map((line) => `\t\t${line}`),
      "\t}",
      "}",
    );
  } else {
    // The added rules live in a chain of their own, and one jump at the top of the
    // existing chain sends traffic through them before anything there can drop it.
    const own = identifier(`pexnet_${policy.firewall.name}_missing`);
    out.push(
      `# Load with nft -f into the existing table inet ${table}, chain ${chain}. Reloading replaces the`,
      `# sets and chain ${own}, but the last line adds one more jump each time: load it once, or`,
      `# delete the old jump first (find its handle with: nft -a list chain inet ${table} ${chain}).`,
      "# Replies pass only if the existing chain accepts ct state established,related.",
      "",
      "# Declared empty first so that the flush lines work on the first load too; declaring the",
      `# existing chain ${chain} leaves its hook, policy and rules as they are.`,
      `table inet ${table} {`,
      ...sets.all().flatMap((set) => setDeclaration({ ...set, elements: [], placeholderFor: undefined })),
      `\tchain ${own} {`,
      "\t}",
      `\tchain ${chain} {`,
      "\t}",
      "}",
      ...sets.all().map((set) => `flush set inet ${table} ${set.name}`),
      `flush chain inet ${table} ${own}`,
      "",
      `table inet ${table} {`,
      ...sets.all().filter((set) => set.elements.length || set.placeholderFor !== undefined).flatMap(setDeclaration),
      `\tchain ${own} {`,
      ...ruleLines.map((line) => `\t\t${line}`),
      "\t}",
      "}",
      "",
      `insert rule inet ${table} ${chain} jump ${own} ${comment("pexnet: required Pexip flows")}`,
    );
  }
  return `${out.join("\n")}\n`;
}

function setDeclaration(set: SetRef): string[] {
  const type = set.family === "v4" ? "ipv4_addr" : "ipv6_addr";
  const lines = [`\tset ${set.name} {`, `\t\ttype ${type}`, "\t\tflags interval"];
  if (set.placeholderFor !== undefined) lines.push(`\t\tcomment "${plainText(`FILL IN: the addresses of ${set.placeholderFor}`, NFT_COMMENT_MAX)}"`);
  if (set.elements.length) lines.push(`\t\telements = { ${set.elements.join(", ")} }`);
  lines.push("\t}");
  return lines;
}

/** One statement per pair of families (and per placeholder set) the rule's two ends share. */
function ruleStatements(rule: MergedRule, sets: SetNames): string[] {
  // The whole reason goes on a `#` line above; the rule's own comment keeps what fits.
  const out: string[] = [`# ${ruleNote(commentsOf(rule), rowsOf(rule))}`];
  const comment = ` comment "${ruleComment(commentsOf(rule), rowsOf(rule), NFT_COMMENT_MAX)}"`;
  const [protocol] = rule.protocols;
  // tcp and udp together match the transport header (`th`) after naming both protocols.
  const l4 = rule.protocols.length > 1 ? "th" : protocol;
  for (const src of sets.of(rule.source)) {
    for (const dst of sets.of(rule.destination)) {
      if (src.family !== dst.family) continue;
      const ip = src.family === "v4" ? "ip" : "ip6";
      const match = [`${ip} saddr @${src.name}`, `${ip} daddr @${dst.name}`];
      if (protocol === "esp") match.push("meta l4proto esp");
      else {
        if (l4 === "th") match.push("meta l4proto { tcp, udp }");
        if (rule.srcPorts) match.push(`${l4} sport ${portList(rule.srcPorts)}`);
        match.push(`${l4} dport ${portList(rule.dstPorts)}`);
      }
      out.push(`${match.join(" ")} accept${comment}`);
    }
  }
  // Such a rule can match no packet; say so rather than drop it without a word.
  if (out.length === 1) out.push("# Not written: its source and destination share no address family.");
  return out;
}

function portList(ranges: readonly PortRange[]): string {
  const items = ranges.map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}-${hi}`));
  return items.length === 1 ? items[0] : `{ ${items.join(", ")} }`;
}

/** Set names per address object: `<object>_v4`, `<object>_v6`, `<object>_host<n>_v4` ... */
class SetNames {
  private readonly byObject = new Map<AddressObject, SetRef[]>();
  private readonly used = new Set<string>();
  private readonly families: Family[];

  constructor(policy: ExportPolicy, private readonly prefix: string) {
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
    const base = identifier(`${this.prefix}${object.name}`, 40);
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
