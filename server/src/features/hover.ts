// textDocument/hover: explains the token under the cursor in our own words (see
// hover-ports.ts and hover-names.ts for the texts).
import type { Hover, HoverParams } from "vscode-languageserver";
import type { CheckResult } from "../core/check";
import type { Span } from "../core/syntax-tree";
import { spanToRange } from "./diagnostics";
import { hoverCodesAt } from "./hover-codes";
import { hoverBuiltinGroup, hoverDeclaration } from "./hover-names";
import { hoverPort, hoverPortSetting, hoverProtocol, hoverService } from "./hover-ports";
import { findAt } from "./tree-lookup";

export function hover(result: CheckResult, params: HoverParams): Hover | null {
  const offset = result.lines.offsetAt(params.position);
  const hit = findAt(result.model, offset);
  const codes = hoverCodesAt(result, offset);
  if (!hit) return codes ? { contents: { kind: "markdown", value: codes } } : null;
  let text: string | undefined;
  let span: Span;
  switch (hit.kind) {
    case "port":
      text = hoverPort(result.model, hit.item, hit.rule, hit.isSourcePort);
      span = hit.item.span;
      break;
    case "protocol":
      text = hoverProtocol(hit.token.text);
      span = hit.token.span;
      break;
    case "service":
      text = hoverService(hit.name.text);
      span = hit.name.span;
      break;
    case "port-setting":
      text = hoverPortSetting(hit.setting, hit.range);
      span = hit.range.span;
      break;
    case "builtin":
      text = hoverBuiltinGroup(hit.name.text, result.model);
      span = hit.name.span;
      break;
    case "name":
      text = hit.declaration ? hoverDeclaration(hit.declaration, result.model, result.diagnostics) : `**${hit.name}**: not declared`;
      span = hit.span;
      break;
  }
  const value = codes ? `${text}\n\n---\n\n${codes}` : text;
  return { contents: { kind: "markdown", value }, range: spanToRange(span, result.lines) };
}
