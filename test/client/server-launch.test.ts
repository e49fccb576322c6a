// Launches the language server the way the client does (the module findServerModule picks,
// node IPC transport, the code cache in the extension's storage) and checks the contract the
// status bar relies on: diagnostics are published for an opened file with source "pexnet".
// Started twice: the first start writes the code cache after its first check, the second
// uses it (and so leaves it as it is).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fork, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { BROKEN_TEXT, openFile, shutDown, type Message } from "./open-broken-file";
import { scratchDir } from "../scratch-dir";
import { SERVER_ENVIRONMENT } from "../../client/src/server-environment";

const root = join(__dirname, "..", "..", "..");

// findServerModule is copied here rather than imported: the extension module needs "vscode".
const serverModule = [join(root, "dist", "launcher.js"), join(root, "out", "server", "src", "launcher.js")].find((candidate) => existsSync(candidate));

/**
 * The editor's environment names a certificate file that does not exist: a Node that loads
 * it as it starts (Node 20) says so on stderr, which the tests below expect to stay empty.
 */
const MISSING_CA_CERTS = join(root, "no-such-ca-certs.pem");

const cacheFiles = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith(".v8cache")) : []);

/**
 * Starts the server as the client does, opens `text` as `path`, runs `beforeShutdown`, shuts
 * the server down; the first diagnostics published and what the server wrote to stderr.
 */
async function openOnce(storage: string, path: string, text: string, beforeShutdown = async () => {}): Promise<{ diagnostics: any[]; stderr: string }> {
  const server = fork(serverModule!, ["--node-ipc", `--code-cache-dir=${storage}`], {
    stdio: ["ignore", "ignore", "pipe", "ipc"],
    env: { ...process.env, NODE_EXTRA_CA_CERTS: MISSING_CA_CERTS, ...SERVER_ENVIRONMENT },
  });
  let stderr = "";
  server.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const received: Message[] = [];
  const waiters: (() => void)[] = [];
  server.on("message", (message: Message) => {
    received.push(message);
    for (const wake of waiters.splice(0)) wake();
  });
  const waitFor = async (matches: (message: Message) => boolean): Promise<Message> => {
    for (;;) {
      const found = received.find(matches);
      if (found) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  const send = (message: Message): void => {
    server.send({ jsonrpc: "2.0", ...message });
  };

  try {
    const { diagnostics } = await openFile(send, waitFor, path, text);
    await beforeShutdown();
    const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
    await shutDown(send, waitFor);
    await exited;
    // One server per process: the bundle once started a second one, which answered and analysed everything twice.
    assert.equal(received.filter((message) => message.id === 1).length, 1, "one answer to initialize");
    assert.equal(received.filter((message) => message.id === 2).length, 1, "one answer to shutdown");
    return { diagnostics, stderr };
  } finally {
    server.kill();
  }
}

test("the server started over IPC publishes pexnet diagnostics for an opened file, and keeps a code cache", { skip: !serverModule && "no server built", timeout: 30000 }, async () => {
  const storage = join(scratchDir("pexnet-storage-"), "global");

  const broken = await openOnce(storage, join(root, "broken.pexnet"), BROKEN_TEXT, async () => {
    // The cache is written after the first complete check, which follows the syntax publish.
    for (let waited = 0; cacheFiles(storage).length === 0 && waited < 10_000; waited += 50) await sleep(50);
  });
  assert.ok(broken.diagnostics.length > 0, "the broken file has diagnostics");
  for (const diagnostic of broken.diagnostics) assert.equal(diagnostic.source, "pexnet");
  assert.ok(broken.diagnostics.some((diagnostic) => diagnostic.severity === 1), "at least one error for the status bar count");
  assert.equal(broken.stderr, "", "nothing to report");
  const caches = cacheFiles(storage);
  assert.equal(caches.length, 1, `one code cache written after the first check (found ${caches.join(", ") || "none"})`);
  const written = statSync(join(storage, caches[0])).mtimeMs;

  // A file without syntax errors has one publish, after its complete check: the server has
  // decided about its cache before it reads the shutdown.
  const acmePath = join(root, "examples", "acme.pexnet");
  const acme = await openOnce(storage, acmePath, readFileSync(acmePath, "utf8"));
  assert.ok(acme.diagnostics.some((diagnostic) => diagnostic.code === "missing-flow"), "the example's missing flows");
  assert.equal(acme.stderr, "");
  assert.deepEqual(cacheFiles(storage), caches);
  assert.equal(statSync(join(storage, caches[0])).mtimeMs, written, "the second start used the cache (a refused one is written anew)");
});

test("the server's environment clears NODE_EXTRA_CA_CERTS, which Node 20 loads as it starts", (t) => {
  const stderrOf = (env: NodeJS.ProcessEnv): string => spawnSync(process.execPath, ["-e", "0"], { env: { ...process.env, ...env }, encoding: "utf8" }).stderr;
  assert.equal(stderrOf({ NODE_EXTRA_CA_CERTS: MISSING_CA_CERTS, ...SERVER_ENVIRONMENT }), "");
  const loaded = stderrOf({ NODE_EXTRA_CA_CERTS: MISSING_CA_CERTS });
  if (!loaded.includes(MISSING_CA_CERTS)) {
    t.skip(`Node ${process.version} does not load NODE_EXTRA_CA_CERTS as it starts`);
    return;
  }
  assert.match(loaded, /extra certs/i);
});
