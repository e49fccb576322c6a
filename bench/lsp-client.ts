// A small LSP client for the latency benchmark: starts the real server over stdio (as
// server-process.ts does for the tests) and notes the time each publishDiagnostics arrives.
import type { ChildProcess } from "child_process";
import { performance } from "perf_hooks";
import type { MessageConnection } from "vscode-jsonrpc/node";
import { spawnServer, stopServer } from "../test/server/server-process";

export interface Position {
  line: number;
  character: number;
}

export interface Published {
  uri: string;
  version?: number;
  diagnostics: { code?: string | number; message: string }[];
  /** performance.now() when the notification arrived. */
  at: number;
}

export class BenchClient {
  private readonly published: Published[] = [];
  private waiters: (() => void)[] = [];

  private constructor(readonly child: ChildProcess, readonly connection: MessageConnection) {
    connection.onNotification("textDocument/publishDiagnostics", (params: Omit<Published, "at">) => {
      this.published.push({ ...params, at: performance.now() });
      for (const wake of this.waiters.splice(0)) wake();
    });
    connection.listen();
  }

  /** Spawns the server (on `node`) with `env` added to this process's environment and initializes it. */
  static async start(env: Record<string, string>, node = process.execPath): Promise<BenchClient> {
    const { child, connection } = spawnServer(env, node);
    const client = new BenchClient(child, connection);
    await connection.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
    await connection.sendNotification("initialized", {});
    return client;
  }

  open(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "pexnet", version, text } });
  }

  /** One incremental change: `text` replaces the range start..end. */
  change(uri: string, version: number, start: Position, end: Position, text: string): Promise<void> {
    return this.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: [{ range: { start, end }, text }],
    });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest<T>(method, params);
  }

  /** The first publish for `uri` at `version` (any version when undefined), and when it came. */
  async waitForPublish(uri: string, version: number | undefined, timeoutMs = 30_000): Promise<Published> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const index = this.published.findIndex((p) => p.uri === uri && (version === undefined || p.version === version));
      if (index >= 0) {
        const found = this.published[index];
        // Older publishes are of no further use: keep the list short.
        this.published.splice(0, index + 1);
        return found;
      }
      if (performance.now() > deadline) throw new Error(`no diagnostics published for ${uri} version ${version}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  stop(): Promise<void> {
    return stopServer(this);
  }
}
