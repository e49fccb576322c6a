// LSP latency, as an editor sees it: the real server (bin/pexnet-language-server.js --stdio,
// which starts dist/launcher.js, and so dist/server.js through the code cache) on generated deployments of about 1,000 and 10,000 lines.
// Every figure is taken in this process, from sending a message to receiving its answer or
// publishDiagnostics, so it includes the JSON-RPC transport on both sides.
//
// The server waits ANALYSIS_DEBOUNCE_MS after the last change before it analyses; the bench
// starts it with PEXNET_DEBOUNCE_MS=0 for the edits, so no figure includes that pause. An
// opened document is analysed at once: first diagnostics are measured with the default
// debounce, over several fresh starts of the server: first without a code cache (as the first
// start after an install or an update), then with the cache an earlier start wrote (every
// later start; server/src/code-cache.ts). Both use a cache folder of the bench's own, never
// the user's. The server publishes
// once per document version, after the whole check (parse, model, analysis, rule checks):
// "syntax" and "complete" diagnostics are both measured to that one publish.
import { existsSync, mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { performance } from "perf_hooks";
import { pathToFileURL } from "url";
import { spawnSync } from "child_process";
import { ANALYSIS_DEBOUNCE_MS } from "../server/src/document-analyzer";
import { LineIndex } from "../server/src/core/text-position";
import { toPexnet } from "../test/naive/deployment";
import { SERVER_ENVIRONMENT } from "../client/src/server-environment";
import { BenchClient, type Position } from "./lsp-client";
import { generateDeployment } from "./generate";
import { EDITOR_NODE } from "../test/editor-node";

/** Node counts that give about 1,000 and 10,000 lines with the default seed. */
export const LSP_NODE_COUNTS = [204, 2270];
const WARMUP = 5;
const EDIT_SAMPLES = 40;
const REQUEST_SAMPLES = 50;
/** Fresh server starts for the first-diagnostics figure (one sample each), with the code cache ready. */
const FIRST_SAMPLES = 7;
/** Fresh server starts, each with an empty code cache folder. */
const FIRST_UNCACHED_SAMPLES = 3;

// EDITOR_NODE: the Node that code-server (the real VS Code here) runs the extension host and
// so the server on. Desktop VS Code runs it on its Electron, whose V8 is of the same
// generation (12 and later).

/** Targets, applied to the largest file. */
export const LSP_TARGETS = { firstMs: 300, syntaxP95Ms: 50, completeP95Ms: 150, requestP95Ms: 20 };

export interface LspSizeResult {
  nodes: number;
  lines: number;
  textBytes: number;
  /** Spawn to the first publishDiagnostics of the opened file, one per fresh server (code cache ready). */
  firstMs: number[];
  /** Of each firstMs, the part from sending didOpen to the publish: the server's first check (with the pipe). */
  firstOpenMs: number[];
  /** The same, each server with an empty code cache folder. */
  firstUncachedMs: number[];
  /**
   * firstMs again with NODE_EXTRA_CA_CERTS as this environment sets it (every server start
   * clears it, SERVER_ENVIRONMENT); taken alternately with firstMs, when it is set.
   */
  firstWithCaCertsMs?: number[];
  /** For scale: `node -e 0` (spawn to exit, same environment), taken alternately with firstMs. */
  nodeAloneMs: number[];
  /** The first-start figures again with the server on EDITOR_NODE, when it is installed. */
  editorNode?: { version: string; firstMs: number[]; firstOpenMs: number[]; firstUncachedMs: number[]; nodeAloneMs: number[] };
  syntaxMs: number[];
  completeMs: number[];
  hoverPortMs: number[];
  hoverNodeMs: number[];
  completionMs: number[];
  completionItems: number;
}

export const debounceNote =
  `debounce: the server waits ${ANALYSIS_DEBOUNCE_MS} ms (ANALYSIS_DEBOUNCE_MS) after a change; the bench runs the edits with ` +
  `PEXNET_DEBOUNCE_MS=0, so no edit figure includes the debounce. An opened file is analysed at once: first diagnostics ` +
  `are taken with the default debounce, each from a fresh server (spawn, initialize, didOpen) started as the VS Code client and the README's ` +
  `editor setups start it (NODE_EXTRA_CA_CERTS cleared: client/src/server-environment.ts), judged on the median of the starts that find ` +
  `the code cache an earlier start wrote (every start but the first after an install or update; the first is shown apart). The server publishes once per version, after the full ` +
  `analysis: syntax and complete diagnostics are both measured to that publish.`;

function offsetOf(text: string, needle: string, from = 0): number {
  const index = text.indexOf(needle, from);
  if (index < 0) throw new Error(`lsp-latency: "${needle}" not found in the generated deployment`);
  return index;
}

/** Sample times of `action`, after `WARMUP` untimed runs. */
async function timeRequests(count: number, action: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + count; i++) {
    const start = performance.now();
    await action();
    if (i >= WARMUP) times.push(performance.now() - start);
  }
  return times;
}

