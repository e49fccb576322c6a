// Golden exports: every registered platform's output for every firewall and scope of every
// example deployment is pinned in examples/exports/<example>/<platform>/<scope>/<firewall>/.
// They double as samples for the firewall team. PEXNET_UPDATE_GOLDEN=1 rewrites them after
// an intended change (review the diff); stale files left behind fail the test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

import { GENERATORS } from "../../server/src/generators/index";
import { examplePolicies, root } from "./export-fixtures";

const goldenRoot = join(root, "examples", "exports");
const update = process.env.PEXNET_UPDATE_GOLDEN === "1";

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

for (const generator of GENERATORS) {
  test(`${generator.id}: every example's export matches its golden files`, () => {
    const expected = new Set<string>();
    for (const { example, firewall, scope, policy } of examplePolicies()) {
      const dir = join(goldenRoot, example, generator.id, scope, firewall);
      for (const file of generator.render(policy, { sourceName: `${example}.pexnet` })) {
        const path = join(dir, file.name);
        expected.add(path);
        if (update) {
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, file.text);
        }
        assert.ok(existsSync(path), `missing ${relative(root, path)}: run with PEXNET_UPDATE_GOLDEN=1`);
        assert.equal(file.text, readFileSync(path, "utf8"), relative(root, path));
      }
    }
    const platformDirs = readdirSync(goldenRoot).map((example) => join(goldenRoot, example, generator.id));
    const stale = platformDirs.flatMap(filesUnder).filter((path) => !expected.has(path));
    if (update) for (const path of stale) rmSync(path);
    else assert.deepEqual(stale.map((p) => relative(root, p)), [], "golden files no export produces any more");
  });
}
