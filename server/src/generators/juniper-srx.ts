// Juniper SRX (Junos `set` commands): a global address book (one address per prefix, one
// address-set per pexnet address object, dns-name addresses for host peers), one application
// per port range (grouped in application-sets) and zone-pair security policies, zones named
// after the pexnet zones. Scope `complete` replaces the policies of each zone pair used, ends
// each with a logged deny and sets the default policy to deny-all; scope `missing` adds the
// policies, to move ahead of the pair's deny policies with `insert`.
import type { AddressObject, ExportPolicy, PolicyRule, PortRange } from "../core/export-policy";
import type { GeneratedFile, Generator, GeneratorOptions } from "./generator";
import { fileStem, headerLines, plainText } from "./text-safety";
import {
  catchAll, hasUnresolvableHosts, HOST_OUTSIDE_ZONE, HOST_PROTECTED_ZONE, NameAllocator, PerObject, policyZones, rangeText, ruleDescription,
  ruleFamilies, ruleSummary, ruleZones, serviceKey, serviceName, splitHosts,
} from "./zone-platform";

/** Junos names of addresses, sets, applications, policies and zones: up to 63 characters. */
const NAME_MAX = 63;
const DESCRIPTION_MAX = 240;
const BOOK = "set security address-book global";

export const juniperSrxGenerator: Generator = {
  id: "juniper-srx",
  title: "Juniper SRX (set commands)",
  description: "Junos set commands for an SRX: a global address book, applications and zone-pair security policies named after the pexnet zones, for `load set terminal`.",
  languageId: "plaintext",
  render(policy: ExportPolicy, options: GeneratorOptions): GeneratedFile[] {
    return [{ name: `${fileStem(policy)}.srx.set`, text: renderJuniperSrx(policy, options) }];
  },
};

interface Defined {
  name: string;
  lines: string[];
}

