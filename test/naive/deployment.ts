// A plain, JSON-serialisable description of a deployment, independent of the engine's
// syntax tree and model, and a printer to `.pexnet` text. The naive evaluator reads this
// type directly; the random generator and the benchmarks produce it.
//
// The printer uses only syntax the language spec settles (or the project's examples show):
// every firewall rule and setting on its own line, `sport` right after the traffic, one
// attribute per line in multi-attribute blocks, IPv4 literals only.

export type NodeRole = "management" | "transcoding" | "proxying";

/** The peer kinds of the spec's section 6. */
export type PeerKind =
  | "admin" | "dns" | "ntp" | "licensing" | "snmp-nms" | "syslog" | "ldap" | "ftp" | "smtp"
  | "web-proxy" | "incident-reporting" | "usage-statistics" | "cloud-bursting" | "event-hub"
  | "exchange" | "outlook" | "event-sink" | "adfs" | "oidc" | "epic" | "oauth" | "graph"
  | "google-workspace" | "webex-cloud" | "cisco-endpoint" | "poly-endpoint" | "endpoints"
  | "callcontrol" | "stun" | "rtmp" | "sfb" | "google-meet" | "teams-connector";

export type ServiceName =
  | "ipsec" | "ssh" | "http" | "https" | "dns" | "ntp" | "sip" | "sip-tls" | "h323" | "snmp"
  | "syslog" | "ldap";

export type PortAlias = "media" | "signaling" | "ephemeral" | "any";
/** One item of a port list: a port, an inclusive range, or an alias. */
export type PortItem = number | [number, number] | PortAlias;

export type BuiltinGroup = "@pexip" | "@management" | "@conferencing" | "@transcoding" | "@proxying";

export type Target =
  /** A declared name (party, zone or group); `iface` only on nodes. */
  | { name: string; iface?: "primary" | "secondary" }
  /** An IPv4 address or prefix literal, e.g. "10.0.0.5" or "10.0.0.0/8". */
  | { address: string }
  | { any: true }
  | { builtin: BuiltinGroup };

export type Protocol = "tcp" | "udp" | "tcp+udp" | "esp" | "icmp" | "any";

export type Traffic =
  /** `ports` absent or empty: any port. */
  | { protocol: Protocol; ports?: PortItem[] }
  | { service: ServiceName };

export interface Rule {
  action: "allow" | "deny";
  traffic: Traffic;
  sport?: PortItem[];
  /** Either from+to or between. */
  from?: Target[];
  to?: Target[];
  between?: Target[];
}

export interface Zone {
  name: string;
  /** Prefixes, or "any" for the catch-all zone. */
  prefixes: string[] | "any";
}

export interface Location {
  name: string;
  transcoding?: string;
  /** Primary, then optional secondary overflow location. */
  overflow?: string[];
}

export interface PexipNode {
  name: string;
  role: NodeRole;
  ip: string;
  secondary?: string;
  /** Static-NAT address; changes nothing in the analysis. */
  public?: string;
  /** Required for transcoding and proxying nodes, absent on the management node. */
  location?: string;
  /** Explicit zone of the primary address. */
  zone?: string;
}

export interface Peer {
  name: string;
  kind: PeerKind;
  /** Exactly one of ip, subnet, host, or (alone) zone gives the addresses. */
  ip?: string;
  subnet?: string;
  host?: string;
  zone?: string;
  location?: string[];
  /** web-proxy, event-sink. */
  port?: number;
  /** ftp data range. */
  ports?: [number, number];
}

export interface Group {
  name: string;
  members: Target[];
}

export interface Firewall {
  name: string;
  /** Network firewall: the zones it joins. */
  zones?: string[];
  /** Host firewall: the targets it protects. */
  protects?: Target[];
  nat?: { from: string; to: string }[];
  default?: "allow" | "deny";
  rules: Rule[];
}

export interface Settings {
  version?: number;
  mediaPorts?: [number, number];
  signalingPorts?: [number, number];
  enable?: string[];
  disable?: string[];
}

export interface Deployment {
  name: string;
  settings?: Settings;
  zones: Zone[];
  locations: Location[];
  nodes: PexipNode[];
  peers: Peer[];
  groups: Group[];
  firewalls: Firewall[];
}

// ---------------------------------------------------------------- printing

export function portItemText(item: PortItem): string {
  if (typeof item === "number") return String(item);
  if (Array.isArray(item)) return item[0] === item[1] ? String(item[0]) : `${item[0]}-${item[1]}`;
  return item;
}

export function portListText(items: PortItem[]): string {
  return items.map(portItemText).join(", ");
}

export function targetText(target: Target): string {
  if ("name" in target) return target.iface ? `${target.name}.${target.iface}` : target.name;
  if ("address" in target) return target.address;
  if ("builtin" in target) return target.builtin;
  return "any";
}

export function targetListText(targets: Target[]): string {
  return targets.map(targetText).join(", ");
}

