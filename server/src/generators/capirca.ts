// Capirca / Aerleon: a policy file plus its naming definitions (def/NETWORK.net and
// def/SERVICES.svc), for `aclgen` to render into the targets the team runs. One network
// token per address object, one service token per port set, one term per rule.
//
// Targets: a host firewall renders to nftables (input hook) and pf; a network firewall to
// Juniper, Cisco and pf filters (capirca's nftables target has no forward hook). Capirca
// terms have no zones: the zones are named in each term's comment.
//
// A host peer has no addresses until the team adds them. Capirca reads an empty token as
// "any address", so a term whose end has no address at all is written commented out, with
// its token, to be enabled once the addresses are filled in.
import type { AddressObject, ExportPolicy, PolicyRule, PortRange } from "../core/export-policy";
import type { GeneratedFile, Generator, GeneratorOptions } from "./generator";
import { fileStem, fqdn, headerLines, identifier, plainText } from "./text-safety";

export const capircaGenerator: Generator = {
  id: "capirca",
  title: "Capirca / Aerleon policy",
  description: "A Capirca policy (.pol) with def/NETWORK.net and def/SERVICES.svc; render it with `aclgen` into nftables, pf, Juniper or Cisco filters.",
  languageId: "plaintext",
  render(policy: ExportPolicy, options: GeneratorOptions): GeneratedFile[] {
    const names = new Tokens();
    const pol = renderPolicy(policy, options, names);
    return [
      { name: `${fileStem(policy)}.pol`, text: pol },
      { name: "def/NETWORK.net", text: names.networkFile(policy, options) },
      { name: "def/SERVICES.svc", text: names.serviceFile(policy, options) },
    ];
  },
};

/** nft keeps at most 128 bytes of a comment, and capirca copies term comments into nft. */
const TERM_COMMENT_LENGTH = 120;

function renderPolicy(policy: ExportPolicy, options: GeneratorOptions, names: Tokens): string {
  const complete = policy.scope === "complete";
  const filter = identifier(`pexnet-${policy.firewall.name}`, 60, "-").toLowerCase();
  const family = policy.ipv6 ? "mixed" : "inet";
  const targets = policy.firewall.kind === "host"
    ? [`nftables ${family} INPUT${complete ? "" : " ACCEPT"}`, `packetfilter ${filter} in ${family}`]
    : [`juniper ${filter} ${family}`, `cisco ${filter} ${family === "inet" ? "extended" : family}`, `packetfilter ${filter} ${family}`];
  const out = headerLines(policy, options, "Capirca").map((l) => `# ${l}`);
  out.push(
    "# Render with: aclgen --base_directory=<folder of this file> --definitions_directory=def --output_directory=out",
    complete
      ? "# The last term denies the rest. nftables and pf keep state and let replies through; Juniper and Cisco filters are stateless: replies need their own terms there."
      : "# Copy the terms into the existing policy ahead of its deny terms (the header only lets this file render alone).",
  );
  if (policy.firewall.kind === "network" && policy.firewall.zones.length) {
    out.push(`# Zones (named in each term's comment): ${policy.firewall.zones.map((z) => plainText(z, 60)).join(", ")}`);
  }
  out.push("", "header {", `  comment:: "${plainText(`pexnet ${policy.firewall.name} ${policy.scope}`, TERM_COMMENT_LENGTH)}"`);
  for (const target of targets) out.push(`  target:: ${target}`);
  out.push("}", "");
  const terms = policy.rules.map((rule) => term(rule, names));
  for (const lines of terms) out.push(...lines, "");
  if (!complete && !terms.some((lines) => lines.some((l) => l.startsWith("term ")))) {
    // aclgen refuses a policy without terms, and ignores `platform::` on nftables: an inert
    // deny term (0.0.0.0 is never a source or destination on the wire) keeps it renderable.
    out.push("# No active rule: this inert term only keeps the file renderable; do not copy it.", "term pexnet-no-rules {", '  comment:: "pexnet: nothing to add"', `  source-address:: ${names.inert()}`, `  destination-address:: ${names.inert()}`, "  action:: deny", "}", "");
  }
  if (complete) out.push("term default-deny {", '  comment:: "pexnet: deny everything else"', "  action:: deny", "}", "");
  return out.join("\n");
}

