// Runs the extension-host suite (test/vscode/suite) inside a real VS Code: code-server (VS Code's
// own server and web workbench) driven by a headless Debian chromium through playwright-core.
// The workbench runs the suite when started with the smoke-test driver and a test payload, and
// reports the suite's console output and exit code through two functions exposed on the page.
// The suite runs twice: against this checkout, and against the packaged .vsix as installed.
// See shared/notes/real-vscode-tests.md. Desktop VS Code runs the same suite through
// test/vscode/run-electron.ts (`npm run test:vscode`).
//
// Needs code-server and Node 24 in .cache/ (`node scripts/setup-code-server.js`) and chromium
// (`apt-get install chromium`). Without them the test is skipped, or fails when
// PEXNET_REQUIRE_TOOLS=1 (CI).
import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { format } from "node:util";
import type { BrowserContext } from "playwright-core";
import { EDITOR_NODE_BIN as NODE24_BIN } from "../editor-node";
import { missingTool } from "../missing-tool";

const ROOT = resolve(__dirname, "..", "..", "..");
const CODE_SERVER_DIR = join(ROOT, ".cache", "code-server", "node_modules", "code-server");
const CODE_SERVER_ENTRY = join(CODE_SERVER_DIR, "out", "node", "entry.js");
const CHROMIUM = process.env.PEXNET_CHROMIUM ?? "/usr/bin/chromium";
const SUITE_INDEX = join(ROOT, "out", "test", "vscode", "suite", "index");
const EXTENSION_MAIN = join(ROOT, "dist", "extension.js");
const VSCE = join(ROOT, "node_modules", "@vscode", "vsce", "vsce");

const STARTUP_TIMEOUT_MS = 60_000;
const SUITE_TIMEOUT_MS = 180_000;

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** What is missing to run the suite, each with how to get it. */
function missingTools(): string[] {
  const missing: string[] = [];
  if (!existsSync(join(NODE24_BIN, "node"))) missing.push(`Node 24 (${NODE24_BIN}/node): run \`node scripts/setup-code-server.js\``);
  if (!existsSync(CODE_SERVER_ENTRY)) missing.push(`code-server (${CODE_SERVER_DIR}): run \`node scripts/setup-code-server.js\``);
  if (!existsSync(CHROMIUM)) missing.push(`chromium (${CHROMIUM}): run \`apt-get install chromium\``);
  return missing;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}

/** Polls code-server's /healthz until it answers, the process dies, or the time is up. */
async function waitUntilServing(port: number, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`code-server exited (${server.exitCode ?? server.signalCode}) before serving:\n${output()}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`code-server did not serve on port ${port} within ${STARTUP_TIMEOUT_MS} ms:\n${output()}`);
}

/** Ends code-server and everything it started (it runs as the leader of its own process group). */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolveExit) => child.once("exit", () => resolveExit()));
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  signalGroup("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const killed = new Promise<void>((resolveKill) => {
    timer = setTimeout(() => {
      signalGroup("SIGKILL");
      resolveKill();
    }, 5_000);
  });
  await Promise.race([exited, killed]);
  clearTimeout(timer);
  signalGroup("SIGKILL"); // children that outlived the leader
}

function remoteUri(port: number, path: string): string {
  return `vscode-remote://127.0.0.1:${port}${path}`;
}

/** Formats one codeAutomationLog call: (type, args), args as given to console.log (format string first). */
function formatLog(type: unknown, args: unknown): string {
  const parts = Array.isArray(args) ? args : [args];
  const text = format(...parts);
  return type === "log" || type === "info" || type === undefined ? text : `[${String(type)}] ${text}`;
}

// The page's log carries the whole workbench's console, too. index.ts brackets the suite's
// output with these lines; the offline workbench's own chatter in between is dropped (all of it
// is printed with PEXNET_DEBUG_CODE_SERVER=1 or when the suite never ran).
const SUITE_START = "pexnet extension-host suite: start";
const SUITE_END = "pexnet extension-host suite: end";
const WORKBENCH_NOISE = [
  /^(\[\w+\] )?\[(AgentHost[^\]]*|ChatModelSelection|AccountPolicyGate|Service Worker|reconnection-grace-time)\]/,
  /open-vsx\.org/,
  /authentication provider '\w+'/,
  /^(\[\w+\] )?(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin extensions)/,
];

