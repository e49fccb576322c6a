// Command-line handling: usage errors exit 2 with one line plus usage on stderr.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { fixture, REPO_ROOT, runPexnet } from "./run-cli";

const usageErrors: [string, string[], RegExp][] = [
  ["no files", ["check"], /missing required argument 'file'/],
  ["an unknown option", ["check", "--bogus", fixture("clean.pexnet")], /unknown option '--bogus'/],
  ["an unknown format", ["check", "--format", "xml", fixture("clean.pexnet")], /'xml' is invalid.*text, json, sarif/],
  ["a missing format value", ["check", fixture("clean.pexnet"), "--format"], /argument missing/],
  ["an unknown command", ["lint", fixture("clean.pexnet")], /unknown command 'lint'/],
];

for (const [what, args, message] of usageErrors) {
  test(`${what} exits 2 with the reason and the usage on stderr`, () => {
    const run = runPexnet(args);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, "");
    const [first, ...rest] = run.stderr.trimEnd().split("\n");
    assert.match(first, message);
    assert.match(rest.join("\n"), /^Usage: pexnet /m);
  });
}

test("no command at all prints the help on stderr and exits 2", () => {
  const run = runPexnet([]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /Usage: pexnet/);
  assert.match(run.stderr, /check/);
});

test("--version prints package.json's version", () => {
  const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
  const run = runPexnet(["--version"]);
  assert.equal(run.status, 0);
  assert.equal(run.stdout.trim(), version);
});

test("--help and check --help exit 0 and describe the formats", () => {
  const top = runPexnet(["--help"]);
  assert.equal(top.status, 0);
  assert.match(top.stdout, /check/);
  const check = runPexnet(["check", "--help"]);
  assert.equal(check.status, 0);
  assert.match(check.stdout, /Usage: pexnet check \[--format text\|json\|sarif\] <file\.\.\.>/);
  assert.match(check.stdout, /Exit status/);
});

test("-f is short for --format and the format may follow the files", () => {
  const run = runPexnet(["check", fixture("clean.pexnet"), "-f", "json"]);
  assert.equal(run.status, 0);
  assert.equal((JSON.parse(run.stdout) as { files: unknown[] }).files.length, 1);
});
