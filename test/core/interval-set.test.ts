import { test } from "node:test";
import assert from "node:assert/strict";
import { IntervalSet } from "../../server/src/core/interval-set";

const ports = (...ranges: [number, number][]) => IntervalSet.ofNumbers(ranges);

test("building merges overlapping and adjacent ranges and drops empty ones", () => {
  assert.deepEqual(ports([5, 9], [1, 3], [4, 4], [20, 10], [30, 40], [35, 36]).ranges(), [[1, 9], [30, 40]]);
});

test("subtract leaves exactly the ports not covered", () => {
  const media = ports([40000, 49999]);
  assert.deepEqual(media.subtract(ports([40000, 44999])).ranges(), [[45000, 49999]]);
  assert.deepEqual(media.subtract(ports([41000, 41999], [45000, 45000])).ranges(), [[40000, 40999], [42000, 44999], [45001, 49999]]);
  assert.ok(media.subtract(ports([1, 65535])).isEmpty);
  assert.deepEqual(ports([1, 10], [20, 30]).subtract(ports([5, 25])).ranges(), [[1, 4], [26, 30]]);
});

test("intersect, intersects, subset, equals and contains agree", () => {
  const a = ports([1, 10], [20, 30], [50, 60]);
  const b = ports([5, 25], [60, 70]);
  assert.deepEqual(a.intersect(b).ranges(), [[5, 10], [20, 25], [60, 60]]);
  assert.ok(a.intersects(b));
  assert.ok(!ports([11, 19]).intersects(a));
  assert.ok(ports([21, 22]).isSubsetOf(a));
  assert.ok(!ports([9, 11]).isSubsetOf(a));
  assert.ok(a.union(b).equals(ports([1, 30], [50, 70])));
  assert.ok(a.contains(20) && a.contains(60) && !a.contains(15) && !a.contains(61));
});

test("bigint sets work across the 128-bit range", () => {
  const top = (1n << 128n) - 1n;
  const set = IntervalSet.ofBigints([[0n, top]]).subtract(IntervalSet.ofBigints([[1n << 64n, (1n << 65n) - 1n]]));
  assert.deepEqual(set.ranges(), [[0n, (1n << 64n) - 1n], [1n << 65n, top]]);
  assert.ok(set.contains(top) && !set.contains(1n << 64n));
});

test("set algebra matches a brute-force model on random small sets", () => {
  let seed = 12345;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const randomSet = () => {
    const ranges: [number, number][] = [];
    for (let i = random(4); i > 0; i--) {
      const lo = random(40);
      ranges.push([lo, lo + random(8)]);
    }
    return ranges;
  };
  const members = (ranges: [number, number][]) => {
    const out = new Set<number>();
    for (const [lo, hi] of ranges) for (let v = lo; v <= hi; v++) out.add(v);
    return out;
  };
  for (let round = 0; round < 500; round++) {
    const ra = randomSet();
    const rb = randomSet();
    const a = IntervalSet.ofNumbers(ra);
    const b = IntervalSet.ofNumbers(rb);
    const ma = members(ra);
    const mb = members(rb);
    const expect = (set: IntervalSet<number>, keep: (v: number) => boolean) => {
      for (let v = 0; v < 50; v++) assert.equal(set.contains(v), keep(v), `value ${v} of ${JSON.stringify([ra, rb])}`);
    };
    expect(a.union(b), (v) => ma.has(v) || mb.has(v));
    expect(a.intersect(b), (v) => ma.has(v) && mb.has(v));
    expect(a.subtract(b), (v) => ma.has(v) && !mb.has(v));
    assert.equal(a.isSubsetOf(b), [...ma].every((v) => mb.has(v)));
    assert.equal(a.intersects(b), [...ma].some((v) => mb.has(v)));
  }
});
