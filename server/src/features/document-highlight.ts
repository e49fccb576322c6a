// textDocument/documentHighlight: the declaration (write) and every use (read) of a name.
import { DocumentHighlightKind, type DocumentHighlight, type TextDocumentPositionParams } from "vscode-languageserver";
import type { CheckResult } from "../core/check";
import { spanToRange } from "./diagnostics";
import { findName } from "./tree-lookup";

export function documentHighlights(result: CheckResult, params: TextDocumentPositionParams): DocumentHighlight[] {
  const hit = findName(result.model, result.lines.offsetAt(params.position));
  const declaration = hit?.declaration;
  if (!declaration) return [];
  const highlights: { start: number; highlight: DocumentHighlight }[] = [];
  if (declaration.name) {
    highlights.push({ start: declaration.name.span.start, highlight: { range: spanToRange(declaration.name.span, result.lines), kind: DocumentHighlightKind.Write } });
  }
  for (const reference of result.model.references) {
    if (reference.declaration !== declaration) continue;
    highlights.push({ start: reference.span.start, highlight: { range: spanToRange(reference.span, result.lines), kind: DocumentHighlightKind.Read } });
  }
  return highlights.sort((a, b) => a.start - b.start).map((h) => h.highlight);
}
