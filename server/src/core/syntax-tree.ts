// The syntax tree that grammar/pexnet.peggy produces. Every node and every token that
// hover, navigation or quick fixes may point at carries its source span (offsets into the
// text, UTF-16 code units, end exclusive). Nothing here knows about LSP.

export interface Span {
  start: number;
  end: number;
}

/** A word or symbol of the source with its position: names, keywords, numbers, literals. */
export interface Token<T extends string = string> {
  text: T;
  span: Span;
}

export type Identifier = Token;
export type Keyword = Token;

export interface Comment {
  /** The whole comment, including its leading `#` or `//`. */
  text: string;
  span: Span;
}

// ---------------------------------------------------------------- ports

/** `443`, `40000-49999`: `from`/`to` are the numbers as written (validated by the model). */
export interface PortRangeItem {
  kind: "range";
  from: number;
  to: number;
  span: Span;
}

/** `media`, `signaling`, `ephemeral`, `any`. */
export interface PortAliasItem {
  kind: "alias";
  name: "media" | "signaling" | "ephemeral" | "any";
  span: Span;
}

export type PortItem = PortRangeItem | PortAliasItem;

// ---------------------------------------------------------------- addresses and targets

/** An address or prefix exactly as written; the model parses and validates it. */
export interface AddressLiteral {
  kind: "address";
  text: string;
  span: Span;
}

export type BuiltinGroupName = "@pexip" | "@management" | "@conferencing" | "@transcoding" | "@proxying";

export type Target =
  | { kind: "name"; name: Identifier; /** `.primary` / `.secondary` */ iface?: Token<"primary" | "secondary">; span: Span }
  | AddressLiteral
  | { kind: "any"; span: Span }
  | { kind: "builtin"; name: Token<BuiltinGroupName>; span: Span };

// ---------------------------------------------------------------- rules

export type ProtocolName = "tcp" | "udp" | "tcp+udp" | "esp" | "icmp" | "any";

export type Traffic =
  /** `tcp 443, 5061`; `ports` is empty when no ports are written (any port). */
  | { kind: "protocol"; protocol: Token<ProtocolName>; ports: PortItem[]; span: Span }
  /** `https`, `ipsec`, ... (any name; the model checks it is a known service). */
  | { kind: "service"; name: Identifier; span: Span };

export interface Rule {
  kind: "rule";
  action: Token<"allow" | "deny">;
  traffic: Traffic;
  /** `sport PORTS`, written after the traffic or at the end of the rule. */
  sport?: { keyword: Keyword; ports: PortItem[]; span: Span };
  /** `from A to B`: both present; `between X`: `between` present. */
  from?: { keyword: Keyword; targets: Target[] };
  to?: { keyword: Keyword; targets: Target[] };
  between?: { keyword: Keyword; targets: Target[] };
  span: Span;
}

export type FirewallItem =
  | Rule
  | { kind: "zones"; keyword: Keyword; zones: Identifier[]; span: Span }
  | { kind: "protects"; keyword: Keyword; targets: Target[]; span: Span }
  | { kind: "nat"; keyword: Keyword; from: Identifier; arrow: Span; to: Identifier; span: Span }
  | { kind: "default"; keyword: Keyword; action: Token<"allow" | "deny">; span: Span };

// ---------------------------------------------------------------- declarations

/** What every declaration has. `open`/`close` are the braces of its block, if any. */
interface DeclarationBase {
  keyword: Keyword;
  /** Absent only when the declaration is too broken to have a name. */
  name?: Identifier;
  span: Span;
  open?: Span;
  /** Absent when the block was never closed (a `syntax` diagnostic says so). */
  close?: Span;
  /** True when a syntax error cut this declaration short: keep what parsed, check less. */
  recovered?: boolean;
}

export type DeploymentSetting =
  | { kind: "version"; keyword: Keyword; value: Token; /** the number */ number: number; span: Span }
  | { kind: "media-ports" | "signaling-ports"; keyword: Keyword; range: PortRangeItem; span: Span }
  | { kind: "enable" | "disable"; keyword: Keyword; features: Identifier[]; span: Span };

export interface DeploymentDeclaration extends DeclarationBase {
  kind: "deployment";
  settings: DeploymentSetting[];
}

export interface ZoneDeclaration extends DeclarationBase {
  kind: "zone";
  /** Set when written `zone NAME any`. */
  any?: Span;
  prefixes: AddressLiteral[];
}

export interface LocationDeclaration extends DeclarationBase {
  kind: "location";
  transcoding?: { keyword: Keyword; location: Identifier; span: Span };
  overflow?: { keyword: Keyword; locations: Identifier[]; span: Span };
}

/** Attributes of nodes and peers; which kinds take which is checked by the model. */
export type Attribute =
  | { kind: "ip" | "secondary" | "public" | "subnet"; keyword: Keyword; address: AddressLiteral; span: Span }
  | { kind: "host"; keyword: Keyword; host: Token; span: Span }
  | { kind: "zone"; keyword: Keyword; zone: Identifier; span: Span }
  | { kind: "location"; keyword: Keyword; locations: Identifier[]; span: Span }
  | { kind: "port" | "ports"; keyword: Keyword; port: PortRangeItem; span: Span };

export type NodeRole = "management" | "transcoding" | "proxying";

export interface NodeDeclaration extends DeclarationBase {
  kind: "node";
  role: NodeRole;
  attributes: Attribute[];
}

export interface PeerDeclaration extends DeclarationBase {
  kind: "peer";
  /** The peer kind as written (`dns`, `endpoints`, ...); `keyword` holds the same token. */
  peerKind: string;
  attributes: Attribute[];
}

export interface GroupDeclaration extends DeclarationBase {
  kind: "group";
  members: Target[];
}

export interface FirewallDeclaration extends DeclarationBase {
  kind: "firewall";
  items: FirewallItem[];
}

export type Declaration =
  | DeploymentDeclaration
  | ZoneDeclaration
  | LocationDeclaration
  | NodeDeclaration
  | PeerDeclaration
  | GroupDeclaration
  | FirewallDeclaration;

/** One unparsable span and what the parser expected there. */
export interface SyntaxProblem {
  span: Span;
  message: string;
  /** Plain-words descriptions of what would have been accepted. */
  expected: string[];
  /** What was found instead (`end of file` at the end). */
  found: string;
}

export interface SourceFile {
  text: string;
  declarations: Declaration[];
  /** Every comment of the file, in source order. */
  comments: Comment[];
  syntaxErrors: SyntaxProblem[];
}
