// Types of the flow catalog (server/src/core/catalog.ts): what Pexip Infinity requires,
// as data. The analysis turns each row into required flows for the parties of a
// deployment; hovers show the explanations.

/** Every peer kind of the language (spec section 6). */
export const PEER_KINDS = [
  "admin", "dns", "ntp", "licensing", "snmp-nms", "syslog", "ldap", "ftp", "smtp",
  "web-proxy", "incident-reporting", "usage-statistics", "cloud-bursting", "event-hub",
  "exchange", "outlook", "event-sink", "adfs", "oidc", "epic", "oauth", "graph",
  "google-workspace", "webex-cloud", "cisco-endpoint", "poly-endpoint", "endpoints",
  "callcontrol", "stun", "rtmp", "sfb", "google-meet", "teams-connector",
] as const;
export type PeerKind = (typeof PEER_KINDS)[number];

/** Optional flows switched by `enable` / `disable` in the deployment block. */
export const FEATURES = ["sip-udp", "http-redirect", "ssh", "admin-http", "provisioning"] as const;
export type Feature = (typeof FEATURES)[number];
export const FEATURE_DEFAULTS: Record<Feature, boolean> = {
  "sip-udp": false,
  "http-redirect": true,
  ssh: true,
  "admin-http": false,
  provisioning: false,
};

/** A term of a port expression; named terms are resolved against the deployment. */
export type PortTerm =
  | readonly [number, number]
  | "media" // the deployment's media range (E)
  | "signaling" // the deployment's signaling range (S)
  | "ephemeral" // 55000-65535
  | "any"; // 1-65535

/** Which nodes a row names: M, every C, or both. */
export type NodeSet = "management" | "conferencing" | "management+conferencing";

/** Which interface of a Conferencing Node a row uses (spec section 3, Interfaces). */
export type InterfaceRule =
  | "primary" // inter-node and admin flows
  | "signaling" // call signaling and media: the secondary when there is one
  | "closest"; // peripheral: the interface whose zone is closest to the peer

export interface FlowCondition {
  /** Required only while this feature is enabled. */
  feature?: Feature;
  /** Not required when the deployment declares a `web-proxy` peer (it stands in). */
  notWithWebProxy?: boolean;
}

/** The peer's own `port` / `ports` attribute changes the destination ports. */
export interface ConfigurablePort {
  attribute: "port" | "ports";
  /** `replace`: the attribute replaces `dstPorts`; `add`: it is added to them. */
  mode: "replace" | "add";
}

export interface SeedReference {
  /** Seed file the fact comes from (`000_...` port guide, `002_...` network requirements). */
  document: "000_aeec7e21bf946b73.txt" | "002_1c3964e2ed6e3f65.txt";
  /** The seed table (its caption) or section. */
  table: string;
  /** The seed row, abbreviated: source, destination, ports, protocol. */
  row: string;
}

export interface FlowRow {
  /** Stable id, used in diagnostics, docs and tests (`dns-query`, `ipsec-ike`, ...). */
  id: string;
  /** The peer kind the row belongs to; `internode` for IPsec between nodes. */
  peerKind: PeerKind | "internode";
  /** Who opens the connection. For `internode` both ends are nodes. */
  direction: "node-to-peer" | "peer-to-node" | "node-to-node";
  /** The node side of the row (both ends for `node-to-node`). */
  nodes: NodeSet;
  protocol: "tcp" | "udp" | "tcp+udp" | "esp";
  /** Destination ports; empty for esp. */
  dstPorts: readonly PortTerm[];
  /** Source ports the connection leaves from; absent = any. */
  srcPorts?: readonly PortTerm[];
  configurablePort?: ConfigurablePort;
  condition?: FlowCondition;
  interface: InterfaceRule;
  seed: SeedReference;
  /** A few words for lists and diagnostics: "DNS lookups". */
  short: string;
  /** One or two sentences for hovers, in our own words. */
  long: string;
}
