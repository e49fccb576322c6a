// The resolved deployment: what the syntax tree means once names, zones and addresses are
// known. model.ts builds it (and the structural diagnostics); routing, requirements and
// analysis read it. Addresses live on one bigint line (see addresses.ts).
import type { AddressSet, PortSet } from "./interval-set";
import type { Feature, PeerKind } from "./catalog-types";
import type { Diagnostic } from "./diagnostics";
import type {
  Declaration, FirewallDeclaration, FirewallItem, GroupDeclaration, LocationDeclaration,
  NodeDeclaration, NodeRole, PeerDeclaration, Rule, SourceFile, Span, Target, ZoneDeclaration,
} from "./syntax-tree";

export interface DeploymentSettings {
  version?: number;
  media: [number, number];
  signaling: [number, number];
  features: Record<Feature, boolean>;
}

export interface Zone {
  name: string;
  decl: ZoneDeclaration;
  isAny: boolean;
  /** Addresses that belong to the zone: its prefixes minus other zones' more specific ones
   *  (for the `any` zone: every address no other zone holds). No host pseudo-addresses. */
  addresses: AddressSet;
}

export interface Location {
  name: string;
  decl: LocationDeclaration;
  /** Defaults to the location itself. */
  transcoding: string;
  /** Primary then secondary overflow location (0-2 entries). */
  overflow: string[];
}

export interface NodeInterface {
  /** The address on the bigint line (addresses.ts). */
  address: bigint;
  /** The text as written, for messages. */
  text: string;
  span: Span;
  /** Undefined when the address falls in no zone (a `no-zone` diagnostic was reported). */
  zone?: string;
}

export interface Node {
  kind: "node";
  name: string;
  role: NodeRole;
  decl: NodeDeclaration;
  /** Undefined when `ip` is missing or malformed (already reported). */
  primary?: NodeInterface;
  secondary?: NodeInterface;
  publicAddress?: bigint;
  location?: string;
}

export type PeerPlacement =
  | { kind: "ip"; address: bigint }
  | { kind: "subnet"; prefix: AddressSet }
  | { kind: "host"; host: string }
  | { kind: "zone" };

export interface Peer {
  kind: "peer";
  name: string;
  peerKind: PeerKind;
  decl: PeerDeclaration;
  placement?: PeerPlacement;
  /** The zone the peer lives in (explicit `zone`, else derived); undefined: no zone. */
  zone?: string;
  /** Every address the peer stands for: one for `ip`; the prefix or zone minus node
   *  addresses for `subnet`/`zone`; the host's pseudo-address for `host`. */
  addresses: AddressSet;
  /** `location` attribute: talks only to Conferencing Nodes there; undefined = all. */
  locations?: string[];
  /** `port` / `ports` attribute. */
  port?: [number, number];
}

export type Party = Node | Peer;

export interface Group {
  name: string;
  decl: GroupDeclaration;
}

export type TrafficProtocol = "tcp" | "udp" | "esp" | "icmp";

/** What a rule (or a service) matches, per protocol: destination ports for tcp/udp, a flag
 *  for esp/icmp (they have no ports). A protocol absent from the map is not matched. */
export interface CompiledTraffic {
  tcp?: PortSet;
  udp?: PortSet;
  esp?: true;
  icmp?: true;
}

export interface CompiledRule {
  index: number;
  ast: Rule;
  action: "allow" | "deny";
  traffic: CompiledTraffic;
  /** Source ports; undefined = any. A rule with `sport` matches only tcp/udp. */
  sport?: PortSet;
  /** Source and destination addresses (host peers as pseudo-addresses). */
  src: AddressSet;
  dst: AddressSet;
}

export interface Nat {
  from: string;
  to: string;
  span: Span;
}

export interface Firewall {
  name: string;
  decl: FirewallDeclaration;
  kind: "network" | "host";
  /** Zones a network firewall joins (empty for a host firewall). */
  zones: string[];
  /** Addresses a host firewall protects (empty for a network firewall). */
  protects: AddressSet;
  nats: Nat[];
  defaultAction: "allow" | "deny";
  /** The `default` item, when written (related information for drops by default). */
  defaultItem?: Extract<FirewallItem, { kind: "default" }>;
  rules: CompiledRule[];
}

/** A use of a name in the source, for navigation, rename and unused-name. */
export interface Reference {
  name: string;
  span: Span;
  /** What kind of declaration the place expects (for completion and checks). */
  expects: "zone" | "location" | "party" | "target" | "feature";
  /** The declaration it resolves to; undefined when unknown (an unknown-name was reported). */
  declaration?: Declaration;
}

export interface Model {
  source: SourceFile;
  settings: DeploymentSettings;
  /** True when the deployment has an IPv6 literal: `any` then covers IPv6 as well. */
  ipv6: boolean;
  zones: Map<string, Zone>;
  anyZone?: Zone;
  locations: Map<string, Location>;
  nodes: Node[];
  peers: Peer[];
  parties: Map<string, Party>;
  groups: Map<string, Group>;
  firewalls: Firewall[];
  /** Every declared name (the first declaration when duplicated). */
  declarations: Map<string, Declaration>;
  references: Reference[];
  /** Every address the `any` keyword stands for (IPv4, plus IPv6 in an IPv6 deployment,
   *  plus every host pseudo-address). */
  anyAddresses: AddressSet;
  /** Resolves a list of targets to addresses (host peers as pseudo-addresses). */
  resolveTargets(targets: Target[]): AddressSet;
  /** Structural diagnostics found while building the model. */
  diagnostics: Diagnostic[];
}
