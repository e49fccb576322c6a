// Drives the real language server from headless Neovim, an LSP client this project did not
// write. Neovim starts with the README's Neovim 0.7 snippet as its init.lua (copied out of
// README.md, so the README stays true), opens a copy of examples/acme.pexnet, and
// neovim-lsp-check.lua uses diagnostics, hover, symbols, definition, a quick fix and
// completion, then writes what the server answered as JSON; the assertions are here.
//
// Needs `nvim` 0.7 or later on PATH (Debian: apt-get install neovim). Without it the test is
// skipped, or fails when PEXNET_REQUIRE_TOOLS=1 (CI).
import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { missingTool } from "../missing-tool";

const root = join(__dirname, "..", "..", "..");
const checkScript = join(root, "test", "editors", "neovim-lsp-check.lua");
const acmeText = readFileSync(join(root, "examples", "acme.pexnet"), "utf8");
const acmeLines = acmeText.split("\n");
const golden = readFileSync(join(root, "examples", "golden", "acme.txt"), "utf8");
const NVIM_TIMEOUT_MS = 60_000;

interface Position {
  line: number;
  character: number;
}

interface NvimResult {
  error?: string;
  nvim: { major: number; minor: number; patch: number };
  filetype: string;
  uri: string;
  client: { name: string; offset_encoding: string };
  diagnostics: { code?: string; lnum: number; col: number; message: string; source?: string; severity: number }[];
  hover_port: Position & { text?: string };
  hover_node: Position & { text?: string };
  symbols: { name: string; kind: number; detail?: string; line: number; children: string[] }[];
  definition: { from: Position; target?: { uri: string; range: { start: Position; end: Position } } };
  missing_before: number;
  missing_after: number;
  actions: { title: string; kind?: string; isPreferred?: boolean }[];
  lines_after_fix: string[];
  completion: Position & { labels: string[] };
}

/** The README's Neovim 0.7 init.lua: the first ```lua block after "Neovim 0.7". */
function readmeNeovim07Snippet(): { snippet: string; readme: string } {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const start = readme.indexOf("Neovim 0.7");
  assert.ok(start >= 0, "README.md has a Neovim 0.7 section");
  const match = /```lua\n([\s\S]*?)```/.exec(readme.slice(start));
  assert.ok(match, "README.md's Neovim 0.7 section has a ```lua block");
  return { snippet: match[1], readme };
}

/** nvim's version, or why it cannot be used. */
function findNvim(): { version?: string; problem?: string } {
  const probe = spawnSync("nvim", ["--version"], { encoding: "utf8", timeout: 10_000 });
  if (probe.error) return { problem: `nvim is not on PATH (${(probe.error as NodeJS.ErrnoException).code ?? probe.error.message})` };
  const match = /NVIM v(\d+)\.(\d+)\.(\d+)/.exec(probe.stdout);
  if (!match) return { problem: `nvim --version printed no version: ${probe.stdout.slice(0, 200)}` };
  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major === 0 && minor < 7) return { problem: `nvim ${match[0]} is older than 0.7 (no vim.lsp.start_client + nvim_create_autocmd)` };
  return { version: match[0] };
}

/** Runs nvim in its own process group; kills the group (nvim and the server) on timeout and after exit. */
function runNvim(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn("nvim", args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const killGroup = (): void => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // the group is already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, NVIM_TIMEOUT_MS);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // "exit", then the group (a language server left behind would hold nothing of ours, but
    // should not outlive the test), then "close" once the pipes are drained.
    child.on("exit", () => {
      clearTimeout(timer);
      killGroup();
    });
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr, timedOut }));
  });
}

/** 0-based line and column of `needle` on the first line of acme.pexnet that starts with `prefix`. */
function acmePosition(prefix: string, needle: string): Position {
  const line = acmeLines.findIndex((text) => text.startsWith(prefix));
  assert.ok(line >= 0, `acme.pexnet has a line starting with ${prefix}`);
  const character = acmeLines[line].indexOf(needle);
  assert.ok(character >= 0, `${needle} on line ${line + 1}`);
  return { line, character };
}

