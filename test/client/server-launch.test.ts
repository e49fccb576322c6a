// Launches the language server the way the client does (the module findServerModule picks,
// node IPC transport) and checks the contract the status bar relies on: diagnostics are
// published for an opened file with source "pexnet".
import { test } from "node:test";
import assert from "node:assert/strict";
import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { openBrokenFile, shutDown, type Message } from "./open-broken-file";

const root = join(__dirname, "..", "..", "..");

// findServerModule is copied here rather than imported: the extension module needs "vscode".
const serverModule = [join(root, "dist", "server.js"), join(root, "out", "server", "src", "server.js")].find((candidate) => existsSync(candidate));

test("the server started over IPC publishes pexnet diagnostics for an opened file", { skip: !serverModule && "no server built", timeout: 20000 }, async () => {
  const server = fork(serverModule!, ["--node-ipc"], { stdio: ["ignore", "ignore", "pipe", "ipc"] });
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
    const { diagnostics } = await openBrokenFile(send, waitFor, root);
    assert.ok(diagnostics.length > 0, "the broken file has diagnostics");
    for (const diagnostic of diagnostics) assert.equal(diagnostic.source, "pexnet");
    assert.ok(diagnostics.some((diagnostic) => diagnostic.severity === 1), "at least one error for the status bar count");
    const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
    await shutDown(send, waitFor);
    await exited;
    // One server per process: the bundle once started a second one, which answered and analysed everything twice.
    assert.equal(received.filter((message) => message.id === 1).length, 1, "one answer to initialize");
    assert.equal(received.filter((message) => message.id === 2).length, 1, "one answer to shutdown");
  } finally {
    server.kill();
  }
});
