// What the check command hands to the formatters: one entry per file argument, in the
// order given. Formatters depend only on this, not on the core's pipeline.
import type { Diagnostic, Severity } from "../core/diagnostics";
import type { LineIndex } from "../core/text-position";

export interface CheckedFile {
  /** The path exactly as given on the command line. */
  file: string;
  /** In the core's order (by position). */
  diagnostics: Diagnostic[];
  /** Positions of the BOM-stripped text the diagnostics' spans point into. */
  lines: LineIndex;
}

export interface UnreadableFile {
  file: string;
  /** Why the file could not be checked, in plain words. */
  error: string;
}

export type FileReport = CheckedFile | UnreadableFile;

export function isUnreadable(report: FileReport): report is UnreadableFile {
  return "error" in report;
}

export type SeverityCounts = Record<Severity, number>;

export function countSeverities(reports: readonly FileReport[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const report of reports) {
    if (isUnreadable(report)) continue;
    for (const diagnostic of report.diagnostics) counts[diagnostic.severity]++;
  }
  return counts;
}

/** 2 when a file could not be checked, else 1 when any error was reported, else 0. */
export function exitStatusFor(reports: readonly FileReport[]): number {
  if (reports.some(isUnreadable)) return 2;
  return countSeverities(reports).error > 0 ? 1 : 0;
}
