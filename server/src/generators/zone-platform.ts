// What the three zone-based network firewalls (Cisco ASA, Juniper SRX, FortiGate) share:
// the zones a rule enters and leaves by (a host firewall becomes `outside` -> `protected`),
// the address families a rule can match, the catch-all object, unique platform names and
// port ranges as text. Each generator adds its own syntax on top.
import type { AddressObject, ExportPolicy, PolicyRule, PortRange } from "../core/export-policy";
import { fqdn, identifier } from "./text-safety";

export type Family = "v4" | "v6";

/** Zone names a host firewall's rules use on a zone-based platform. */
export const HOST_OUTSIDE_ZONE = "outside";
export const HOST_PROTECTED_ZONE = "protected";

/** The ingress and egress zone of a rule, as pexnet names them (not yet sanitized). */
export function ruleZones(policy: ExportPolicy, rule: PolicyRule): { from: string; to: string } {
  if (policy.firewall.kind === "host") return { from: HOST_OUTSIDE_ZONE, to: HOST_PROTECTED_ZONE };
  return { from: rule.fromZone ?? HOST_OUTSIDE_ZONE, to: rule.toZone ?? HOST_PROTECTED_ZONE };
}

/** Every zone the output names, in a stable order: the firewall's zones first, then any a rule adds. */
export function policyZones(policy: ExportPolicy): string[] {
  const zones = policy.firewall.kind === "host" ? [HOST_OUTSIDE_ZONE, HOST_PROTECTED_ZONE] : [...policy.firewall.zones];
  for (const rule of policy.rules) {
    const { from, to } = ruleZones(policy, rule);
    for (const zone of [from, to]) if (!zones.includes(zone)) zones.push(zone);
  }
  return zones;
}

/** Families an object can match: its prefixes, plus both families (when the deployment has IPv6) for host names. */
export function objectFamilies(object: AddressObject, ipv6: boolean): Family[] {
  const families: Family[] = [];
  if (object.ipv4.length || object.hosts.length) families.push("v4");
  if (object.ipv6.length || (ipv6 && object.hosts.length)) families.push("v6");
  return families;
}

/** Families both ends of a rule share: a rule with none matches no packet and is left out. */
export function ruleFamilies(rule: PolicyRule, ipv6: boolean): Family[] {
  const dst = objectFamilies(rule.destination, ipv6);
  return objectFamilies(rule.source, ipv6).filter((f) => dst.includes(f));
}

/** The catch-all zone: which families it covers completely, or undefined for an ordinary object. */
export function catchAll(object: AddressObject): Family[] | undefined {
  if (object.hosts.length) return undefined;
  const v4 = object.ipv4.length === 1 && object.ipv4[0] === "0.0.0.0/0";
  const v6 = object.ipv6.length === 1 && object.ipv6[0] === "::/0";
  if (v4 && (v6 || object.ipv6.length === 0)) return v6 ? ["v4", "v6"] : ["v4"];
  if (v6 && object.ipv4.length === 0) return ["v6"];
  return undefined;
}

/** Host names of an object split into those the platform's FQDN objects accept and the rest. */
export function splitHosts(object: AddressObject): { valid: string[]; invalid: string[] } {
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const host of object.hosts) (fqdn(host) ? valid : invalid).push(host);
  return { valid, invalid };
}

/** True when some rule names a host that is not a valid FQDN (the output then has FILL IN placeholders). */
export function hasUnresolvableHosts(policy: ExportPolicy): boolean {
  return policy.rules.some((rule) => [rule.source, rule.destination].some((object) => splitHosts(object).invalid.length > 0));
}

/** Unique platform names: identifier() with the platform's characters and length, numbered on collision. */
export class NameAllocator {
  private readonly used = new Set<string>();

  constructor(private readonly maxLength: number, private readonly extra: string, private readonly prefix = "x") {}

  /** Marks names the platform already owns (built-ins) so no object takes them. */
  reserve(...names: string[]): void {
    for (const name of names) this.used.add(name.toLowerCase());
  }

  take(wanted: string): string {
    const base = identifier(wanted, this.maxLength, this.extra, this.prefix);
    let name = base;
    for (let n = 2; this.used.has(name.toLowerCase()); n++) {
      const suffix = `-${n}`;
      name = `${identifier(wanted, this.maxLength - suffix.length, this.extra, this.prefix)}${suffix}`;
    }
    this.used.add(name.toLowerCase());
    return name;
  }
}

/** Memoizes one value per key object (address objects and services are shared by rules). */
export class PerObject<K extends object, V> {
  private readonly values = new Map<K, V>();
  private readonly order: V[] = [];

  get(key: K, make: () => V): V {
    let value = this.values.get(key);
    if (value === undefined) {
      value = make();
      this.values.set(key, value);
      this.order.push(value);
    }
    return value;
  }

  all(): V[] {
    return [...this.order];
  }
}

/** "5060-5061" or "443": the form most platforms take for one range. */
export function rangeText([lo, hi]: PortRange, join = "-"): string {
  return lo === hi ? String(lo) : `${lo}${join}${hi}`;
}

/** Key of a rule's service: protocol, destination and source ports. */
export function serviceKey(rule: PolicyRule): string {
  const ports = (ranges: readonly PortRange[] | undefined) => (ranges ? ranges.map((r) => rangeText(r)).join(",") : "any");
  return `${rule.protocol}|${ports(rule.dstPorts)}|${ports(rule.srcPorts)}`;
}

/** A readable service name: `pexnet-tcp-5060-5061_40000-49999`, `pexnet-udp-53-from-55000-65535`, `pexnet-esp`. */
export function serviceName(rule: PolicyRule): string {
  if (rule.protocol === "esp") return "pexnet-esp";
  const dst = rule.dstPorts.map((r) => rangeText(r)).join("_");
  const src = rule.srcPorts ? `-from-${rule.srcPorts.map((r) => rangeText(r)).join("_")}` : "";
  return `pexnet-${rule.protocol}-${dst}${src}`;
}

/** The text every rule carries: its number, the flows it serves and the catalog rows. */
export function ruleDescription(rule: PolicyRule): string {
  return `pexnet-${rule.index}: ${rule.comment} (rows: ${rule.rows.join(", ")})`;
}

/** The same, rows first, for descriptions cut at a platform's limit: the rows survive the cut. */
export function ruleSummary(rule: PolicyRule): string {
  return `pexnet-${rule.index} rows ${rule.rows.join(", ")}: ${rule.comment}`;
}

/** A dotted IPv4 netmask for a prefix length (ASA and FortiGate take these). */
export function ipv4Mask(length: number): string {
  const bits = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
  return [24, 16, 8, 0].map((shift) => (bits >>> shift) & 255).join(".");
}

/** `10.0.0.0/24` -> [`10.0.0.0`, 24]. */
export function splitPrefix(prefix: string): [string, number] {
  const slash = prefix.indexOf("/");
  return slash < 0 ? [prefix, prefix.includes(":") ? 128 : 32] : [prefix.slice(0, slash), Number(prefix.slice(slash + 1))];
}
