// `--format sarif`: SARIF 2.1.0 with one run. Regions are SARIF's own 1-based lines and
// columns in UTF-16 code units (stated by run.columnKind); endColumn is exclusive.
import { DIAGNOSTIC_CODES, type Diagnostic, type Severity } from "../core/diagnostics";
import type { Span } from "../core/syntax-tree";
import type { LineIndex } from "../core/text-position";
import { isUnreadable, type FileReport } from "./file-report";
import { toJsonFlow } from "./format-json";
import { stringifyJson } from "./json-text";
import { describeRule, ruleHelpUri } from "./rule-descriptions";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

type SarifLevel = "error" | "warning" | "note";

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface SarifPhysicalLocation {
  artifactLocation: { uri: string };
  region?: SarifRegion;
}

export function formatSarif(reports: readonly FileReport[], toolVersion: string): string {
  return stringifyJson(toSarifLog(reports, toolVersion));
}

export function toSarifLog(reports: readonly FileReport[], toolVersion: string) {
  const ruleIds = collectRuleIds(reports);
  const results = [];
  for (const report of reports) {
    if (isUnreadable(report)) continue;
    for (const diagnostic of report.diagnostics) {
      results.push(toSarifResult(diagnostic, report.file, report.lines, ruleIds.indexOf(diagnostic.code)));
    }
  }
  const unreadable = reports.filter(isUnreadable);
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "pexnet",
            version: toolVersion,
            rules: ruleIds.map(toSarifRule),
          },
        },
        invocations: [
          {
            executionSuccessful: unreadable.length === 0,
            toolExecutionNotifications: unreadable.map((report) => ({
              level: "error",
              message: { text: `${report.file}: ${report.error}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: toSarifUri(report.file) } } }],
            })),
          },
        ],
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}

/** Every known code (stable rule indexes), then any code the core reports beyond them. */
function collectRuleIds(reports: readonly FileReport[]): string[] {
  const ids: string[] = [...DIAGNOSTIC_CODES];
  for (const report of reports) {
    if (isUnreadable(report)) continue;
    for (const diagnostic of report.diagnostics) if (!ids.includes(diagnostic.code)) ids.push(diagnostic.code);
  }
  return ids;
}

function toSarifRule(code: string) {
  const rule = describeRule(code);
  return {
    id: code,
    shortDescription: { text: rule.description },
    helpUri: ruleHelpUri(code),
    defaultConfiguration: { level: toSarifLevel(rule.defaultSeverity) },
  };
}

function toSarifResult(diagnostic: Diagnostic, file: string, lines: LineIndex, ruleIndex: number) {
  const uri = toSarifUri(file);
  const location = (span: Span): SarifPhysicalLocation => ({ artifactLocation: { uri }, region: toRegion(span, lines) });
  const result: Record<string, unknown> = {
    ruleId: diagnostic.code,
    ruleIndex,
    level: toSarifLevel(diagnostic.severity),
    message: { text: diagnostic.message },
    locations: [{ physicalLocation: location(diagnostic.span) }],
  };
  if (diagnostic.related && diagnostic.related.length > 0) {
    result.relatedLocations = diagnostic.related.map((related, index) => ({
      id: index,
      physicalLocation: location(related.span),
      message: { text: related.message },
    }));
  }
  // The dropped flows, in the JSON output's shape, for consumers that want them.
  if (diagnostic.flows) result.properties = { flows: diagnostic.flows.map(toJsonFlow) };
  return result;
}

export function toSarifLevel(severity: Severity): SarifLevel {
  return severity === "error" ? "error" : severity === "warning" ? "warning" : "note";
}

export function toRegion(span: Span, lines: LineIndex): SarifRegion {
  const start = lines.positionAt(span.start);
  const end = lines.positionAt(span.end);
  return { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/**
 * The path as given with forward slashes, percent-encoding only what a URI reference cannot
 * hold (spaces, `%`, `#`, `?`, non-ASCII), so ordinary paths come out unchanged.
 */
export function toSarifUri(file: string): string {
  return encodeURI(file.replace(/\\/g, "/")).replace(/\?/g, "%3F").replace(/#/g, "%23");
}
