// textDocument/foldingRange: each `{ ... }` block that spans lines, and runs of comment lines.
import { FoldingRangeKind, type FoldingRange } from "vscode-languageserver";
import type { CheckResult } from "../core/check";

export function foldingRanges(result: CheckResult): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  for (const declaration of result.source.declarations) {
    if (!declaration.open) continue;
    const startLine = result.lines.positionAt(declaration.open.start).line;
    // An unclosed block folds to the end of what parsed.
    const endOffset = declaration.close?.start ?? declaration.span.end;
    const endLine = result.lines.positionAt(endOffset).line;
    // Keep the closing brace visible: fold up to the line before it.
    const lastLine = declaration.close ? endLine - 1 : endLine;
    if (lastLine > startLine) ranges.push({ startLine, endLine: lastLine });
  }
  addCommentRuns(result, ranges);
  return ranges;
}

/** Two or more consecutive full-line comments fold together. */
function addCommentRuns(result: CheckResult, ranges: FoldingRange[]): void {
  let runStart = -1;
  let runEnd = -1;
  const flush = () => {
    if (runStart >= 0 && runEnd > runStart) ranges.push({ startLine: runStart, endLine: runEnd, kind: FoldingRangeKind.Comment });
  };
  for (const comment of result.source.comments) {
    const line = result.lines.positionAt(comment.span.start).line;
    const lineText = result.source.text.slice(result.lines.lineStart(line), comment.span.start);
    if (lineText.trim() !== "") continue; // a trailing comment after code
    if (line === runEnd + 1 && runStart >= 0) runEnd = line;
    else {
      flush();
      runStart = line;
      runEnd = line;
    }
  }
  flush();
}
