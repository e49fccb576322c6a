// textDocument/formatting: the canonical layout. Conservative: it only re-indents lines (2
// spaces per open block), collapses runs of spaces between tokens outside comments, and
// keeps at most one blank line in a row. Comments stay on their lines. Nothing is done
// while the file has syntax errors.
import type { FormattingOptions, TextEdit } from "vscode-languageserver";
import type { CheckResult } from "../core/check";

/** The formatted text, or undefined when the file is left as it is (syntax errors). */
export function formatText(result: CheckResult): string | undefined {
  const source = result.source;
  if (source.syntaxErrors.length > 0) return undefined;
  const text = source.text;
  const eol = /\r\n/.test(text) ? "\r\n" : "\n";
  const commentStarts = source.comments.map((c) => c.span.start);
  const out: string[] = [];
  let depth = 0;
  let blank = 0;
  const lines = result.lines;
  for (let line = 0; line < lines.lineCount; line++) {
    const start = lines.lineStart(line);
    const next = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
    const raw = text.slice(start, next).replace(/\r?\n$|\r$/, "");
    const commentStart = commentStarts.find((s) => s >= start && s < start + raw.length);
    const code = commentStart === undefined ? raw : raw.slice(0, commentStart - start);
    const comment = commentStart === undefined ? "" : raw.slice(commentStart - start).replace(/\s+$/, "");
    // Anything quoted is left exactly as written (apart from the indentation).
    const normalized = /["']/.test(code) ? code.trim() : code.trim().replace(/[ \t]+/g, " ");
    if (normalized === "" && comment === "") {
      blank++;
      continue;
    }
    if (out.length > 0 && blank > 0) out.push("");
    blank = 0;
    const lineDepth = Math.max(0, normalized.startsWith("}") ? depth - 1 : depth);
    for (const c of normalized) {
      if (c === "{") depth++;
      else if (c === "}") depth = Math.max(0, depth - 1);
    }
    const indent = "  ".repeat(lineDepth);
    const body = normalized === "" ? comment : comment === "" ? normalized : `${normalized}  ${comment}`;
    out.push(indent + body);
  }
  return out.length === 0 ? "" : out.join(eol) + eol;
}

export function formatting(result: CheckResult, documentText: string, _options?: FormattingOptions): TextEdit[] {
  // A byte order mark would shift every offset: leave such a file alone.
  if (documentText.charCodeAt(0) === 0xfeff) return [];
  const formatted = formatText(result);
  if (formatted === undefined || formatted === documentText) return [];
  const end = result.lines.positionAt(documentText.length);
  return [{ range: { start: { line: 0, character: 0 }, end }, newText: formatted }];
}
