// `npm run bench`: generates deployments of 10, 100 and 1,000 nodes and prints, per size,
// parse throughput against JSON.parse, model+analysis time, JSON output time, peak RSS
// and the missing flows (checked against the naive evaluator where it is fast enough).
// Each size runs in a child process of its own. Exits 1 when the engine and the naive
// evaluator disagree or the generated deployment has unexpected errors; timings never
// fail the run (targets are printed as PASS/MISS). Then the LSP latency of the real server
// (lsp-latency.ts) on files of about 1,000 and 10,000 lines.
//
//   node out/bench/run.js [--seed N] [--sizes 10,100,1000] [--only core|lsp|export]
import { spawnSync } from "child_process";
import { EXPORT_NODES, measureExports } from "./export-bench";
import { debounceNote, LSP_NODE_COUNTS, lspLatencyRows, measureLspSize, type LspSizeResult } from "./lsp-latency";
import { measureSize, NAIVE_LIMIT, type SizeResult } from "./measure";

const DEFAULT_SEED = 1;
const DEFAULT_SIZES = [10, 100, 1000];
const PARSE_RATIO_TARGET = 10;
const ANALYSIS_TARGET_MS = 1000;
const ANALYSIS_TARGET_NODES = 1000;

/** The parts of the run: the engine tables (`core`) and the language server's latency (`lsp`). */
const PARTS = ["core", "lsp", "export"] as const;
type Part = (typeof PARTS)[number];
const USAGE = "usage: run.js [--seed N] [--sizes 10,100,1000] [--only core|lsp|export|core,lsp,...]";

interface Options {
  seed: number;
  sizes: number[];
  parts: Set<Part>;
}

function parseOptions(args: string[]): Options {
  const options: Options = { seed: DEFAULT_SEED, sizes: DEFAULT_SIZES, parts: new Set(PARTS) };
  for (let i = 0; i < args.length; i++) {
    const value = args[i + 1];
    if (args[i] === "--seed" && value !== undefined) { options.seed = Number(value); i++; }
    else if (args[i] === "--sizes" && value !== undefined) { options.sizes = value.split(",").map(Number); i++; }
    else if (args[i] === "--only" && value !== undefined) {
      const parts = value.split(",");
      const unknown = parts.find((part) => !(PARTS as readonly string[]).includes(part));
      if (unknown !== undefined) throw new Error(`unknown part ${unknown} (${USAGE})`);
      options.parts = new Set(parts as Part[]);
      i++;
    } else throw new Error(`unknown argument ${args[i]} (${USAGE})`);
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

/** Text columns are left-aligned (the first `leftColumns`), figures right-aligned. */
function table(headers: string[], rows: string[][], leftColumns = 1): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < leftColumns ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
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

function main(): Promise<number> | number {
  const args = process.argv.slice(2);
  if (args[0] === "--child") {
    process.stdout.write(JSON.stringify(measureSize(Number(args[1]), Number(args[2]))) + "\n");
    return 0;
  }
  return runParts(parseOptions(args));
}

async function runParts(options: Options): Promise<number> {
  const parts = [...options.parts].join(", ");
  console.log(`pexnet benchmark: seed ${options.seed}, sizes ${options.sizes.join(", ")} nodes, parts ${parts}, Node ${process.version}`);
  const failures: string[] = [];
  if (options.parts.has("core")) runCore(options, failures);
  if (options.parts.has("lsp")) await runLsp(options, failures);
  if (options.parts.has("export")) runExportPart(options, failures);
  for (const failure of failures) console.log(`FAILED: ${failure}`);
  return failures.length > 0 ? 1 : 0;
}

async function runLsp(options: Options, failures: string[]): Promise<void> {
  const results: LspSizeResult[] = [];
  for (const nodes of LSP_NODE_COUNTS) {
    try {
      results.push(await measureLspSize(nodes, options.seed));
    } catch (err) {
      failures.push(`LSP latency, ${nodes} nodes: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (results.length === 0) return;
  console.log("\nLSP latency (the real server over stdio, timed in the client; p50/p95 over the samples; targets on the largest file)\n");
  const { headers, rows } = lspLatencyRows(results);
  console.log(table(headers, rows, 2));
  console.log(`\n${debounceNote}`);
}

function runExportPart(options: Options, failures: string[]): void {
  let result: ReturnType<typeof measureExports>;
  try {
    result = measureExports(options.seed);
  } catch (err) {
    failures.push(`export: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  console.log(`\nExports (every firewall of the ${EXPORT_NODES}-node deployment, ${result.firewalls} firewalls, scope complete; Capirca: Debian's aclgen rendering our .pol)\n`);
  const rows = result.rows.map((r) => [r.platform, fixed(r.ms, 0), r.bytes ? thousands(r.bytes) : "", r.checked]);
  console.log(table(["platform", "ms", "bytes", "checked"], rows, 1));
  for (const note of result.notes) console.log(`note: ${note}`);
  for (const r of result.rows) if (r.checked.includes("pass nft -c") && r.platform === "nftables" && !r.checked.startsWith(`${result.firewalls}/`)) failures.push(`export: pexnet's nftables output failed nft -c (${r.checked})`);
}

function runCore(options: Options, failures: string[]): void {
  const results: SizeResult[] = [];
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
}

try {
  const status = main();
  if (typeof status === "number") process.exitCode = status;
  else {
    status.then(
      (code) => { process.exitCode = code; },
      (err) => { console.error(err instanceof Error ? err.stack ?? err.message : String(err)); process.exitCode = 1; },
    );
  }
} catch (err) {
  // A wrong command line: say so plainly, without a stack trace.
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 2;
}
