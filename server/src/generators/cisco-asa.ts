// Cisco ASA: network object-groups per address object, FQDN objects for host peers, service
// object-groups (service-object, so source ports can be matched too) and one extended ACL per
// ingress interface, named after the pexnet zone. Scope `complete` rebuilds each ACL, ends it
// with a logged `deny ip any any` and binds it with access-group; scope `missing` inserts the
// rules at numbered lines of the existing ACLs, ahead of what drops today.
import type { AddressObject, ExportPolicy, PolicyRule } from "../core/export-policy";
import type { GeneratedFile, Generator, GeneratorOptions } from "./generator";
import { fileStem, headerLines, plainText } from "./text-safety";
import {
  catchAll, hasUnresolvableHosts, HOST_OUTSIDE_ZONE, HOST_PROTECTED_ZONE, ipv4Mask, NameAllocator, PerObject, policyZones, ruleDescription, ruleFamilies, ruleZones,
  serviceKey, serviceName, splitHosts, splitPrefix,
} from "./zone-platform";

/** ASA object names: up to 64 characters; we keep to letters, digits and `-_.`. */
const NAME_MAX = 64;
/** An interface nameif is at most 48 characters. */
const NAMEIF_MAX = 48;
/** An ACL remark is at most 100 characters. */
const REMARK_MAX = 100;
/** An object or object-group description is at most 200 characters. */
const DESCRIPTION_MAX = 200;

export const ciscoAsaGenerator: Generator = {
  id: "cisco-asa",
  title: "Cisco ASA (object-groups and extended ACLs)",
  description: "Cisco ASA CLI: network and service object-groups, one extended access-list per ingress interface named after the pexnet zone, to paste in configuration mode.",
  languageId: "plaintext",
  render(policy: ExportPolicy, options: GeneratorOptions): GeneratedFile[] {
    return [{ name: `${fileStem(policy)}.asa.txt`, text: renderCiscoAsa(policy, options) }];
  },
};

interface Objects {
  /** `object-group NAME`, `any4`, `any6` or `any` as an ACE operand. */
  operand: string;
  lines: string[];
}

export function renderCiscoAsa(policy: ExportPolicy, options: GeneratorOptions): string {
  const complete = policy.scope === "complete";
  const names = new NameAllocator(NAME_MAX, "-_.", "pexnet-");
  names.reserve("any", "any4", "any6");
  const zones = policyZones(policy);
  const interfaces = new NameAllocator(NAMEIF_MAX, "-_.", "z-");
  const nameif = new Map(zones.map((zone) => [zone, interfaces.take(zone)]));
  const aclName = new Map(zones.map((zone) => [zone, names.take(`ACL_${nameif.get(zone)}_in`)]));
  const addresses = new PerObject<AddressObject, Objects>();
  const services = new Map<string, Objects>();

  const address = (object: AddressObject) => addresses.get(object, () => networkGroup(object, names, policy.ipv6));
  const service = (rule: PolicyRule) => {
    const key = serviceKey(rule);
    let found = services.get(key);
    if (!found) services.set(key, (found = serviceGroup(rule, names)));
    return found;
  };

  // Rules per ingress ACL, in policy order; line numbers only for `missing` (insertion).
  const aces = new Map<string, string[]>(zones.map((zone) => [zone, []]));
  const firstLine = Math.max(1, Math.floor(options.placement?.priority ?? 1));
  const lineNo = new Map<string, number>(zones.map((zone) => [zone, firstLine]));
  const aclLine = (zone: string, rest: string) => {
    const acl = aclName.get(zone)!;
    if (complete) return `access-list ${acl} ${rest}`;
    const n = lineNo.get(zone)!;
    lineNo.set(zone, n + 1);
    return `access-list ${acl} line ${n} ${rest}`;
  };
  for (const rule of policy.rules) {
    const { from } = ruleZones(policy, rule);
    const out = aces.get(from)!;
    if (ruleFamilies(rule, policy.ipv6).length === 0) {
      out.push(`! ${plainText(`pexnet-${rule.index} left out: its source and destination share no address family, so it matches no packet (${rule.comment})`, 400)}`);
      continue;
    }
    const src = address(rule.source).operand;
    const dst = address(rule.destination).operand;
    const what = rule.protocol === "esp" ? "esp" : service(rule).operand;
    out.push(`! ${plainText(ruleDescription(rule), 1000)}`);
    out.push(aclLine(from, `remark ${plainText(`pexnet-${rule.index}: ${rule.comment}`, REMARK_MAX)}`));
    out.push(aclLine(from, `remark ${plainText(`pexnet rows: ${rule.rows.join(", ")}`, REMARK_MAX)}`));
    out.push(aclLine(from, `extended permit ${what} ${src} ${dst}`));
  }

  const out: string[] = headerLines(policy, options, "Cisco ASA").map((l) => `! ${l}`);
  out.push(
    "! Interfaces are named after the pexnet zones: map each to the nameif of the interface",
    "! that zone is behind (or rename them here) before pasting, in configuration mode.",
  );
  for (const zone of zones) out.push(`!   zone ${plainText(zone, 100)} -> interface nameif ${nameif.get(zone)}, ACL ${aclName.get(zone)}`);
  if (policy.firewall.kind === "host") {
    out.push(
      `! A host firewall on an ASA: the protected addresses sit behind the interface named ${nameif.get(HOST_PROTECTED_ZONE)},`,
      `! every other party arrives on the interface named ${nameif.get(HOST_OUTSIDE_ZONE)}; the rules filter traffic entering there.`,
      "! What the protected hosts send is not this policy's business: their interface keeps its ACL.",
    );
    if (policy.ipv6) out.push("! IPv6 neighbour discovery is link-local and never crosses the ASA: it needs no rule here.");
  }
  if (hasUnresolvableHosts(policy)) out.push("! Objects marked FILL IN stand for host names that are not valid FQDNs: give them the real addresses.");
  if (complete) {
    out.push(
      "! Scope complete: every ACL below is rebuilt (clear configure), ends in a logged deny (the ASA",
      "! drops at the end of every ACL anyway) and is bound to its interface. The ASA is stateful:",
      "! replies of permitted connections pass without rules.",
    );
  } else {
    out.push(
      `! Scope missing: the rules are inserted from line ${firstLine} of each interface's existing ACL,`,
      "! ahead of what drops today. Rename ACL_<zone>_in to the ACL bound to that interface",
      "! (show running-config access-group); nothing here changes a binding.",
    );
  }
  out.push("");
  for (const object of [...addresses.all(), ...services.values()]) out.push(...object.lines);
  for (const zone of zones) {
    const rules = aces.get(zone)!;
    // A host firewall governs what reaches the protected addresses, not what they send:
    // the protected interface keeps whatever ACL it has.
    const bound = complete && (policy.firewall.kind === "network" || zone !== HOST_PROTECTED_ZONE);
    if (!bound && rules.length === 0) continue;
    const acl = aclName.get(zone)!;
    out.push(`! Traffic entering from zone ${plainText(zone, 100)}`);
    if (bound) out.push(`clear configure access-list ${acl}`);
    out.push(...rules);
    if (bound) {
      out.push(
        `access-list ${acl} remark pexnet: everything else is dropped and logged`,
        `access-list ${acl} extended deny ip any any log`,
        `access-group ${acl} in interface ${nameif.get(zone)}`,
      );
    }
    out.push("");
  }
  return `${out.join("\n")}\n`;
}

