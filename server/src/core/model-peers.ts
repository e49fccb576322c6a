// Peers: where each one is (ip, subnet, host or a whole zone), which addresses it stands
// for, and the attributes only some kinds take (location, port, ports).
import { hostAddress } from "./addresses";
import { PEER_KINDS, type PeerKind } from "./catalog-types";
import { IntervalSet, NO_ADDRESSES, type AddressSet } from "./interval-set";
import { checkHostName, parsePrefixLiteral, parseSingleAddress, type ZoneBuild } from "./model-addresses";
import { nameSpan, withArticle, type ModelContext } from "./model-context";
import type { Peer, PeerPlacement } from "./model-types";
import { AttributeBag, reportNoZone, resolveLocations, resolveZoneAttribute, type AttributeKind, type AttributeOf } from "./model-nodes";
import type { Attribute, PeerDeclaration } from "./syntax-tree";

/** Kinds whose catalog rows name Conferencing Nodes: only they take `location`. */
export const KINDS_WITH_LOCATION: ReadonlySet<PeerKind> = new Set<PeerKind>([
  "admin", "snmp-nms", "syslog", "dns", "ntp", "web-proxy", "incident-reporting", "exchange",
  "outlook", "event-sink", "adfs", "oidc", "epic", "oauth", "graph", "google-workspace",
  "webex-cloud", "cisco-endpoint", "poly-endpoint", "endpoints", "callcontrol", "stun", "rtmp",
  "sfb", "google-meet", "teams-connector",
]);
/** Kinds with a configurable service port (`port N`). */
export const KINDS_WITH_PORT: ReadonlySet<PeerKind> = new Set<PeerKind>(["web-proxy", "event-sink"]);
/** Kinds with a configurable port range (`ports N-M`: the FTP data ports). */
export const KINDS_WITH_PORTS: ReadonlySet<PeerKind> = new Set<PeerKind>(["ftp"]);

export const OBSOLETE_HOST = "pexip.flexnetoperations.com";

export function isPeerKind(kind: string): kind is PeerKind {
  return (PEER_KINDS as readonly string[]).includes(kind);
}

export interface PeerInputs {
  zones: ZoneBuild;
  /** Primary and secondary addresses of every node: subnet and zone peers exclude them. */
  nodeAddresses: AddressSet;
  /** Index the next `host` peer's pseudo-address gets; advanced when `countsHost`. */
  nextHost: { value: number };
  /** False for declarations left out of the model (duplicates): they take no host number. */
  countsHost: boolean;
}

export interface BuiltPeer {
  peer?: Peer;
  /** The zone named by the peer's `zone` attribute. */
  explicitZone?: string;
}

type Placing = AttributeOf<"ip" | "subnet" | "host">;