function suiteLines(log: readonly string[]): string[] | undefined {
  const start = log.findIndex((line) => line.startsWith(SUITE_START));
  if (start < 0) return undefined;
  const end = log.findIndex((line, index) => index > start && line.startsWith(SUITE_END));
  const lines = log.slice(start, end < 0 ? undefined : end + 1);
  return lines.filter((line) => !WORKBENCH_NOISE.some((noise) => noise.test(line)));
}

const TEST_TIMEOUT_MS = STARTUP_TIMEOUT_MS + SUITE_TIMEOUT_MS + 90_000;

test("the extension-host suite passes in a real VS Code (code-server + chromium)", { timeout: TEST_TIMEOUT_MS }, async (t) => {
  await runSuite(t, async () => ROOT);
});

// As a new user gets it: `npm run package`'s .vsix (bundles only, no node_modules), installed
// by code-server's own --install-extension; the suite then runs against the installed folder.
test("the same suite passes against the packaged .vsix, installed with code-server --install-extension", { timeout: TEST_TIMEOUT_MS }, async (t) => {
  await runSuite(t, async (scratch, extensionsDir) => {
    const vsix = join(scratch, "pexnet.vsix");
    await run(process.execPath, [VSCE, "package", "--no-dependencies", "--allow-missing-repository", "--no-rewrite-relative-links", "-o", vsix], ROOT);
    const installed = await run(join(NODE24_BIN, "node"), [CODE_SERVER_ENTRY, "--extensions-dir", extensionsDir, "--install-extension", vsix], scratch);
    assert.match(installed, /successfully installed/i, `code-server did not install the .vsix:\n${installed}`);
    const version = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version as string;
    const folder = join(extensionsDir, `pexnet.pexnet-${version}`);
    for (const bundle of ["server.js", "launcher.js"]) {
      assert.ok(existsSync(join(folder, "dist", bundle)), `${folder} holds no dist/${bundle} (installed: ${readdirSync(extensionsDir).join(", ")})`);
    }
    assert.ok(!existsSync(join(folder, "node_modules")), "the installed extension carries node_modules");
    return folder;
  });
});

/** Runs a command to its end; its stdout and stderr, or a failure that shows them. */
function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolveRun, reject) => {
    execFile(command, args, { cwd, env: { ...process.env, PATH: `${NODE24_BIN}${delimiter}${process.env.PATH ?? ""}`, NODE_OPTIONS: "" } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(" ")} failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolveRun(`${stdout}\n${stderr}`);
    });
  });
}

/**
 * Starts code-server, opens the workbench in chromium with the suite as the test payload and
 * the extension that `extensionUnderTest` names (given the scratch folder and code-server's
 * extensions folder) as the development extension, and asserts the suite's exit code.
 */