export async function measureLspSize(nodes: number, seed: number): Promise<LspSizeResult> {
  const text = toPexnet(generateDeployment(nodes, seed));
  const lines = new LineIndex(text);
  const at = (offset: number): Position => lines.positionAt(offset);
  const uri = pathToFileURL(join(tmpdir(), `pexnet-lsp-latency-${nodes}.pexnet`)).href;

  // Edit places, all in the first core firewall. Offsets stay valid: the port edit keeps
  // the length, the syntax edit is undone before the next round.
  const portOffset = offsetOf(text, "deny tcp 23, ") + "deny tcp ".length; // a 2-digit port
  const ruleMatch = /\n  allow ssh from noc to ([a-z0-9-]+)/.exec(text);
  if (!ruleMatch) throw new Error("lsp-latency: no `allow ssh from noc to <node>` rule");
  const spaceOffset = ruleMatch.index + "\n  allow".length; // the space after `allow`
  const nodeName = ruleMatch[1].replace(/\.(primary|secondary)$/, "");
  const nodeOffset = ruleMatch.index + ruleMatch[0].length - ruleMatch[1].length + 2;
  const hoverPortOffset = offsetOf(text, "allow udp 1719 from ") + "allow udp 17".length;
  const zonesLine = offsetOf(text, "\n  zones ", offsetOf(text, "firewall fw-core-0 {"));
  const completionLineOffset = offsetOf(text, "\n", zonesLine + 1) + 1; // start of the first rule line

  const { firstMs, firstOpenMs, firstUncachedMs, firstWithCaCertsMs, nodeAloneMs } = await timeFirstStarts(uri, text, process.execPath, process.env.NODE_EXTRA_CA_CERTS);
  const editorNode = existsSync(EDITOR_NODE)
    ? { version: nodeVersion(EDITOR_NODE), ...(await timeFirstStarts(uri, text, EDITOR_NODE)) }
    : undefined;

  const client = await BenchClient.start({ ...SERVER_ENVIRONMENT, PEXNET_DEBOUNCE_MS: "0" });
  try {
    let version = 1;
    await client.open(uri, text, version);
    await client.waitForPublish(uri, version);

    /** Sends one change and returns the time to the publish of its version. */
    const edit = async (start: number, end: number, newText: string, expectSyntax: boolean): Promise<number> => {
      version++;
      const sent = performance.now();
      await client.change(uri, version, at(start), at(end), newText);
      const published = await client.waitForPublish(uri, version);
      const hasSyntax = published.diagnostics.some((d) => d.code === "syntax");
      if (hasSyntax !== expectSyntax) {
        throw new Error(`lsp-latency: version ${version} ${expectSyntax ? "lacks" : "has"} a syntax diagnostic`);
      }
      return published.at - sent;
    };

    const syntaxMs: number[] = [];
    const completeMs: number[] = [];
    for (let round = 0; round < WARMUP + EDIT_SAMPLES; round++) {
      // A valid edit: the deny rule's port becomes 30..49 in turn (always a new text).
      const complete = await edit(portOffset, portOffset + 2, String(30 + (round % 20)), false);
      // A syntax error: `allow ssh` becomes `allowssh`; then the space comes back (untimed).
      const syntax = await edit(spaceOffset, spaceOffset + 1, "", true);
      await edit(spaceOffset, spaceOffset, " ", false);
      if (round >= WARMUP) {
        completeMs.push(complete);
        syntaxMs.push(syntax);
      }
    }

    const hoverAt = async (offset: number, expect: string): Promise<void> => {
      const result = await client.request<{ contents: { value: string } } | null>("textDocument/hover", {
        textDocument: { uri },
        position: at(offset),
      });
      if (!result || !JSON.stringify(result.contents).includes(expect)) {
        throw new Error(`lsp-latency: hover at offset ${offset} did not mention ${expect}`);
      }
    };
    const hoverPortMs = await timeRequests(REQUEST_SAMPLES, () => hoverAt(hoverPortOffset, "1719"));
    const hoverNodeMs = await timeRequests(REQUEST_SAMPLES, () => hoverAt(nodeOffset, nodeName));

    // Completion as typed: a new rule line `allow ` in the core firewall (the document has
    // a syntax error now); its diagnostics are awaited first, so the requests find the result cached.
    const typed = "  allow \n";
    await edit(completionLineOffset, completionLineOffset, typed, true);
    const cursor = { line: at(completionLineOffset).line, character: typed.length - 1 };
    let completionItems = 0;
    const completionMs = await timeRequests(REQUEST_SAMPLES, async () => {
      const result = await client.request<{ items: unknown[] } | unknown[] | null>("textDocument/completion", {
        textDocument: { uri },
        position: cursor,
        context: { triggerKind: 2, triggerCharacter: " " },
      });
      completionItems = Array.isArray(result) ? result.length : (result?.items.length ?? 0);
      if (completionItems === 0) throw new Error("lsp-latency: no completion items after `allow `");
    });

    return {
      nodes, lines: text.split("\n").length, textBytes: Buffer.byteLength(text),
      firstMs, firstOpenMs, firstUncachedMs, firstWithCaCertsMs, nodeAloneMs, editorNode, syntaxMs, completeMs, hoverPortMs, hoverNodeMs, completionMs, completionItems,
    };
  } finally {
    await client.stop();
  }
}

