// The VS Code side of pexnet: starts the language server, offers a restart command and
// shows the active file's error count in the status bar. All language smarts live in the
// server; the client only talks LSP to it.
import * as fs from "fs";
import * as path from "path";
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

const LANGUAGE_ID = "pexnet";
const DIAGNOSTIC_SOURCE = "pexnet";

let client: LanguageClient | undefined;

/**
 * The bundled server (dist/server.js) when the extension is packaged, else the tsc output
 * used while developing. Exported for tests.
 */
export function findServerModule(extensionRoot: string): string {
  const candidates = [path.join(extensionRoot, "dist", "server.js"), path.join(extensionRoot, "out", "server", "src", "server.js")];
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
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6009"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    // Sends the pexnet.* settings to the server when they change.
    synchronize: { configurationSection: "pexnet" },
  };
  // The id "pexnet" makes vscode-languageclient honour the pexnet.trace.server setting.
  return new LanguageClient("pexnet", "Pexnet Language Server", serverOptions, clientOptions);
}

function createErrorStatusItem(context: vscode.ExtensionContext): void {
  const item = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 100);
  item.name = "Pexnet Errors";
  item.command = "workbench.actions.view.problems";
  context.subscriptions.push(item);

  const refresh = (): void => {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== LANGUAGE_ID) {
      item.hide();
      return;
    }
    const errors = countPexnetErrors(vscode.languages.getDiagnostics(document.uri));
    item.text = errors === 0 ? "$(check) pexnet" : `$(error) pexnet: ${errors}`;
    item.tooltip = errors === 1 ? "1 pexnet error in this file" : `${errors} pexnet errors in this file`;
    item.show();
  };

  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(refresh),
    vscode.languages.onDidChangeDiagnostics((event) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && event.uris.some((uri) => uri.toString() === active)) refresh();
    }),
  );
  refresh();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = createClient(context);

  context.subscriptions.push(
    vscode.commands.registerCommand("pexnet.restartServer", async () => {
      if (!client) return;
      await client.restart();
      vscode.window.setStatusBarMessage("Pexnet: language server restarted", 3000);
    }),
  );
  createErrorStatusItem(context);

  await client.start();
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}