test("Neovim 0.7 with the README's setup uses the language server", { timeout: NVIM_TIMEOUT_MS + 30_000 }, async (t: TestContext) => {
  const nvim = findNvim();
  if (nvim.problem) {
    missingTool(t, `${nvim.problem}; the Neovim LSP test did not run. Install Debian's neovim (apt-get install neovim).`);
    return;
  }
  t.diagnostic(nvim.version!);

  const { snippet, readme } = readmeNeovim07Snippet();
  assert.match(readme, /test\/editors\/neovim\.test\.ts/, "the README says which test checks its Neovim snippet");
  assert.match(snippet, /vim\.lsp\.start_client/);

  const dir = mkdtempSync(join(tmpdir(), "pexnet-nvim-"));
  try {
    // What `npm link` / a global install provides: pexnet-language-server on PATH.
    mkdirSync(join(dir, "bin"));
    symlinkSync(join(root, "bin", "pexnet-language-server.js"), join(dir, "bin", "pexnet-language-server"));
    copyFileSync(join(root, "examples", "acme.pexnet"), join(dir, "acme.pexnet"));
    const init = join(dir, "init.lua");
    writeFileSync(init, snippet);
    const resultPath = join(dir, "result.json");
    const xdg = join(dir, "xdg");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: [join(dir, "bin"), dirname(process.execPath), process.env.PATH ?? ""].join(delimiter),
      XDG_CONFIG_HOME: xdg,
      XDG_DATA_HOME: xdg,
      XDG_STATE_HOME: xdg,
      XDG_CACHE_HOME: xdg,
      PEXNET_NVIM_FILE: join(dir, "acme.pexnet"),
      PEXNET_NVIM_RESULT: resultPath,
      // Node 20 warns on stderr, which Neovim logs, when this names a missing file, unless the
      // README's cmd_env clears it.
      NODE_EXTRA_CA_CERTS: join(dir, "missing-ca.pem"),
    };
    const run = await runNvim(["--headless", "--clean", "-u", init, "-c", `luafile ${checkScript}`], env, dir);
    const output = `nvim exit ${run.code ?? run.signal}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
    assert.ok(!run.timedOut, `nvim did not finish within ${NVIM_TIMEOUT_MS} ms and was killed\n${output}`);
    assert.ok(existsSync(resultPath), `nvim wrote no result\n${output}`);
    const result = JSON.parse(readFileSync(resultPath, "utf8")) as NvimResult;
    assert.equal(result.error, undefined, `neovim-lsp-check.lua failed: ${result.error}\n${output}`);
    assert.equal(run.code, 0, output);

    await t.test("the README's cmd_env starts the server without NODE_EXTRA_CA_CERTS", () => {
      const log = join(xdg, "nvim", "lsp.log");
      const logged = existsSync(log) ? readFileSync(log, "utf8") : "";
      assert.doesNotMatch(logged, /extra certs/i);
    });

    await t.test("the README's autocmds set the filetype and attach the server", () => {
      assert.equal(result.filetype, "pexnet");
      assert.equal(result.client.name, "pexnet");
      assert.ok(result.nvim.major > 0 || result.nvim.minor >= 7, `nvim ${JSON.stringify(result.nvim)}`);
    });

    await t.test("diagnostics: the missing flows of `pexnet check`, on the firewall name", () => {
      assert.ok(result.diagnostics.length > 0, "Neovim received diagnostics");
      assert.ok(result.diagnostics.some((d) => d.code === "missing-flow"), "a missing-flow diagnostic");
      const expected = [...golden.matchAll(/^\S+:(\d+):(\d+): error \[missing-flow\] (.*)$/gm)];
      assert.ok(expected.length > 0, "the golden output lists missing flows");
      const missing = result.diagnostics.filter((d) => d.code === "missing-flow");
      assert.deepEqual(missing.map((d) => d.message).sort(), expected.map((m) => m[3]).sort());
      for (const d of missing) {
        assert.equal(d.lnum, Number(expected[0][1]) - 1);
        assert.equal(d.col, Number(expected[0][2]) - 1);
        assert.equal(d.source, "pexnet");
        assert.equal(d.severity, 1, "vim.diagnostic.severity.ERROR");
      }
    });

    await t.test("hover on port 5061 lists the SIP over TLS flows", () => {
      assert.deepEqual({ line: result.hover_port.line, character: result.hover_port.character }, acmePosition("  allow tcp 443, 5061", "5061"));
      const text = result.hover_port.text ?? "";
      assert.match(text, /^\*\*port 5061\*\* \(tcp\)/);
      assert.match(text, /Required Pexip flows on these ports:/);
      assert.match(text, /`endpoint-sip-tls` \(tcp, endpoints -> Conferencing Nodes\): SIP over TLS/);
    });

    await t.test("hover on a node name: role, address, zone and its missing flows", () => {
      const text = result.hover_node.text ?? "";
      assert.match(text, /^\*\*edge-lon-1\*\*: proxying node/);
      assert.match(text, /- primary 198\.51\.100\.11 in zone dmz/);
      assert.match(text, /- location edge-lon/);
      // Every flow line of the golden output that involves edge-lon-1.
      const flows = golden.split("\n").filter((line) => / -> .* at edge-fw$/.test(line) && /\bedge-lon-1\b/.test(line)).length;
      assert.ok(flows > 0);
      assert.match(text, new RegExp(`Flows: ${flows} required flows missing\\.`));
    });

    await t.test("document symbols: every declaration, the firewall with its rules", () => {
      const firewalls = [...acmeText.matchAll(/^firewall\s+(\S+)/gm)].map((m) => m[1]);
      assert.deepEqual(firewalls, ["edge-fw"]);
      const declared = [...acmeText.matchAll(/^(?:deployment|zone|location|management|transcoding|proxying|dns|ntp|licensing|admin|endpoints|firewall)\s+(\S+)/gm)].map((m) => m[1]);
      assert.deepEqual(result.symbols.map((s) => s.name), declared);
      for (const name of firewalls) {
        const symbol = result.symbols.find((s) => s.name === name)!;
        assert.equal(symbol.kind, 11, "SymbolKind.Interface");
        assert.equal(symbol.line, acmePosition(`firewall ${name}`, name).line);
        assert.ok(symbol.children.includes("allow tcp 443, 5061 from guests to @proxying"), JSON.stringify(symbol.children));
      }
      assert.equal(result.symbols.find((s) => s.name === "edge-lon-1")?.detail, "proxying");
    });

    await t.test("definition: from a use in a rule to the node's declaration", () => {
      assert.equal(result.definition.from.line, acmePosition("  allow tcp+udp any from", "edge-lon-1").line);
      const target = result.definition.target;
      assert.ok(target, "a definition location");
      assert.equal(target.uri, result.uri);
      const declaration = acmePosition("proxying    edge-lon-1", "edge-lon-1");
      assert.deepEqual(target.range.start, declaration);
      assert.deepEqual(target.range.end, { line: declaration.line, character: declaration.character + "edge-lon-1".length });
    });

    await t.test("quick fix for the NTP flow: applied by Neovim, one missing flow fewer", () => {
      assert.equal(result.actions[0]?.title, 'Allow "allow udp 123 from edge-lon-1 to ntp1" in edge-fw');
      assert.equal(result.actions[0]?.kind, "quickfix");
      const firewallLine = result.lines_after_fix.indexOf("firewall edge-fw {");
      assert.ok(result.lines_after_fix.slice(firewallLine).includes("  allow udp 123 from edge-lon-1 to ntp1"), result.lines_after_fix.join("\n"));
      assert.equal(result.missing_before, result.diagnostics.filter((d) => d.code === "missing-flow").length);
      assert.ok(result.missing_after < result.missing_before, `missing flows ${result.missing_before} -> ${result.missing_after}`);
      assert.equal(result.missing_after, result.missing_before - 1);
    });

    await t.test("completion after `allow ` offers protocols and services", () => {
      const labels = result.completion.labels;
      for (const label of ["tcp", "udp", "tcp+udp", "esp", "icmp", "any", "ipsec", "https", "sip-tls"]) {
        assert.ok(labels.includes(label), `${label} in ${labels.join(", ")}`);
      }
      assert.ok(!labels.includes("allow"), "not the firewall item keywords: the server saw the typed `allow `");
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
