// iptables: files for iptables-restore (IPv4) and ip6tables-restore (IPv6), one per family.
// iptables has no address sets without ipset, so each pair of address objects gets a user
// chain holding that pair's port rules, and one jump line per pair matches the addresses
// (comma lists, which iptables expands into one kernel rule per address pair).
import type { AddressObject, ExportPolicy, PolicyRule, PortRange } from "../core/export-policy";
import type { GeneratedFile, Generator, GeneratorOptions } from "./generator";
import { ruleComment, ruleNote } from "./netfilter-shared";
import { fileStem, fqdn, headerLines, identifier, plainText } from "./text-safety";

type Family = "v4" | "v6";

/** The comment match keeps 255 characters; iptables chain names are at most 28. */
const COMMENT_MAX = 240;
const CHAIN_MAX = 28;
/** multiport takes 15 ports, a range counting as two. */
const MULTIPORT_SLOTS = 15;
/** Addresses per `-s`/`-d` list, to keep lines well inside iptables-restore's line buffer. */
const ADDRESSES_PER_LINE = 16;
const JUMP_COMMENT = "pexnet: required Pexip flows";

export const iptablesGenerator: Generator = {
  id: "iptables",
  title: "iptables (iptables-restore files)",
  description: "Files for iptables-restore and ip6tables-restore (rules.v4, rules.v6): a user chain per address pair holding its port rules.",
  languageId: "plaintext",
  render(policy: ExportPolicy, options: GeneratorOptions): GeneratedFile[] {
    const stem = fileStem(policy);
    const files = [{ name: `${stem}.rules.v4`, text: renderIptables(policy, options, "v4") }];
    if (policy.ipv6) files.push({ name: `${stem}.rules.v6`, text: renderIptables(policy, options, "v6") });
    return files;
  },
};

interface Pair {
  source: AddressObject;
  destination: AddressObject;
  rules: PolicyRule[];
}

