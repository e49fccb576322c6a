// Core diagnostics -> LSP diagnostics. The core speaks offsets; the editor speaks
// line/character, so every span goes through the document's LineIndex.
import * as path from "path";
import { pathToFileURL } from "url";
import {
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
  type Range,
} from "vscode-languageserver";
import type { Diagnostic, FlowSummary, Severity } from "../core/diagnostics";
import type { Span } from "../core/syntax-tree";
import type { LineIndex } from "../core/text-position";

/**
 * Where the explanation of each code lives: docs/diagnostics.md of the installed package,
 * as a file:// URL (the package ships docs/). `#code` jumps to the code's section, since
 * every code is a `## code` heading there.
 */
export const DIAGNOSTICS_DOC_URL = pathToFileURL(path.join(__dirname, "..", "..", "..", "..", "docs", "diagnostics.md")).href;

/**
 * Sent in each LSP diagnostic's `data`: how many flows it stands for, and the firewall and
 * catalog row they share. Not the entries themselves: on a large deployment they run to
 * megabytes per publish, and the code actions find them in the server's own result.
 */
export type PexnetDiagnosticData = FlowSummary;

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function spanToRange(span: Span, lines: LineIndex): Range {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

export function toLspDiagnostic(diagnostic: Diagnostic, lines: LineIndex, uri: string): LspDiagnostic {
  const lsp: LspDiagnostic = {
    range: spanToRange(diagnostic.span, lines),
    severity: SEVERITIES[diagnostic.severity],
    code: diagnostic.code,
    codeDescription: { href: `${DIAGNOSTICS_DOC_URL}#${diagnostic.code}` },
    source: "pexnet",
    message: diagnostic.message,
  };
  if (diagnostic.related && diagnostic.related.length > 0) {
    lsp.relatedInformation = diagnostic.related.map((related) => ({
      location: { uri, range: spanToRange(related.span, lines) },
      message: related.message,
    }));
  }
  // Read the summary, never `flows`: reading it builds every entry.
  const summary = diagnostic.flowSummary;
  if (summary) {
    const data: PexnetDiagnosticData = { ...summary };
    lsp.data = data;
  }
  return lsp;
}

export function toLspDiagnostics(diagnostics: readonly Diagnostic[], lines: LineIndex, uri: string): LspDiagnostic[] {
  return diagnostics.map((diagnostic) => toLspDiagnostic(diagnostic, lines, uri));
}

const OVERRIDE_SEVERITIES: Record<Severity, DiagnosticSeverity> = SEVERITIES;

/**
 * The user's pexnet.diagnostics.severityOverrides applied to published diagnostics: a code
 * mapped to a severity gets that severity, a code mapped to "off" is dropped.
 */
export function applySeverityOverrides(
  diagnostics: readonly LspDiagnostic[],
  overrides: Readonly<Record<string, Severity | "off">>,
): LspDiagnostic[] {
  if (Object.keys(overrides).length === 0) return [...diagnostics];
  const out: LspDiagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const override = typeof diagnostic.code === "string" && Object.hasOwn(overrides, diagnostic.code) ? overrides[diagnostic.code] : undefined;
    if (override === "off") continue;
    out.push(override ? { ...diagnostic, severity: OVERRIDE_SEVERITIES[override] } : diagnostic);
  }
  return out;
}
