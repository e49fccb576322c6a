// The required flows that one firewall must let through: every flow group of the analysis
// whose path crosses the firewall (a network firewall) or whose destination it protects (a
// host firewall), with the exact addresses at each end. The exports build their rules from
// these; scope `missing` keeps only the ports the firewall drops today.
import type { AddressClasses } from "./address-classes";
import { CATALOG } from "./catalog";
import type { FlowRow } from "./catalog-types";
import { evaluateFirewall, hasPorts } from "./firewall-eval";
import { IntervalSet, type AddressSet, type PortSet } from "./interval-set";
import type { Firewall, Model, Node, Party } from "./model-types";
import { requiredFlows, type FlowEnd, type FlowGroup, type NodeEnd } from "./requirements";
import { Routing } from "./routing";

export type ExportScope = "complete" | "missing";
export const EXPORT_SCOPES: readonly ExportScope[] = ["complete", "missing"];

export interface CrossingFlow {
  row: FlowRow;
  protocol: "tcp" | "udp" | "esp";
  sources: readonly Party[];
  destinations: readonly Party[];
  /** The addresses each end uses for this flow (nodes: the interface the row uses). */
  srcAddresses: AddressSet;
  /** For a host firewall: only the part of the destination that the firewall protects. */
  dstAddresses: AddressSet;
  /** Destination ports; empty for esp. In scope `missing`, only the ports dropped today. */
  dstPorts: PortSet;
  /** Source ports when the catalog restricts them; undefined = any. */
  srcPorts?: PortSet;
  /** Zones the flow enters and leaves a network firewall through. */
  fromZone?: string;
  toZone?: string;
}

/** Every required flow that `firewall` must allow (scope `complete`) or drops (`missing`). */
export function crossingFlows(model: Model, firewall: Firewall, scope: ExportScope, catalog: readonly FlowRow[] = CATALOG): CrossingFlow[] {
  const routing = new Routing(model);
  const requirements = requiredFlows(model, routing, catalog);
  const addresses = new EndAddresses(requirements.classes);
  const out: CrossingFlow[] = [];
  for (const group of requirements.groups) {
    if (group.protocol === "icmp") continue;
    const zones = crossingZones(group, firewall, routing);
    if (!zones) continue;
    const src = addresses.of(group.source, group.row);
    let dst = addresses.of(group.destination, group.row);
    if (firewall.kind === "host") dst = dst.intersect(firewall.protects);
    if (src.isEmpty || dst.isEmpty) continue;
    let dstPorts = hasPorts(group.protocol) ? group.dstPorts : IntervalSet.ofNumbers();
    if (scope === "missing") {
      const result = evaluateFirewall(firewall, group.protocol, src, dst, group.srcPorts, group.dstPorts);
      if (result.missing.isEmpty) continue;
      if (hasPorts(group.protocol)) dstPorts = result.missing;
    }
    out.push({
      row: group.row,
      protocol: group.protocol,
      sources: partiesOf(group.source),
      destinations: partiesOf(group.destination),
      srcAddresses: src,
      dstAddresses: dst,
      dstPorts,
      srcPorts: group.row.srcPorts && hasPorts(group.protocol) ? group.srcPorts : undefined,
      ...zones,
    });
  }
  return out;
}

/** How the group meets the firewall: the zones it crosses between, {} for a host firewall, undefined when not at all. */
function crossingZones(group: FlowGroup, firewall: Firewall, routing: Routing): { fromZone?: string; toZone?: string } | undefined {
  if (firewall.kind === "host") return {};
  const a = group.source.zoneIndex;
  const b = group.destination.zoneIndex;
  if (a === undefined || b === undefined) return undefined;
  const route = routing.routeByIndex(a, b);
  if (!route || route.kind !== "path" || !route.firewalls.includes(firewall)) return undefined;
  const crossing = route.crossings.find((c) => c.firewall === firewall);
  return crossing ? { fromZone: crossing.from, toZone: crossing.to } : {};
}

function partiesOf(end: FlowEnd): readonly Party[] {
  return end.kind === "peer" ? [end.peer] : end.nodes;
}

/** The exact addresses of a flow end, cached per end and interface rule. */
class EndAddresses {
  private readonly cache = new Map<NodeEnd, Map<string, AddressSet>>();

  constructor(private readonly classes: AddressClasses) {}

  of(end: FlowEnd, row: FlowRow): AddressSet {
    if (end.kind === "peer") return end.addresses;
    let byRule = this.cache.get(end);
    if (!byRule) {
      byRule = new Map();
      this.cache.set(end, byRule);
    }
    let set = byRule.get(row.interface);
    if (!set) {
      const values = end.nodes.map((node) => this.interfaceAddress(node, end, row));
      set = IntervalSet.ofBigints(values.map((v) => [v, v] as [bigint, bigint]));
      byRule.set(row.interface, set);
    }
    return set;
  }

  /** The node's address in the end's class, chosen as requirements.ts chooses interfaces. */
  private interfaceAddress(node: Node, end: NodeEnd, row: FlowRow): bigint {
    const primary = node.primary!;
    const secondary = node.secondary?.zone !== undefined ? node.secondary : undefined;
    if (row.interface === "primary" || row.direction === "node-to-node" || !secondary) return primary.address;
    if (row.interface === "signaling") return secondary.address;
    const primaryClass = this.classes.classOf(primary.address, primary.zone!);
    return primaryClass === end.addressClass ? primary.address : secondary.address;
  }
}