export function renderIptables(policy: ExportPolicy, options: GeneratorOptions, family: Family): string {
  const complete = policy.scope === "complete";
  const host = policy.firewall.kind === "host";
  const tool = family === "v4" ? "iptables-restore" : "ip6tables-restore";
  const hook = builtinChain(options.placement?.chain) ?? (host ? "INPUT" : "FORWARD");
  const names = new ChainNames();
  const parent = complete ? hook : names.take(`PEXNET-${policy.firewall.name}`);
  const comment = (text: string) => `-m comment --comment "${plainText(text, COMMENT_MAX)}"`;

  const header = headerLines(policy, options, family === "v4" ? "iptables (IPv4)" : "ip6tables (IPv6)").map((l) => `# ${l}`);
  if (complete) {
    header.push(
      `# Apply with: ${tool} < FILE. It replaces the whole filter table (as /etc/iptables/rules.${family} does):`,
      host
        ? "# INPUT drops by default and FORWARD drops (a host firewall does not route); OUTPUT accepts."
        : "# FORWARD drops by default; INPUT and OUTPUT accept: add your rules for the firewall's own services.",
      "# Replies of allowed connections pass by connection tracking (ESTABLISHED,RELATED).",
    );
    if (family === "v4" && !policy.ipv6) header.push("# The deployment has no IPv6 addresses, so there is no rules.v6: set ip6tables policies to DROP yourself.");
  } else {
    header.push(
      `# Apply with: ${tool} --noflush < FILE. It adds chain ${parent} (and one chain per address pair),`,
      `# replacing them on a reload, and inserts a jump to it at the top of ${hook}.`,
      `# A reload adds another jump, so delete the old one first:`,
      `#   ${family === "v4" ? "iptables" : "ip6tables"} -D ${hook} ${comment(JUMP_COMMENT)} -j ${parent}`,
      `# Replies pass only if ${hook} already accepts -m conntrack --ctstate ESTABLISHED,RELATED.`,
    );
  }

  const allPairs = pairsOf(policy.rules);
  const pairs = allPairs.filter((p) => present(p.source, family) && present(p.destination, family));
  const declarations: string[] = [];
  const body: string[] = [];
  if (family === "v4") {
    // Such rules can match no packet in either file; say so rather than drop them without a word.
    const families: Family[] = policy.ipv6 ? ["v4", "v6"] : ["v4"];
    const unwritten = allPairs.filter((p) => !families.some((f) => present(p.source, f) && present(p.destination, f)));
    for (const rule of unwritten.flatMap((p) => p.rules)) body.push("", `# ${ruleNote([rule.comment], rule.rows)}`, "# Not written: its source and destination share no address family.");
  }
  let hostChains = 0;
  for (const pair of pairs) {
    const chain = names.take(`PX_${pair.source.name}_${pair.destination.name}`);
    const what = `from ${pair.source.description} to ${pair.destination.description}`;
    declarations.push(`:${chain} - [0:0]`);
    body.push("", `# ${plainText(`${chain}: ${what}`, 2000)}`);
    const sources = sides(pair.source, family);
    const destinations = sides(pair.destination, family);
    for (const src of sources) {
      for (const dst of destinations) {
        if (src.prefixes && dst.prefixes) {
          for (const s of chunks(src.prefixes, ADDRESSES_PER_LINE)) {
            for (const d of chunks(dst.prefixes, ADDRESSES_PER_LINE)) body.push(`-A ${parent} -s ${s.join(",")} -d ${d.join(",")} ${comment(what)} -j ${chain}`);
          }
          continue;
        }
        // A host peer: iptables matches addresses only (a name given to iptables resolves
        // once, at load time), so an empty chain stands in for it until the team fills it.
        const placeholder = `PEXNET_HOST_${++hostChains}`;
        const hosts = [src.host, dst.host].filter((h): h is string => h !== undefined).map(hostText);
        declarations.push(`:${placeholder} - [0:0]`);
        const known = [src.prefixes ? `-s ${src.prefixes.join(",")}` : "", dst.prefixes ? `-d ${dst.prefixes.join(",")}` : ""].filter(Boolean);
        const template = [src.host !== undefined ? "-s ADDRESS" : "", dst.host !== undefined ? "-d ADDRESS" : ""].filter(Boolean);
        body.push(
          `# FILL IN: ${placeholder} stands for ${plainText(hosts.join(" and "), 600)}; it is empty and allows nothing until you`,
          `# add one line per ${family === "v4" ? "IPv4" : "IPv6"} address of the host, such as: -A ${placeholder} ${template.join(" ")} -j ${chain}`,
          // Long prefix lists on one line are fine here: the placeholder jump is one per host.
          `-A ${parent} ${[...known, comment(`FILL IN ${placeholder}: ${hosts.join(" and ")}`)].join(" ")} -j ${placeholder}`,
        );
      }
    }
    for (const rule of pair.rules) {
      body.push(`# ${ruleNote([rule.comment], rule.rows)}`);
      const text = comment(ruleComment([rule.comment], rule.rows, COMMENT_MAX));
      for (const match of protocolMatches(rule)) body.push(`-A ${chain} ${match} ${text} -j ACCEPT`);
    }
  }

  const out = [...header, "", "*filter"];
  if (complete) out.push(`:INPUT ${host ? "DROP" : "ACCEPT"} [0:0]`, `:FORWARD DROP [0:0]`, ":OUTPUT ACCEPT [0:0]");
  else out.push(`:${parent} - [0:0]`);
  out.push(...declarations);
  if (complete) {
    if (host) {
      out.push(`-A ${parent} -i lo -j ACCEPT`);
      // Before the INVALID drop: neighbour discovery is not a tracked connection.
      if (family === "v6") {
        for (const type of ["neighbour-solicitation", "neighbour-advertisement", "router-solicitation", "router-advertisement"]) {
          out.push(`-A ${parent} -p ipv6-icmp -m icmp6 --icmpv6-type ${type} ${comment("IPv6 neighbour discovery")} -j ACCEPT`);
        }
      }
    }
    out.push(
      `-A ${parent} -m conntrack --ctstate ESTABLISHED,RELATED ${comment("replies of allowed connections")} -j ACCEPT`,
      `-A ${parent} -m conntrack --ctstate INVALID -j DROP`,
    );
  }
  out.push(...body);
  if (!complete) out.push("", `-I ${hook} 1 ${comment(JUMP_COMMENT)} -j ${parent}`);
  out.push("COMMIT");
  return `${out.join("\n")}\n`;
}

