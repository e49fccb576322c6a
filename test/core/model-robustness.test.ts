// buildModel never throws: not on the examples, not on broken text, and not on syntax
// trees with any one part missing (what error recovery may leave behind).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildModel } from "../../server/src/core/model";
import { parseSource } from "../../server/src/core/parser";
import type { SourceFile } from "../../server/src/core/syntax-tree";
import { BASE } from "./model-test-helpers";

const EXAMPLES = join(__dirname, "..", "..", "..", "examples");

const RICH = BASE + `location edge { transcoding oslo  overflow oslo }
proxying edge1 { ip 10.0.3.1  secondary 192.0.2.1  public 203.0.113.1  location edge  zone corp }
web-proxy proxy { ip 10.0.0.8  port 8080 }
ftp backup { subnet 10.7.0.0/24  ports 40000-40100 }
endpoints guests { zone internet  location edge }
group core { mgmt, conf1.primary, edge1.secondary, 10.0.0.0/24, @proxying }
firewall fw {
  zones corp, internet
  nat corp -> internet
  default deny
  allow ipsec between core
  allow tcp 443, media sport ephemeral from any to 2001:db8::/32
  deny any from guests to @pexip
}
firewall sg {
  protects core
  allow https from any to core
}
`;

/** Every property path of a tree, except what makes a tree node one: its kind, text, span. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [];
  const out: (string | number)[][] = [];
  for (const [key, child] of Object.entries(value)) {
    if (!Array.isArray(value) && (key === "span" || key === "text" || key === "kind")) continue;
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    out.push(path, ...paths(child, path));
  }
  return out;
}

function withoutPath(source: SourceFile, path: (string | number)[]): SourceFile {
  const copy = structuredClone(source);
  let parent: Record<string | number, unknown> = copy as unknown as Record<string, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return copy;
}

test("never throws on the examples", () => {
  for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith(".pexnet"))) {
    const model = buildModel(parseSource(readFileSync(join(EXAMPLES, file), "utf8")));
    assert.ok(model.nodes.length > 0, file);
  }
});

test("never throws on a tree with any one part removed", () => {
  const source = parseSource(RICH);
  assert.deepEqual(source.syntaxErrors, []);
  const all = paths(source);
  assert.ok(all.length > 300, `only ${all.length} paths`);
  const failures = new Map<string, string>();
  for (const path of all) {
    try {
      buildModel(withoutPath(source, path));
    } catch (err) {
      const where = (err as Error).stack?.split("\n").slice(0, 3).join(" | ") ?? String(err);
      if (!failures.has(where)) failures.set(where, path.join("."));
    }
  }
  assert.deepEqual([...failures].map(([where, path]) => `without ${path}: ${where}`), []);
});

test("never throws on text cut at any line or word", () => {
  const cuts = new Set<number>();
  for (let i = 0; i < RICH.length; i++) if (/\s/.test(RICH[i])) cuts.add(i);
  for (const cut of cuts) {
    buildModel(parseSource(RICH.slice(0, cut)));
    buildModel(parseSource(RICH.slice(0, cut) + RICH.slice(RICH.indexOf("\n", cut) + 1)));
  }
});
