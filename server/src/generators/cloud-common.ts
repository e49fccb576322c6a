// Shared by the cloud generators (AWS, Azure, Google Cloud): address families, placeholders
// for host peers (cloud firewalls take no host names), port texts, unique names, and a
// small HCL writer whose output is already in `terraform fmt` layout.
import type { AddressObject, ExportPolicy, PolicyRule, PortRange } from "../core/export-policy";
import { fqdn, identifier, plainText, shortHash } from "./text-safety";

export type Family = "ipv4" | "ipv6";

/** A host peer's addresses for one family: the team fills them in (a variable or parameter). */
export interface HostSlot {
  object: AddressObject;
  /** The host name as written, for words only (plainText it). */
  host: string;
  /** False when the host name is not a valid FQDN: the placeholder says so. */
  valid: boolean;
  family: Family;
  /** Unique snake_case name: `host_<object>_<n>_<family>_cidrs`. */
  name: string;
}

/** One end of a rule in one family: literal prefixes or a host placeholder. */
export interface Endpoint {
  family: Family;
  cidrs: string[];
  slot?: HostSlot;
}

/** The (source, destination) endpoint pairs of a rule that share a family. */
export interface EndpointPair {
  family: Family;
  source: Endpoint;
  destination: Endpoint;
}

export class HostSlots {
  private readonly byObject = new Map<AddressObject, HostSlot[]>();
  private readonly names = new UniqueNames();

  constructor(private readonly policy: ExportPolicy) {}

  of(object: AddressObject): HostSlot[] {
    let slots = this.byObject.get(object);
    if (slots) return slots;
    slots = [];
    const families: Family[] = this.policy.ipv6 ? ["ipv4", "ipv6"] : ["ipv4"];
    object.hosts.forEach((host, i) => {
      for (const family of families) {
        const name = this.names.take(`host_${identifier(object.name, 40)}_${i + 1}_${family}_cidrs`);
        slots!.push({ object, host, valid: fqdn(host) !== undefined, family, name });
      }
    });
    this.byObject.set(object, slots);
    return slots;
  }

  /** Every slot, in the order first asked for. */
  all(): HostSlot[] {
    return [...this.byObject.values()].flat();
  }

  endpoints(object: AddressObject): Endpoint[] {
    const out: Endpoint[] = [];
    if (object.ipv4.length) out.push({ family: "ipv4", cidrs: object.ipv4 });
    if (object.ipv6.length) out.push({ family: "ipv6", cidrs: object.ipv6 });
    for (const slot of this.of(object)) out.push({ family: slot.family, cidrs: [], slot });
    return out;
  }

  pairs(rule: PolicyRule): EndpointPair[] {
    const out: EndpointPair[] = [];
    for (const source of this.endpoints(rule.source)) {
      for (const destination of this.endpoints(rule.destination)) {
        if (source.family === destination.family) out.push({ family: source.family, source, destination });
      }
    }
    return out;
  }
}

/** What a placeholder stands for, in inert words. */
export function slotText(slot: HostSlot): string {
  const host = slot.valid ? slot.host : `an invalid host name (${slot.host})`;
  return plainText(`FILL IN: the ${slot.family === "ipv4" ? "IPv4" : "IPv6"} prefixes of ${host}, host peer ${slot.object.name}; empty means no rule`, 240);
}

/** A rule's description: the flows, then the catalog rows when room allows. */
export function ruleText(rule: PolicyRule, maxLength: number): string {
  const full = plainText(`${rule.comment} (pexnet rows: ${rule.rows.join(", ")})`, 100000);
  return full.length <= maxLength ? full : plainText(rule.comment, maxLength);
}

/** `5060-5061` or `443`. */
export function portText([lo, hi]: PortRange, separator = "-"): string {
  return lo === hi ? String(lo) : `${lo}${separator}${hi}`;
}

