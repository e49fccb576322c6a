// The independent, brute-force evaluation of a Deployment: which required flows each
// firewall drops (missing-flow), which have no route (no-route) and which node pairs
// cross a NAT (nat-between-nodes). Firewalls are evaluated literally, top to bottom, for
// one representative packet per elementary piece of (source address, destination
// address, source port, destination port). Slow and obviously right.
import type { Deployment, Firewall, Rule, Traffic } from "./deployment";
import { Interval, boundaries, contains, intersect, normalize, pieces, union } from "./intervals";
import { FlowProtocol, RequiredFlow, ipsecPairs, requiredFlows } from "./naive-catalog";
import { NaiveModel, buildModel } from "./naive-model";
import { Routing, buildRouting, firewallsOnPaths } from "./naive-routing";

/** Keys `missing-flow|FIREWALL|FROM|TO|PROTOCOL`, `no-route||FROM|TO|PROTOCOL` and
 * `nat-between-nodes|FIREWALL|A|B|*` (A < B) -> sorted merged port ranges ([] for esp). */
export type ExpectedFlows = Map<string, [number, number][]>;

export interface NaiveResult {
  flows: ExpectedFlows;
  /** Structures met that the spec leaves open (the generator avoids them). */
  unsettled: string[];
}

type PacketProtocol = FlowProtocol | "icmp";

interface CompiledRule {
  allow: boolean;
  /** Destination ports per protocol; esp/icmp use the pseudo-port 0. */
  traffic: Map<PacketProtocol, Interval[]>;
  /** undefined: any source port (and any protocol). */
  sports?: Interval[];
  from: Interval[];
  to: Interval[];
}

interface CompiledFirewall {
  name: string;
  rules: CompiledRule[];
  defaultAllow: boolean;
  /** Host firewall: the addresses it protects. */
  protects?: Interval[];
  addressCuts: number[];
  portCuts: number[];
}

const SERVICES: Record<string, [PacketProtocol, Interval[] | "signaling"][]> = {
  ipsec: [["udp", [[500, 500]]], ["esp", [[0, 0]]]],
  ssh: [["tcp", [[22, 22]]]],
  http: [["tcp", [[80, 80]]]],
  https: [["tcp", [[443, 443]]]],
  dns: [["tcp", [[53, 53]]], ["udp", [[53, 53]]]],
  ntp: [["udp", [[123, 123]]]],
  sip: [["tcp", [[5060, 5060]]]],
  "sip-tls": [["tcp", [[5061, 5061]]]],
  h323: [["udp", [[1719, 1719]]], ["tcp", [[1720, 1720]]], ["tcp", "signaling"]],
  snmp: [["udp", [[161, 161]]]],
  syslog: [["udp", [[514, 514]]]],
  ldap: [["tcp", [[389, 389], [636, 636], [3268, 3269]]]],
};

function compileTraffic(traffic: Traffic, model: NaiveModel): Map<PacketProtocol, Interval[]> {
  const out = new Map<PacketProtocol, Interval[]>();
  const add = (protocol: PacketProtocol, ports: Interval[]) => out.set(protocol, union(out.get(protocol) ?? [], ports));
  if ("service" in traffic) {
    for (const [protocol, ports] of SERVICES[traffic.service]) add(protocol, ports === "signaling" ? model.signaling : ports);
    return out;
  }
  const ports = model.portItems(traffic.ports);
  switch (traffic.protocol) {
    case "tcp": add("tcp", ports); break;
    case "udp": add("udp", ports); break;
    case "tcp+udp": add("tcp", ports); add("udp", ports); break;
    case "esp": add("esp", [[0, 0]]); break;
    case "icmp": add("icmp", [[0, 0]]); break;
    case "any":
      add("tcp", ports);
      add("udp", ports);
      if (!traffic.ports || traffic.ports.length === 0) { add("esp", [[0, 0]]); add("icmp", [[0, 0]]); }
      break;
  }
  return out;
}

function compileRule(rule: Rule, model: NaiveModel): CompiledRule {
  return {
    allow: rule.action === "allow",
    traffic: compileTraffic(rule.traffic, model),
    sports: rule.sport && rule.sport.length > 0 ? model.portItems(rule.sport) : undefined,
    from: model.resolveTargets(rule.between ?? rule.from ?? []),
    to: model.resolveTargets(rule.between ?? rule.to ?? []),
  };
}

function compileFirewall(firewall: Firewall, model: NaiveModel): CompiledFirewall {
  const rules = firewall.rules.map((rule) => compileRule(rule, model));
  return {
    name: firewall.name,
    rules,
    defaultAllow: firewall.default === "allow",
    protects: firewall.protects ? model.resolveTargets(firewall.protects) : undefined,
    addressCuts: boundaries(rules.flatMap((rule) => [rule.from, rule.to])),
    portCuts: boundaries(rules.flatMap((rule) => [...rule.traffic.values(), ...(rule.sports ? [rule.sports] : [])])),
  };
}

/** The literal first-match decision for one packet. */
function allows(firewall: CompiledFirewall, protocol: FlowProtocol, src: number, dst: number, sport: number, dport: number): boolean {
  for (const rule of firewall.rules) {
    const ports = rule.traffic.get(protocol);
    if (!ports || !contains(ports, dport)) continue;
    if (rule.sports && (protocol === "esp" || !contains(rule.sports, sport))) continue;
    if (!contains(rule.from, src) || !contains(rule.to, dst)) continue;
    return rule.allow;
  }
  return firewall.defaultAllow;
}

