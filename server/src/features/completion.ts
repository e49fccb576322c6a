// textDocument/completion: chosen from the line text before the cursor and the block it is in.
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionParams } from "vscode-languageserver";
import type { CheckResult } from "../core/check";
import { FEATURES, PEER_KINDS } from "../core/catalog-types";
import { PORT_ALIASES, SERVICE_NAMES, SERVICES, type PortAliasName } from "../core/services";
import type { Declaration } from "../core/syntax-tree";

const NODE_KEYWORDS = ["management", "transcoding", "proxying"];
const OTHER_DECLARATIONS = ["deployment", "zone", "location", "group", "firewall"];
const ATTRIBUTES: Record<string, string> = {
  ip: "the primary address",
  secondary: "the secondary interface address",
  public: "the public (NAT) address",
  subnet: "a subnet of addresses",
  host: "a host name",
  zone: "the zone the peer is in",
  location: "the system location(s)",
  port: "a port",
  ports: "a port range",
};
const FIREWALL_ITEMS: Record<string, string> = {
  allow: "a rule allowing traffic",
  deny: "a rule denying traffic",
  zones: "the zones this network firewall joins",
  protects: "the hosts this host firewall protects",
  nat: "an address translation between zones",
  default: "the action when no rule matches",
};
const PROTOCOLS: Record<string, string> = {
  tcp: "TCP", udp: "UDP", "tcp+udp": "TCP and UDP", esp: "ESP (IP protocol 50)", icmp: "ICMP", any: "any protocol",
};
const BUILTINS: Record<string, string> = {
  "@pexip": "every Pexip node",
  "@management": "the management node",
  "@conferencing": "every conferencing node",
  "@transcoding": "every transcoding node",
  "@proxying": "every proxying edge node",
};

function item(label: string, kind: CompletionItemKind, detail: string, documentation: string): CompletionItem {
  return { label, kind, detail, documentation: { kind: MarkupKind.Markdown, value: documentation } };
}

function enclosing(result: CheckResult, offset: number): Declaration | undefined {
  return result.source.declarations.find((d) => d.open && d.open.start < offset && (!d.close || offset <= d.close.start));
}

function declared(result: CheckResult, accept: (d: Declaration) => boolean, detail: string): CompletionItem[] {
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const d of result.source.declarations) {
    if (!d.name || seen.has(d.name.text) || !accept(d)) continue;
    seen.add(d.name.text);
    const kindText = d.kind === "peer" ? d.peerKind : d.kind === "node" ? `${d.role} node` : d.kind;
    items.push(item(d.name.text, CompletionItemKind.Reference, `${detail}: ${kindText}`, `The ${kindText} \`${d.name.text}\` declared on line ${result.lines.positionAt(d.name.span.start).line + 1}.`));
  }
  return items;
}

export function completion(result: CheckResult, params: CompletionParams): CompletionItem[] {
  const offset = result.lines.offsetAt(params.position);
  const lineStart = result.lines.lineStart(params.position.line);
  let before = result.source.text.slice(lineStart, offset);
  const comment = before.search(/#|\/\//);
  if (comment >= 0) return [];
  const block = enclosing(result, offset);
  // The text of the current statement inside a block (after the last `{` on the line).
  const brace = before.lastIndexOf("{");
  if (brace >= 0) before = " " + before.slice(brace + 1);
  // Commas are words of their own: `corp, ` ends with `,`.
  before = before.replace(/,/g, " , ");
  const words = before.trim().length === 0 ? [] : before.trim().split(/\s+/);
  const partial = /\s$/.test(before) || words.length === 0 ? "" : words[words.length - 1];
  const previous = (partial ? words.slice(0, -1) : words);
  const last = previous[previous.length - 1];

  // Column 1, outside every block.
  if (!block && previous.length === 0 && brace < 0) {
    return [
      ...[...OTHER_DECLARATIONS, ...NODE_KEYWORDS].map((k) => item(k, CompletionItemKind.Keyword, "declaration", `Declares a ${NODE_KEYWORDS.includes(k) ? `${k} node` : k}.`)),
      ...PEER_KINDS.map((k) => item(k, CompletionItemKind.Class, "peer kind", `Declares a \`${k}\` peer: an address, a subnet, a host or a zone.`)),
    ];
  }

  // After a declaration keyword comes a new name: nothing to offer.
  if (!block) return [];

  if (last === "location" || last === "transcoding" || last === "overflow" || (last === "," && previous.includes("overflow"))) {
    return declared(result, (d) => d.kind === "location", "location");
  }
  if (last === "zone" || last === "nat" || ((last === "zones" || last === ",") && previous[0] === "zones")) {
    return declared(result, (d) => d.kind === "zone", "zone");
  }
  if (last === "zones") return declared(result, (d) => d.kind === "zone", "zone");
  if (last === "enable" || last === "disable" || ((last === ",") && (previous.includes("enable") || previous.includes("disable")))) {
    return FEATURES.map((f) => item(f, CompletionItemKind.EnumMember, "feature", `The optional \`${f}\` flows.`));
  }

  if (block?.kind === "firewall") {
    if (previous.length === 0) {
      return Object.entries(FIREWALL_ITEMS).map(([k, doc]) => item(k, CompletionItemKind.Keyword, "firewall item", doc));
    }
    if (previous.length === 1 && (last === "allow" || last === "deny")) {
      return [
        ...Object.entries(PROTOCOLS).map(([k, doc]) => item(k, CompletionItemKind.Keyword, "protocol", `${doc}, followed by ports (none: any port).`)),
        ...SERVICE_NAMES.map((s) => item(s, CompletionItemKind.Constant, `service: ${SERVICES[s].short}`, SERVICES[s].long)),
      ];
    }
    if (last !== undefined && last in PROTOCOLS && previous.length === 2) {
      return (Object.keys(PORT_ALIASES) as PortAliasName[]).map((a) => item(a, CompletionItemKind.Constant, `port alias: ${PORT_ALIASES[a].short}`, PORT_ALIASES[a].long));
    }
    if (last === "from" || last === "to" || last === "between" || (last === "," && previous.some((w) => w === "from" || w === "to" || w === "between"))) {
      return [
        ...declared(result, (d) => d.kind === "node" || d.kind === "peer", "party"),
        ...declared(result, (d) => d.kind === "zone", "zone"),
        ...declared(result, (d) => d.kind === "group", "group"),
        ...Object.entries(BUILTINS).map(([k, doc]) => item(k, CompletionItemKind.Constant, "built-in group", doc)),
        item("any", CompletionItemKind.Keyword, "any address", "Every address."),
      ];
    }
    return [];
  }

  if (block && (block.kind === "node" || block.kind === "peer") && previous.length % 2 === 0) {
    return Object.entries(ATTRIBUTES).map(([k, doc]) => item(k, CompletionItemKind.Property, "attribute", doc));
  }
  return [];
}
