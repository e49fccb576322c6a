// Measures one deployment size. Runs in its own child process (see run.ts) so that peak
// RSS and JIT state belong to that size alone.
import { performance } from "perf_hooks";
import { formatJson } from "../server/src/cli/format-json";
import { analyze } from "../server/src/core/analysis";
import { checkText } from "../server/src/core/check";
import { buildModel } from "../server/src/core/model";
import { parseSource } from "../server/src/core/parser";
import { requiredFlows } from "../server/src/core/requirements";
import { Routing } from "../server/src/core/routing";
import type { Model } from "../server/src/core/model-types";
import { toPexnet, type Deployment } from "../test/naive/deployment";
import { compareWithNaive, type Comparison } from "./compare";
import { countIpsecFlows, generateDeployment } from "./generate";

/** Sizes up to this many nodes are also checked by the (slow) naive evaluator. */
export const NAIVE_LIMIT = 100;

export interface SizeResult {
  nodes: number;
  textBytes: number;
  jsonBytes: number;
  parseMBps: number;
  jsonParseMBps: number;
  /** JSON.parse MB/s over parseSource MB/s (each on its own encoding's bytes). */
  parseRatio: number;
  modelAnalysisMedianMs: number;
  modelAnalysisBestMs: number;
  /** The first run, before the JIT has seen this size: what a one-shot CLI run pays. */
  modelAnalysisFirstMs: number;
  modelAnalysisRuns: number;
  outputMs: number;
  outputBytes: number;
  peakRssMB: number;
  ipsecFlows: number;
  /** The engine's required directed IPsec flows, to cross-check ipsecFlows. */
  engineIpsecFlows: number;
  requiredFlows: number;
  missingFlows: number;
  diagnosticCounts: Record<string, number>;
  /** Error diagnostics other than missing-flow: the generator should produce none. */
  unexpectedErrors: string[];
  rules: RuleMix;
  naive?: Comparison;
}

export interface RuleMix {
  firewalls: number;
  rules: number;
  singleNode: number;
  deny: number;
  sport: number;
}

function timeMs(action: () => void): number {
  const start = performance.now();
  action();
  return performance.now() - start;
}

/** Best time of repeated runs: at least `minRuns`, then until `budgetMs` has passed. */
function bestOf(action: () => void, minRuns: number, budgetMs: number, maxRuns = 500): { best: number; times: number[] } {
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || (times.length < maxRuns && performance.now() - start < budgetMs)) times.push(timeMs(action));
  return { best: Math.min(...times), times };
}

function mbPerSecond(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Required flows as the engine counts them: one per (row, protocol, source, destination). */
function countRequired(model: Model): { all: number; ipsec: number } {
  let all = 0;
  let ipsec = 0;
  for (const group of requiredFlows(model, new Routing(model)).groups) {
    const sources = group.source.kind === "nodes" ? group.source.nodes.length : 1;
    const destinations = group.destination.kind === "nodes" ? group.destination.nodes.length : 1;
    const count = sources * destinations - (group.sameNodes ? sources : 0);
    all += count;
    if (group.row.direction === "node-to-node") ipsec += count;
  }
  return { all, ipsec };
}

function ruleMix(deployment: Deployment): RuleMix {
  const nodeNames = new Set(deployment.nodes.map((n) => n.name));
  const rules = deployment.firewalls.flatMap((fw) => fw.rules);
  const namesNode = (targets = [] as NonNullable<(typeof rules)[number]["from"]>) =>
    targets.some((t) => "name" in t && nodeNames.has(t.name));
  return {
    firewalls: deployment.firewalls.length,
    rules: rules.length,
    singleNode: rules.filter((r) => namesNode(r.from) || namesNode(r.to) || namesNode(r.between)).length,
    deny: rules.filter((r) => r.action === "deny").length,
    sport: rules.filter((r) => r.sport && r.sport.length > 0).length,
  };
}

export function measureSize(nodeCount: number, seed: number): SizeResult {
  const deployment = generateDeployment(nodeCount, seed);
  const text = toPexnet(deployment);
  const json = JSON.stringify(deployment);
  const textBytes = Buffer.byteLength(text);
  const jsonBytes = Buffer.byteLength(json);

  const parse = bestOf(() => parseSource(text), 5, 1500);
  const jsonParse = bestOf(() => JSON.parse(json), 5, 1000);

  const source = parseSource(text);
  const modelAnalysis = bestOf(() => analyze(buildModel(source)), 3, nodeCount >= 1000 ? 4000 : 1000, 9);

  // The check as `pexnet check` runs it, then its JSON output on its own.
  const result = checkText(text);
  const reports = [{ file: `bench-${nodeCount}.pexnet`, diagnostics: result.diagnostics, lines: result.lines }];
  let output = "";
  const outputTimes = bestOf(() => { output = formatJson(reports); }, 3, 1000, 10);

  const required = countRequired(result.model);
  const diagnosticCounts: Record<string, number> = {};
  let missingFlows = 0;
  const unexpectedErrors: string[] = [];
  for (const d of result.diagnostics) {
    diagnosticCounts[d.code] = (diagnosticCounts[d.code] ?? 0) + 1;
    if (d.code === "missing-flow") missingFlows += d.flows?.length ?? 0;
    else if (d.severity === "error" && unexpectedErrors.length < 5) unexpectedErrors.push(`${d.code}: ${d.message}`);
  }
  // Taken before the naive evaluator runs: the figure is the engine's.
  const peakRssMB = process.resourceUsage().maxRSS / 1024;

  return {
    nodes: nodeCount,
    textBytes,
    jsonBytes,
    parseMBps: mbPerSecond(textBytes, parse.best),
    jsonParseMBps: mbPerSecond(jsonBytes, jsonParse.best),
    parseRatio: mbPerSecond(jsonBytes, jsonParse.best) / mbPerSecond(textBytes, parse.best),
    modelAnalysisMedianMs: median(modelAnalysis.times),
    modelAnalysisBestMs: modelAnalysis.best,
    modelAnalysisFirstMs: modelAnalysis.times[0],
    modelAnalysisRuns: modelAnalysis.times.length,
    outputMs: outputTimes.best,
    outputBytes: Buffer.byteLength(output),
    peakRssMB,
    ipsecFlows: countIpsecFlows(deployment),
    engineIpsecFlows: required.ipsec,
    requiredFlows: required.all,
    missingFlows,
    diagnosticCounts,
    unexpectedErrors,
    rules: ruleMix(deployment),
    naive: nodeCount <= NAIVE_LIMIT ? compareWithNaive(deployment, result.diagnostics) : undefined,
  };
}
