// `pexnet check` text output, run as a child process on the fixtures.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { fixture, makeTempDir, parseTextDiagnostics, readFixture, runPexnet, utf16Column } from "./run-cli";

const SUMMARY = /^\d+ errors?, \d+ warnings?(, \d+ information messages?)?(, \d+ hints?)? in \d+ files?(; \d+ files? could not be read)?$/;

function lastLine(stdout: string): string {
  const lines = stdout.trimEnd().split("\n");
  return lines[lines.length - 1];
}

test("a duplicate name is reported at the second declaration's name, 1-based", () => {
  const run = runPexnet(["check", fixture("duplicate-name.pexnet")]);
  assert.equal(run.status, 1);
  const duplicates = parseTextDiagnostics(run.stdout).filter((d) => d.code === "duplicate-name");
  assert.equal(duplicates.length, 1);
  assert.deepEqual(
    { file: duplicates[0].file, line: duplicates[0].line, column: duplicates[0].column, severity: duplicates[0].severity },
    { file: fixture("duplicate-name.pexnet"), line: 8, column: 10, severity: "error" },
  );
  assert.match(lastLine(run.stdout), SUMMARY);
  assert.equal(run.stderr, "");
});

test("every line is a diagnostic, an indented note or flow, or the summary", () => {
  const run = runPexnet(["check", fixture("duplicate-name.pexnet"), fixture("syntax-error.pexnet")]);
  const lines = run.stdout.trimEnd().split("\n");
  for (const line of lines.slice(0, -1)) {
    assert.ok(parseTextDiagnostics(line).length === 1 || line.startsWith("  "), `unexpected line: ${line}`);
  }
  assert.match(lines[lines.length - 1], SUMMARY);
  assert.doesNotMatch(run.stdout, /\x1b\[/, "no colour when stdout is not a TTY");
});

test("a syntax error after non-ASCII text is placed in UTF-16 columns", () => {
  const text = readFixture("syntax-error.pexnet");
  const run = runPexnet(["check", fixture("syntax-error.pexnet")]);
  assert.equal(run.status, 1);
  const syntax = parseTextDiagnostics(run.stdout).filter((d) => d.code === "syntax");
  assert.equal(syntax.length, 1);
  assert.equal(syntax[0].line, 5);
  assert.equal(syntax[0].column, utf16Column(text, 5, "✓") + 1);
});

for (const variant of ["CRLF", "BOM", "BOM and CRLF"]) {
  test(`a ${variant} file gets the same lines and columns as the LF file`, () => {
    const dir = makeTempDir();
    for (const name of ["duplicate-name.pexnet", "syntax-error.pexnet"]) {
      let text = readFixture(name);
      if (variant.includes("CRLF")) text = text.replace(/\n/g, "\r\n");
      if (variant.includes("BOM")) text = "\uFEFF" + text;
      const copy = path.join(dir, name);
      fs.writeFileSync(copy, text, "utf8");
      const expected = runPexnet(["check", fixture(name)]);
      const actual = runPexnet(["check", copy]);
      assert.equal(actual.status, expected.status);
      assert.equal(actual.stdout.split(copy).join(fixture(name)), expected.stdout);
    }
  });
}

test("several files give one report in the order given", () => {
  const files = [fixture("warnings-only.pexnet"), fixture("duplicate-name.pexnet"), fixture("clean.pexnet")];
  const run = runPexnet(["check", ...files]);
  assert.equal(run.status, 1);
  const reported = parseTextDiagnostics(run.stdout).map((d) => d.file);
  assert.deepEqual([...new Set(reported)], files.slice(0, 2));
  assert.match(lastLine(run.stdout), / in 3 files$/);
});

test("a clean file exits 0 with an empty summary", () => {
  const run = runPexnet(["check", fixture("clean.pexnet")]);
  assert.equal(run.status, 0, run.stdout);
  assert.equal(parseTextDiagnostics(run.stdout).filter((d) => d.severity === "error" || d.severity === "warning").length, 0);
  assert.match(lastLine(run.stdout), /^0 errors, 0 warnings.* in 1 file$/);
});

test("a file with only warnings exits 0", () => {
  const run = runPexnet(["check", fixture("warnings-only.pexnet")]);
  assert.equal(run.status, 0, run.stdout);
  const warnings = parseTextDiagnostics(run.stdout).filter((d) => d.severity !== "hint" && d.severity !== "information");
  assert.deepEqual(warnings.map((d) => `${d.severity} ${d.code}`), Array(3).fill("warning missing-service"));
  assert.match(lastLine(run.stdout), /^0 errors, 3 warnings.* in 1 file$/);
});

test("an unreadable file exits 2, says why on stderr, and the others are still checked", () => {
  const run = runPexnet(["check", fixture("no-such-file.pexnet"), fixture("duplicate-name.pexnet")]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /no-such-file\.pexnet: cannot read file: no such file or directory/);
  assert.ok(parseTextDiagnostics(run.stdout).some((d) => d.code === "duplicate-name"));
  assert.match(lastLine(run.stdout), /in 1 file; 1 file could not be read$/);
});

test("a file that is not UTF-8 is refused as unreadable", () => {
  const file = path.join(makeTempDir(), "latin1.pexnet");
  fs.writeFileSync(file, Buffer.from("location caf\xe9\n", "latin1"));
  const run = runPexnet(["check", file]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /not valid UTF-8/);
});
