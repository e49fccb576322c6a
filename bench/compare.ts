// The engine's dropped flows against the naive evaluator's, compared the way spec section 9
// says: per (code, firewall, from, to, protocol), the union of the ports of all entries.
import type { Diagnostic } from "../server/src/core/diagnostics";
import type { Deployment } from "../test/naive/deployment";
import { evaluateNaively } from "../test/naive/naive-evaluator";

type Ranges = [number, number][];

/** Codes whose flows both sides list; the generator produces no NAT. */
const COMPARED_CODES = ["missing-flow", "no-route"];

export interface Comparison {
  engineKeys: number;
  naiveKeys: number;
  equal: boolean;
  /** A few differing keys, for the report. */
  examples: string[];
  /** Structures the naive evaluator met that the spec leaves open. */
  unsettled: string[];
}

export function mergeRanges(ranges: Ranges): Ranges {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Ranges = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

export function engineFlowMap(diagnostics: readonly Diagnostic[]): Map<string, Ranges> {
  const map = new Map<string, Ranges>();
  for (const diagnostic of diagnostics) {
    if (!COMPARED_CODES.includes(diagnostic.code)) continue;
    for (const flow of diagnostic.flows ?? []) {
      const key = `${diagnostic.code}|${flow.firewall ?? ""}|${flow.from}|${flow.to}|${flow.protocol}`;
      map.set(key, mergeRanges([...(map.get(key) ?? []), ...flow.ports]));
    }
  }
  return map;
}

export function compareWithNaive(deployment: Deployment, diagnostics: readonly Diagnostic[]): Comparison {
  const naive = evaluateNaively(deployment);
  const expected = new Map<string, Ranges>();
  for (const [key, ports] of naive.flows) {
    if (COMPARED_CODES.includes(key.split("|")[0])) expected.set(key, mergeRanges(ports));
  }
  const actual = engineFlowMap(diagnostics);
  const examples: string[] = [];
  const note = (text: string) => { if (examples.length < 5) examples.push(text); };
  for (const [key, ports] of expected) {
    const got = actual.get(key);
    if (!got) note(`only naive: ${key} ${JSON.stringify(ports)}`);
    else if (JSON.stringify(got) !== JSON.stringify(ports)) note(`ports differ: ${key} engine ${JSON.stringify(got)} naive ${JSON.stringify(ports)}`);
  }
  for (const [key, ports] of actual) if (!expected.has(key)) note(`only engine: ${key} ${JSON.stringify(ports)}`);
  return {
    engineKeys: actual.size,
    naiveKeys: expected.size,
    equal: examples.length === 0,
    examples,
    unsettled: naive.unsettled,
  };
}
