// The language server as a child process on stdio, as an editor starts it: shared by the
// tests' client (lsp-client.ts) and the benchmark's (bench/lsp-client.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from "vscode-jsonrpc/node";

/** bin/pexnet-language-server.js (from out/test/server). */
export const SERVER_BIN = join(__dirname, "..", "..", "..", "bin", "pexnet-language-server.js");

export interface ServerProcess {
  child: ChildProcess;
  connection: MessageConnection;
}

/** Starts the server on `node` with `env` added to this process's environment; not yet listening. */
export function spawnServer(env: Record<string, string>, node = process.execPath): ServerProcess {
  const child = spawn(node, [SERVER_BIN, "--stdio"], {
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, ...env },
  });
  return { child, connection: createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)) };
}

/** shutdown, exit, and the process's end, as a well-behaved editor does. */
export async function stopServer({ child, connection }: ServerProcess): Promise<void> {
  await connection.sendRequest("shutdown");
  await connection.sendNotification("exit");
  await new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  connection.dispose();
}