/** Builtin chain names as nftables spells them (`forward`) map to iptables' (`FORWARD`). */
function builtinChain(chain: string | undefined): string | undefined {
  if (chain === undefined) return undefined;
  const upper = chain.toUpperCase();
  return ["INPUT", "FORWARD", "OUTPUT"].includes(upper) ? upper : identifier(chain, CHAIN_MAX, "-");
}

function pairsOf(rules: readonly PolicyRule[]): Pair[] {
  const pairs: Pair[] = [];
  for (const rule of rules) {
    const pair = pairs.find((p) => p.source === rule.source && p.destination === rule.destination);
    if (pair) pair.rules.push(rule);
    else pairs.push({ source: rule.source, destination: rule.destination, rules: [rule] });
  }
  return pairs;
}

function present(object: AddressObject, family: Family): boolean {
  return (family === "v4" ? object.ipv4 : object.ipv6).length > 0 || object.hosts.length > 0;
}

/** What one end of a pair is in a family: its prefixes (one side), and each host peer (one side each). */
function sides(object: AddressObject, family: Family): { prefixes?: string[]; host?: string }[] {
  const prefixes = family === "v4" ? object.ipv4 : object.ipv6;
  return [...(prefixes.length ? [{ prefixes }] : []), ...object.hosts.map((host) => ({ host }))];
}

function hostText(host: string): string {
  return fqdn(host) ?? `${plainText(host, 100)} (not a valid host name)`;
}

/** `-p tcp --sport ... --dport ...` and friends: one line per group of at most 15 ports each way. */
function protocolMatches(rule: PolicyRule): string[] {
  if (rule.protocol === "esp") return ["-p esp"];
  const dst = portGroups(rule.dstPorts).map((g) => portMatch(g, "d"));
  const src = rule.srcPorts ? portGroups(rule.srcPorts).map((g) => portMatch(g, "s")) : [""];
  // The protocol's own --sport/--dport go first: after `-m multiport` they would be read as its options.
  const singlesFirst = (a: string, b: string) => Number(a.startsWith("-m")) - Number(b.startsWith("-m"));
  return src.flatMap((s) => dst.map((d) => [`-p ${rule.protocol}`, ...[s, d].filter(Boolean).sort(singlesFirst)].join(" ")));
}

function portMatch(group: PortRange[], side: "s" | "d"): string {
  const items = group.map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}:${hi}`));
  return items.length === 1 ? `--${side}port ${items[0]}` : `-m multiport --${side}ports ${items.join(",")}`;
}

function portGroups(ranges: readonly PortRange[]): PortRange[][] {
  const groups: PortRange[][] = [];
  let current: PortRange[] = [];
  let slots = 0;
  for (const range of ranges) {
    const cost = range[0] === range[1] ? 1 : 2;
    if (slots + cost > MULTIPORT_SLOTS) {
      groups.push(current);
      current = [];
      slots = 0;
    }
    current.push(range);
    slots += cost;
  }
  if (current.length) groups.push(current);
  return groups;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Distinct chain names of at most 28 characters (a cut name keeps a hash of the whole). */
class ChainNames {
  private readonly used = new Set<string>(["INPUT", "FORWARD", "OUTPUT"]);

  take(wanted: string): string {
    const base = identifier(wanted, CHAIN_MAX, "-");
    let name = base;
    for (let n = 2; this.used.has(name); n++) name = `${identifier(wanted, CHAIN_MAX - String(n).length - 1, "-")}-${n}`;
    this.used.add(name);
    return name;
  }
}
