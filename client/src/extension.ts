// The VS Code side of pexnet: starts the language server, offers a restart command, the
// export commands (export-command.ts) and the status bar item (status-bar.ts). All language
// smarts live in the server; the client only talks LSP (and pexnet/* requests) to it.
import * as fs from "fs";
import * as path from "path";
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { CLIENT_COMMANDS, registerExportCommands, type Requester } from "./export-command";
import { SERVER_ENVIRONMENT } from "./server-environment";
import { createStatusItem } from "./status-bar";

const LANGUAGE_ID = "pexnet";
const DIAGNOSTIC_SOURCE = "pexnet";

let client: LanguageClient | undefined;

/**
 * The server's launcher: the bundled one (dist/launcher.js, which starts dist/server.js
 * through V8's code cache) when the extension is packaged, else the tsc output used while
 * developing. Exported for tests.
 */
export function findServerModule(extensionRoot: string): string {
  const candidates = [path.join(extensionRoot, "dist", "launcher.js"), path.join(extensionRoot, "out", "server", "src", "launcher.js")];
  return candidates.find((candidate) => fs.existsSync(candidate)) ?? candidates[candidates.length - 1];
}

/** Counts errors from pexnet itself, so other linters on the same file do not inflate it. */
export function countPexnetErrors(diagnostics: readonly vscode.Diagnostic[]): number {
  return diagnostics.filter(
    (diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE && diagnostic.severity === vscode.DiagnosticSeverity.Error,
  ).length;
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const serverModule = findServerModule(context.extensionPath);
  // The code cache lives in the extension's own storage: removed with the extension.
  const args = [`--code-cache-dir=${context.globalStorageUri.fsPath}`];
  const env = { ...SERVER_ENVIRONMENT };
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, args, options: { env } },
    debug: { module: serverModule, transport: TransportKind.ipc, args, options: { env, execArgv: ["--nolazy", "--inspect=6009"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    // Sends the pexnet.* settings to the server when they change.
    synchronize: { configurationSection: "pexnet" },
    // The server attaches these commands to code actions and lenses only when told they exist.
    initializationOptions: { clientCommands: CLIENT_COMMANDS },
  };
  // The id "pexnet" makes vscode-languageclient honour the pexnet.trace.server setting.
  return new LanguageClient("pexnet", "Pexnet Language Server", serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = createClient(context);
  const started = client.start();
  const getRequester = async (): Promise<Requester> => {
    await started;
    if (!client) throw new Error("the pexnet language server is not running");
    return client as Requester;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand("pexnet.restartServer", async () => {
      if (!client) return;
      await client.restart();
      vscode.window.setStatusBarMessage("Pexnet: language server restarted", 3000);
    }),
  );
  registerExportCommands(context, getRequester);
  createStatusItem(context);

  await started;
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}