async function runSuite(t: TestContext, extensionUnderTest: (scratch: string, extensionsDir: string) => Promise<string>): Promise<void> {
  const missing = missingTools();
  if (missing.length > 0) {
    missingTool(
      t,
      `cannot run the real-VS Code suite; missing:\n  - ${missing.join("\n  - ")}`,
      `real-VS Code suite: missing ${missing.length} tool${missing.length === 1 ? "" : "s"} (node scripts/setup-code-server.js; apt-get install chromium)`,
    );
    return;
  }
  assert.ok(existsSync(EXTENSION_MAIN), `${EXTENSION_MAIN} is missing: run \`npm run build\``);
  assert.ok(existsSync(`${SUITE_INDEX}.js`), `${SUITE_INDEX}.js is missing: run \`npm run build\``);

  const started = Date.now();
  const scratch = mkdtempSync(join(tmpdir(), "pexnet-code-server-"));
  const workspace = join(scratch, "workspace");
  const dirs = {
    userData: join(scratch, "user-data"),
    extensions: join(scratch, "extensions"),
    xdgConfig: join(scratch, "xdg-config"),
    browserProfile: join(scratch, "chromium"),
  };
  for (const dir of [workspace, ...Object.values(dirs)]) mkdirSync(dir, { recursive: true });

  let server: ChildProcess | undefined;
  let context: BrowserContext | undefined;
  let serverOutput = "";
  const suiteLog: string[] = [];
  try {
    const extensionPath = await extensionUnderTest(scratch, dirs.extensions);
    const port = await freePort();
    server = spawn(
      join(NODE24_BIN, "node"),
      [
        CODE_SERVER_ENTRY,
        "--auth", "none",
        "--bind-addr", `127.0.0.1:${port}`,
        "--disable-telemetry",
        "--disable-update-check",
        "--disable-workspace-trust",
        "--user-data-dir", dirs.userData,
        "--extensions-dir", dirs.extensions,
        "--vscode-option", "enable-smoke-test-driver",
      ],
      {
        cwd: workspace,
        detached: true, // its own process group, so that cleanup reaches the extension host and language server
        stdio: ["ignore", "pipe", "pipe"],
        env: {
          ...process.env,
          PATH: `${NODE24_BIN}${delimiter}${process.env.PATH ?? ""}`,
          XDG_CONFIG_HOME: dirs.xdgConfig,
          NODE_OPTIONS: "",
        },
      },
    );
    const keep = (chunk: Buffer): void => {
      serverOutput += chunk.toString();
      if (serverOutput.length > 200_000) serverOutput = serverOutput.slice(-100_000);
    };
    server.stdout!.on("data", keep);
    server.stderr!.on("data", keep);
    await waitUntilServing(port, server, () => serverOutput);
    const serving = Date.now();

    const { chromium } = await import("playwright-core");
    context = await chromium.launchPersistentContext(dirs.browserProfile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const page = context.pages()[0] ?? (await context.newPage());

    let reportExit: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolveExit) => (reportExit = resolveExit));
    // Both before navigation: the workbench looks them up when the smoke-test driver starts.
    await page.exposeFunction("codeAutomationLog", (type: unknown, args: unknown) => {
      const line = formatLog(type, args);
      suiteLog.push(line);
    });
    await page.exposeFunction("codeAutomationExit", (code: unknown) => reportExit(Number(code)));

    const payload = JSON.stringify([
      ["extensionDevelopmentPath", remoteUri(port, extensionPath)],
      ["extensionTestsPath", remoteUri(port, SUITE_INDEX)],
    ]);
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
    await page.goto(url, { waitUntil: "domcontentloaded", timeout: STARTUP_TIMEOUT_MS });

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolveTimeout) => (timer = setTimeout(() => resolveTimeout("timeout"), SUITE_TIMEOUT_MS)));
    const code = await Promise.race([exitCode, timedOut]);
    clearTimeout(timer);

    const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;
    const suite = suiteLines(suiteLog);
    const showAll = process.env.PEXNET_DEBUG_CODE_SERVER === "1" || suite === undefined;
    console.log(
      `--- extension-host suite log (code-server serving after ${((serving - started) / 1000).toFixed(1)} s, ` +
        `suite done after ${seconds(started)}) ---\n${(showAll ? suiteLog : suite).join("\n")}\n--- end of suite log ---`,
    );
    if (code === "timeout") {
      assert.fail(`the suite did not report an exit code within ${SUITE_TIMEOUT_MS} ms; code-server output:\n${serverOutput.slice(-20_000)}`);
    }
    assert.equal(code, 0, `the extension-host suite failed (exit code ${code}); see the suite log above`);
    assert.ok(suiteLog.includes(`extension under test: ${extensionPath}`), `the suite did not run against ${extensionPath}`);
  } catch (error) {
    if (suiteLog.length > 0 && !(error instanceof assert.AssertionError)) console.log(`--- workbench log so far ---\n${suiteLog.join("\n")}`);
    if (process.env.PEXNET_DEBUG_CODE_SERVER === "1") console.log(`--- code-server output ---\n${serverOutput}`);
    throw error;
  } finally {
    await context?.close().catch(() => undefined);
    if (server) await stopProcessGroup(server);
    rmSync(scratch, { recursive: true, force: true });
  }
}
