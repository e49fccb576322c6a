// `pexnet check --format json|sarif`, run as a child process on the fixtures.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { fixture, parseTextDiagnostics, REPO_ROOT, runPexnet } from "./run-cli";

interface JsonPosition { line: number; character: number }
interface JsonRange { start: JsonPosition; end: JsonPosition }
interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: JsonRange;
  flows?: unknown[];
  relatedInformation?: { range: JsonRange; message: string }[];
}
type JsonFile = { file: string; diagnostics?: JsonDiagnostic[]; error?: string };

function runJson(files: string[]): { status: number | null; files: JsonFile[] } {
  const run = runPexnet(["check", "--format", "json", ...files]);
  assert.equal(run.stderr, "");
  const parsed = JSON.parse(run.stdout) as { files: JsonFile[] };
  assert.deepEqual(Object.keys(parsed), ["files"]);
  return { status: run.status, files: parsed.files };
}

const packageVersion = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

test("json: spec section 9 shape, indented, 0-based ranges that match the text output", () => {
  const file = fixture("duplicate-name.pexnet");
  const raw = runPexnet(["check", "--format", "json", file]);
  assert.match(raw.stdout, /^\{\n {2}"files": \[\n/);
  const { status, files } = runJson([file]);
  assert.equal(status, 1);
  assert.equal(files.length, 1);
  assert.deepEqual(Object.keys(files[0]), ["file", "diagnostics"]);
  assert.equal(files[0].file, file);
  const allowed = ["code", "severity", "message", "range", "flows", "relatedInformation"];
  for (const d of files[0].diagnostics!) {
    assert.ok(Object.keys(d).every((key) => allowed.includes(key)), Object.keys(d).join());
    assert.deepEqual(Object.keys(d.range), ["start", "end"]);
    assert.deepEqual(Object.keys(d.range.start), ["line", "character"]);
  }
  const duplicate = files[0].diagnostics!.find((d) => d.code === "duplicate-name")!;
  assert.equal(duplicate.severity, "error");
  assert.deepEqual(duplicate.range.start, { line: 7, character: 9 });

  const text = parseTextDiagnostics(runPexnet(["check", file]).stdout);
  assert.deepEqual(
    text.map((d) => [d.code, d.line - 1, d.column - 1]),
    files[0].diagnostics!.map((d) => [d.code, d.range.start.line, d.range.start.character]),
  );
});

test("json: several files in order; an unreadable one has an error and no diagnostics", () => {
  const missing = fixture("no-such-file.pexnet");
  const { status, files } = runJson([fixture("warnings-only.pexnet"), missing, fixture("clean.pexnet")]);
  assert.equal(status, 2);
  assert.deepEqual(files.map((f) => f.file), [fixture("warnings-only.pexnet"), missing, fixture("clean.pexnet")]);
  assert.deepEqual(Object.keys(files[1]), ["file", "error"]);
  assert.match(files[1].error!, /no such file/);
  const warnings = files[0].diagnostics!.filter((d) => d.severity === "warning").map((d) => d.code);
  assert.deepEqual(warnings, ["missing-service", "missing-service", "missing-service"]);
  assert.equal(files[2].diagnostics!.filter((d) => d.severity === "error" || d.severity === "warning").length, 0);
});

test("json and sarif: a syntax error across non-ASCII text is measured in UTF-16 code units", () => {
  // Line 5 is `zone wan 10.1.0.0/16 ✓😀 stray`: the unparsable rest starts at ✓ (index 21) and
  // ends after `stray`, index 30 in UTF-16 (😀 is two code units; 29 in code points).
  const file = fixture("syntax-error.pexnet");
  const syntax = runJson([file]).files[0].diagnostics!.filter((d) => d.code === "syntax");
  assert.deepEqual(syntax.map((d) => d.range), [{ start: { line: 4, character: 21 }, end: { line: 4, character: 30 } }]);
  const result = runSarif([file]).log.runs[0].results.find((r) => r.ruleId === "syntax")!;
  assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 5, startColumn: 22, endLine: 5, endColumn: 31 });
});

interface SarifRegion { startLine: number; startColumn: number; endLine: number; endColumn: number }
interface SarifLocation { physicalLocation: { artifactLocation: { uri: string }; region?: SarifRegion } }
interface SarifResult { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: SarifLocation[]; relatedLocations?: SarifLocation[] }
interface SarifRun {
  tool: { driver: { name: string; version: string; rules: { id: string; shortDescription: { text: string }; helpUri: string }[] } };
  invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[];
  results: SarifResult[];
}
interface SarifLog { $schema: string; version: string; runs: SarifRun[] }

function runSarif(files: string[]): { status: number | null; log: SarifLog } {
  const run = runPexnet(["check", "--format", "sarif", ...files]);
  assert.equal(run.stderr, "");
  return { status: run.status, log: JSON.parse(run.stdout) as SarifLog };
}

test("sarif: 2.1.0 log with one run, rules per code, 1-based regions matching the text output", () => {
  const files = [fixture("duplicate-name.pexnet"), fixture("warnings-only.pexnet")];
  const { status, log } = runSarif(files);
  assert.equal(status, 1);
  assert.equal(log.$schema, "https://json.schemastore.org/sarif-2.1.0.json");
  assert.equal(log.version, "2.1.0");
  assert.equal(log.runs.length, 1);
  const [run] = log.runs;
  assert.equal(run.tool.driver.name, "pexnet");
  assert.equal(run.tool.driver.version, packageVersion);
  const ruleIds = run.tool.driver.rules.map((r) => r.id);
  assert.equal(new Set(ruleIds).size, ruleIds.length, "one rule per code");
  for (const rule of run.tool.driver.rules) {
    assert.ok(rule.shortDescription.text.length > 0);
    assert.equal(rule.helpUri, `docs/diagnostics.md#${rule.id}`);
  }
  assert.deepEqual(run.invocations.map((i) => i.executionSuccessful), [true]);

  const text = parseTextDiagnostics(runPexnet(["check", ...files]).stdout);
  assert.equal(run.results.length, text.length);
  run.results.forEach((result, i) => {
    assert.equal(result.ruleId, text[i].code);
    assert.equal(ruleIds[result.ruleIndex], result.ruleId);
    assert.equal(result.level, { error: "error", warning: "warning" }[text[i].severity] ?? "note");
    assert.equal(result.message.text, text[i].message);
    const { artifactLocation, region } = result.locations[0].physicalLocation;
    assert.equal(artifactLocation.uri, text[i].file);
    assert.equal(region!.startLine, text[i].line);
    assert.equal(region!.startColumn, text[i].column);
    assert.ok(region!.endLine > region!.startLine || region!.endColumn >= region!.startColumn);
  });
  const duplicate = run.results.find((r) => r.ruleId === "duplicate-name")!;
  assert.deepEqual(
    [duplicate.locations[0].physicalLocation.region!.startLine, duplicate.locations[0].physicalLocation.region!.startColumn],
    [8, 10],
  );
});

test("sarif: an unreadable file is a tool execution notification", () => {
  const { status, log } = runSarif([fixture("no-such-file.pexnet"), fixture("clean.pexnet")]);
  assert.equal(status, 2);
  const [invocation] = log.runs[0].invocations;
  assert.equal(invocation.executionSuccessful, false);
  assert.equal(invocation.toolExecutionNotifications.length, 1);
  assert.equal(invocation.toolExecutionNotifications[0].level, "error");
  assert.match(invocation.toolExecutionNotifications[0].message.text, /no-such-file\.pexnet: .*no such file/);
});
