// The formatters on hand-made reports: exact positions, flows, colour, levels, without the core.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DIAGNOSTIC_CODES, type Diagnostic, type FlowReport } from "../../server/src/core/diagnostics";
import { LineIndex } from "../../server/src/core/text-position";
import { exitStatusFor, type FileReport } from "../../server/src/cli/file-report";
import { toJsonOutput } from "../../server/src/cli/format-json";
import { toSarifLog, toSarifUri } from "../../server/src/cli/format-sarif";
import { formatText, MAX_FLOWS_SHOWN } from "../../server/src/cli/format-text";
import { RULE_DESCRIPTIONS } from "../../server/src/cli/rule-descriptions";
import { main } from "../../server/src/cli/main";

// Line 2 holds a BMP letter and an astral emoji (2 UTF-16 units) before `stray`.
const TEXT = "zone lan 10.0.0.0/16\r\nzone wan café 😀 stray\nlocation oslo\n";
const STRAY = TEXT.indexOf("stray");
const LINE2 = TEXT.indexOf("zone wan");

function report(diagnostics: Diagnostic[], file = "dir/a.pexnet"): FileReport {
  return { file, diagnostics, lines: new LineIndex(TEXT) };
}

const strayError: Diagnostic = {
  code: "syntax",
  severity: "error",
  message: "expected end of line, found stray",
  span: { start: STRAY, end: STRAY + 5 },
  related: [{ span: { start: LINE2, end: LINE2 + 4 }, message: "the declaration starts here" }],
};

function flow(i: number, extra: Partial<FlowReport> = {}): FlowReport {
  return { from: `src-${i}`, to: "edge-1", protocol: "tcp", ports: [[22, 22], [33000, 39999]], firewall: "fw", ...extra };
}

const missingFlow: Diagnostic = {
  code: "missing-flow",
  severity: "error",
  message: "fw does not allow 12 flows",
  span: { start: TEXT.indexOf("oslo"), end: TEXT.indexOf("oslo") + 4 },
  flows: Array.from({ length: MAX_FLOWS_SHOWN + 2 }, (_, i) => flow(i)),
};

test("text: 1-based line and UTF-16 column, notes and a capped flow list", () => {
  const out = formatText([report([strayError, missingFlow])], { color: false }).split("\n");
  // `zone wan café 😀 ` is 17 UTF-16 units: column 18 (15 code points would say 16).
  assert.equal(out[0], "dir/a.pexnet:2:18: error [syntax] expected end of line, found stray");
  assert.equal(out[1], "  dir/a.pexnet:2:1: note: the declaration starts here");
  assert.equal(out[2], "dir/a.pexnet:3:10: error [missing-flow] fw does not allow 12 flows");
  assert.equal(out[3], "  src-0 -> edge-1 tcp 22, 33000-39999 at fw");
  assert.equal(out[2 + MAX_FLOWS_SHOWN + 1], "  ... and 2 more");
  assert.equal(out[2 + MAX_FLOWS_SHOWN + 2], "2 errors, 0 warnings in 1 file");
});

test("text: esp flows have no ports; no-route flows have no firewall", () => {
  const d: Diagnostic = { ...missingFlow, code: "no-route", flows: [flow(1, { protocol: "esp", ports: [], firewall: undefined })] };
  assert.equal(formatText([report([d])], { color: false }).split("\n")[1], "  src-1 -> edge-1 esp");
});

