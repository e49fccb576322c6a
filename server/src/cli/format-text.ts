// Human-readable output: `file:line:col: severity [code] message`, 1-based line and column
// (UTF-16 code units), related information and dropped flows indented below, and a summary.
import type { Diagnostic, FlowReport, Severity } from "../core/diagnostics";
import type { Span } from "../core/syntax-tree";
import type { LineIndex } from "../core/text-position";
import { countSeverities, isUnreadable, type FileReport, type SeverityCounts } from "./file-report";

export interface TextOptions {
  color: boolean;
}

/** Beyond this many flows a diagnostic lists the first ones and "... and N more". */
export const MAX_FLOWS_SHOWN = 10;

const ANSI_RESET = "\x1b[0m";
const SEVERITY_COLORS: Record<Severity | "note", string> = {
  error: "\x1b[1;31m",
  warning: "\x1b[1;33m",
  information: "\x1b[1;34m",
  hint: "\x1b[2m",
  note: "\x1b[36m",
};

/**
 * The report of checked files. Unreadable files only count in the summary: the check
 * command reports their reasons on stderr.
 */
export function formatText(reports: readonly FileReport[], options: TextOptions): string {
  const out: string[] = [];
  for (const report of reports) {
    if (isUnreadable(report)) continue;
    for (const diagnostic of report.diagnostics) out.push(...diagnosticLines(report.file, report.lines, diagnostic, options));
  }
  out.push(summaryLine(reports));
  return out.map((line) => line + "\n").join("");
}

function diagnosticLines(file: string, lines: LineIndex, diagnostic: Diagnostic, options: TextOptions): string[] {
  const severity = paint(diagnostic.severity, diagnostic.severity, options);
  const out = [`${location(file, lines, diagnostic.span)}: ${severity} [${diagnostic.code}] ${indentContinuation(diagnostic.message)}`];
  for (const related of diagnostic.related ?? []) {
    out.push(`  ${location(file, lines, related.span)}: ${paint("note", "note", options)}: ${indentContinuation(related.message)}`);
  }
  const flows = diagnostic.flows ?? [];
  for (const flow of flows.slice(0, MAX_FLOWS_SHOWN)) out.push(`  ${describeFlow(flow)}`);
  if (flows.length > MAX_FLOWS_SHOWN) out.push(`  ... and ${flows.length - MAX_FLOWS_SHOWN} more`);
  return out;
}

function location(file: string, lines: LineIndex, span: Span): string {
  const position = lines.positionAt(span.start);
  return `${file}:${position.line + 1}:${position.character + 1}`;
}

/** `guests -> edge-lon-1 tcp 80, 33000-39999 at edge-fw` */
export function describeFlow(flow: FlowReport): string {
  const ports = flow.ports.length > 0 ? " " + describePorts(flow.ports) : "";
  const firewall = flow.firewall ? ` at ${flow.firewall}` : "";
  return `${flow.from} -> ${flow.to} ${flow.protocol}${ports}${firewall}`;
}

export function describePorts(ranges: readonly (readonly [number, number])[]): string {
  return ranges.map(([from, to]) => (from === to ? `${from}` : `${from}-${to}`)).join(", ");
}

/** `2 errors, 1 warning in 1 file`, plus other severities and unreadable files when there are any. */
export function summaryLine(reports: readonly FileReport[]): string {
  const counts: SeverityCounts = countSeverities(reports);
  const parts = [plural(counts.error, "error"), plural(counts.warning, "warning")];
  if (counts.information > 0) parts.push(plural(counts.information, "information message"));
  if (counts.hint > 0) parts.push(plural(counts.hint, "hint"));
  const unreadable = reports.filter(isUnreadable).length;
  const checked = reports.length - unreadable;
  const notRead = unreadable > 0 ? `; ${plural(unreadable, "file")} could not be read` : "";
  return `${parts.join(", ")} in ${plural(checked, "file")}${notRead}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** Keeps a multi-line message under its diagnostic instead of starting fake result lines. */
function indentContinuation(message: string): string {
  return message.replace(/\r?\n/g, "\n    ");
}

function paint(text: string, kind: Severity | "note", options: TextOptions): string {
  return options.color ? `${SEVERITY_COLORS[kind]}${text}${ANSI_RESET}` : text;
}
