// The engine against an independent, brute-force reading of the spec (test/naive/) on
// random deployments.
//
//   node --test out/test/core/engine-vs-naive.test.js
//
// Every run prints its base seed; deployment k of the run uses seed base+k.
//   PEXNET_SEED=<seed>   replays the deployment of that seed alone (the failure message
//                        prints it), e.g. PEXNET_SEED=123456 node --test out/test/core/engine-vs-naive.test.js
//   PEXNET_RUNS=<n>      number of deployments (default 1000; 1 when PEXNET_SEED is set)
//
// A failure prints the diff of verdicts, the deployment text and a shrunk deployment that
// still disagrees. Structures the generator avoids are listed in AVOIDED
// (test/naive/random-deployment.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkText } from "../../server/src/core/check";
import type { Diagnostic } from "../../server/src/core/diagnostics";
import { damageDeployment } from "../naive/broken-text";
import { diffFlows, engineFlows } from "../naive/compare";
import { Deployment, toPexnet } from "../naive/deployment";
import { evaluateNaively } from "../naive/naive-evaluator";
import { Random } from "../naive/random";
import { randomDeployment } from "../naive/random-deployment";
import { shrinkDeployment } from "../naive/shrink";
import { SPEC_EXAMPLE, SPEC_EXAMPLE_MISSING } from "../naive/spec-example";

const replaySeed = process.env.PEXNET_SEED !== undefined ? Number(process.env.PEXNET_SEED) : undefined;
const baseSeed = replaySeed ?? Math.floor(Math.random() * 1e9);
const runs = Number(process.env.PEXNET_RUNS ?? (replaySeed !== undefined ? 1 : 1000));
/** The damaged-text variant runs on this many of the same deployments. */
const damagedRuns = Math.min(runs, Number(process.env.PEXNET_DAMAGED_RUNS ?? 500));
/** How many failures are reported in full (each is shrunk, which runs the engine again). */
const REPORTED_FAILURES = 3;

console.log(`engine-vs-naive: base seed ${baseSeed}, ${runs} deployments (replay one with PEXNET_SEED=<seed>)`);

/** Codes that a generated deployment must never get: it is meant to be valid and zoned. */
const STRUCTURAL_CODES = new Set(["syntax", "invalid", "bad-address", "unknown-name", "duplicate-name", "no-zone", "port-range"]);

function structuralProblems(diagnostics: Diagnostic[]): string[] {
  return diagnostics.filter((d) => STRUCTURAL_CODES.has(d.code)).map((d) => `${d.code} at ${d.span.start}: ${d.message}`);
}

/** Differences between engine and naive for one deployment given as text. */
function disagreement(deployment: Deployment, text = toPexnet(deployment)): string[] {
  const diagnostics = checkText(text).diagnostics;
  const problems = structuralProblems(diagnostics);
  if (problems.length > 0) return problems.map((p) => `unexpected ${p}`);
  return diffFlows(engineFlows(diagnostics), evaluateNaively(deployment).flows);
}

function report(seed: number, deployment: Deployment, differences: string[]): string {
  // Shrink on "still disagrees, and still valid": the smallest text worth reading.
  const shrunk = shrinkDeployment(deployment, (candidate) =>
    evaluateNaively(candidate).unsettled.length === 0
    && structuralProblems(checkText(toPexnet(candidate)).diagnostics).length === 0
    && disagreement(candidate).length > 0);
  const shrunkDifferences = disagreement(shrunk);
  return [
    `seed ${seed} (replay: PEXNET_SEED=${seed})`,
    ...differences.slice(0, 20).map((line) => `  ${line}`),
    differences.length > 20 ? `  ... ${differences.length - 20} more` : "",
    "--- deployment",
    toPexnet(deployment),
    "--- shrunk deployment",
    toPexnet(shrunk),
    ...shrunkDifferences.slice(0, 20).map((line) => `  ${line}`),
  ].join("\n");
}

test("the naive evaluator reproduces the spec's section 1 verdicts", () => {
  const result = evaluateNaively(SPEC_EXAMPLE);
  assert.deepEqual(result.unsettled, []);
  assert.deepEqual([...result.flows.entries()].sort(), [...SPEC_EXAMPLE_MISSING].sort());
});

test("the engine agrees with the naive evaluator on the spec's section 1 example", () => {
  assert.deepEqual(disagreement(SPEC_EXAMPLE), []);
});

test(`the engine agrees with the naive evaluator on ${runs} random deployments (base seed ${baseSeed})`, () => {
  const failures: string[] = [];
  let failing = 0;
  let flowsCompared = 0;
  for (let k = 0; k < runs; k++) {
    const seed = baseSeed + k;
    const deployment = randomDeployment(seed);
    const naive = evaluateNaively(deployment);
    assert.deepEqual(naive.unsettled, [], `seed ${seed}: the generator made an unsettled structure`);
    flowsCompared += naive.flows.size;
    const differences = disagreement(deployment);
    if (differences.length === 0) continue;
    failing++;
    if (failures.length < REPORTED_FAILURES) failures.push(report(seed, deployment, differences));
  }
  console.log(`engine-vs-naive: ${runs} deployments, ${flowsCompared} expected verdict keys, ${failing} disagreeing`);
  assert.equal(failing, 0, `${failing} of ${runs} deployments disagree; first ones:\n\n${failures.join("\n\n")}`);
});

test(`garbage lines and one broken rule cost one syntax diagnostic each (${damagedRuns} deployments)`, () => {
  const failures: string[] = [];
  let failing = 0;
  for (let k = 0; k < damagedRuns; k++) {
    const seed = baseSeed + k;
    const damaged = damageDeployment(randomDeployment(seed), new Random(seed ^ 0x5eed));
    const diagnostics = checkText(damaged.text).diagnostics;
    const syntax = diagnostics.filter((d) => d.code === "syntax");
    const others = structuralProblems(diagnostics.filter((d) => d.code !== "syntax"));
    const differences = [
      ...(syntax.length === damaged.syntaxErrors ? []
        : [`${syntax.length} syntax diagnostics, expected ${damaged.syntaxErrors}: ${syntax.map((d) => `${d.span.start}: ${d.message}`).join(" | ")}`]),
      ...others.map((p) => `unexpected ${p}`),
      ...diffFlows(engineFlows(diagnostics), evaluateNaively(damaged.intact).flows),
    ];
    if (differences.length === 0) continue;
    failing++;
    if (failures.length < REPORTED_FAILURES) {
      failures.push([`seed ${seed} (${damaged.description})`, ...differences.slice(0, 20).map((l) => `  ${l}`), "--- text", damaged.text].join("\n"));
    }
  }
  console.log(`engine-vs-naive (damaged): ${damagedRuns} deployments, ${failing} disagreeing`);
  assert.equal(failing, 0, `${failing} of ${damagedRuns} damaged deployments disagree; first ones:\n\n${failures.join("\n\n")}`);
});
