// SourceFile -> Model: names, settings, zones, parties, groups and firewalls resolved, with
// the structural diagnostics (spec sections 3-8). Works on partial trees from error
// recovery and never throws. A declaration without a name or with a name already taken is
// checked like any other but left out of the model's collections.
import { ALL_IPV4, ALL_IPV6, HOST_BASE } from "./addresses";
import { IntervalSet, NO_ADDRESSES, type AddressSet } from "./interval-set";
import { buildZones, hasIpv6Literal, parseLiteral } from "./model-addresses";
import { describeDeclaration, ModelContext } from "./model-context";
import { buildFirewall } from "./model-firewalls";
import { buildNode, resolveLocations } from "./model-nodes";
import { buildPeer } from "./model-peers";
import { buildSettings } from "./model-settings";
import { addressesOfNodes, checkGroupCycles, checkTargets, makeTargetResolver, unionAll } from "./model-targets";
import type { Firewall, Group, Location, Model, Node, Party, Peer } from "./model-types";
import {
  checkManagementCount, checkMixedLocations, checkObsoleteHosts, checkRequiredServices, checkUnusedNames,
} from "./structure-checks";
import type { Declaration, LocationDeclaration, SourceFile } from "./syntax-tree";
import { pushTo } from "./collections";

type DeclarationOf<K extends Declaration["kind"]> = Extract<Declaration, { kind: K }>;

export function buildModel(source: SourceFile): Model {
  const ctx = new ModelContext(source);
  const all = (source.declarations ?? []).filter((d) => d !== undefined && d !== null);
  const inModel = declareNames(ctx, all);
  const ofKind = <K extends Declaration["kind"]>(kind: K) => all.filter((d): d is DeclarationOf<K> => d.kind === kind);
  const modelOnly = <D extends Declaration>(decls: D[]) => decls.filter((d) => inModel.has(d));

  const settings = buildSettings(ctx, ofKind("deployment"));
  const ipv6 = hasIpv6Literal(all);

  const zoneBuild = buildZones(ctx, modelOnly(ofKind("zone")), ipv6);
  for (const zone of ofKind("zone")) if (!inModel.has(zone)) for (const literal of zone.prefixes ?? []) parseLiteral(ctx, literal);

  const locations = new Map<string, Location>();
  for (const decl of ofKind("location")) {
    const location = buildLocation(ctx, decl);
    if (inModel.has(decl)) locations.set(location.name, location);
  }

  // Parties placed with an explicit `zone` attribute, per zone (for zone targets).
  const placed = new Map<string, AddressSet[]>();
  const place = (zone: string | undefined, set: AddressSet) => {
    if (zone !== undefined) pushTo(placed, zone, set);
  };

  const nodes: Node[] = [];
  for (const decl of ofKind("node")) {
    const { node, explicitZone } = buildNode(ctx, decl, zoneBuild.index);
    if (!inModel.has(decl)) continue;
    nodes.push(node);
    if (node.primary) place(explicitZone, IntervalSet.ofBigints([[node.primary.address, node.primary.address]]));
  }

  const peers: Peer[] = [];
  const allNodeAddresses = addressesOfNodes(nodes);
  const nextHost = { value: 0 };
  for (const decl of ofKind("peer")) {
    const countsHost = inModel.has(decl);
    const { peer, explicitZone } = buildPeer(ctx, decl, { zones: zoneBuild, nodeAddresses: allNodeAddresses, nextHost, countsHost });
    if (!peer || !countsHost) continue;
    peers.push(peer);
    place(explicitZone, peer.addresses);
    // A host peer lives in its zone (the `any` zone by default) and is part of its targets.
    if (!explicitZone && peer.placement?.kind === "host") place(peer.zone, peer.addresses);
  }

  const parties = new Map<string, Party>();
  for (const party of [...nodes, ...peers]) parties.set(party.name, party);

  const groups = new Map<string, Group>();
  for (const decl of ofKind("group")) {
    checkTargets(ctx, decl.members);
    if (inModel.has(decl)) groups.set(decl.name?.text ?? "", { name: decl.name?.text ?? "", decl });
  }
  checkGroupCycles(ctx, groups);

  const hosts = nextHost.value > 0 ? IntervalSet.ofBigints([[HOST_BASE, HOST_BASE + BigInt(nextHost.value) - 1n]]) : NO_ADDRESSES;
  const anyAddresses = (ipv6 ? ALL_IPV4.union(ALL_IPV6) : ALL_IPV4).union(hosts);
  const zoneTargets = new Map<string, AddressSet>();
  for (const zone of zoneBuild.zones.values()) zoneTargets.set(zone.name, unionAll([zone.addresses, ...(placed.get(zone.name) ?? [])]));
  const resolveTargets = makeTargetResolver({ declarations: ctx.declarations, nodes, parties, zoneTargets, groups, anyAddresses });

  const firewalls: Firewall[] = [];
  for (const decl of ofKind("firewall")) {
    const firewall = buildFirewall(ctx, decl, { ranges: settings, resolveTargets });
    if (inModel.has(decl)) firewalls.push(firewall);
  }

  checkManagementCount(ctx, nodes);
  checkRequiredServices(ctx, peers);
  checkObsoleteHosts(ctx, peers);
  checkMixedLocations(ctx, locations, nodes);
  checkUnusedNames(ctx, { zones: zoneBuild.zones, locations, groups, nodes, peers });

  const diagnostics = ctx.diagnostics
    .map((diagnostic, order) => ({ diagnostic, order }))
    .sort((a, b) => a.diagnostic.span.start - b.diagnostic.span.start || a.order - b.order)
    .map(({ diagnostic }) => diagnostic);

  return {
    source,
    settings,
    ipv6,
    zones: zoneBuild.zones,
    anyZone: zoneBuild.anyZone,
    locations,
    nodes,
    peers,
    parties,
    groups,
    firewalls,
    declarations: ctx.declarations,
    references: ctx.references,
    anyAddresses,
    resolveTargets: (targets) => resolveTargets(targets),
    diagnostics,
  };
}

/** Fills the namespace; returns the declarations that enter the model (named, first of their name). */
function declareNames(ctx: ModelContext, declarations: readonly Declaration[]): Set<Declaration> {
  const inModel = new Set<Declaration>();
  for (const decl of declarations) {
    const name = decl.name?.text;
    if (name === undefined || name === "") continue;
    const first = ctx.declarations.get(name);
    if (!first) {
      ctx.declarations.set(name, decl);
      inModel.add(decl);
      continue;
    }
    ctx.error("duplicate-name", decl.name!.span, `"${name}" is already declared as ${describeDeclaration(first)}, and all names share one namespace: rename one of the two`, [
      { span: first.name?.span ?? first.keyword.span, message: `"${name}" is first declared here` },
    ]);
  }
  return inModel;
}

const MAX_OVERFLOW = 2;

function buildLocation(ctx: ModelContext, decl: LocationDeclaration): Location {
  const name = decl.name?.text ?? "";
  const transcodingId = decl.transcoding?.location;
  const transcoding = transcodingId ? resolveLocations(ctx, [transcodingId])[0] : undefined;
  const overflowIds = decl.overflow?.locations ?? [];
  const overflow = resolveLocations(ctx, overflowIds.slice(0, MAX_OVERFLOW));
  for (const id of overflowIds.slice(MAX_OVERFLOW)) {
    resolveLocations(ctx, [id]);
    ctx.error("invalid", id.span, `A location has at most two overflow locations, a primary and a secondary: remove "${id.text}" from the \`overflow\` of "${name}"`);
  }
  return { name, decl, transcoding: transcoding ?? name, overflow };
}
