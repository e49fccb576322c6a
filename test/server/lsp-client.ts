// A small LSP client for tests: starts the real server over stdio and records the
// diagnostics it publishes.
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { MessageConnection } from "vscode-jsonrpc/node";

import { LineIndex, type Position } from "../../server/src/core/text-position";
import { scratchDir } from "../scratch-dir";
import { spawnServer, stopServer } from "./server-process";

export const root = join(__dirname, "..", "..", "..");

/**
 * The code cache of the servers this test process starts: its own folder, never the user's.
 * The first server writes it, the later ones start from it, as in an editor.
 */
const codeCacheDir = join(scratchDir("pexnet-test-code-cache-"), "cache");

/** The spec's example, the document most server tests open. */
export const acmePath = join(root, "examples", "acme.pexnet");
export const acmeText = readFileSync(acmePath, "utf8");
export const acmeUri = pathToFileURL(acmePath).href;

/** Position of the `occurrence`-th `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, occurrence = 1, delta = 1): Position {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    assert.ok(index >= 0, `${needle} #${occurrence} not found`);
  }
  return new LineIndex(text).positionAt(index + delta);
}

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: { code?: string | number; range: unknown; message: string; data?: unknown }[];
}

/** One item of a workspace/configuration request. */
export interface ConfigurationItem {
  scopeUri?: string;
  section?: string;
}

export interface StartOptions {
  /**
   * Answers the server's workspace/configuration requests; when given, the client says it
   * supports `workspace.configuration`. Replace it later with `client.settings = ...`.
   */
  settings?: (item: ConfigurationItem) => unknown;
  /** Sent as `initializationOptions` (e.g. `{ clientCommands: [...] }`, as the VS Code client does). */
  initializationOptions?: unknown;
}

export class TestClient {
  /** The hook of StartOptions.settings. */
  settings?: (item: ConfigurationItem) => unknown;
  readonly published: PublishedDiagnostics[] = [];
  /** What the server answered to `initialize` (its capabilities). */
  initializeResult: { capabilities: Record<string, unknown> } = { capabilities: {} };
  private waiters: (() => void)[] = [];

  private constructor(readonly child: ChildProcess, readonly connection: MessageConnection) {
    connection.onNotification("textDocument/publishDiagnostics", (params: PublishedDiagnostics) => {
      this.published.push(params);
      for (const wake of this.waiters.splice(0)) wake();
    });
    connection.listen();
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    const { child, connection } = spawnServer({ PEXNET_CODE_CACHE_DIR: codeCacheDir });
    const client = new TestClient(child, connection);
    client.settings = options.settings;
    connection.onRequest("workspace/configuration", (params: { items: ConfigurationItem[] }) =>
      params.items.map((item) => client.settings?.(item) ?? null),
    );
    const capabilities = options.settings ? { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } } } : {};
    client.initializeResult = await connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: null,
      capabilities,
      ...(options.initializationOptions !== undefined ? { initializationOptions: options.initializationOptions } : {}),
    });
    await connection.sendNotification("initialized", {});
    return client;
  }

  /** Resolves with the first published diagnostics for `uri` that satisfy `accept`. */
  async waitForDiagnostics(uri: string, accept: (p: PublishedDiagnostics) => boolean = () => true, timeoutMs = 5000): Promise<PublishedDiagnostics> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.published.find((p) => p.uri === uri && accept(p));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching diagnostics for ${uri}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  stop(): Promise<void> {
    return stopServer(this);
  }
}
