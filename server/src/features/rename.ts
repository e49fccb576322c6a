// textDocument/prepareRename and textDocument/rename: a declared name and all its uses.
import { ResponseError, ErrorCodes, type PrepareRenameParams, type Range, type RenameParams, type TextEdit, type WorkspaceEdit } from "vscode-languageserver";
import type { CheckResult } from "../core/check";
import type { Span } from "../core/syntax-tree";
import { spanToRange } from "./diagnostics";
import { findName } from "./tree-lookup";

export const RESERVED_WORDS = new Set(["any", "from", "to", "between", "sport"]);
const NAME = /^[A-Za-z_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?$/;

export function isValidName(text: string): boolean {
  return NAME.test(text) && !RESERVED_WORDS.has(text);
}

function spansOf(result: CheckResult, offset: number): { name: string; spans: Span[]; hitSpan: Span } | undefined {
  const hit = findName(result.model, offset);
  const declaration = hit?.declaration;
  if (!hit || !declaration?.name || RESERVED_WORDS.has(hit.name)) return undefined;
  const spans: Span[] = [declaration.name.span];
  for (const reference of result.model.references) {
    if (reference.declaration === declaration) spans.push(reference.span);
  }
  spans.sort((a, b) => a.start - b.start);
  return { name: hit.name, spans, hitSpan: hit.span };
}

export function prepareRename(result: CheckResult, params: PrepareRenameParams): { range: Range; placeholder: string } | null {
  const found = spansOf(result, result.lines.offsetAt(params.position));
  if (!found) return null;
  return { range: spanToRange(found.hitSpan, result.lines), placeholder: found.name };
}

export function rename(result: CheckResult, params: RenameParams): WorkspaceEdit | ResponseError<void> {
  const found = spansOf(result, result.lines.offsetAt(params.position));
  if (!found) return new ResponseError(ErrorCodes.InvalidRequest, "Only a declared name or a use of one can be renamed.");
  const newName = params.newName;
  if (!NAME.test(newName)) {
    return new ResponseError(ErrorCodes.InvalidParams, `'${newName}' is not a valid name: a letter or '_', then letters, digits, '_' or '-', not ending in '-'.`);
  }
  if (RESERVED_WORDS.has(newName)) return new ResponseError(ErrorCodes.InvalidParams, `'${newName}' is a reserved word and cannot be a name.`);
  if (newName === found.name) return { changes: {} };
  if (result.model.declarations.has(newName) || result.source.declarations.some((d) => d.name?.text === newName)) {
    return new ResponseError(ErrorCodes.InvalidParams, `'${newName}' is already declared.`);
  }
  const edits: TextEdit[] = found.spans.map((span) => ({ range: spanToRange(span, result.lines), newText: newName }));
  return { changes: { [params.textDocument.uri]: edits } };
}
