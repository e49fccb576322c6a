// Routing against the naive enumeration of every shortest path (test/naive/naive-routing.ts)
// on random graphs of zones and network firewalls: distance, the firewalls a flow must
// pass, every crossing and whether the route is ambiguous, for every ordered zone pair.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Routing } from "../../server/src/core/routing";
import type { Firewall } from "../../server/src/core/model-types";
import { buildRouting, firewallsOnPaths } from "../naive/naive-routing";
import type { Deployment } from "../naive/deployment";
import { Random } from "../naive/random";

/** A deployment with only zones and network firewalls, each joining 2 to 4 random zones. */
function randomGraph(rng: Random): Deployment {
  const zones = Array.from({ length: rng.int(2, 9) }, (_, i) => ({ name: `z${i}`, prefixes: [`10.${i}.0.0/16`] }));
  const firewalls = Array.from({ length: rng.int(1, 8) }, (_, i) => ({
    name: `fw${i}`,
    // A zone listed twice counts once, as in the engine.
    zones: rng.sample(zones.map((z) => z.name), Math.min(zones.length, rng.int(2, 4))).concat(rng.chance(0.1) ? ["z0"] : []),
    rules: [],
  }));
  return { name: "graph", zones, locations: [], nodes: [], peers: [], groups: [], firewalls };
}

/** The engine's model of the graph: just what Routing reads. */
function engineRouting(deployment: Deployment): Routing {
  const zones = new Map(deployment.zones.map((z) => [z.name, z]));
  const firewalls = deployment.firewalls.map((fw) => ({ name: fw.name, kind: "network", zones: [...new Set(fw.zones)] }) as unknown as Firewall);
  return new Routing({ zones: zones as never, firewalls });
}

test("routing: every zone pair of 300 random graphs matches the enumeration of all shortest paths", () => {
  const base = 20261205;
  let pairs = 0;
  let ambiguous = 0;
  for (let k = 0; k < 300; k++) {
    const deployment = randomGraph(new Random(base + k));
    const engine = engineRouting(deployment);
    const naive = buildRouting(deployment);
    for (const a of deployment.zones) {
      for (const b of deployment.zones) {
        const at = `graph ${base + k}, ${a.name} -> ${b.name}`;
        const route = engine.route(a.name, b.name);
        const paths = naive.shortestPaths(a.name, b.name);
        pairs++;
        if (a.name === b.name) {
          assert.equal(route.kind, "same", at);
          continue;
        }
        if (paths.length === 0) {
          assert.equal(route.kind, "none", at);
          continue;
        }
        assert.equal(route.kind, "path", at);
        if (route.kind !== "path") continue;
        assert.equal(route.distance, naive.distance(a.name, b.name), at);
        assert.deepEqual(route.firewalls.map((fw) => fw.name).sort(), firewallsOnPaths(paths).sort(), at);
        const hops = new Set(paths.flatMap((path) => path.map((hop) => `${hop.firewall}:${hop.from}>${hop.to}`)));
        assert.deepEqual(route.crossings.map((c) => `${c.firewall.name}:${c.from}>${c.to}`).sort(), [...hops].sort(), at);
        const sequences = new Set(paths.map((path) => path.map((hop) => hop.firewall).join(",")));
        assert.equal(route.ambiguous, sequences.size > 1, at);
        if (route.ambiguous) ambiguous++;
      }
    }
  }
  assert.ok(pairs > 3000 && ambiguous > 50, `${pairs} zone pairs, ${ambiguous} ambiguous: the graphs should exercise both`);
});
