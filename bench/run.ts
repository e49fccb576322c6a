// `npm run bench`: generates deployments of 10, 100 and 1,000 nodes and prints, per size,
// parse throughput against JSON.parse, model+analysis time, JSON output time, peak RSS
// and the missing flows (checked against the naive evaluator where it is fast enough).
// Each size runs in a child process of its own. Exits 1 when the engine and the naive
// evaluator disagree or the generated deployment has unexpected errors; timings never
// fail the run (targets are printed as PASS/MISS).
//
//   node out/bench/run.js [--seed N] [--sizes 10,100,1000]
import { spawnSync } from "child_process";
import { measureSize, NAIVE_LIMIT, type SizeResult } from "./measure";

const DEFAULT_SEED = 1;
const DEFAULT_SIZES = [10, 100, 1000];
const PARSE_RATIO_TARGET = 10;
const ANALYSIS_TARGET_MS = 1000;
const ANALYSIS_TARGET_NODES = 1000;

interface Options {
  seed: number;
  sizes: number[];
}

function parseOptions(args: string[]): Options {
  const options: Options = { seed: DEFAULT_SEED, sizes: DEFAULT_SIZES };
  for (let i = 0; i < args.length; i++) {
    const value = args[i + 1];
    if (args[i] === "--seed" && value !== undefined) { options.seed = Number(value); i++; }
    else if (args[i] === "--sizes" && value !== undefined) { options.sizes = value.split(",").map(Number); i++; }
    else throw new Error(`unknown argument ${args[i]} (usage: run.js [--seed N] [--sizes 10,100,1000])`);
  }
  if (!Number.isInteger(options.seed) || options.sizes.some((n) => !Number.isInteger(n) || n < 4)) {
    throw new Error("the seed and the sizes must be integers (sizes >= 4)");
  }
  return options;
}

/** One size in a fresh process: its peak RSS and JIT state are its own. */
function measureInChild(nodes: number, seed: number): SizeResult | string {
  const child = spawnSync(process.execPath, [__filename, "--child", String(nodes), String(seed)], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (child.status !== 0) return `child process for ${nodes} nodes failed (status ${child.status}, signal ${child.signal})`;
  const lines = child.stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]) as SizeResult;
}

const verdict = (pass: boolean) => (pass ? "PASS" : "MISS");
const fixed = (value: number, digits: number) => value.toFixed(digits);
const thousands = (value: number) => value.toLocaleString("en-US");

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function performanceTable(results: SizeResult[]): string {
  return table(
    ["nodes", "text KB", "parse MB/s", "JSON.parse MB/s", "ratio", `<=${PARSE_RATIO_TARGET}x`,
      "model+analysis ms", "first run ms", `<${ANALYSIS_TARGET_MS} ms`, "IPsec flows", "output ms", "output KB", "peak RSS MB"],
    results.map((r) => [
      thousands(r.nodes),
      fixed(r.textBytes / 1024, 1),
      fixed(r.parseMBps, 1),
      fixed(r.jsonParseMBps, 1),
      fixed(r.parseRatio, 1) + "x",
      verdict(r.parseRatio <= PARSE_RATIO_TARGET),
      `${fixed(r.modelAnalysisMedianMs, 1)} (best ${fixed(r.modelAnalysisBestMs, 1)})`,
      fixed(r.modelAnalysisFirstMs, 1),
      r.nodes === ANALYSIS_TARGET_NODES ? verdict(r.modelAnalysisMedianMs < ANALYSIS_TARGET_MS) : "-",
      thousands(r.ipsecFlows),
      fixed(r.outputMs, 1),
      fixed(r.outputBytes / 1024, 1),
      fixed(r.peakRssMB, 0),
    ]),
  );
}

function flowTable(results: SizeResult[]): string {
  return table(
    ["nodes", "required flows", "IPsec (engine)", "missing flows", "missing %", "naive", "naive check"],
    results.map((r) => [
      thousands(r.nodes),
      thousands(r.requiredFlows),
      r.engineIpsecFlows === r.ipsecFlows ? "equal" : `DIFFERENT (${thousands(r.engineIpsecFlows)})`,
      thousands(r.missingFlows),
      fixed((100 * r.missingFlows) / r.requiredFlows, 2) + "%",
      r.naive ? `${thousands(r.naive.naiveKeys)} vs ${thousands(r.naive.engineKeys)}` : "-",
      r.naive ? (r.naive.equal ? "equal" : "DIFFERENT") : `(only up to ${NAIVE_LIMIT} nodes)`,
    ]),
  );
}

function detailLines(r: SizeResult): string[] {
  const mix = r.rules;
  const share = (n: number) => `${Math.round((100 * n) / mix.rules)}%`;
  const codes = Object.entries(r.diagnosticCounts).sort().map(([code, n]) => `${code} ${n}`).join(", ");
  const lines = [
    `${thousands(r.nodes)} nodes: ${mix.firewalls} firewalls, ${mix.rules} rules (single node ${share(mix.singleNode)}, ` +
      `deny ${share(mix.deny)}, sport ${share(mix.sport)}); model+analysis runs ${r.modelAnalysisRuns}; diagnostics: ${codes || "none"}`,
  ];
  for (const error of r.unexpectedErrors) lines.push(`  UNEXPECTED ${error}`);
  for (const example of r.naive?.examples ?? []) lines.push(`  ${example}`);
  if (r.naive && r.naive.unsettled.length > 0) lines.push(`  naive evaluator met unsettled structures: ${r.naive.unsettled.slice(0, 3).join("; ")}`);
  return lines;
}

function main(): number {
  const args = process.argv.slice(2);
  if (args[0] === "--child") {
    process.stdout.write(JSON.stringify(measureSize(Number(args[1]), Number(args[2]))) + "\n");
    return 0;
  }
  const options = parseOptions(args);
  console.log(`pexnet benchmark: seed ${options.seed}, sizes ${options.sizes.join(", ")} nodes, Node ${process.version}`);
  const results: SizeResult[] = [];
  const failures: string[] = [];
  for (const nodes of options.sizes) {
    const result = measureInChild(nodes, options.seed);
    if (typeof result === "string") failures.push(result);
    else results.push(result);
  }
  console.log("\nPerformance (parse: best run; model+analysis: median of runs; output: formatJson alone, best run)\n");
  console.log(performanceTable(results));
  console.log("\nFlows (missing flows: entries of missing-flow diagnostics; naive: (firewall, from, to, protocol) keys, naive vs engine)\n");
  console.log(flowTable(results));
  console.log("");
  for (const r of results) for (const line of detailLines(r)) console.log(line);

  for (const r of results) {
    if (r.naive && !r.naive.equal) failures.push(`${r.nodes} nodes: the engine and the naive evaluator disagree`);
    if (r.engineIpsecFlows !== r.ipsecFlows) failures.push(`${r.nodes} nodes: IPsec flow counts disagree`);
    if (r.unexpectedErrors.length > 0) failures.push(`${r.nodes} nodes: unexpected error diagnostics`);
  }
  for (const failure of failures) console.log(`FAILED: ${failure}`);
  return failures.length > 0 ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (err) {
  // A wrong command line: say so plainly, without a stack trace.
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 2;
}
