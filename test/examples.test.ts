// Golden outputs: every example deployment's `pexnet check` output, in text and JSON, is
// pinned in examples/golden/. Run with PEXNET_UPDATE_GOLDEN=1 to rewrite them after an
// intended change, and review the diff.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..", "..");
const examples = readdirSync(join(root, "examples")).filter((f) => f.endsWith(".pexnet")).sort();
const goldenDir = join(root, "examples", "golden");
const update = process.env.PEXNET_UPDATE_GOLDEN === "1";

function check(file: string, format: string): { stdout: string; status: number | null } {
  const result = spawnSync(process.execPath, [join(root, "bin", "pexnet.js"), "check", "--format", format, `examples/${file}`], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { stdout: result.stdout, status: result.status };
}

test("there are at least four example deployments, each opening with a comment", () => {
  assert.ok(examples.length >= 4, `examples: ${examples.join(", ")}`);
  for (const file of examples) assert.match(readFileSync(join(root, "examples", file), "utf8"), /^#/, file);
});

for (const file of examples) {
  for (const format of ["text", "json"]) {
    test(`${file} (${format}) matches its golden output`, () => {
      const { stdout, status } = check(file, format);
      const goldenFile = join(goldenDir, `${file.replace(/\.pexnet$/, "")}.${format === "text" ? "txt" : "json"}`);
      const actual = `${stdout}exit status ${status}\n`;
      if (update) {
        mkdirSync(goldenDir, { recursive: true });
        writeFileSync(goldenFile, actual);
      }
      assert.ok(existsSync(goldenFile), `missing ${goldenFile}: run with PEXNET_UPDATE_GOLDEN=1`);
      assert.equal(actual, readFileSync(goldenFile, "utf8"));
    });
  }
}

test("the single-site example is clean and the others report findings", () => {
  assert.equal(check("single-site.pexnet", "text").status, 0);
  for (const file of ["acme.pexnet", "internet-edge.pexnet", "cloud-host-firewalls.pexnet", "teams-google-interop.pexnet"]) {
    assert.equal(check(file, "text").status, 1, file);
  }
});

test("the bundled CLI (dist/) prints exactly what the compiled one prints", () => {
  const bundled = spawnSync(process.execPath, [join(root, "dist", "pexnet-cli.js"), "check", "--format", "json", "examples/acme.pexnet"], {
    cwd: root,
    encoding: "utf8",
  });
  assert.equal(bundled.stdout, check("acme.pexnet", "json").stdout);
  assert.equal(bundled.status, 1);
});