test("text: colour marks the severity only when asked", () => {
  const warning: Diagnostic = { ...strayError, severity: "warning", related: undefined };
  const plain = formatText([report([warning])], { color: false });
  const coloured = formatText([report([warning])], { color: true });
  assert.doesNotMatch(plain, /\x1b/);
  assert.match(coloured, /: \x1b\[[0-9;]+mwarning\x1b\[0m \[syntax\]/);
  assert.equal(coloured.replace(/\x1b\[[0-9;]*m/g, ""), plain);
});

test("text: summary counts severities, files and unreadable files", () => {
  const hint: Diagnostic = { ...strayError, severity: "hint", related: undefined };
  const info: Diagnostic = { ...strayError, severity: "information", related: undefined };
  const reports = [report([hint, info, hint]), report([]), { file: "gone.pexnet", error: "cannot read file: no such file or directory" }];
  const last = formatText(reports, { color: false }).trimEnd().split("\n").pop();
  assert.equal(last, "0 errors, 0 warnings, 1 information message, 2 hints in 2 files; 1 file could not be read");
});

test("json: 0-based UTF-16 ranges, documented flow fields only, related information", () => {
  const extra = { ...flow(0), row: "ssh-admin", surprise: true } as FlowReport;
  const out = toJsonOutput([report([strayError, { ...missingFlow, flows: [extra] }]), { file: "gone", error: "why" }]);
  assert.deepEqual(out.files[1], { file: "gone", error: "why" });
  const file = out.files[0];
  assert.ok("diagnostics" in file);
  assert.deepEqual(file.diagnostics[0], {
    code: "syntax",
    severity: "error",
    message: strayError.message,
    range: { start: { line: 1, character: 17 }, end: { line: 1, character: 22 } },
    relatedInformation: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } }, message: "the declaration starts here" }],
  });
  assert.deepEqual(file.diagnostics[1].flows, [
    { from: "src-0", to: "edge-1", protocol: "tcp", ports: [[22, 22], [33000, 39999]], firewall: "fw", row: "ssh-admin" },
  ]);
});

test("sarif: levels, exclusive end columns, related locations, rules and notifications", () => {
  const hint: Diagnostic = { ...strayError, code: "unused-name", severity: "hint", related: undefined };
  const log = toSarifLog([report([strayError, hint], "dir\\a b.pexnet"), { file: "gone", error: "why" }], "9.9.9");
  const [run] = log.runs;
  assert.equal(run.tool.driver.version, "9.9.9");
  assert.deepEqual(run.tool.driver.rules.map((r) => r.id), [...DIAGNOSTIC_CODES]);
  const [syntax, unused] = run.results as Record<string, any>[];
  assert.equal(syntax.level, "error");
  assert.equal(unused.level, "note");
  assert.equal(run.tool.driver.rules[unused.ruleIndex].id, "unused-name");
  assert.deepEqual(syntax.locations[0].physicalLocation, {
    artifactLocation: { uri: "dir/a%20b.pexnet" },
    region: { startLine: 2, startColumn: 18, endLine: 2, endColumn: 23 },
  });
  assert.deepEqual(syntax.relatedLocations[0].physicalLocation.region, { startLine: 2, startColumn: 1, endLine: 2, endColumn: 5 });
  assert.equal(syntax.relatedLocations[0].message.text, "the declaration starts here");
  assert.equal(run.invocations[0].executionSuccessful, false);
  assert.deepEqual(run.invocations[0].toolExecutionNotifications[0].message, { text: "gone: why" });
});

test("sarif: uris keep ordinary paths and escape what a URI cannot hold", () => {
  assert.equal(toSarifUri("examples/acme.pexnet"), "examples/acme.pexnet");
  assert.equal(toSarifUri("C:\\deploy\\acme.pexnet"), "C:/deploy/acme.pexnet");
  assert.equal(toSarifUri("a#1?/ø%.pexnet"), "a%231%3F/%C3%B8%25.pexnet");
});

test("every diagnostic code has a rule description", () => {
  for (const code of DIAGNOSTIC_CODES) assert.ok(RULE_DESCRIPTIONS[code], code);
});

test("exit status: 2 for an unreadable file, else 1 for any error, else 0", () => {
  const warning: Diagnostic = { ...strayError, severity: "warning" };
  assert.equal(exitStatusFor([report([warning])]), 0);
  assert.equal(exitStatusFor([report([warning]), report([strayError])]), 1);
  assert.equal(exitStatusFor([report([strayError]), { file: "x", error: "y" }]), 2);
});

test("main runs in-process with its own output and maps usage errors to 2", () => {
  const written = { out: "", err: "" };
  const io = { writeOut: (s: string) => void (written.out += s), writeErr: (s: string) => void (written.err += s), color: false };
  assert.equal(main(["check", "--format", "yaml", "x.pexnet"], io), 2);
  assert.match(written.err, /^error: .*'yaml' is invalid.*\nUsage: pexnet check /);
  assert.equal(written.out, "");
});
