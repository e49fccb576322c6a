// Hover text for the traffic part of a rule: ports, port aliases, protocols, services.
import { CATALOG, rowsServingPort } from "../core/catalog";
import type { FlowRow } from "../core/catalog-types";
import type { Model } from "../core/model-types";
import { PORT_ALIASES, SERVICES, SERVICE_NAMES, resolvePortTerms, type PortRanges, type ServiceName } from "../core/services";
import { IntervalSet } from "../core/interval-set";
import type { PortItem, PortRangeItem, ProtocolName, Rule } from "../core/syntax-tree";

/** ICE gives each media line 4 ports (RTP and RTCP, for both candidates). */
const PORTS_PER_MEDIA_STREAM = 4;

const PROTOCOL_TEXT: Record<ProtocolName, string> = {
  tcp: "TCP: connection-oriented transport; ports follow it.",
  udp: "UDP: datagram transport; ports follow it.",
  "tcp+udp": "Both TCP and UDP on the ports that follow.",
  esp: "ESP, IP protocol 50: the encrypted payload of IPsec. It has no ports; the keys are agreed over IKE on udp 500.",
  icmp: "ICMP, IP protocol 1: ping and network error reports. It has no ports.",
  any: "Every protocol: tcp and udp on every port, esp and icmp. With ports: tcp and udp on those ports only.",
};

export function rangesOf(model: Model): PortRanges {
  return { media: model.settings.media, signaling: model.settings.signaling };
}

/** The transport protocols whose ports a rule's traffic names. */
function portProtocols(rule: Rule): ("tcp" | "udp")[] {
  if (rule.traffic.kind !== "protocol") return [];
  const protocol = rule.traffic.protocol.text;
  if (protocol === "tcp" || protocol === "udp") return [protocol];
  if (protocol === "tcp+udp" || protocol === "any") return ["tcp", "udp"];
  return [];
}

function formatRange([from, to]: readonly [number, number]): string {
  return from === to ? `${from}` : `${from}-${to}`;
}

function describeDirection(row: FlowRow): string {
  const nodes = row.nodes === "management" ? "Management Node" : row.nodes === "conferencing" ? "Conferencing Nodes" : "Pexip nodes";
  if (row.direction === "node-to-node") return `${nodes} <-> ${nodes}`;
  if (row.direction === "node-to-peer") return `${nodes} -> ${row.peerKind}`;
  return `${row.peerKind} -> ${nodes}`;
}

function rowLine(row: FlowRow, protocol: string): string {
  return `- \`${row.id}\` (${protocol}, ${describeDirection(row)}): ${row.short}`;
}

/** Catalog rows a port range serves: rowsServingPort for one port, an overlap test for a range. */
function rowsServingRange(protocol: "tcp" | "udp", range: [number, number], ranges: PortRanges): FlowRow[] {
  if (range[0] === range[1]) return rowsServingPort(protocol, range[0], ranges);
  const wanted = IntervalSet.ofNumbers([range]);
  return CATALOG.filter(
    (row) =>
      (row.protocol === protocol || row.protocol === "tcp+udp") &&
      resolvePortTerms(row.dstPorts.filter((term) => term !== "any"), ranges).intersects(wanted),
  );
}

function servedRowsText(protocols: ("tcp" | "udp")[], range: [number, number], ranges: PortRanges): string {
  const lines: string[] = [];
  for (const protocol of protocols) {
    for (const row of rowsServingRange(protocol, range, ranges)) lines.push(rowLine(row, protocol));
  }
  if (lines.length === 0) return "Not a Pexip port: no required flow of the catalog uses it.";
  return ["Required Pexip flows on these ports:", ...lines].join("\n");
}

export function hoverPort(model: Model, item: PortItem, rule: Rule, isSourcePort: boolean): string {
  const ranges = rangesOf(model);
  const protocols = portProtocols(rule);
  if (item.kind === "alias") {
    const alias = PORT_ALIASES[item.name];
    const range = resolvePortTerms([item.name], ranges).ranges()[0] ?? [1, 65535];
    const parts = [`**${item.name}** ports ${formatRange(range)}: ${alias.short}.`, alias.long];
    if (item.name === "media") parts.push(mediaCapacity(range));
    return parts.join("\n\n");
  }
  const range: [number, number] = [item.from, item.to];
  const title = `**${item.from === item.to ? "port" : "ports"} ${formatRange(range)}**`;
  if (isSourcePort) return `${title} (source ports: the rule matches only packets sent from them)`;
  if (protocols.length === 0) return `${title}: this protocol has no ports.`;
  return `${title} (${protocols.join(", ")})\n\n${servedRowsText(protocols, range, ranges)}`;
}

export function hoverProtocol(protocol: ProtocolName): string {
  return `**${protocol}**: ${PROTOCOL_TEXT[protocol]}`;
}

export function hoverService(name: string): string {
  if (!(SERVICE_NAMES as readonly string[]).includes(name)) return `**${name}**: not a known service name.`;
  const service = SERVICES[name as ServiceName];
  const items = service.items.map((item) =>
    item.protocol === "esp" ? "esp (IP protocol 50, no ports)" : `${item.protocol} ${item.ports.map((p) => (typeof p === "string" ? p : formatRange(p))).join(", ")}`,
  );
  return `**${service.name}** (service): ${service.short}\n\n${service.long}\n\nMatches: ${items.join("; ")}.`;
}

function mediaCapacity(range: readonly [number, number]): string {
  const size = range[1] - range[0] + 1;
  return `${size} ports hold ${Math.floor(size / PORTS_PER_MEDIA_STREAM)} ICE media streams at ${PORTS_PER_MEDIA_STREAM} ports each.`;
}

/** The range written in the deployment block: what the `media`/`signaling` alias means here. */
export function hoverPortSetting(setting: "media-ports" | "signaling-ports", range: PortRangeItem): string {
  const alias = setting === "media-ports" ? "media" : "signaling";
  const parts = [`**${setting}** ${formatRange([range.from, range.to])}: what \`${alias}\` means in this deployment.`, PORT_ALIASES[alias].long];
  if (alias === "media") parts.push(mediaCapacity([range.from, range.to]));
  return parts.join("\n\n");
}