export function trafficText(traffic: Traffic): string {
  if ("service" in traffic) return traffic.service;
  const ports = traffic.ports && traffic.ports.length > 0 ? ` ${portListText(traffic.ports)}` : "";
  return traffic.protocol + ports;
}

export function ruleText(rule: Rule): string {
  let text = `${rule.action} ${trafficText(rule.traffic)}`;
  if (rule.sport && rule.sport.length > 0) text += ` sport ${portListText(rule.sport)}`;
  if (rule.between) text += ` between ${targetListText(rule.between)}`;
  else text += ` from ${targetListText(rule.from ?? [])} to ${targetListText(rule.to ?? [])}`;
  return text;
}

/** `head { a }` for one attribute, else one attribute per line. */
function block(head: string, attributes: string[]): string {
  if (attributes.length === 0) return head;
  if (attributes.length === 1) return `${head} { ${attributes[0]} }`;
  return `${head} {\n${attributes.map((a) => `  ${a}\n`).join("")}}`;
}

/** The deployment block, or nothing when there are no settings (the block is optional). */
function settingsText(name: string, settings: Settings | undefined): string | undefined {
  const lines: string[] = [];
  if (settings?.version !== undefined) lines.push(`version ${settings.version}`);
  if (settings?.mediaPorts) lines.push(`media-ports ${portItemText(settings.mediaPorts)}`);
  if (settings?.signalingPorts) lines.push(`signaling-ports ${portItemText(settings.signalingPorts)}`);
  if (settings?.enable && settings.enable.length > 0) lines.push(`enable ${settings.enable.join(", ")}`);
  if (settings?.disable && settings.disable.length > 0) lines.push(`disable ${settings.disable.join(", ")}`);
  if (lines.length === 0) return undefined;
  return `deployment ${name} {\n${lines.map((l) => `  ${l}\n`).join("")}}`;
}

function nodeText(node: PexipNode): string {
  const attributes = [`ip ${node.ip}`];
  if (node.secondary) attributes.push(`secondary ${node.secondary}`);
  if (node.public) attributes.push(`public ${node.public}`);
  if (node.location) attributes.push(`location ${node.location}`);
  if (node.zone) attributes.push(`zone ${node.zone}`);
  return block(`${node.role} ${node.name}`, attributes);
}

function peerText(peer: Peer): string {
  const attributes: string[] = [];
  if (peer.ip) attributes.push(`ip ${peer.ip}`);
  if (peer.subnet) attributes.push(`subnet ${peer.subnet}`);
  if (peer.host) attributes.push(`host ${peer.host}`);
  if (peer.zone) attributes.push(`zone ${peer.zone}`);
  if (peer.port !== undefined) attributes.push(`port ${peer.port}`);
  if (peer.ports) attributes.push(`ports ${portItemText(peer.ports)}`);
  if (peer.location && peer.location.length > 0) attributes.push(`location ${peer.location.join(", ")}`);
  return block(`${peer.kind} ${peer.name}`, attributes);
}

function locationText(location: Location): string {
  const parts: string[] = [];
  if (location.transcoding) parts.push(`transcoding ${location.transcoding}`);
  if (location.overflow && location.overflow.length > 0) parts.push(`overflow ${location.overflow.join(", ")}`);
  return parts.length === 0 ? `location ${location.name}` : `location ${location.name} { ${parts.join("  ")} }`;
}

export function firewallLines(firewall: Firewall): string[] {
  const lines: string[] = [];
  if (firewall.zones) lines.push(`zones ${firewall.zones.join(", ")}`);
  if (firewall.protects) lines.push(`protects ${targetListText(firewall.protects)}`);
  for (const nat of firewall.nat ?? []) lines.push(`nat ${nat.from} -> ${nat.to}`);
  if (firewall.default) lines.push(`default ${firewall.default}`);
  for (const rule of firewall.rules) lines.push(ruleText(rule));
  return lines;
}

/** A firewall block from its body lines (settings and rules, unindented). */
export function firewallText(name: string, lines: string[]): string {
  return `firewall ${name} {\n${lines.map((line) => `  ${line}\n`).join("")}}`;
}

/**
 * The top-level declarations in print order, one string each (possibly several lines).
 * Callers that want to insert text between declarations use this; toPexnet joins them.
 */
export function declarationTexts(deployment: Deployment): string[] {
  const settings = settingsText(deployment.name, deployment.settings);
  const out: string[] = settings ? [settings] : [];
  for (const zone of deployment.zones) {
    out.push(`zone ${zone.name} ${zone.prefixes === "any" ? "any" : zone.prefixes.join(", ")}`);
  }
  for (const location of deployment.locations) out.push(locationText(location));
  for (const node of deployment.nodes) out.push(nodeText(node));
  for (const peer of deployment.peers) out.push(peerText(peer));
  for (const group of deployment.groups) out.push(`group ${group.name} { ${targetListText(group.members)} }`);
  for (const firewall of deployment.firewalls) out.push(firewallText(firewall.name, firewallLines(firewall)));
  return out;
}

export function toPexnet(deployment: Deployment): string {
  return declarationTexts(deployment).join("\n") + "\n";
}
