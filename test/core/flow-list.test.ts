// FlowList answers count, first entry, "all one pair" and per-party counts from its batches
// without building the entries: each answer against the built entries, on random batches.
import { test } from "node:test";
import assert from "node:assert/strict";
import { FlowList } from "../../server/src/core/analysis-report";
import type { Party } from "../../server/src/core/model-types";
import { Random } from "../naive/random";

const PROTOCOLS = ["tcp", "udp", "esp", "icmp"] as const;

test("FlowList: summaries from batches equal the built entries (2,000 random lists)", () => {
  const base = 5120;
  for (let k = 0; k < 2000; k++) {
    const rng = new Random(base + k);
    const parties = Array.from({ length: rng.int(1, 7) }, (_, i) => ({ name: `p${i}` }) as Party);
    // Declaration order differs from creation order, as in a real file.
    const order = new Map(rng.sample(parties, parties.length).map((party, i) => [party, i]));
    const list = new FlowList(order);
    for (let b = rng.int(0, 4); b > 0; b--) {
      const froms = rng.sample(parties, rng.int(1, parties.length));
      // Often the very same list on both sides, as a node group's IPsec with itself.
      const tos = rng.chance(0.3) ? froms : rng.sample(parties, rng.int(1, parties.length));
      list.addPairs(froms, tos, rng.pick(PROTOCOLS), [[1, 2]], "fw", "row");
    }
    const at = `list ${base + k}`;
    const entries = list.sorted();
    assert.equal(list.length, entries.length, at);
    if (entries.length === 0) {
      assert.equal(list.first, undefined, at);
      continue;
    }
    assert.deepEqual([list.first!.from.name, list.first!.to.name], [entries[0].from, entries[0].to], at);
    assert.equal(list.allSamePair, entries.every((e) => e.from === entries[0].from && e.to === entries[0].to), at);
    for (const party of parties) {
      assert.equal(list.countOf(party.name), entries.filter((e) => e.from === party.name || e.to === party.name).length, `${at}: ${party.name}`);
    }
  }
});
