// Hover on a place that has findings: what each diagnostic code there means and how to fix
// it, from docs/diagnostics.md (shipped with the package; the same page each diagnostic's
// codeDescription links to), so the explanation is one hover away, not one click.
import * as fs from "fs";
import * as path from "path";
import type { CheckResult } from "../core/check";

let explanations: Map<string, string> | undefined;

/** `## code` sections of docs/diagnostics.md: the first paragraph of each. */
function loadExplanations(): Map<string, string> {
  const map = new Map<string, string>();
  let text = "";
  try {
    text = fs.readFileSync(path.join(__dirname, "..", "..", "..", "..", "docs", "diagnostics.md"), "utf8");
  } catch {
    return map; // an install without docs/: hovers just lack the explanation
  }
  for (const section of text.split(/^## /m).slice(1)) {
    const [heading, ...rest] = section.split("\n");
    const paragraph = rest.join("\n").trim().split(/\n\s*\n/)[0] ?? "";
    map.set(heading.trim(), paragraph.replace(/\s*\n\s*/g, " "));
  }
  return map;
}

export function explainCode(code: string): string | undefined {
  explanations ??= loadExplanations();
  return explanations.get(code);
}

/** A Markdown section for the codes of the findings whose range holds `offset`, or undefined. */
export function hoverCodesAt(result: CheckResult, offset: number): string | undefined {
  const codes = new Map<string, number>();
  for (const d of result.diagnostics) {
    if (d.span.start <= offset && offset <= Math.max(d.span.end, d.span.start + 1)) codes.set(d.code, (codes.get(d.code) ?? 0) + 1);
  }
  if (codes.size === 0) return undefined;
  const lines = [...codes].map(([code, count]) => {
    const explanation = explainCode(code);
    const times = count > 1 ? ` (${count} findings here)` : "";
    return `**${code}**${times}${explanation ? `: ${explanation}` : ""}`;
  });
  return lines.join("\n\n");
}