function term(rule: PolicyRule, names: Tokens): string[] {
  const zones = rule.fromZone || rule.toZone ? ` (zones ${rule.fromZone ?? "any"} to ${rule.toZone ?? "any"})` : "";
  const source = names.network(rule.source);
  const destination = names.network(rule.destination);
  const body = [
    `term pexnet-${rule.index} {`,
    `  comment:: "${plainText(`${rule.comment} (rows ${rule.rows.join(", ")})`, TERM_COMMENT_LENGTH)}"`,
    `  source-address:: ${source.token}`,
    `  destination-address:: ${destination.token}`,
    `  protocol:: ${rule.protocol}`,
  ];
  if (rule.srcPorts && rule.protocol !== "esp") body.push(`  source-port:: ${names.service(rule.protocol, rule.srcPorts)}`);
  if (rule.protocol !== "esp") body.push(`  destination-port:: ${names.service(rule.protocol, rule.dstPorts)}`);
  body.push("  action:: accept", "}");
  const out = [`# pexnet-${rule.index}: ${plainText(`${rule.comment}${zones} (pexnet rows: ${rule.rows.join(", ")})`, 1000)}`];
  if (source.empty || destination.empty) {
    out.push("# DISABLED until the host addresses are filled in def/NETWORK.net: capirca would read an empty token as any address.");
    return [...out, ...body.map((l) => `# ${l}`)];
  }
  return [...out, ...body];
}

function ports(protocol: string, ranges: PortRange[]): string[] {
  return ranges.map(([lo, hi]) => `${lo === hi ? lo : `${lo}-${hi}`}/${protocol}`);
}

/**
 * Token names in upper case: capirca's lexer reserves lower-case keywords (and DSCP names
 * such as `be` or `af11`), which upper case never meets.
 */
class Tokens {
  private readonly networks = new Map<AddressObject, { token: string; empty: boolean }>();
  private readonly services = new Map<string, string[]>();
  private readonly used = new Set<string>();
  private inertToken?: string;

  network(object: AddressObject): { token: string; empty: boolean } {
    let found = this.networks.get(object);
    if (!found) {
      const token = this.free(identifier(object.name, 50, "-").toUpperCase());
      found = { token, empty: object.ipv4.length + object.ipv6.length === 0 };
      this.networks.set(object, found);
    }
    return found;
  }

  /** A token for `0.0.0.0/32`, which matches no packet on the wire. */
  inert(): string {
    if (!this.inertToken) this.inertToken = this.free("PEXNET_NO_ADDRESS");
    return this.inertToken;
  }

  service(protocol: string, ranges: PortRange[]): string {
    const values = ports(protocol, ranges);
    const token = identifier(`${protocol}_${values.map((v) => v.replace(/\/.*/, "")).join("_")}`, 60, "-").toUpperCase();
    this.services.set(token, values);
    return token;
  }

  networkFile(policy: ExportPolicy, options: GeneratorOptions): string {
    const out = headerLines(policy, options, "Capirca network definitions").map((l) => `# ${l}`);
    for (const [object, { token, empty }] of this.networks) {
      out.push("", `# ${plainText(`${object.name}: ${object.description}`, 200)}`);
      const hostNotes = object.hosts.map((h) => `# FILL IN the addresses of host ${fqdn(h) ?? `${plainText(h, 200)} (not a valid host name)`}, one per line`);
      if (empty) {
        out.push(...hostNotes, `# ${token} =`);
        continue;
      }
      const values = [...object.ipv4, ...object.ipv6];
      values.forEach((v, i) => out.push(i === 0 ? `${token} = ${v}` : `${" ".repeat(token.length + 3)}${v}`));
      out.push(...hostNotes);
    }
    if (this.inertToken) out.push("", "# Matches nothing: keeps a policy without active rules renderable", `${this.inertToken} = 0.0.0.0/32`);
    return `${out.join("\n")}\n`;
  }

  serviceFile(policy: ExportPolicy, options: GeneratorOptions): string {
    const out = headerLines(policy, options, "Capirca service definitions").map((l) => `# ${l}`);
    out.push("");
    for (const [token, values] of this.services) out.push(`${token} = ${values.join(" ")}`);
    return `${out.join("\n")}\n`;
  }

  private free(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.used.has(name); n++) name = `${wanted}_${n}`;
    this.used.add(name);
    return name;
  }
}
