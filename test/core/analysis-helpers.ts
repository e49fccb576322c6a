// Helpers for the analysis tests: check a text, pick diagnostics, and fold `flows` entries
// into (firewall, from, to, protocol) -> union of ports, the comparison the spec defines.
import { checkText } from "../../server/src/core/check";
import type { Diagnostic, DiagnosticCode, FlowReport } from "../../server/src/core/diagnostics";
import { IntervalSet } from "../../server/src/core/interval-set";

export function diagnosticsOf(text: string): Diagnostic[] {
  return checkText(text).diagnostics;
}

export function withCode(diagnostics: Diagnostic[], code: DiagnosticCode): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

/** `firewall|from|to|protocol` -> "80,1720,33000-39999" (esp/icmp: ""). */
export function flowTable(diagnostics: Diagnostic[], code: DiagnosticCode = "missing-flow", row?: string): Map<string, string> {
  const union = new Map<string, [number, number][]>();
  for (const d of diagnostics) {
    if (d.code !== code) continue;
    for (const flow of d.flows ?? []) {
      if (row !== undefined && flow.row !== row) continue;
      const key = flowKey(flow);
      union.set(key, [...(union.get(key) ?? []), ...flow.ports]);
    }
  }
  const out = new Map<string, string>();
  for (const key of [...union.keys()].sort()) {
    const ranges = IntervalSet.ofNumbers(union.get(key)!).ranges();
    out.set(key, ranges.map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`)).join(","));
  }
  return out;
}

export function flowKey(flow: FlowReport): string {
  return `${flow.firewall ?? "-"}|${flow.from}|${flow.to}|${flow.protocol}`;
}

/** Unordered node pairs that appear in the flows of one row. */
export function pairsOf(diagnostics: Diagnostic[], row: string, code: DiagnosticCode = "missing-flow"): string[] {
  const pairs = new Set<string>();
  for (const d of diagnostics) {
    if (d.code !== code) continue;
    for (const flow of d.flows ?? []) if (flow.row === row) pairs.add([flow.from, flow.to].sort().join(" "));
  }
  return [...pairs].sort();
}

/** Directed (from -> to) pairs that appear in the flows, optionally of one row. */
export function directedPairs(diagnostics: Diagnostic[], code: DiagnosticCode = "missing-flow", row?: string): string[] {
  const pairs = new Set<string>();
  for (const d of diagnostics) {
    if (d.code !== code) continue;
    for (const flow of d.flows ?? []) if (row === undefined || flow.row === row) pairs.add(`${flow.from} -> ${flow.to}`);
  }
  return [...pairs].sort();
}

/** The text that a diagnostic's span covers. */
export function spanText(text: string, d: { span: { start: number; end: number } }): string {
  return text.slice(d.span.start, d.span.end);
}

/** Errors other than the expected code (structural problems would make a test meaningless). */
export function unexpectedErrors(diagnostics: Diagnostic[], ...allowed: DiagnosticCode[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === "error" && !allowed.includes(d.code));
}
