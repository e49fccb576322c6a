// evaluateFirewall against a brute force over a small address line and port range: every
// (source address, destination address, source port, destination port) walked through the
// rules one by one.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { evaluateFirewall } from "../../server/src/core/firewall-eval";
import { IntervalSet, type AddressSet, type PortSet } from "../../server/src/core/interval-set";
import type { CompiledRule, CompiledTraffic, Firewall, TrafficProtocol } from "../../server/src/core/model-types";

const MAX_ADDRESS = 40;
const MAX_PORT = 24;

function firewall(rules: Omit<CompiledRule, "index" | "ast">[], defaultAction: "allow" | "deny" = "deny"): Firewall {
  return {
    name: "fw",
    decl: { kind: "firewall", keyword: { text: "firewall", span: { start: 0, end: 8 } }, span: { start: 0, end: 0 }, items: [] },
    kind: "network",
    zones: [],
    protects: IntervalSet.ofBigints(),
    nats: [],
    defaultAction,
    rules: rules.map((r, index) => ({ ...r, index, ast: { kind: "rule", span: { start: index, end: index + 1 } } as CompiledRule["ast"] })),
  };
}

const addresses = (...ranges: [number, number][]): AddressSet => IntervalSet.ofBigints(ranges.map(([a, b]) => [BigInt(a), BigInt(b)]));
const ports = (...ranges: [number, number][]): PortSet => IntervalSet.ofNumbers(ranges);

function bruteForce(fw: Firewall, protocol: TrafficProtocol, src: AddressSet, dst: AddressSet, sp: PortSet, dp: PortSet): number[] {
  const ported = protocol === "tcp" || protocol === "udp";
  const wanted = ported ? range(1, MAX_PORT).filter((p) => dp.contains(p)) : [0];
  const sourcePorts = ported ? range(1, MAX_PORT).filter((p) => sp.contains(p)) : [0];
  const missing = new Set<number>();
  for (let s = 0; s <= MAX_ADDRESS; s++) {
    if (!src.contains(BigInt(s))) continue;
    for (let d = 0; d <= MAX_ADDRESS; d++) {
      if (!dst.contains(BigInt(d))) continue;
      for (const sport of sourcePorts) {
        for (const port of wanted) {
          const match = fw.rules.find(
            (r) =>
              r.src.contains(BigInt(s)) &&
              r.dst.contains(BigInt(d)) &&
              (ported ? r.traffic[protocol]?.contains(port) && (!r.sport || r.sport.contains(sport)) : r.traffic[protocol] && !r.sport),
          );
          const action = match ? match.action : fw.defaultAction;
          if (action === "deny") missing.add(port);
        }
      }
    }
  }
  return [...missing].sort((a, b) => a - b);
}

function range(lo: number, hi: number): number[] {
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

function members(set: PortSet): number[] {
  return set.ranges().flatMap(([lo, hi]) => range(lo, hi));
}

const arbRanges = (max: number) => fc.array(fc.tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max: 6 })).map(([lo, len]): [number, number] => [lo, Math.min(max, lo + len)]), { minLength: 1, maxLength: 3 });
const arbPortRanges = fc.array(fc.tuple(fc.integer({ min: 1, max: MAX_PORT }), fc.integer({ min: 0, max: 6 })).map(([lo, len]): [number, number] => [lo, Math.min(MAX_PORT, lo + len)]), { minLength: 1, maxLength: 3 });
const arbTraffic: fc.Arbitrary<CompiledTraffic> = fc.record({
  tcp: fc.option(arbPortRanges.map((r) => ports(...r)), { nil: undefined }),
  udp: fc.option(arbPortRanges.map((r) => ports(...r)), { nil: undefined }),
  esp: fc.option(fc.constant(true as const), { nil: undefined }),
});
const arbRule = fc.record({
  action: fc.constantFrom("allow" as const, "deny" as const),
  traffic: arbTraffic,
  sport: fc.option(arbPortRanges.map((r) => ports(...r)), { nil: undefined }),
  src: arbRanges(MAX_ADDRESS).map((r) => addresses(...r)),
  dst: arbRanges(MAX_ADDRESS).map((r) => addresses(...r)),
});

test("evaluateFirewall agrees with a brute force on random firewalls", () => {
  fc.assert(
    fc.property(
      fc.array(arbRule, { maxLength: 6 }),
      fc.constantFrom("allow" as const, "deny" as const),
      fc.constantFrom("tcp" as const, "udp" as const, "esp" as const),
      arbRanges(MAX_ADDRESS),
      arbRanges(MAX_ADDRESS),
      arbPortRanges,
      arbPortRanges,
      (rules, defaultAction, protocol, src, dst, sp, dp) => {
        const fw = firewall(rules, defaultAction);
        const S = addresses(...src);
        const D = addresses(...dst);
        const result = evaluateFirewall(fw, protocol, S, D, ports(...sp), ports(...dp));
        assert.deepEqual(members(result.missing), bruteForce(fw, protocol, S, D, ports(...sp), ports(...dp)));
        // Causes: some deny rule or the default is named exactly when something is missing.
        assert.equal(result.missing.isEmpty, result.denyRules.length === 0 && !result.byDefault);
        for (const rule of result.denyRules) assert.equal(rule.action, "deny");
        if (result.byDefault) assert.equal(defaultAction, "deny");
      },
    ),
    { numRuns: 1500 },
  );
});

test("a rule allowing part of a range leaves exactly the rest missing", () => {
  const fw = firewall([{ action: "allow", traffic: { udp: ports([40000, 44999]) }, src: addresses([0, 40]), dst: addresses([0, 40]) }]);
  const result = evaluateFirewall(fw, "udp", addresses([1, 1]), addresses([2, 2]), ports([1, 65535]), ports([40000, 49999]));
  assert.deepEqual(result.missing.ranges(), [[45000, 49999]]);
  assert.equal(result.byDefault, true);
});

test("a source-port rule covers only its source ports", () => {
  const fw = firewall([{ action: "allow", traffic: { udp: ports([500, 500]) }, sport: ports([500, 500]), src: addresses([0, 40]), dst: addresses([0, 40]) }]);
  assert.ok(evaluateFirewall(fw, "udp", addresses([1, 1]), addresses([2, 2]), ports([500, 500]), ports([500, 500])).missing.isEmpty);
  assert.deepEqual(evaluateFirewall(fw, "udp", addresses([1, 1]), addresses([2, 2]), ports([1, 65535]), ports([500, 500])).missing.ranges(), [[500, 500]]);
  // ... and never esp.
  const esp = firewall([{ action: "allow", traffic: { esp: true, udp: ports([500, 500]) }, sport: ports([500, 500]), src: addresses([0, 40]), dst: addresses([0, 40]) }]);
  assert.deepEqual(evaluateFirewall(esp, "esp", addresses([1, 1]), addresses([2, 2]), ports(), ports()).missing.ranges(), [[0, 0]]);
});
