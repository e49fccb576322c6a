// textDocument/semanticTokens/full: keywords, declared names and their uses (by the kind of
// declaration), ports, addresses and comments, straight from the syntax tree.
import type { SemanticTokens, SemanticTokensLegend } from "vscode-languageserver";
import type { CheckResult } from "../core/check";
import type { Declaration, PortItem, Span, Target } from "../core/syntax-tree";

export const TOKEN_TYPES = ["namespace", "class", "variable", "type", "function", "keyword", "number", "string", "comment"] as const;
export const TOKEN_MODIFIERS = ["declaration"] as const;
export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

type TokenType = (typeof TOKEN_TYPES)[number];

const NAME_TYPES: Record<Declaration["kind"], TokenType> = {
  deployment: "namespace",
  zone: "namespace",
  location: "namespace",
  node: "class",
  peer: "variable",
  group: "type",
  firewall: "function",
};

interface RawToken {
  span: Span;
  type: TokenType;
  declaration?: boolean;
}

export function semanticTokens(result: CheckResult): SemanticTokens {
  const raw: RawToken[] = [];
  const add = (span: Span | undefined, type: TokenType, declaration = false) => {
    if (span && span.end > span.start) raw.push({ span, type, declaration });
  };
  const ports = (items: PortItem[]) => {
    for (const item of items) add(item.span, item.kind === "range" ? "number" : "keyword");
  };
  const targets = (items: Target[]) => {
    for (const target of items) {
      if (target.kind === "address") add(target.span, "string");
      else if (target.kind === "any") add(target.span, "keyword");
      else if (target.kind === "builtin") add(target.span, "type");
      else if (target.iface) add(target.iface.span, "keyword");
      // Names come from model.references.
    }
  };

  for (const declaration of result.source.declarations) {
    add(declaration.keyword.span, "keyword");
    if (declaration.name) add(declaration.name.span, NAME_TYPES[declaration.kind], true);
    switch (declaration.kind) {
      case "deployment":
        for (const setting of declaration.settings) {
          add(setting.keyword.span, "keyword");
          if (setting.kind === "version") add(setting.value.span, "number");
          else if (setting.kind === "media-ports" || setting.kind === "signaling-ports") add(setting.range.span, "number");
        }
        break;
      case "zone":
        add(declaration.any, "keyword");
        for (const prefix of declaration.prefixes) add(prefix.span, "string");
        break;
      case "location":
        add(declaration.transcoding?.keyword.span, "keyword");
        add(declaration.overflow?.keyword.span, "keyword");
        break;
      case "node":
      case "peer":
        for (const attribute of declaration.attributes) {
          add(attribute.keyword.span, "keyword");
          if (attribute.kind === "host") add(attribute.host.span, "string");
          else if (attribute.kind === "port" || attribute.kind === "ports") add(attribute.port.span, "number");
          else if ("address" in attribute) add(attribute.address.span, "string");
        }
        break;
      case "group":
        targets(declaration.members);
        break;
      case "firewall":
        for (const item of declaration.items) {
          if (item.kind === "rule") {
            add(item.action.span, "keyword");
            if (item.traffic.kind === "protocol") {
              add(item.traffic.protocol.span, "keyword");
              ports(item.traffic.ports);
            } else add(item.traffic.name.span, "keyword");
            if (item.sport) {
              add(item.sport.keyword.span, "keyword");
              ports(item.sport.ports);
            }
            for (const side of [item.from, item.to, item.between]) {
              if (!side) continue;
              add(side.keyword.span, "keyword");
              targets(side.targets);
            }
          } else {
            add(item.keyword.span, "keyword");
            if (item.kind === "protects") targets(item.targets);
            else if (item.kind === "default") add(item.action.span, "keyword");
          }
        }
        break;
    }
  }
  for (const reference of result.model?.references ?? []) {
    if (reference.declaration) add(reference.span, NAME_TYPES[reference.declaration.kind]);
  }
  for (const comment of result.source.comments) add(comment.span, "comment");

  raw.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const data: number[] = [];
  let lastLine = 0;
  let lastChar = 0;
  let lastEnd = -1;
  for (const token of raw) {
    if (token.span.start < lastEnd) continue; // overlaps an earlier token
    const start = result.lines.positionAt(token.span.start);
    const end = result.lines.positionAt(token.span.end);
    if (end.line !== start.line) continue; // tokens are single-line
    lastEnd = token.span.end;
    const deltaLine = start.line - lastLine;
    const deltaChar = deltaLine === 0 ? start.character - lastChar : start.character;
    data.push(deltaLine, deltaChar, end.character - start.character, TOKEN_TYPES.indexOf(token.type), token.declaration ? 1 : 0);
    lastLine = start.line;
    lastChar = start.character;
  }
  return { data };
}