export function buildPeer(ctx: ModelContext, decl: PeerDeclaration, inputs: PeerInputs): BuiltPeer {
  const name = decl.name?.text ?? "";
  if (!isPeerKind(decl.peerKind)) {
    ctx.error("invalid", decl.keyword.span, `"${decl.peerKind}" is not a peer kind: use one of ${PEER_KINDS.join(", ")}`);
    return {};
  }
  const kind = decl.peerKind;
  const owner = `${kind} peer "${name}"`;
  const attributes = new AttributeBag(ctx, owner, decl.attributes, (attribute) => refusal(kind, name, attribute));

  // Exactly one of ip / subnet / host places the peer; the first one written counts.
  let placing: Placing | undefined;
  for (const attribute of decl.attributes ?? []) {
    if (!isPlacing(attribute) || attributes.get(attribute.kind) !== attribute) continue;
    if (!placing) placing = attribute;
    else ctx.error("invalid", attribute.keyword.span, `${owner} already has \`${placing.kind}\`, and a peer takes exactly one of \`ip\`, \`subnet\` and \`host\`: remove one (the first one counts)`, [
      { span: placing.span, message: `the first address of "${name}"` },
    ]);
  }

  const zoneAttribute = attributes.get("zone");
  const explicitZone = resolveZoneAttribute(ctx, zoneAttribute);
  const peer: Peer = { kind: "peer", name, peerKind: kind, decl, addresses: NO_ADDRESSES };
  const { zones, nodeAddresses } = inputs;

  if (placing?.kind === "ip" && placing.address) {
    const address = parseSingleAddress(ctx, placing.address, "ip");
    if (address) {
      peer.placement = { kind: "ip", address: address.value };
      peer.addresses = IntervalSet.ofBigints([[address.value, address.value]]);
      setZone(peer, explicitZone ?? zones.index.zoneOfAddress(address.value));
      if (peer.zone === undefined && !zoneAttribute) reportNoZone(ctx, address, `the address of ${name}`);
    }
  } else if (placing?.kind === "subnet" && placing.address) {
    const prefix = parsePrefixLiteral(ctx, placing.address);
    if (prefix) {
      peer.placement = { kind: "subnet", prefix: prefix.set };
      peer.addresses = prefix.set.subtract(nodeAddresses);
      setZone(peer, explicitZone ?? zones.index.zoneOfSet(prefix.set));
      if (peer.zone === undefined && !zoneAttribute) {
        reportNoZone(ctx, { value: prefix.value, text: placing.address.text, span: placing.address.span }, `the subnet of ${name}`);
      }
    }
  } else if (placing?.kind === "host" && placing.host) {
    checkHostName(ctx, placing.host);
    const pseudo = hostAddress(inputs.nextHost.value);
    if (inputs.countsHost) inputs.nextHost.value++;
    peer.placement = { kind: "host", host: placing.host.text };
    peer.addresses = IntervalSet.ofBigints([[pseudo, pseudo]]);
    // A host's address is unknown: it lives in the catch-all zone unless placed.
    setZone(peer, explicitZone ?? zones.anyZone?.name);
    if (peer.zone === undefined && !zoneAttribute) {
      ctx.error("no-zone", placing.host.span, `Host ${placing.host.text} lives in the catch-all zone, but no zone is \`any\`: add \`zone internet any\`, or give ${name} a \`zone\` attribute`);
    }
  } else if (!placing && zoneAttribute) {
    const placement: PeerPlacement = { kind: "zone" };
    peer.placement = placement;
    setZone(peer, explicitZone);
    const zone = explicitZone === undefined ? undefined : zones.zones.get(explicitZone);
    if (zone) peer.addresses = zone.addresses.subtract(nodeAddresses);
  } else if (!placing && !decl.recovered) {
    ctx.error("invalid", nameSpan(decl), `${capitalizeFirst(owner)} has no address: give it \`ip ADDR\`, \`subnet PREFIX\`, \`host NAME\` or \`zone ZONE\``);
  }

  const location = attributes.get("location");
  if (location) peer.locations = resolveLocations(ctx, location.locations);
  const port = attributes.get("port") ?? attributes.get("ports");
  if (port?.port) {
    const range = checkPeerPort(ctx, port, name);
    if (range) peer.port = range;
  }
  return { peer, explicitZone };
}

function isPlacing(attribute: Attribute): attribute is Placing {
  return attribute.kind === "ip" || attribute.kind === "subnet" || attribute.kind === "host";
}

function setZone(peer: Peer, zone: string | undefined): void {
  if (zone !== undefined) peer.zone = zone;
}

/** Why `attribute` does not apply to a peer of this kind, or undefined when it does. */
function refusal(kind: PeerKind, name: string, attribute: AttributeKind): string | undefined {
  switch (attribute) {
    case "secondary":
    case "public":
      return `Only Pexip nodes have \`${attribute}\` addresses; a peer has one of \`ip\`, \`subnet\`, \`host\` or \`zone\`: remove \`${attribute}\` from "${name}"`;
    case "location":
      return KINDS_WITH_LOCATION.has(kind)
        ? undefined
        : `${capitalizeFirst(withArticle(kind))} peer talks only to the Management Node, so \`location\` does not apply to it: remove it from "${name}"`;
    case "port":
      if (KINDS_WITH_PORT.has(kind)) return undefined;
      return KINDS_WITH_PORTS.has(kind)
        ? `${capitalizeFirst(withArticle(kind))} peer takes a data port range: write \`ports N-M\` instead of \`port\``
        : `Only web-proxy and event-sink peers take \`port\`: remove it from "${name}"`;
    case "ports":
      if (KINDS_WITH_PORTS.has(kind)) return undefined;
      return KINDS_WITH_PORT.has(kind)
        ? `${capitalizeFirst(withArticle(kind))} peer takes a single port: write \`port N\` instead of \`ports\``
        : `Only ftp peers take \`ports\` (their data port range): remove it from "${name}"`;
    default:
      return undefined;
  }
}

/** Validates `port N` (one port) or `ports N-M`; returns the range when usable. */
function checkPeerPort(ctx: ModelContext, attribute: AttributeOf<"port" | "ports">, name: string): [number, number] | undefined {
  const { from, to, span } = attribute.port;
  if (from < 1 || to > 65535 || from > 65535 || to < 1) {
    ctx.error("invalid", span, `Port ${from === to ? from : `${from}-${to}`} of "${name}" is out of range: ports run from 1 to 65535`);
    return undefined;
  }
  if (from > to) {
    ctx.error("invalid", span, `The port range ${from}-${to} of "${name}" is reversed: write ${to}-${from}`);
    return undefined;
  }
  if (attribute.kind === "port" && from !== to) {
    ctx.error("invalid", span, `\`port\` takes one port, not the range ${from}-${to}: write the port "${name}" listens on`);
    return [from, from];
  }
  return [from, to];
}

function capitalizeFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