export function renderJuniperSrx(policy: ExportPolicy, options: GeneratorOptions): string {
  const complete = policy.scope === "complete";
  const addressNames = new NameAllocator(NAME_MAX, "-_.", "pexnet-");
  addressNames.reserve("any", "any-ipv4", "any-ipv6");
  const appNames = new NameAllocator(NAME_MAX, "-_.", "pexnet-");
  const zoneNames = new NameAllocator(NAME_MAX, "-_.", "zone-");
  zoneNames.reserve("junos-host");
  const zones = policyZones(policy);
  const zoneName = new Map(zones.map((zone) => [zone, zoneNames.take(zone)]));

  const prefixes = new Map<string, Defined>();
  const prefixAddress = (prefix: string): string => {
    let found = prefixes.get(prefix);
    if (!found) {
      const name = addressNames.take(`net-${prefix.replace("/", "_")}`);
      prefixes.set(prefix, (found = { name, lines: [`${BOOK} address ${name} ${prefix}`] }));
    }
    return found.name;
  };
  const sets = new PerObject<AddressObject, Defined>();
  const addressSet = (object: AddressObject): Defined => sets.get(object, () => {
    const any = catchAll(object);
    if (any) return { name: any.length === 2 ? "any" : any[0] === "v4" ? "any-ipv4" : "any-ipv6", lines: [] };
    const lines: string[] = [];
    const members = [...object.ipv4, ...object.ipv6].map(prefixAddress);
    const { valid, invalid } = splitHosts(object);
    valid.forEach((host, i) => {
      const name = addressNames.take(`${object.name}-dns${i + 1}`);
      lines.push(`${BOOK} address ${name} dns-name ${host}`, `${BOOK} address ${name} description "${plainText(`host name of ${object.description}`, DESCRIPTION_MAX)}"`);
      members.push(name);
    });
    invalid.forEach((host, i) => {
      // Not a name the SRX can resolve: an inert placeholder (0.0.0.0 is never a real
      // source or destination) keeps the commit valid until the team puts the addresses in.
      const name = addressNames.take(`${object.name}-fill-in${i + 1}`);
      lines.push(`${BOOK} address ${name} 0.0.0.0/32`, `${BOOK} address ${name} description "${plainText(`FILL IN the addresses of ${host}`, DESCRIPTION_MAX)}"`);
      members.push(name);
    });
    const name = addressNames.take(object.name);
    lines.push(`${BOOK} address-set ${name} description "${plainText(object.description, DESCRIPTION_MAX)}"`);
    for (const member of members) lines.push(`${BOOK} address-set ${name} address ${member}`);
    return { name, lines };
  });

  const applications = new Map<string, Defined>();
  const application = (protocol: string, dst: PortRange | undefined, src: PortRange | undefined): string => {
    const key = `${protocol}|${dst ? rangeText(dst) : ""}|${src ? rangeText(src) : ""}`;
    let found = applications.get(key);
    if (!found) {
      const name = appNames.take(protocol === "esp" ? "pexnet-esp" : `pexnet-${protocol}-${rangeText(dst!)}${src ? `-from-${rangeText(src)}` : ""}`);
      let line = `set applications application ${name} protocol ${protocol}`;
      if (dst) line += ` destination-port ${rangeText(dst)}`;
      if (src) line += ` source-port ${rangeText(src)}`;
      applications.set(key, (found = { name, lines: [line] }));
    }
    return found.name;
  };
  const appSets = new Map<string, Defined>();
  const service = (rule: PolicyRule): string => {
    if (rule.protocol === "esp") return application("esp", undefined, undefined);
    const members = rule.dstPorts.flatMap((dst) => (rule.srcPorts ?? [undefined]).map((src) => application(rule.protocol, dst, src)));
    if (members.length === 1) return members[0];
    const key = serviceKey(rule);
    let found = appSets.get(key);
    if (!found) {
      const name = appNames.take(`${serviceName(rule)}-set`);
      appSets.set(key, (found = { name, lines: members.map((m) => `set applications application-set ${name} application ${m}`) }));
    }
    return found.name;
  };

  // Policies per zone pair, in policy order.
  const pairs = new Map<string, { from: string; to: string; lines: string[]; names: string[] }>();
  for (const rule of policy.rules) {
    const zone = ruleZones(policy, rule);
    const from = zoneName.get(zone.from)!;
    const to = zoneName.get(zone.to)!;
    const key = `${from} ${to}`;
    if (!pairs.has(key)) pairs.set(key, { from, to, lines: [], names: [] });
    const pair = pairs.get(key)!;
    if (ruleFamilies(rule, policy.ipv6).length === 0) {
      pair.lines.push(`# ${plainText(`pexnet-${rule.index} left out: its source and destination share no address family, so it matches no packet (${rule.comment})`, 400)}`);
      continue;
    }
    const name = `pexnet-${rule.index}`;
    const at = `set security policies from-zone ${from} to-zone ${to} policy ${name}`;
    pair.names.push(name);
    pair.lines.push(
      `# ${plainText(ruleDescription(rule), 1000)}`,
      `${at} description "${plainText(ruleSummary(rule), DESCRIPTION_MAX)}"`,
      `${at} match source-address ${addressSet(rule.source).name}`,
      `${at} match destination-address ${addressSet(rule.destination).name}`,
      `${at} match application ${service(rule)}`,
      `${at} then permit`,
    );
  }

  const out: string[] = headerLines(policy, options, "Juniper SRX").map((l) => `# ${l}`);
  out.push(
    "# Security zones are named after the pexnet zones: bind each to the interfaces that zone is",
    "# behind (set security zones security-zone <zone> interfaces <ifname>) or rename them here.",
  );
  for (const zone of zones) out.push(`#   zone ${plainText(zone, 100)} -> security-zone ${zoneName.get(zone)}`);
  if (policy.firewall.kind === "host") {
    out.push(
      `# A host firewall on an SRX: the protected addresses sit in zone ${zoneName.get(HOST_PROTECTED_ZONE)}, every other party`,
      `# in zone ${zoneName.get(HOST_OUTSIDE_ZONE)}. Not junos-host: that zone is traffic to the SRX itself, these hosts are behind it.`,
      "# What the protected hosts send is not this policy's business: policies from their zone stay as they are.",
    );
  }
  if (policy.ipv6) out.push("# IPv6 needs flow mode: set security forwarding-options family inet6 mode flow-based (takes a reboot).");
  if (hasUnresolvableHosts(policy)) out.push("# Addresses marked FILL IN stand for host names that are not valid DNS names: give them the real addresses.");
  if (complete) {
    out.push(
      "# Scope complete: the policies of every zone pair below are replaced, each pair ends in a logged deny,",
      "# and the default policy denies the other pairs. The SRX is stateful: replies of permitted sessions pass.",
    );
  } else {
    out.push(
      "# Scope missing: the policies are added at the end of their zone pair, in order. Move them ahead of",
      "# the pair's deny policies: insert security policies from-zone A to-zone B policy <new> before policy <deny>.",
    );
  }
  out.push("");
  for (const zone of zones) out.push(`set security zones security-zone ${zoneName.get(zone)}`);
  out.push("");
  // Sets are built while the rules are, so define everything the policies name before them.
  const defined = [...prefixes.values(), ...sets.all(), ...applications.values(), ...appSets.values()];
  for (const d of defined) out.push(...d.lines);
  out.push("");
  for (const pair of pairs.values()) {
    const at = `set security policies from-zone ${pair.from} to-zone ${pair.to}`;
    if (complete) out.push(`delete security policies from-zone ${pair.from} to-zone ${pair.to}`);
    out.push(...pair.lines);
    if (complete) {
      out.push(
        `${at} policy pexnet-deny-rest description "pexnet: everything else from ${pair.from} to ${pair.to} is dropped and logged"`,
        `${at} policy pexnet-deny-rest match source-address any destination-address any application any`,
        `${at} policy pexnet-deny-rest then deny`,
        `${at} policy pexnet-deny-rest then log session-init`,
      );
    } else {
      // New policies land at the end of their pair: these moves put them ahead of its denies, in order.
      pair.names.forEach((name, i) => {
        const where = i === 0 ? "before policy <the first policy that drops>" : `after policy ${pair.names[i - 1]}`;
        out.push(`# insert security policies from-zone ${pair.from} to-zone ${pair.to} policy ${name} ${where}`);
      });
    }
    out.push("");
  }
  if (complete) out.push("set security policies default-policy deny-all", "");
  return `${out.join("\n")}\n`;
}
