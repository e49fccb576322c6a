// Checks over the whole built model: the Management Node count, services every deployment
// needs, obsolete hosts, mixed locations and names nothing uses.
import { fileAnchor, nameSpan, type ModelContext } from "./model-context";
import type { Location, Node, Peer, Zone, Group } from "./model-types";
import { OBSOLETE_HOST } from "./model-peers";
import type { Declaration, Span } from "./syntax-tree";
import { pushTo } from "./collections";

export function checkManagementCount(ctx: ModelContext, nodes: readonly Node[]): void {
  const managers = nodes.filter((n) => n.role === "management");
  if (managers.length === 0) {
    ctx.error("invalid", fileAnchor(ctx.source), "The deployment has no Management Node: declare one, e.g. `management mgmt { ip 10.0.0.5 }`");
  }
  for (const extra of managers.slice(1)) {
    ctx.error("invalid", nameSpan(extra.decl), `A deployment has exactly one Management Node, and "${managers[0].name}" already is it: make "${extra.name}" a Conferencing Node or remove it`, [
      { span: nameSpan(managers[0].decl), message: `the Management Node "${managers[0].name}"` },
    ]);
  }
}

const REQUIRED_SERVICES = [
  { kind: "dns", what: "DNS server", example: "dns dns1 { ip 10.0.0.53 }" },
  { kind: "ntp", what: "NTP server", example: "ntp ntp1 { ip 10.0.0.123 }" },
  { kind: "licensing", what: "licensing peer", example: "licensing lic { host activation.pexip.com }" },
] as const;

/** Every Pexip deployment needs DNS, NTP and licensing: one warning per missing kind. */
export function checkRequiredServices(ctx: ModelContext, peers: readonly Peer[]): void {
  for (const { kind, what, example } of REQUIRED_SERVICES) {
    if (peers.some((p) => p.peerKind === kind)) continue;
    ctx.warning("missing-service", fileAnchor(ctx.source), `No ${what} is declared, and Pexip nodes cannot run without one: declare it, e.g. \`${example}\`, so its flows are checked`);
  }
}

export function checkObsoleteHosts(ctx: ModelContext, peers: readonly Peer[]): void {
  for (const peer of peers) {
    if (peer.placement?.kind !== "host" || peer.placement.host.toLowerCase() !== OBSOLETE_HOST) continue;
    const token = (peer.decl.attributes ?? []).find((a) => a.kind === "host")?.host;
    ctx.warning("obsolete-host", token?.span ?? nameSpan(peer.decl), `${OBSOLETE_HOST} has not been needed for licensing since 1 January 2022: use activation.pexip.com`);
  }
}

export function checkMixedLocations(ctx: ModelContext, locations: ReadonlyMap<string, Location>, nodes: readonly Node[]): void {
  // Nodes per location name, in node order (one pass instead of one filter per location).
  const byLocation = new Map<string, Node[]>();
  for (const node of nodes) {
    if (node.location !== undefined) pushTo(byLocation, node.location, node);
  }
  for (const location of locations.values()) {
    const here = byLocation.get(location.name) ?? [];
    const proxying = here.filter((n) => n.role === "proxying").map((n) => n.name);
    const transcoding = here.filter((n) => n.role === "transcoding").map((n) => n.name);
    if (proxying.length === 0 || transcoding.length === 0) continue;
    ctx.warning("mixed-location", nameSpan(location.decl), `Location "${location.name}" holds both Proxying Edge Nodes (${proxying.join(", ")}) and Transcoding Conferencing Nodes (${transcoding.join(", ")}); Pexip expects one kind per location: move one kind into a location of its own`);
  }
}

export interface UsageInputs {
  zones: ReadonlyMap<string, Zone>;
  locations: ReadonlyMap<string, Location>;
  groups: ReadonlyMap<string, Group>;
  nodes: readonly Node[];
  peers: readonly Peer[];
}

/** A location, zone or group that no reference (outside its own declaration) names. */
export function checkUnusedNames(ctx: ModelContext, model: UsageInputs): void {
  const used = new Set<Declaration>();
  for (const reference of ctx.references) {
    const decl = reference.declaration;
    if (decl && !within(reference.span, decl.span)) used.add(decl);
  }
  // A zone is also used when a party lies in it, named or not.
  const occupied = new Set<string>();
  for (const node of model.nodes) for (const iface of [node.primary, node.secondary]) if (iface?.zone) occupied.add(iface.zone);
  for (const peer of model.peers) if (peer.zone) occupied.add(peer.zone);

  for (const zone of model.zones.values()) {
    if (used.has(zone.decl) || occupied.has(zone.name)) continue;
    ctx.hint("unused-name", nameSpan(zone.decl), `Zone "${zone.name}" is not used: no party lies in it and nothing names it; remove it, or place parties in it`);
  }
  for (const location of model.locations.values()) {
    if (used.has(location.decl)) continue;
    ctx.hint("unused-name", nameSpan(location.decl), `Location "${location.name}" is not used: no node, peer or location names it; remove it, or give nodes \`location ${location.name}\``);
  }
  for (const group of model.groups.values()) {
    if (used.has(group.decl)) continue;
    ctx.hint("unused-name", nameSpan(group.decl), `Group "${group.name}" is not used: no rule or group names it; remove it, or use it in a rule`);
  }
}

function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}
