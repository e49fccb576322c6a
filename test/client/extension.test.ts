// The extension's glue, run without VS Code: "vscode" and "vscode-languageclient/node" are
// replaced by small fakes that record what the extension asks of them. That covers which
// server module is launched and how, the restart command, the error count in the status
// bar, and stopping on deactivate.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Module = require("node:module");
import { scratchDir } from "../scratch-dir";
import { SERVER_ENVIRONMENT } from "../../client/src/server-environment";

type Listener = (event: { uris: { toString(): string }[] }) => void;

const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 };

class FakeUri {
  constructor(private readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const fakeState = {
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  statusItem: { text: "", tooltip: "", visible: false, name: "", command: "" },
  activeEditor: undefined as { document: { languageId: string; uri: FakeUri } } | undefined,
  diagnostics: [] as { source?: string; severity: number }[],
  editorListeners: [] as (() => void)[],
  diagnosticListeners: [] as Listener[],
  clients: [] as FakeLanguageClient[],
};

class FakeLanguageClient {
  started = 0;
  stopped = 0;
  restarted = 0;
  constructor(
    readonly id: string,
    readonly name: string,
    readonly serverOptions: {
      run: { module: string; transport: number; args?: string[]; options?: { env?: Record<string, string> } };
      debug: { options?: { env?: Record<string, string> } };
    },
    readonly clientOptions: { documentSelector: unknown[] },
  ) {
    fakeState.clients.push(this);
  }
  async start(): Promise<void> {
    this.started++;
  }
  async stop(): Promise<void> {
    this.stopped++;
  }
  async restart(): Promise<void> {
    this.restarted++;
  }
  readonly requests: { method: string; params: unknown }[] = [];
  /** Answers pexnet/exportRules with one nftables file, as the server would. */
  async sendRequest(method: string, params: unknown): Promise<unknown> {
    this.requests.push({ method, params });
    if (method === "pexnet/exportRules") {
      const text = `table inet pexnet_edge-fw { } # ${JSON.stringify(params)}\n`;
      return { ok: true, text, files: [{ name: "edge-fw.nft", text }], suggestedFileName: "edge-fw.nft", languageId: "plaintext" };
    }
    throw new Error(`unexpected request ${method}`);
  }
}

const disposable = { dispose() {} };
const fakeVscode = {
  DiagnosticSeverity,
  StatusBarAlignment: { Left: 1, Right: 2 },
  window: {
    get activeTextEditor() {
      return fakeState.activeEditor;
    },
    createStatusBarItem: () =>
      Object.assign(fakeState.statusItem, {
        show: () => (fakeState.statusItem.visible = true),
        hide: () => (fakeState.statusItem.visible = false),
        dispose() {},
      }),
    onDidChangeActiveTextEditor: (listener: () => void) => (fakeState.editorListeners.push(listener), disposable),
    setStatusBarMessage: () => disposable,
    showErrorMessage: async () => undefined,
  },
  languages: {
    getDiagnostics: () => fakeState.diagnostics,
    onDidChangeDiagnostics: (listener: Listener) => (fakeState.diagnosticListeners.push(listener), disposable),
  },
  commands: {
    registerCommand: (id: string, run: (...args: unknown[]) => unknown) => (fakeState.commands.set(id, run), disposable),
  },
};
const fakeLanguageClientModule = { LanguageClient: FakeLanguageClient, TransportKind: { stdio: 0, ipc: 1, pipe: 2, socket: 3 } };

// Hands the fakes to the extension's require() calls; everything else loads as usual.
const moduleWithLoad = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const originalLoad = moduleWithLoad._load;
moduleWithLoad._load = function (request: string, ...rest: unknown[]) {
  if (request === "vscode") return fakeVscode;
  if (request === "vscode-languageclient/node") return fakeLanguageClientModule;
  return originalLoad.call(this, request, ...rest);
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const extension = require("../../client/src/extension") as typeof import("../../client/src/extension");

function fakeExtensionRoot(withBundle: boolean): string {
  const root = scratchDir("pexnet-extension-");
  if (withBundle) {
    mkdirSync(join(root, "dist"));
    writeFileSync(join(root, "dist", "launcher.js"), "");
  }
  return root;
}

test("the bundled server's launcher is preferred, else the tsc output", () => {
  const bundled = fakeExtensionRoot(true);
  assert.equal(extension.findServerModule(bundled), join(bundled, "dist", "launcher.js"));
  const unbundled = fakeExtensionRoot(false);
  assert.equal(extension.findServerModule(unbundled), join(unbundled, "out", "server", "src", "launcher.js"));
});

test("only pexnet's own errors are counted", () => {
  const count = extension.countPexnetErrors([
    { source: "pexnet", severity: DiagnosticSeverity.Error },
    { source: "pexnet", severity: DiagnosticSeverity.Error },
    { source: "pexnet", severity: DiagnosticSeverity.Warning },
    { source: "other-linter", severity: DiagnosticSeverity.Error },
  ] as never);
  assert.equal(count, 2);
});

test("activate starts the client, restart restarts it, the status bar follows diagnostics, deactivate stops it", async () => {
  const root = fakeExtensionRoot(true);
  const uri = new FakeUri("file:///deploy.pexnet");
  fakeState.activeEditor = { document: { languageId: "pexnet", uri } };
  fakeState.diagnostics = [{ source: "pexnet", severity: DiagnosticSeverity.Error }];
  const storage = join(root, "global-storage");
  const context = { extensionPath: root, globalStorageUri: { fsPath: storage }, subscriptions: [] as unknown[] };

  await extension.activate(context as never);
  const client = fakeState.clients.at(-1);
  assert.ok(client);
  assert.equal(client.started, 1);
  assert.equal(client.serverOptions.run.module, join(root, "dist", "launcher.js"));
  assert.deepEqual(client.serverOptions.run.args, [`--code-cache-dir=${storage}`], "the code cache lives in the extension's storage");
  assert.equal(client.serverOptions.run.transport, fakeLanguageClientModule.TransportKind.ipc);
  // What server-launch.test.ts starts the server with; NODE_EXTRA_CA_CERTS cleared.
  assert.deepEqual(client.serverOptions.run.options?.env, SERVER_ENVIRONMENT);
  assert.deepEqual(client.serverOptions.debug.options?.env, SERVER_ENVIRONMENT);
  assert.equal(SERVER_ENVIRONMENT.NODE_EXTRA_CA_CERTS, "");
  assert.deepEqual(client.clientOptions.documentSelector, [{ language: "pexnet" }]);
  assert.equal(client.id, "pexnet", "the id ties the client to the pexnet.trace.server setting");

  assert.equal(fakeState.statusItem.visible, true);
  assert.match(fakeState.statusItem.text, /1/);

  fakeState.diagnostics = [];
  for (const listener of fakeState.diagnosticListeners) listener({ uris: [uri] });
  assert.doesNotMatch(fakeState.statusItem.text, /\d/);

  fakeState.activeEditor = { document: { languageId: "plaintext", uri: new FakeUri("file:///notes.txt") } };
  for (const listener of fakeState.editorListeners) listener();
  assert.equal(fakeState.statusItem.visible, false, "hidden for files of other languages");

  const restart = fakeState.commands.get("pexnet.restartServer");
  assert.ok(restart, "pexnet.restartServer is registered");
  await restart();
  assert.equal(client.restarted, 1);

  await extension.deactivate();
  assert.equal(client.stopped, 1);
  await extension.deactivate();
  assert.equal(client.stopped, 1, "a second deactivate does nothing");
});

test("pexnet.exportFirewallRules with every part given writes the target, never overwriting without overwrite: true", async () => {
  const root = fakeExtensionRoot(true);
  const state = new Map<string, unknown>();
  const workspaceState = { get: (key: string) => state.get(key), update: async (key: string, value: unknown) => void state.set(key, value) };
  const context = { extensionPath: root, globalStorageUri: { fsPath: join(root, "global-storage") }, subscriptions: [] as unknown[], workspaceState };
  fakeState.activeEditor = undefined;
  await extension.activate(context as never);
  try {
    const client = fakeState.clients.at(-1)!;
    assert.deepEqual((client.clientOptions as { initializationOptions?: unknown }).initializationOptions, {
      clientCommands: ["pexnet.exportFirewallRules", "pexnet.showGeneratedRules", "workbench.actions.view.problems"],
    });
    const run = fakeState.commands.get("pexnet.exportFirewallRules");
    assert.ok(run);
    const target = join(scratchDir("pexnet-export-"), "out", "edge-fw.nft");
    const args = { uri: "file:///deploy.pexnet", firewall: "edge-fw", platform: "nftables", scope: "complete", target };
    const first = (await run(args)) as { written?: string; reason?: string; text: string };
    assert.equal(first.written, target);
    assert.equal(readFileSync(target, "utf8"), first.text);
    assert.match(first.text, /table inet/);
    assert.deepEqual(client.requests.at(-1), {
      method: "pexnet/exportRules",
      params: { uri: "file:///deploy.pexnet", firewall: "edge-fw", platform: "nftables", scope: "complete" },
    });
    assert.deepEqual(state.get("pexnet.lastExport"), { firewall: "edge-fw", platform: "nftables", scope: "complete" });

    writeFileSync(target, "mine");
    const second = (await run(args)) as { written?: string; reason?: string; text: string };
    assert.equal(second.written, undefined);
    assert.match(second.reason ?? "", /exists/);
    assert.match(second.text, /table inet/);
    assert.equal(readFileSync(target, "utf8"), "mine");

    const third = (await run({ ...args, overwrite: true })) as { written?: string; text: string };
    assert.equal(third.written, target);
    assert.equal(readFileSync(target, "utf8"), third.text);

    // No uri and no active .pexnet editor: a reason, no request.
    const count = client.requests.length;
    const none = (await run({ firewall: "edge-fw" })) as { written?: string; reason?: string };
    assert.equal(none.written, undefined);
    assert.match(none.reason ?? "", /\.pexnet/);
    assert.equal(client.requests.length, count);
  } finally {
    await extension.deactivate();
  }
});