/** One network object-group per address object (FQDN objects and FILL IN placeholders first). */
function networkGroup(object: AddressObject, names: NameAllocator, ipv6: boolean): Objects {
  const any = catchAll(object);
  if (any) return { operand: any.length === 2 ? "any" : any[0] === "v4" ? "any4" : "any6", lines: [] };
  const lines: string[] = [];
  const members: string[] = [];
  for (const prefix of object.ipv4) {
    const [address, length] = splitPrefix(prefix);
    members.push(length === 32 ? ` network-object host ${address}` : ` network-object ${address} ${ipv4Mask(length)}`);
  }
  for (const prefix of object.ipv6) {
    const [address, length] = splitPrefix(prefix);
    members.push(length === 128 ? ` network-object host ${address}` : ` network-object ${address}/${length}`);
  }
  const { valid, invalid } = splitHosts(object);
  valid.forEach((host, i) => {
    for (const family of ipv6 ? ["v4", "v6"] : ["v4"]) {
      const name = names.take(`${object.name}-fqdn${i + 1}-${family}`);
      lines.push(`object network ${name}`, ` description ${plainText(`host name of ${object.description}`, DESCRIPTION_MAX)}`, ` fqdn ${family} ${host}`);
      members.push(` network-object object ${name}`);
    }
  });
  invalid.forEach((host, i) => {
    // Not a host name the ASA can resolve: an inert placeholder (0.0.0.0 is never a real
    // source or destination) keeps the ACL valid until the team puts the addresses in.
    const name = names.take(`${object.name}-fill-in${i + 1}`);
    lines.push(`object network ${name}`, ` description ${plainText(`FILL IN the addresses of ${host}`, DESCRIPTION_MAX)}`, " host 0.0.0.0");
    members.push(` network-object object ${name}`);
  });
  const name = names.take(object.name);
  lines.push(`object-group network ${name}`, ` description ${plainText(object.description, DESCRIPTION_MAX)}`, ...members);
  return { operand: `object-group ${name}`, lines };
}

/** A service object-group: one service-object per destination range (times source range). */
function serviceGroup(rule: PolicyRule, names: NameAllocator): Objects {
  const name = names.take(serviceName(rule));
  const port = (range: [number, number]) => (range[0] === range[1] ? `eq ${range[0]}` : `range ${range[0]} ${range[1]}`);
  const lines = [`object-group service ${name}`];
  for (const dst of rule.dstPorts) {
    if (!rule.srcPorts) lines.push(` service-object ${rule.protocol} destination ${port(dst)}`);
    else for (const src of rule.srcPorts) lines.push(` service-object ${rule.protocol} source ${port(src)} destination ${port(dst)}`);
  }
  return { operand: `object-group ${name}`, lines };
}
