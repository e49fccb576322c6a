// textDocument/references: every use of the declaration under the cursor (Model.references
// resolved to it), plus the declaration's own name when the client asks for it.
import type { Location, ReferenceParams } from "vscode-languageserver";
import type { CheckResult } from "../core/check";
import type { Span } from "../core/syntax-tree";
import { spanToRange } from "./diagnostics";
import { findName } from "./tree-lookup";

export function references(result: CheckResult, params: ReferenceParams): Location[] {
  const hit = findName(result.model, result.lines.offsetAt(params.position));
  const declaration = hit?.declaration;
  if (!declaration) return [];
  const spans: Span[] = [];
  if (params.context.includeDeclaration && declaration.name) spans.push(declaration.name.span);
  for (const reference of result.model.references) {
    if (reference.declaration === declaration) spans.push(reference.span);
  }
  spans.sort((a, b) => a.start - b.start);
  return spans.map((span) => ({ uri: params.textDocument.uri, range: spanToRange(span, result.lines) }));
}
