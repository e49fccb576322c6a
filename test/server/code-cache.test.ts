// The launcher's code cache (server/src/code-cache.ts, launcher.ts): a bundle runs the same
// with or without it, the cache is written once and then used, anything V8 refuses is
// replaced, another bundle never meets it, and a cache that cannot be written is reported,
// not thrown. Each load runs in a process of its own: within one process V8 finds the
// compiled script in its own memory and never looks at the cache.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";
import { codeCacheDir } from "../../server/src/launcher";
import { scratchDir } from "../scratch-dir";
import { SERVER_BIN } from "./server-process";

const CODE_CACHE = join(__dirname, "..", "..", "server", "src", "code-cache.js");

/** A small CommonJS "bundle" with functions that only run when called (compiled lazily). */
function writeBundle(dir: string, answer: number): string {
  const file = join(dir, "bundle.js");
  writeFileSync(
    file,
    [
      `"use strict";`,
      `const path = require("path");`,
      `function later() { return ${answer} + path.basename(__filename).length; }`,
      `exports.answer = later;`,
      `exports.where = () => __dirname;`,
      `exports.fail = () => { throw new Error("from the bundle"); };`,
      ``,
    ].join("\n"),
  );
  return file;
}

interface ChildLoad {
  status: string;
  cacheFile?: string;
  answer: number;
  where: string;
  stack: string;
  saved?: string;
}

/** Loads `file` in a fresh Node, calls its functions, saves the cache; what happened. */
function loadInChild(file: string, cacheDir: string | undefined): ChildLoad {
  const script = `
    const { loadBundle } = require(${JSON.stringify(CODE_CACHE)});
    const bundle = loadBundle(${JSON.stringify(file)}, ${cacheDir === undefined ? "undefined" : JSON.stringify(cacheDir)});
    let stack = "";
    try { bundle.exports.fail(); } catch (error) { stack = error.stack; }
    const out = { status: bundle.status, cacheFile: bundle.cacheFile, answer: bundle.exports.answer(), where: bundle.exports.where(), stack };
    out.saved = bundle.save();
    console.log(JSON.stringify(out));`;
  const result = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr, "");
  return JSON.parse(result.stdout) as ChildLoad;
}

const cacheFiles = (dir: string): string[] => readdirSync(dir).filter((name) => name.endsWith(".v8cache"));
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

test("without a cache directory the bundle runs as Node's loader would run it", () => {
  const dir = scratchDir("pexnet-code-cache-");
  const file = writeBundle(dir, 40);
  const load = loadInChild(file, undefined);
  assert.equal(load.status, "off");
  assert.equal(load.answer, 40 + "bundle.js".length);
  assert.equal(load.where, dir);
  assert.equal(load.saved, undefined);
});

test("the cache is written once and then used; stack traces keep the bundle's own lines", () => {
  const dir = scratchDir("pexnet-code-cache-");
  const cacheDir = join(dir, "cache", "nested");
  const file = writeBundle(dir, 1);

  const first = loadInChild(file, cacheDir);
  assert.equal(first.status, "missing");
  assert.equal(first.answer, 1 + "bundle.js".length);
  assert.equal(first.saved, undefined);
  assert.deepEqual(cacheFiles(cacheDir), [first.cacheFile!.slice(cacheDir.length + 1)]);
  const written = statSync(first.cacheFile!).mtimeMs;

  const second = loadInChild(file, cacheDir);
  assert.equal(second.status, "used");
  assert.equal(second.answer, 1 + "bundle.js".length);
  assert.equal(statSync(second.cacheFile!).mtimeMs, written, "a used cache is not written again");
  for (const load of [first, second]) assert.match(load.stack, new RegExp(`${escape(file)}:6:`), "line 6 of the bundle");
});

test("a cache V8 refuses is replaced; a changed bundle of the same length gets a cache of its own", () => {
  const dir = scratchDir("pexnet-code-cache-");
  const cacheDir = join(dir, "cache");
  const file = writeBundle(dir, 2);
  const first = loadInChild(file, cacheDir);
  writeFileSync(first.cacheFile!, Buffer.from("not a code cache"));

  const damaged = loadInChild(file, cacheDir);
  assert.equal(damaged.status, "rejected");
  assert.equal(damaged.answer, 2 + "bundle.js".length);
  assert.equal(loadInChild(file, cacheDir).status, "used", "the refused cache was written anew");

  // V8 checks a cache against the source's length only: the file name must tell them apart.
  writeBundle(dir, 3);
  const changed = loadInChild(file, cacheDir);
  assert.equal(changed.status, "missing");
  assert.notEqual(changed.cacheFile, first.cacheFile);
  assert.equal(changed.answer, 3 + "bundle.js".length);
});

