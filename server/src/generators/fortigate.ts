// FortiGate (FortiOS CLI): one address per prefix (address6 for IPv6), FQDN addresses for host
// peers, one address group per pexnet address object and family, custom services (source
// ports as `dst:src` ranges, ESP as IP protocol 50) and one firewall policy per rule, with
// interfaces named after the pexnet zones. FortiGate drops whatever no policy accepts (the
// implicit deny, policy 0), so both scopes write only accept policies; `missing` numbers them
// from options.placement.priority so the team can move them ahead of any deny policy.
import type { AddressObject, ExportPolicy, PolicyRule } from "../core/export-policy";
import type { GeneratedFile, Generator, GeneratorOptions } from "./generator";
import { fileStem, headerLines, plainText } from "./text-safety";
import {
  HOST_OUTSIDE_ZONE, HOST_PROTECTED_ZONE, hasUnresolvableHosts, ipv4Mask, NameAllocator, policyZones, rangeText, ruleDescription, ruleFamilies, ruleZones,
  serviceKey, serviceName, splitHosts, splitPrefix, type Family,
} from "./zone-platform";

/** Address, group and service names: up to 79 characters. */
const NAME_MAX = 79;
/** A policy name is at most 35 characters. */
const POLICY_NAME_MAX = 35;
/** Policy comments: up to 1023 characters; object comments up to 255. */
const POLICY_COMMENT_MAX = 1023;
const COMMENT_MAX = 255;

export const fortigateGenerator: Generator = {
  id: "fortigate",
  title: "FortiGate (FortiOS CLI)",
  description: "FortiOS CLI: firewall addresses, address groups, custom services and accept policies with interfaces named after the pexnet zones, to paste into the CLI console or run as a script.",
  languageId: "plaintext",
  render(policy: ExportPolicy, options: GeneratorOptions): GeneratedFile[] {
    return [{ name: `${fileStem(policy)}.fortigate.conf`, text: renderFortigate(policy, options) }];
  },
};

/** FortiOS strings are double-quoted; plainText() leaves neither `"` nor `\` to escape. */
function quoted(text: string): string {
  return `"${text}"`;
}

interface Entry {
  name: string;
  settings: string[];
}