/**
 * First diagnostics of fresh servers on `node`, started as the VS Code client starts them
 * (SERVER_ENVIRONMENT): first starts, each with an empty code cache folder, then starts that
 * find the cache the last of those wrote. With `caCerts`, every start with the cache ready is
 * followed by one with NODE_EXTRA_CA_CERTS=caCerts, to show what clearing it saves. Each is
 * also followed by a bare start of `node`, for scale: this machine's speed swings.
 */
async function timeFirstStarts(
  uri: string, text: string, node: string, caCerts?: string,
): Promise<{ firstMs: number[]; firstOpenMs: number[]; firstUncachedMs: number[]; firstWithCaCertsMs?: number[]; nodeAloneMs: number[] }> {
  const cacheRoot = mkdtempSync(join(tmpdir(), "pexnet-bench-code-cache-"));
  const firstUncachedMs: number[] = [];
  const firstMs: number[] = [];
  const firstOpenMs: number[] = [];
  const firstWithCaCertsMs: number[] = [];
  const nodeAloneMs: number[] = [];
  try {
    for (let i = 0; i < FIRST_UNCACHED_SAMPLES; i++) firstUncachedMs.push((await timeFirstDiagnostics(uri, text, join(cacheRoot, `empty-${i}`), node)).totalMs);
    // The last of those wrote its cache after its first check: the following starts find it.
    const ready = join(cacheRoot, `empty-${FIRST_UNCACHED_SAMPLES - 1}`);
    for (let i = 0; i < FIRST_SAMPLES; i++) {
      const { totalMs, openMs } = await timeFirstDiagnostics(uri, text, ready, node);
      firstMs.push(totalMs);
      firstOpenMs.push(openMs);
      if (caCerts) firstWithCaCertsMs.push((await timeFirstDiagnostics(uri, text, ready, node, { NODE_EXTRA_CA_CERTS: caCerts })).totalMs);
      nodeAloneMs.push(timeNodeAlone(node));
    }
  } finally {
    rmSync(cacheRoot, { recursive: true, force: true });
  }
  return { firstMs, firstOpenMs, firstUncachedMs, nodeAloneMs, ...(caCerts ? { firstWithCaCertsMs } : {}) };
}

/** `node -e 0` with the servers' environment, spawn to exit. */
function timeNodeAlone(node: string): number {
  const started = performance.now();
  const run = spawnSync(node, ["-e", "0"], { env: { ...process.env, ...SERVER_ENVIRONMENT } });
  if (run.status !== 0) throw new Error(`lsp-latency: ${node} -e 0 exited with ${run.status ?? run.signal}`);
  return performance.now() - started;
}

function nodeVersion(node: string): string {
  return spawnSync(node, ["--version"], { encoding: "utf8" }).stdout.trim();
}

/**
 * A fresh server with the default debounce and the code cache in `cacheDir`: spawn to the
 * first publish of an opened file (totalMs), and of that the part from sending didOpen
 * (openMs). The server writes its cache just after that publish, so the client waits for the
 * server to exit before the next start.
 */
