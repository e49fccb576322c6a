// `--format json`: exactly the shape of spec section 9, indented by 2 spaces. Ranges are
// 0-based lines and UTF-16 characters, as in LSP.
import type { Diagnostic, FlowReport } from "../core/diagnostics";
import type { Span } from "../core/syntax-tree";
import type { LineIndex, Position } from "../core/text-position";
import { isUnreadable, type FileReport } from "./file-report";
import { stringifyJson } from "./json-text";

export interface JsonRange {
  start: Position;
  end: Position;
}

export interface JsonFlow {
  from: string;
  to: string;
  protocol: FlowReport["protocol"];
  ports: [number, number][];
  firewall?: string;
  row?: string;
}

export interface JsonDiagnostic {
  code: string;
  severity: Diagnostic["severity"];
  message: string;
  range: JsonRange;
  flows?: JsonFlow[];
  relatedInformation?: { range: JsonRange; message: string }[];
}

export type JsonFile = { file: string; diagnostics: JsonDiagnostic[] } | { file: string; error: string };

export interface JsonOutput {
  files: JsonFile[];
}

export function formatJson(reports: readonly FileReport[]): string {
  return stringifyJson(toJsonOutput(reports));
}

export function toJsonOutput(reports: readonly FileReport[]): JsonOutput {
  return {
    files: reports.map((report) =>
      isUnreadable(report)
        ? { file: report.file, error: report.error }
        : { file: report.file, diagnostics: report.diagnostics.map((d) => toJsonDiagnostic(d, report.lines)) },
    ),
  };
}

function toJsonDiagnostic(diagnostic: Diagnostic, lines: LineIndex): JsonDiagnostic {
  const json: JsonDiagnostic = {
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: diagnostic.message,
    range: toRange(diagnostic.span, lines),
  };
  if (diagnostic.flows) json.flows = diagnostic.flows.map(toJsonFlow);
  if (diagnostic.related && diagnostic.related.length > 0) {
    json.relatedInformation = diagnostic.related.map((r) => ({ range: toRange(r.span, lines), message: r.message }));
  }
  return json;
}

/** Only the documented fields, in the documented order. */
export function toJsonFlow(flow: FlowReport): JsonFlow {
  const json: JsonFlow = {
    from: flow.from,
    to: flow.to,
    protocol: flow.protocol,
    ports: flow.ports.map(([from, to]): [number, number] => [from, to]),
  };
  if (flow.firewall !== undefined) json.firewall = flow.firewall;
  if (flow.row !== undefined) json.row = flow.row;
  return json;
}

export function toRange(span: Span, lines: LineIndex): JsonRange {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}