export function renderFortigate(policy: ExportPolicy, options: GeneratorOptions): string {
  const complete = policy.scope === "complete";
  const names = new NameAllocator(NAME_MAX, "-_.", "pexnet-");
  names.reserve("all", "none");
  const interfaces = new NameAllocator(NAME_MAX, "-_.", "zone-");
  const zones = policyZones(policy);
  const intf = new Map(zones.map((zone) => [zone, interfaces.take(zone)]));

  const addresses: Record<Family, Entry[]> = { v4: [], v6: [] };
  const prefixNames = new Map<string, string>();
  const prefixAddress = (prefix: string): string => {
    let name = prefixNames.get(prefix);
    if (name) return name;
    name = names.take(`net-${prefix.replace(/\//, "_").replace(/:/g, "_")}`);
    prefixNames.set(prefix, name);
    const [address, length] = splitPrefix(prefix);
    if (prefix.includes(":")) addresses.v6.push({ name, settings: [`set ip6 ${address}/${length}`] });
    else addresses.v4.push({ name, settings: [`set subnet ${address} ${ipv4Mask(length)}`] });
    return name;
  };
  const groups: Record<Family, Entry[]> = { v4: [], v6: [] };
  const groupNames = new Map<AddressObject, Partial<Record<Family, string>>>();
  /** The address group of one object and family, made (with its members) when a policy first needs it. */
  const group = (object: AddressObject, family: Family): string => {
    let byFamily = groupNames.get(object);
    if (!byFamily) groupNames.set(object, (byFamily = {}));
    const existing = byFamily[family];
    if (existing) return existing;
    const { valid, invalid } = splitHosts(object);
    const members = (family === "v4" ? object.ipv4 : object.ipv6).map(prefixAddress);
    valid.forEach((host, i) => {
      const name = names.take(`${object.name}-fqdn${i + 1}-${family}`);
      addresses[family].push({ name, settings: ["set type fqdn", `set fqdn ${quoted(host)}`, `set comment ${quoted(plainText(`host name of ${object.description}`, COMMENT_MAX))}`] });
      members.push(name);
    });
    invalid.forEach((host, i) => {
      // Not a name FortiOS can resolve: an inert placeholder (0.0.0.0 / :: is never a real
      // source or destination) keeps the group valid until the team puts the addresses in.
      const name = names.take(`${object.name}-fill-in${i + 1}-${family}`);
      const placeholder = family === "v4" ? ["set type iprange", "set start-ip 0.0.0.0", "set end-ip 0.0.0.0"] : ["set ip6 ::/128"];
      addresses[family].push({ name, settings: [...placeholder, `set comment ${quoted(plainText(`FILL IN the addresses of ${host}`, COMMENT_MAX))}`] });
      members.push(name);
    });
    const name = names.take(family === "v4" ? object.name : `${object.name}-v6`);
    groups[family].push({ name, settings: [`set member ${members.map(quoted).join(" ")}`, `set comment ${quoted(plainText(object.description, COMMENT_MAX))}`] });
    byFamily[family] = name;
    return name;
  };

  const services = new Map<string, Entry>();
  const service = (rule: PolicyRule): string => {
    const key = serviceKey(rule);
    let found = services.get(key);
    if (!found) {
      const name = names.take(serviceName(rule));
      let settings: string[];
      if (rule.protocol === "esp") settings = ["set protocol IP", "set protocol-number 50"];
      else {
        // `dst[:src]` per entry: one entry per destination range and source range.
        const ranges = rule.dstPorts.flatMap((dst) => (rule.srcPorts ?? [undefined]).map((src) => `${rangeText(dst)}${src ? `:${rangeText(src)}` : ""}`));
        settings = ["set protocol TCP/UDP/SCTP", `set ${rule.protocol}-portrange ${ranges.join(" ")}`];
      }
      services.set(key, (found = { name, settings }));
    }
    return found.name;
  };

  const firstId = Math.max(1, Math.floor(options.placement?.priority ?? 0));
  const useIds = !complete && options.placement?.priority !== undefined;
  const policies: string[] = [];
  const leftOut: string[] = [];
  const ids: number[] = [];
  for (const rule of policy.rules) {
    const families = ruleFamilies(rule, policy.ipv6);
    if (families.length === 0) {
      leftOut.push(`# ${plainText(`pexnet-${rule.index} left out: its source and destination share no address family, so it matches no packet (${rule.comment})`, 400)}`);
      continue;
    }
    const { from, to } = ruleZones(policy, rule);
    const id = useIds ? firstId + ids.length : 0;
    ids.push(id);
    const settings = [
      `set name ${quoted(plainText(`pexnet-${rule.index}`, POLICY_NAME_MAX))}`,
      `set srcintf ${quoted(intf.get(from)!)}`,
      `set dstintf ${quoted(intf.get(to)!)}`,
    ];
    for (const family of families) {
      const suffix = family === "v4" ? "" : "6";
      settings.push(`set srcaddr${suffix} ${quoted(group(rule.source, family))}`, `set dstaddr${suffix} ${quoted(group(rule.destination, family))}`);
    }
    settings.push(
      "set action accept",
      `set schedule ${quoted("always")}`,
      `set service ${quoted(service(rule))}`,
      "set logtraffic all",
      `set comments ${quoted(plainText(ruleDescription(rule), POLICY_COMMENT_MAX))}`,
    );
    // FortiOS keeps no comment lines inside a config block: the reason lives in `set comments`.
    policies.push(`    edit ${id}`, ...settings.map((s) => `        ${s}`), "    next");
  }

  const out: string[] = headerLines(policy, options, "FortiGate").map((l) => `# ${l}`);
  out.push(
    "# Interfaces are named after the pexnet zones: replace each with the interface or zone that",
    "# pexnet zone is behind (or create FortiGate zones of these names) before running this script.",
  );
  for (const zone of zones) out.push(`#   zone ${plainText(zone, 100)} -> interface ${intf.get(zone)}`);
  if (policy.firewall.kind === "host") {
    out.push(
      `# A host firewall on a FortiGate: the protected addresses sit behind ${intf.get(HOST_PROTECTED_ZONE)}, every other`,
      `# party arrives on ${intf.get(HOST_OUTSIDE_ZONE)}; the policies allow traffic from there to them.`,
    );
    if (policy.ipv6) out.push("# IPv6 neighbour discovery is link-local and never crosses the FortiGate: it needs no policy here.");
  }
  if (policy.ipv6) out.push("# IPv6 addresses go in srcaddr6/dstaddr6 of the same policy (FortiOS 6.4 and later).");
  if (hasUnresolvableHosts(policy)) out.push("# Addresses marked FILL IN stand for host names that are not valid FQDNs: give them the real addresses.");
  out.push(
    "# FortiGate drops whatever no policy accepts (the implicit deny, policy 0, at the end of the list)",
    "# and is stateful: replies of accepted sessions pass. To log the drops, enable logging on policy 0.",
  );
  if (complete) {
    out.push("# Scope complete: these are the only accept policies this firewall needs; remove any other accept policy.");
  } else if (useIds) {
    out.push(`# Scope missing: policies ${ids[0] ?? firstId} to ${ids[ids.length - 1] ?? firstId}; move each ahead of any deny policy (config firewall policy, move <id> before <deny id>).`);
  } else {
    out.push("# Scope missing: edit 0 appends each policy at the end of the list; move them ahead of any deny policy (move <id> before <deny id>).");
  }
  out.push("");
  section(out, "config firewall address", addresses.v4);
  section(out, "config firewall address6", addresses.v6);
  section(out, "config firewall addrgrp", groups.v4);
  section(out, "config firewall addrgrp6", groups.v6);
  section(out, "config firewall service custom", [...services.values()]);
  if (leftOut.length) out.push(...leftOut, "");
  if (policies.length) out.push("config firewall policy", ...policies, "end", "");
  return `${out.join("\n")}\n`;
}

function section(out: string[], header: string, entries: Entry[]): void {
  if (!entries.length) return;
  out.push(header);
  for (const entry of entries) out.push(`    edit ${quoted(entry.name)}`, ...entry.settings.map((s) => `        ${s}`), "    next");
  out.push("end", "");
}
