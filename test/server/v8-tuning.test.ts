// The V8 settings the server and the CLI apply at start are ones the running V8 knows: an
// unknown flag does not fail, but V8 prints "unrecognized flag" to stderr (in VS Code, into
// the server's output channel). Checked on this Node and on the Node 24 that the real-VS Code
// suite uses (V8 13, which counts tier-up in invocations instead of an interrupt budget).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "child_process";
import { existsSync } from "fs";
import { join } from "path";
import { EDITOR_NODE as NODE24 } from "../editor-node";
import { missingTool } from "../missing-tool";

const ROOT = join(__dirname, "..", "..", "..");
const TUNING = join(ROOT, "out", "server", "src", "v8-tuning.js");

function runTuning(node: string): { stdout: string; stderr: string; v8: string } {
  const script = `const t = require(${JSON.stringify(TUNING)}); t.tuneV8ForFirstCheck(); t.tuneV8ForEdits(); console.log(process.versions.v8)`;
  const result = spawnSync(node, ["-e", script], { encoding: "utf8" });
  assert.equal(result.status, 0, result.stderr);
  return { stdout: result.stdout, stderr: result.stderr, v8: result.stdout.trim() };
}

test("V8 tuning: every flag is known to this Node's V8 (nothing on stderr)", () => {
  const { stderr, v8 } = runTuning(process.execPath);
  assert.match(v8, /^\d+\./);
  assert.equal(stderr, "", `V8 ${v8} printed: ${stderr}`);
});

test("V8 tuning: every flag is known to Node 24's V8 (the real-VS Code suite's runtime)", (t) => {
  if (!existsSync(NODE24)) {
    missingTool(t, `${NODE24} is missing (node scripts/setup-code-server.js installs it)`);
    return;
  }
  const { stderr, v8 } = runTuning(NODE24);
  assert.ok(Number(v8.split(".")[0]) >= 12, `expected V8 12 or later, got ${v8}`);
  assert.equal(stderr, "", `V8 ${v8} printed: ${stderr}`);
});