async function timeFirstDiagnostics(
  uri: string, text: string, cacheDir: string, node: string, override: Record<string, string> = {},
): Promise<{ totalMs: number; openMs: number }> {
  const started = performance.now();
  // PEXNET_DEBOUNCE_MS "" = the default debounce.
  const client = await BenchClient.start({ ...SERVER_ENVIRONMENT, PEXNET_DEBOUNCE_MS: "", PEXNET_CODE_CACHE_DIR: cacheDir, ...override }, node);
  try {
    const opened = performance.now();
    await client.open(uri, text, 1);
    const first = await client.waitForPublish(uri, 1);
    return { totalMs: first.at - started, openMs: first.at - opened };
  } finally {
    await client.stop();
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Rows of the "LSP latency" table; targets are judged on the largest file only. */
export function lspLatencyRows(results: LspSizeResult[]): { headers: string[]; rows: string[][] } {
  const largest = Math.max(...results.map((r) => r.lines));
  const ms = (value: number) => value.toFixed(1);
  const verdict = (pass: boolean) => (pass ? "PASS" : "MISS");
  const rows: string[][] = [];
  for (const r of results) {
    const judged = r.lines === largest;
    const file = `${r.lines.toLocaleString("en-US")} lines (${r.nodes.toLocaleString("en-US")} nodes)`;
    const row = (what: string, samples: number[], target: number | undefined) => {
      const p95 = percentile(samples, 95);
      rows.push([file, what, String(samples.length), ms(percentile(samples, 50)), ms(p95),
        target === undefined ? "-" : `p95 < ${target} ms`, judged && target !== undefined ? verdict(p95 < target) : "-"]);
    };
    const firstMedian = percentile(r.firstMs, 50);
    rows.push([file, `first diagnostics, server on ${process.version} (spawn to publish; max in p95)`, String(r.firstMs.length), ms(firstMedian),
      ms(Math.max(...r.firstMs)), `p50 < ${LSP_TARGETS.firstMs} ms`, judged ? verdict(firstMedian < LSP_TARGETS.firstMs) : "-"]);
    rows.push([file, "  of which didOpen to publish (the server's first check)", String(r.firstOpenMs.length), ms(percentile(r.firstOpenMs, 50)),
      ms(Math.max(...r.firstOpenMs)), "-", "-"]);
    rows.push([file, "  the same, first start: no code cache yet", String(r.firstUncachedMs.length), ms(percentile(r.firstUncachedMs, 50)),
      ms(Math.max(...r.firstUncachedMs)), "-", "-"]);
    rows.push([file, "  for scale: Node alone (`node -e 0`, spawn to exit)", String(r.nodeAloneMs.length), ms(percentile(r.nodeAloneMs, 50)),
      ms(Math.max(...r.nodeAloneMs)), "-", "-"]);
    if (r.firstWithCaCertsMs) {
      rows.push([file, "  the same, NODE_EXTRA_CA_CERTS left as this environment sets it", String(r.firstWithCaCertsMs.length),
        ms(percentile(r.firstWithCaCertsMs, 50)), ms(Math.max(...r.firstWithCaCertsMs)), "-", "-"]);
    }
    if (r.editorNode) {
      const editorMedian = percentile(r.editorNode.firstMs, 50);
      rows.push([file, `first diagnostics, server on ${r.editorNode.version} (code-server's)`, String(r.editorNode.firstMs.length), ms(editorMedian),
        ms(Math.max(...r.editorNode.firstMs)), `p50 < ${LSP_TARGETS.firstMs} ms`, judged ? verdict(editorMedian < LSP_TARGETS.firstMs) : "-"]);
      rows.push([file, "  of which didOpen to publish (the server's first check)", String(r.editorNode.firstOpenMs.length),
        ms(percentile(r.editorNode.firstOpenMs, 50)), ms(Math.max(...r.editorNode.firstOpenMs)), "-", "-"]);
      rows.push([file, "  the same, first start: no code cache yet", String(r.editorNode.firstUncachedMs.length),
        ms(percentile(r.editorNode.firstUncachedMs, 50)), ms(Math.max(...r.editorNode.firstUncachedMs)), "-", "-"]);
      rows.push([file, "  for scale: Node alone (`node -e 0`, spawn to exit)", String(r.editorNode.nodeAloneMs.length),
        ms(percentile(r.editorNode.nodeAloneMs, 50)), ms(Math.max(...r.editorNode.nodeAloneMs)), "-", "-"]);
    }
    row("syntax diagnostics (didChange to publish)", r.syntaxMs, LSP_TARGETS.syntaxP95Ms);
    row("complete diagnostics (didChange to publish)", r.completeMs, LSP_TARGETS.completeP95Ms);
    row("hover on a port", r.hoverPortMs, LSP_TARGETS.requestP95Ms);
    row("hover on a node name", r.hoverNodeMs, LSP_TARGETS.requestP95Ms);
    row(`completion after \`allow \` (${r.completionItems} items)`, r.completionMs, LSP_TARGETS.requestP95Ms);
  }
  return { headers: ["file", "measure", "samples", "p50 ms", "p95 ms", "target", "verdict"], rows };
}