/** Destination ports of the flow that some packet of the flow finds dropped. */
function missingPorts(firewall: CompiledFirewall, flow: RequiredFlow, toAddresses: Interval[]): Interval[] {
  const srcPieces = pieces(flow.fromAddresses, firewall.addressCuts);
  const dstPieces = pieces(toAddresses, firewall.addressCuts);
  const sportPieces = pieces(flow.sports, firewall.portCuts);
  const missing: Interval[] = [];
  for (const dportPiece of pieces(flow.dports, firewall.portCuts)) {
    let dropped = false;
    for (const [src] of srcPieces) {
      for (const [dst] of dstPieces) {
        for (const [sport] of sportPieces) {
          if (!allows(firewall, flow.protocol, src, dst, sport, dportPiece[0])) { dropped = true; break; }
        }
        if (dropped) break;
      }
      if (dropped) break;
    }
    if (dropped) missing.push(dportPiece);
  }
  return normalize(missing);
}

function reportPorts(flow: RequiredFlow, ports: Interval[]): [number, number][] {
  return flow.protocol === "esp" ? [] : ports.map(([lo, hi]) => [lo, hi]);
}

function addTo(flows: ExpectedFlows, key: string, ports: [number, number][]): void {
  const existing = flows.get(key);
  flows.set(key, existing ? union(existing, ports) : normalize(ports));
}

export function evaluateNaively(deployment: Deployment): NaiveResult {
  const model = buildModel(deployment);
  const routing = buildRouting(deployment);
  const firewalls = new Map(deployment.firewalls.map((fw) => [fw.name, compileFirewall(fw, model)]));
  const hostFirewalls = [...firewalls.values()].filter((fw) => fw.protects !== undefined);
  const flows: ExpectedFlows = new Map();
  const unsettled: string[] = [];

  for (const flow of requiredFlows(model, routing)) {
    if (flow.fromZone === undefined || flow.toZone === undefined) {
      unsettled.push(`no zone for ${flow.from} -> ${flow.to}`);
      continue;
    }
    const paths = routing.shortestPaths(flow.fromZone, flow.toZone);
    if (paths.length === 0) {
      addTo(flows, `no-route||${flow.from}|${flow.to}|${flow.protocol}`, reportPorts(flow, flow.dports));
      continue;
    }
    const checks: [CompiledFirewall, Interval[]][] = firewallsOnPaths(paths)
      .map((name) => [firewalls.get(name)!, flow.toAddresses]);
    for (const host of hostFirewalls) {
      // A host firewall filters traffic into the addresses it protects.
      const protectedDestinations = intersect(flow.toAddresses, host.protects!);
      if (protectedDestinations.length === 0) continue;
      if (protectedDestinations.length !== flow.toAddresses.length
        || protectedDestinations.some(([lo, hi], i) => lo !== flow.toAddresses[i][0] || hi !== flow.toAddresses[i][1])) {
        unsettled.push(`host firewall ${host.name} protects part of ${flow.to}`);
      }
      checks.push([host, protectedDestinations]);
    }
    for (const [firewall, toAddresses] of checks) {
      const missing = missingPorts(firewall, flow, toAddresses);
      if (missing.length > 0) {
        addTo(flows, `missing-flow|${firewall.name}|${flow.from}|${flow.to}|${flow.protocol}`, reportPorts(flow, missing));
      }
    }
  }

  const nat = natBetweenNodes(model, routing);
  for (const key of nat.keys) flows.set(key, []);
  unsettled.push(...nat.unsettled);
  return { flows, unsettled };
}

/** Node pairs needing IPsec whose path crosses a NAT between the NAT's two zones. */
export function natBetweenNodes(model: NaiveModel, routing: Routing): { keys: string[]; unsettled: string[] } {
  const keys: string[] = [];
  const unsettled: string[] = [];
  for (const [a, b] of ipsecPairs(model)) {
    const [za, zb] = [model.primaryZone(a), model.primaryZone(b)];
    if (za === undefined || zb === undefined || za === zb) continue;
    const paths = routing.shortestPaths(za, zb);
    // Per path: the firewalls it crosses from one zone of a `nat` to the other, either way.
    const natFirewallsPerPath = paths.map((path) => new Set(path.filter((hop) =>
      (model.deployment.firewalls.find((fw) => fw.name === hop.firewall)!.nat ?? []).some((nat) =>
        (nat.from === hop.from && nat.to === hop.to) || (nat.from === hop.to && nat.to === hop.from)))
      .map((hop) => hop.firewall)));
    for (const firewall of new Set(natFirewallsPerPath.flatMap((set) => [...set]))) {
      if (natFirewallsPerPath.some((set) => !set.has(firewall))) {
        unsettled.push(`NAT at ${firewall} on some but not all shortest paths between ${a.name} and ${b.name}`);
      }
      const [x, y] = [a.name, b.name].sort();
      keys.push(`nat-between-nodes|${firewall}|${x}|${y}|*`);
    }
  }
  return { keys, unsettled };
}