/** Hands out names once: a taken name gets `_2`, `_3`, ... (or the given separator). */
export class UniqueNames {
  private readonly used = new Set<string>();
  constructor(private readonly separator = "_") {}
  take(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.used.has(name.toLowerCase()); n++) name = `${wanted}${this.separator}${n}`;
    this.used.add(name.toLowerCase());
    return name;
  }
}

/** A Google Cloud resource name: [a-z]([-a-z0-9]{0,61}[a-z0-9])?, cut with a hash when long. */
export function gcpName(text: string, maxLength = 63): string {
  let name = text.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/-+/g, "-").replace(/^-+|-+$/g, "");
  if (!/^[a-z]/.test(name)) name = `x-${name}`.replace(/-+$/, "");
  if (name.length > maxLength) name = `${name.slice(0, maxLength - 7).replace(/-+$/, "")}-${shortHash(text)}`;
  return name;
}

// ------------------------------------------------------------------ HCL

export type HclItem =
  | { attr: string; value: string }
  | { block: string; labels?: string[]; body: HclItem[] }
  | { comment: string }
  | { blank: true };

/** A double-quoted HCL string; escapes everything HCL would read as syntax (`"`, `\`, `${`, `%{`). */
export function hclString(text: string): string {
  const escaped = text
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\$\{/g, () => "$${")
    .replace(/%\{/g, () => "%%{")
    .replace(/\r/g, "\\r")
    .replace(/\n/g, "\\n")
    .replace(/\t/g, "\\t");
  return `"${escaped}"`;
}

export function hclList(items: readonly string[]): string {
  return `[${items.map(hclString).join(", ")}]`;
}

export const attr = (name: string, value: string): HclItem => ({ attr: name, value });
/** A string attribute; its text is made inert first (plainText), then quoted. */
export const str = (name: string, value: string): HclItem => ({ attr: name, value: hclString(plainText(value, 100000)) });
/** A string attribute holding a fixed token such as `*` (quoted, not filtered). */
export const token = (name: string, value: string): HclItem => ({ attr: name, value: hclString(value) });
export const block = (name: string, labels: string[], body: HclItem[]): HclItem => ({ block: name, labels, body });
export const comment = (text: string): HclItem => ({ comment: text });
export const blank: HclItem = { blank: true };

/** HCL lines in `terraform fmt` layout: two-space indent, `=` aligned within runs of attributes. */
export function hclLines(items: readonly HclItem[], indent = ""): string[] {
  const out: string[] = [];
  let run: { attr: string; value: string }[] = [];
  const flush = () => {
    const width = Math.max(0, ...run.map((a) => a.attr.length));
    for (const a of run) out.push(`${indent}${a.attr.padEnd(width)} = ${a.value}`);
    run = [];
  };
  for (const item of items) {
    if ("attr" in item) {
      run.push(item);
      continue;
    }
    flush();
    if ("comment" in item) out.push(`${indent}# ${plainText(item.comment, 100000)}`);
    else if ("blank" in item) out.push("");
    else {
      const labels = (item.labels ?? []).map((l) => ` ${hclString(l)}`).join("");
      out.push(`${indent}${item.block}${labels} {`, ...hclLines(item.body, `${indent}  `), `${indent}}`);
    }
  }
  flush();
  return out;
}

// ------------------------------------------------------------------ AWS security groups

/** One security group: the protected addresses of a host firewall, or one destination object of a network firewall. */
export interface AwsGroup {
  object: AddressObject;
  /** `pexnet-<firewall>` or `pexnet-<firewall>-<object>`, in AWS's name characters. */
  name: string;
  rules: PolicyRule[];
}

export function awsGroups(policy: ExportPolicy): AwsGroup[] {
  const prefix = `pexnet-${policy.firewall.name}`;
  if (policy.firewall.kind === "host") {
    const object = policy.firewall.protects ?? policy.rules[0]?.destination;
    if (!object) return [];
    return [{ object, name: awsText(prefix, 255), rules: policy.rules }];
  }
  const groups = new Map<AddressObject, AwsGroup>();
  for (const rule of policy.rules) {
    let group = groups.get(rule.destination);
    if (!group) groups.set(rule.destination, (group = { object: rule.destination, name: awsText(`${prefix}-${rule.destination.name}`, 255), rules: [] }));
    group.rules.push(rule);
  }
  return [...groups.values()];
}

/** One inbound permission: a rule, one source family (literal prefixes or a placeholder), one port range. */
export interface AwsIngress {
  rule: PolicyRule;
  family: Family;
  cidrs: string[];
  slot?: HostSlot;
  /** `tcp`, `udp`, or `50` (ESP). */
  protocol: string;
  ports?: PortRange;
  description: string;
}

export function awsIngress(group: AwsGroup, slots: HostSlots): AwsIngress[] {
  const out: AwsIngress[] = [];
  for (const rule of group.rules) {
    // The group is the destination: only the source side needs addresses, in the families the destination has.
    const families = new Set(slots.endpoints(group.object).map((e) => e.family));
    if (families.size === 0) families.add("ipv4");
    const description = awsText(ruleText(rule, 255), 255);
    for (const source of slots.endpoints(rule.source)) {
      if (!families.has(source.family)) continue;
      const base = { rule, family: source.family, cidrs: source.cidrs, slot: source.slot, description };
      if (rule.protocol === "esp") out.push({ ...base, protocol: "50" });
      else for (const ports of rule.dstPorts) out.push({ ...base, protocol: rule.protocol, ports });
    }
  }
  return out;
}

/** Rules of the group that yield no ingress entry (sources and destination in different families). */
export function unpaired(group: AwsGroup, ingress: AwsIngress[]) {
  return group.rules.filter((rule) => !ingress.some((e) => e.rule === rule));
}

/** AWS names and descriptions allow a-zA-Z0-9, space and ._-:/()#,@[]+=&;{}!$*; plainText is a subset. */
export function awsText(text: string, maxLength: number): string {
  return plainText(text, maxLength).replace(/[^A-Za-z0-9 ._\-:/()#,@+=]/g, " ");
}

/** What every AWS output says about security groups, as comment lines. */
export function awsNotes(policy: ExportPolicy, tool: "terraform" | "cloudformation"): string[] {
  const notes = [
    "Security groups are stateful: replies to allowed connections pass by nature. They deny inbound traffic by default: only these rules let traffic in.",
    "Security groups cannot match source ports: rules whose flows restrict source ports allow any source port here.",
  ];
  if (policy.firewall.kind === "network") {
    notes.push(
      `Network firewall ${policy.firewall.name} becomes one security group per destination object, holding the inbound rules towards it: attach each group to the network interfaces of the parties it names.`,
      "Objects outside AWS (the catch-all zone, host peers, external networks) have no interfaces to attach to: their groups document flows that AWS cannot check inbound.",
    );
  } else {
    notes.push(`Host firewall ${policy.firewall.name} becomes one security group: attach it to the network interfaces of the protected addresses.`);
  }
  notes.push("Security groups take no host names: each host peer source has a placeholder for its prefixes (empty: no rule).");
  if (policy.scope === "complete") {
    notes.push(
      tool === "terraform"
        ? "Terraform removes the allow-all egress rule AWS gives new groups: it is added back, since this firewall checks inbound traffic only."
        : "Egress stays allow-all as AWS creates it, since this firewall checks inbound traffic only.",
    );
  } else {
    notes.push("Scope missing: only inbound rules, added to existing security groups whose ids are parameters. Security group rules have no order: an allow always applies.");
  }
  if (policy.ipv6) notes.push("IPv6 neighbour discovery is not filtered by security groups: no rule is needed for it.");
  return notes.map((n) => plainText(n, 1000));
}
