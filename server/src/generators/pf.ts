// pf (OpenBSD/FreeBSD packet filter): one table per address object (IPv4 and IPv6 mixed, as
// pf allows) and one `pass quick ... keep state` per rule. Scope `complete` is a whole
// pf.conf that blocks first and passes after (quick, so the first matching pass decides);
// scope `missing` is an anchor file the team loads with `pfctl -a <anchor> -f <file>`.
//
// A network firewall's rules carry no interface: every rule pins both the source and the
// destination addresses, and a rule without a direction passes the forwarded packet both in
// on the ingress interface and out on the egress one. Interface macros named after the
// zones are listed, commented out, for a team that wants to tighten rules further; a
// guessed interface would silently drop the flows.
import type { AddressObject, ExportPolicy, PolicyRule, PortRange } from "../core/export-policy";
import type { GeneratedFile, Generator, GeneratorOptions } from "./generator";
import { fileStem, fqdn, headerLines, identifier, plainText } from "./text-safety";

export const pfGenerator: Generator = {
  id: "pf",
  title: "pf (pf.conf or anchor)",
  description: "A pf.conf for `pfctl -f` (complete scope), or an anchor file for `pfctl -a pexnet-<firewall> -f` (missing scope).",
  languageId: "plaintext",
  render(policy: ExportPolicy, options: GeneratorOptions): GeneratedFile[] {
    return [{ name: `${fileStem(policy)}.pf.conf`, text: renderPf(policy, options) }];
  },
};

/** The anchor name used for scope `missing`: letters, digits, `-` and `_` only. */
export function pfAnchorName(policy: ExportPolicy): string {
  return identifier(`pexnet-${policy.firewall.name}`, 60, "-");
}

export function renderPf(policy: ExportPolicy, options: GeneratorOptions): string {
  const complete = policy.scope === "complete";
  const host = policy.firewall.kind === "host";
  const tables = new TableNames();
  const out: string[] = headerLines(policy, options, "pf").map((l) => `# ${l}`);
  if (complete) {
    out.push("# Load with: pfctl -nf <this file> (check), then pfctl -f <this file>.");
  } else {
    const anchor = pfAnchorName(policy);
    out.push(
      `# An anchor: add the line  anchor "${anchor}"  to pf.conf ahead of the rules that block,`,
      `# then load this file with: pfctl -a ${anchor} -f <this file>`,
      "# The rules are quick, so a match here ends the evaluation with a pass.",
    );
  }
  if (!host && policy.firewall.zones.length) {
    out.push("#", "# Rules carry no interface: the addresses of both ends pin each flow. To tighten, map each", "# zone to its interface and add  on $<macro>  to the rules that name the zone:");
    for (const zone of policy.firewall.zones) out.push(`# ${identifier(`zone_${zone}_if`, 60)} = "em0"  # map zone ${plainText(zone, 120)} to its interface`);
  }

  const ruleLines = policy.rules.flatMap((rule) => passRule(rule, tables, host));
  out.push("", ...tables.declarations(), "");
  if (complete) {
    out.push("set skip on lo", "");
    if (host) {
      out.push("# Inbound is blocked unless a rule passes it. The outgoing connections of the host stay open.");
      out.push("# pf is stateful: keep state lets the replies of passed connections through.");
      out.push("block in all");
      if (policy.ipv6) out.push("pass quick inet6 proto icmp6 icmp6-type { neighbrsol, neighbradv, routersol, routeradv }  # IPv6 neighbour discovery");
    } else {
      out.push("# Everything is blocked unless a rule passes it. keep state lets the replies through.");
      out.push("block all");
    }
    out.push("");
  }
  out.push(...ruleLines);
  return `${out.join("\n")}\n`;
}

function passRule(rule: PolicyRule, tables: TableNames, host: boolean): string[] {
  const zones = rule.fromZone || rule.toZone ? ` (zones ${rule.fromZone ?? "any"} to ${rule.toZone ?? "any"})` : "";
  const parts = [host ? "pass in quick" : "pass quick", `proto ${rule.protocol}`, `from <${tables.of(rule.source)}>`];
  if (rule.srcPorts && rule.protocol !== "esp") parts.push(`port ${portList(rule.srcPorts)}`);
  parts.push(`to <${tables.of(rule.destination)}>`);
  if (rule.protocol !== "esp") parts.push(`port ${portList(rule.dstPorts)}`);
  parts.push("keep state");
  return [
    `# pexnet-${rule.index}: ${plainText(`${rule.comment}${zones} (pexnet rows: ${rule.rows.join(", ")})`, 1000)}`,
    `${parts.join(" ")}  # ${plainText(rule.comment, 120)}`,
  ];
}

/** pf port ranges are inclusive `lo:hi`; several go in braces. */
export function portList(ranges: PortRange[]): string {
  const items = ranges.map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}:${hi}`));
  return items.length === 1 ? items[0] : `{ ${items.join(", ")} }`;
}

/** One table per address object; pf table names are at most 31 characters. */
class TableNames {
  private readonly byObject = new Map<AddressObject, string>();
  private readonly used = new Set<string>();

  of(object: AddressObject): string {
    let name = this.byObject.get(object);
    if (!name) {
      const wanted = identifier(object.name, 27);
      name = wanted;
      for (let n = 2; this.used.has(name); n++) name = `${wanted}_${n}`;
      this.used.add(name);
      this.byObject.set(object, name);
    }
    return name;
  }

  declarations(): string[] {
    const out: string[] = [];
    for (const [object, name] of this.byObject) {
      // pfctl resolves host names in a table when it loads the file; anything that is not a
      // valid host name stays out, with a note to fill in its addresses.
      const hosts = object.hosts.map((h) => fqdn(h));
      const elements = [...object.ipv4, ...object.ipv6, ...hosts.filter((h): h is string => h !== undefined)];
      out.push(`# ${plainText(`${object.name}: ${object.description}`, 200)}`);
      object.hosts.forEach((h, i) => {
        if (hosts[i] === undefined) out.push(`# FILL IN: the addresses of host ${plainText(h, 200)} (not a valid host name)`);
      });
      if (object.hosts.length && hosts.some((h) => h !== undefined)) out.push("# pfctl resolves the host names below when it loads the file");
      out.push(elements.length ? `table <${name}> { ${elements.join(", ")} }` : `table <${name}> persist  # FILL IN the addresses`);
    }
    return out;
  }
}
