// What is under the cursor: walks the syntax tree (and the model's references) by span.
// Hover, definition and references all start here.
import type { Model } from "../core/model-types";
import type {
  BuiltinGroupName, Declaration, Identifier, PortItem, PortRangeItem, ProtocolName, Rule, Span, Token,
} from "../core/syntax-tree";

export type TreeHit =
  | { kind: "port"; item: PortItem; rule: Rule; isSourcePort: boolean }
  | { kind: "protocol"; token: Token<ProtocolName>; rule: Rule }
  | { kind: "service"; name: Identifier; rule: Rule }
  | { kind: "builtin"; name: Token<BuiltinGroupName> }
  | { kind: "port-setting"; setting: "media-ports" | "signaling-ports"; range: PortRangeItem }
  | { kind: "name"; name: string; span: Span; declaration?: Declaration; isDeclaration: boolean };

/** The end is inclusive so that a cursor just after a word still hovers it. */
export function spanContains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

export function findAt(model: Model, offset: number): TreeHit | undefined {
  return findInRules(model, offset) ?? findPortSetting(model, offset) ?? findName(model, offset);
}

/** The range of `media-ports` / `signaling-ports` in the deployment block. */
function findPortSetting(model: Model, offset: number): TreeHit | undefined {
  for (const declaration of model.source.declarations) {
    if (declaration.kind !== "deployment") continue;
    for (const setting of declaration.settings) {
      if ((setting.kind === "media-ports" || setting.kind === "signaling-ports") && spanContains(setting.range.span, offset)) {
        return { kind: "port-setting", setting: setting.kind, range: setting.range };
      }
    }
  }
  return undefined;
}

/** A name, either where it is used (Model.references) or where it is declared. */
export function findName(model: Model, offset: number): Extract<TreeHit, { kind: "name" }> | undefined {
  for (const reference of model.references) {
    if (spanContains(reference.span, offset)) {
      return { kind: "name", name: reference.name, span: reference.span, declaration: reference.declaration, isDeclaration: false };
    }
  }
  for (const declaration of model.source.declarations) {
    const name = declaration.name;
    if (name && spanContains(name.span, offset)) {
      // A duplicate resolves to the first declaration, as the model does.
      const resolved = model.declarations.get(name.text) ?? declaration;
      return { kind: "name", name: name.text, span: name.span, declaration: resolved, isDeclaration: true };
    }
  }
  return undefined;
}

function findInRules(model: Model, offset: number): TreeHit | undefined {
  for (const declaration of model.source.declarations) {
    if (declaration.kind !== "firewall" || !spanContains(declaration.span, offset)) continue;
    for (const item of declaration.items) {
      if (item.kind !== "rule" || !spanContains(item.span, offset)) continue;
      return findInRule(item, offset);
    }
  }
  return undefined;
}

function findInRule(rule: Rule, offset: number): TreeHit | undefined {
  const traffic = rule.traffic;
  if (traffic.kind === "service") {
    if (spanContains(traffic.name.span, offset)) return { kind: "service", name: traffic.name, rule };
  } else {
    if (spanContains(traffic.protocol.span, offset)) return { kind: "protocol", token: traffic.protocol, rule };
    const port = traffic.ports.find((item) => spanContains(item.span, offset));
    if (port) return { kind: "port", item: port, rule, isSourcePort: false };
  }
  const sourcePort = rule.sport?.ports.find((item) => spanContains(item.span, offset));
  if (sourcePort) return { kind: "port", item: sourcePort, rule, isSourcePort: true };
  // Built-in groups are not references to declarations, so Model.references lacks them.
  for (const side of [rule.from, rule.to, rule.between]) {
    for (const target of side?.targets ?? []) {
      if (target.kind === "builtin" && spanContains(target.span, offset)) return { kind: "builtin", name: target.name };
    }
  }
  return undefined;
}
