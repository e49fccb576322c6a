// The packaged extension: what `vsce` puts in the .vsix (the bundles and the files the
// manifest points at, nothing from node_modules, out/ or the sources) and that the bundled
// language server runs on its own over stdio, as other editors start it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { openBrokenFile, shutDown } from "./open-broken-file";

const root = join(__dirname, "..", "..", "..");
const vsce = join(root, "node_modules", "@vscode", "vsce", "vsce");
const bundledServer = join(root, "dist", "server.js");

test("vsce packages the bundles, the contributed files and the diagnostics docs only", { skip: !existsSync(vsce) && "vsce not installed", timeout: 20000 }, async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [vsce, "ls", "--no-dependencies"], { cwd: root });
  const files = stdout.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);

  for (const expected of [
    "package.json",
    "README.md",
    "LICENSE",
    "dist/extension.js",
    "dist/server.js",
    "dist/launcher.js",
    "syntaxes/pexnet.tmLanguage.json",
    "language-configuration.json",
    "snippets/pexnet.json",
    "images/icon.png",
    "docs/diagnostics.md",
  ]) {
    assert.ok(files.includes(expected), `${expected} is packaged (got ${files.join(", ")})`);
  }
  for (const file of files) {
    assert.doesNotMatch(file, /(^|\/)(node_modules|out|test|src|bench|grammar)\//, `${file} should not be packaged`);
    assert.ok(!file.endsWith(".ts"), `${file}: no TypeScript sources`);
  }
  assert.ok(!files.includes("dist/pexnet-cli.js"), "the CLI bundle is not part of the extension");
});

/** Reads Content-Length framed JSON-RPC messages from a stream. */
function messageReader(stream: NodeJS.ReadableStream): (matches: (message: any) => boolean) => Promise<any> {
  let buffer = Buffer.alloc(0);
  const received: any[] = [];
  const waiters: (() => void)[] = [];
  stream.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) break;
      const length = Number(/Content-Length: *(\d+)/i.exec(buffer.subarray(0, headerEnd).toString("ascii"))?.[1]);
      const start = headerEnd + 4;
      if (buffer.length < start + length) break;
      received.push(JSON.parse(buffer.subarray(start, start + length).toString("utf8")));
      buffer = buffer.subarray(start + length);
    }
    for (const wake of waiters.splice(0)) wake();
  });
  return async (matches) => {
    for (;;) {
      const found = received.find(matches);
      if (found) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
}

test("node dist/server.js --stdio answers initialize and links diagnostics to the packaged docs", { skip: !existsSync(bundledServer) && "not bundled", timeout: 20000 }, async () => {
  const server = spawn(process.execPath, [bundledServer, "--stdio"], { stdio: ["pipe", "pipe", "ignore"] });
  const waitFor = messageReader(server.stdout);
  const send = (message: object): void => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
    server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    server.stdin.write(body);
  };

  try {
    const { capabilities, diagnostics } = await openBrokenFile(send, waitFor, root);
    assert.ok(capabilities.textDocumentSync !== undefined, "the server syncs documents");
    // The bundle shares one __dirname; the docs link must still reach docs/diagnostics.md.
    const links: string[] = diagnostics.map((diagnostic: any) => diagnostic.codeDescription?.href).filter(Boolean);
    assert.ok(links.length > 0, "diagnostics carry a docs link");
    for (const link of links) {
      assert.equal(fileURLToPath(link.split("#")[0]), join(root, "docs", "diagnostics.md"));
    }
    await shutDown(send, waitFor);
  } finally {
    server.kill();
  }
});
