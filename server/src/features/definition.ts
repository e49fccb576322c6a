// textDocument/definition: from a use of a name to the name in its declaration.
import type { DefinitionParams, Location } from "vscode-languageserver";
import type { CheckResult } from "../core/check";
import { spanToRange } from "./diagnostics";
import { findName } from "./tree-lookup";

export function definition(result: CheckResult, params: DefinitionParams): Location | null {
  const hit = findName(result.model, result.lines.offsetAt(params.position));
  const target = hit?.declaration?.name;
  if (!target) return null;
  return { uri: params.textDocument.uri, range: spanToRange(target.span, result.lines) };
}