test("a cache that cannot be written is reported, and the bundle works on", () => {
  const dir = scratchDir("pexnet-code-cache-");
  const file = writeBundle(dir, 4);
  const blocker = join(dir, "a-file");
  writeFileSync(blocker, "");
  const load = loadInChild(file, join(blocker, "cache"));
  assert.equal(load.status, "missing");
  assert.match(load.saved ?? "", /cannot write the code cache .*a-file/);
  assert.equal(load.answer, 4 + "bundle.js".length);
});

test("writing a cache keeps the three newest caches of other versions and removes older ones", () => {
  const dir = scratchDir("pexnet-code-cache-");
  const cacheDir = join(dir, "cache");
  mkdirSync(cacheDir);
  const old = ["bundle-a", "bundle-b", "bundle-c", "bundle-d", "bundle-e"].map((name, i) => {
    const path = join(cacheDir, `${name}.v8cache`);
    writeFileSync(path, "old");
    utimesSync(path, 1_000_000 + i, 1_000_000 + i);
    return `${name}.v8cache`;
  });
  writeFileSync(join(cacheDir, "other-tool.v8cache"), "not ours");
  const load = loadInChild(writeBundle(dir, 5), cacheDir);
  const left = cacheFiles(cacheDir).sort();
  assert.deepEqual(left, [load.cacheFile!.slice(cacheDir.length + 1), ...old.slice(2), "other-tool.v8cache"].sort());
  assert.equal(readFileSync(join(cacheDir, "other-tool.v8cache"), "utf8"), "not ours");
});

test("the cache directory: the launcher option, then PEXNET_CODE_CACHE_DIR, then the user's cache; off when asked", () => {
  assert.equal(codeCacheDir(["node", "launcher.js", "--node-ipc", "--code-cache-dir=/x/storage"], { PEXNET_CODE_CACHE_DIR: "/y" }), "/x/storage");
  assert.equal(codeCacheDir(["node", "launcher.js", "--stdio"], { PEXNET_CODE_CACHE_DIR: "/y" }), "/y");
  if (process.platform === "linux") {
    assert.equal(codeCacheDir(["node", "launcher.js"], {}), join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "pexnet"));
  }
  for (const off of ["off", "0", "false", "OFF"]) {
    assert.equal(codeCacheDir(["node", "launcher.js", "--code-cache-dir=/x"], { PEXNET_CODE_CACHE: off }), undefined, off);
  }
});

test("a user without a home folder gets no code cache, and the server starts all the same", { skip: process.getuid?.() !== 0 && "needs root to run as a user id with no passwd entry", timeout: 20000 }, async () => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.HOME;
  delete env.XDG_CACHE_HOME;
  delete env.PEXNET_CODE_CACHE_DIR;
  delete env.PEXNET_CODE_CACHE;
  // 54321: a user id with no passwd entry, as containers started under an arbitrary id have.
  const server = spawn(process.execPath, [SERVER_BIN, "--stdio"], { uid: 54321, gid: 54321, env, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  server.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<never>((_, reject) => server.once("exit", (code) => reject(new Error(`the server exited (${code}): ${stderr}`))));
  const connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  connection.listen();
  try {
    const published = new Promise<{ diagnostics: { code?: string }[] }>((resolve) => connection.onNotification("textDocument/publishDiagnostics", resolve));
    const result = await Promise.race([exited, connection.sendRequest<{ capabilities: object }>("initialize", { processId: process.pid, rootUri: null, capabilities: {} })]);
    assert.ok(result.capabilities);
    await connection.sendNotification("initialized", {});
    await connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: "file:///nohome/a.pexnet", languageId: "pexnet", version: 1, text: "zone corp 10.0.0.0/8\nmanagement mgmt { ip 10.0.0.5 zone corp }\n" },
    });
    await Promise.race([exited, published]);
    await connection.sendRequest("shutdown");
    await connection.sendNotification("exit");
    assert.equal(stderr, "");
  } finally {
    connection.dispose();
    server.kill();
  }
  assert.equal(codeCacheDir(["node", "launcher.js"], {}) !== undefined, true, "this test process itself has a home folder");
});
