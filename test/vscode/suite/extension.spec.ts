/// <reference types="mocha" />
// The extension inside a real VS Code (desktop through @vscode/test-electron, or code-server):
// activation, the language server's diagnostics, hovers, the missing-flow quick fix, document
// symbols and the extension's commands, all through VS Code's own API and command layer.
// Runs in the extension host only (it imports `vscode`); loaded by ./index.ts.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vscode from "vscode";

const EXTENSION_ID = "pexnet.pexnet";
const EXPORT_COMMAND = "pexnet.exportFirewallRules";
const FLOWS_COMMAND = "pexnet.showRequiredFlows";
const DIAGNOSTICS_TIMEOUT_MS = 30_000;
/** The checkout this suite was built in (out/test/vscode/suite): the examples come from it,
 * not from the extension, which may be the packaged one (no examples in a .vsix). */
const REPO = path.resolve(__dirname, "..", "..", "..", "..");

/** The result the export command resolves to (its contract). */
interface ExportResult {
  written: string | undefined;
  reason?: string;
  text: string;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a value other than undefined, or throws after `timeoutMs`. */
async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = DIAGNOSTICS_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** A diagnostic's code: LSP diagnostics with a documentation link arrive as { value, target }. */
function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (code === undefined) return "";
  return typeof code === "object" ? String(code.value) : String(code);
}

function missingFlows(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === "pexnet" && codeOf(d) === "missing-flow");
}

function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === "string" ? content : content.value))
    .join("\n");
}

function flattenSymbols(symbols: (vscode.DocumentSymbol | vscode.SymbolInformation)[]): string[] {
  return symbols.flatMap((symbol) => [symbol.name, ...("children" in symbol ? flattenSymbols(symbol.children) : [])]);
}

describe("pexnet in a real VS Code", () => {
  let extension: vscode.Extension<unknown>;
  let workspaceDir: string;
  let tempDir: string;
  let document: vscode.TextDocument;
  /** How many missing-flow errors the CLI reports for acme (examples/golden/acme.txt). */
  let expectedMissing: number;

  before(async () => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `extension ${EXTENSION_ID} is not loaded (extensionDevelopmentPath wrong?)`);
    extension = found;
    // The runner checks that the extension it meant (the checkout or the installed .vsix) ran.
    console.log(`extension under test: ${extension.extensionPath}`);

    const golden = fs.readFileSync(path.join(REPO, "examples", "golden", "acme.txt"), "utf8");
    expectedMissing = golden.split("\n").filter((line) => line.includes("error [missing-flow]")).length;
    assert.ok(expectedMissing > 0, "examples/golden/acme.txt lists no missing-flow errors");

    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "pexnet-vscode-"));
    // The runners open a fresh folder; without one, work in a temp folder.
    const folder = vscode.workspace.workspaceFolders?.[0];
    workspaceDir = folder && folder.uri.fsPath && fs.existsSync(folder.uri.fsPath) ? folder.uri.fsPath : tempDir;
  });

  after(() => {
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  });

  it("activates", async () => {
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes("pexnet.restartServer"), "pexnet.restartServer is not registered");
  });

  it("reports acme's missing flows as diagnostics", async () => {
    const file = path.join(workspaceDir, "acme.pexnet");
    fs.copyFileSync(path.join(REPO, "examples", "acme.pexnet"), file);
    const folder = vscode.workspace.workspaceFolders?.[0];
    const uri = folder && workspaceDir === folder.uri.fsPath ? vscode.Uri.joinPath(folder.uri, "acme.pexnet") : vscode.Uri.file(file);
    document = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(document.languageId, "pexnet");
    await vscode.window.showTextDocument(document);

    const found = await waitFor(`${expectedMissing} missing-flow diagnostics`, () => {
      const list = missingFlows(document.uri);
      return list.length >= expectedMissing ? list : undefined;
    }).catch((error: Error) => {
      const seen = vscode.languages.getDiagnostics(document.uri).map((d) => `${codeOf(d)}: ${d.message}`);
      throw new Error(`${error.message}; diagnostics now: ${JSON.stringify(seen)}`);
    });
    assert.strictEqual(found.length, expectedMissing);
    for (const diagnostic of found) {
      assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.match(diagnostic.message, /^edge-fw does not allow /);
    }
    assert.ok(found.some((d) => /SSH administration \(tcp 22\) from noc to edge-lon-1/.test(d.message)), "no SSH missing-flow diagnostic");
  });

  it("hovers on a port, a node, a firewall and a service", async () => {
    const at = (needle: string, delta = 1): vscode.Position => {
      const offset = document.getText().indexOf(needle);
      assert.ok(offset >= 0, `${needle} is not in the document`);
      return document.positionAt(offset + delta);
    };
    const hover = async (position: vscode.Position): Promise<string> =>
      hoverText(await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", document.uri, position));

    const port = await hover(at("5061"));
    assert.match(port, /port 5061/);
    assert.match(port, /SIP over TLS/);

    const node = await hover(at("edge-lon-1  {"));
    assert.match(node, /\*\*edge-lon-1\*\*: proxying node/);
    assert.match(node, /198\.51\.100\.11/);
    assert.match(node, /\d+ required flows? missing/);

    const firewall = await hover(at("edge-fw {"));
    assert.match(firewall, /\*\*edge-fw\*\*: network firewall/);

    const service = await hover(at("ipsec between"));
    assert.match(service, /\*\*ipsec\*\* \(service\)/);
  });

  it("lists document symbols, with the firewall's rules as children", async () => {
    const symbols = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>(
      "vscode.executeDocumentSymbolProvider",
      document.uri,
    );
    assert.ok(symbols && symbols.length > 0, "no document symbols");
    const names = flattenSymbols(symbols);
    for (const name of ["acme", "corp", "edge-lon-1", "dns1", "guests", "edge-fw", "allow ipsec between @pexip"]) {
      assert.ok(names.includes(name), `no symbol ${name} in ${JSON.stringify(names)}`);
    }
    const firewall = symbols.find((symbol) => symbol.name === "edge-fw") as vscode.DocumentSymbol | undefined;
    assert.ok(firewall && "children" in firewall && firewall.children.length >= 5, "edge-fw has no rule children");
  });

  it("fixes a missing flow with the preferred quick fix", async () => {
    const before = missingFlows(document.uri);
    assert.strictEqual(before.length, expectedMissing);
    const target = before.find((d) => /NTP time synchronization/.test(d.message));
    assert.ok(target, "no missing-flow diagnostic for NTP");

    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      "vscode.executeCodeActionProvider",
      document.uri,
      target.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const codeActions = (actions ?? []).filter((action): action is vscode.CodeAction => !("command" in action && typeof action.command === "string"));
    const preferred = codeActions.filter((action) => action.isPreferred && action.edit);
    assert.ok(preferred.length > 0, `no preferred quick fix among ${JSON.stringify(codeActions.map((a) => a.title))}`);
    // Every missing flow of acme sits on the same range, so VS Code asks for the fixes of all of
    // them (and its API command drops CodeAction.diagnostics): pick the NTP fix by its title.
    const fix = preferred.find((action) => /ntp1/.test(action.title));
    assert.ok(fix, `no preferred quick fix for the NTP flow among ${JSON.stringify(preferred.map((a) => a.title))}`);
    assert.match(fix.title, /^Allow .* in edge-fw/);
    const inserted = fix.edit!.entries().flatMap(([, edits]) => edits.map((edit) => edit.newText));
    assert.ok(inserted.length > 0, "the quick fix edits nothing");

    const applied = await vscode.workspace.applyEdit(fix.edit!);
    assert.strictEqual(applied, true, "workspace.applyEdit refused the quick fix");
    for (const text of inserted) assert.ok(document.getText().includes(text), `the document lacks the inserted ${JSON.stringify(text)}`);
    assert.match(document.getText(), /allow udp 123 from edge-lon-1 to ntp1/);

    const after = await waitFor("fewer missing-flow diagnostics", () => {
      const list = missingFlows(document.uri);
      return list.length < before.length ? list : undefined;
    });
    assert.strictEqual(after.length, before.length - 1);
    assert.ok(!after.some((d) => d.message === target.message), "the fixed flow is still reported");
    await document.save();
  });

  describe("commands", () => {
    it(`${EXPORT_COMMAND} exports edge-fw as nftables and does not overwrite without asking`, async () => {
      const commands = await vscode.commands.getCommands(true);
      assert.ok(commands.includes(EXPORT_COMMAND), `${EXPORT_COMMAND} is not registered`);

      const target = path.join(tempDir, "edge-fw.nft");
      const args = { uri: document.uri.toString(), firewall: "edge-fw", platform: "nftables", scope: "complete", target };
      const first = await vscode.commands.executeCommand<ExportResult>(EXPORT_COMMAND, args);
      assert.ok(first, "the export command resolved to nothing");
      assert.strictEqual(first.written, target);
      assert.ok(fs.existsSync(target), `${target} was not written`);
      const written = fs.readFileSync(target, "utf8");
      assert.match(written, /table inet/);
      assert.strictEqual(written, first.text);

      // Mark the file so that a rewrite with the same rules would show too.
      const marked = `# kept by the test\n${written}`;
      fs.writeFileSync(target, marked);
      const second = await vscode.commands.executeCommand<ExportResult>(EXPORT_COMMAND, args);
      assert.ok(second, "the second export resolved to nothing");
      assert.strictEqual(second.written, undefined);
      assert.strictEqual(typeof second.reason, "string");
      assert.match(second.text, /table inet/);
      assert.strictEqual(fs.readFileSync(target, "utf8"), marked, "the export overwrote an existing file without overwrite: true");

      const third = await vscode.commands.executeCommand<ExportResult>(EXPORT_COMMAND, { ...args, overwrite: true });
      assert.strictEqual(third?.written, target);
      assert.strictEqual(fs.readFileSync(target, "utf8"), third.text);
    });

    it(`${FLOWS_COMMAND} opens the required flows as markdown`, async () => {
      const commands = await vscode.commands.getCommands(true);
      assert.ok(commands.includes(FLOWS_COMMAND), `${FLOWS_COMMAND} is not registered`);

      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand(FLOWS_COMMAND);
      // The active editor, or (should the command keep the focus on the .pexnet file) a
      // markdown editor it opened beside it.
      const editor = await waitFor("the required-flows document", () => {
        const active = vscode.window.activeTextEditor;
        if (active && active.document.uri.toString() !== document.uri.toString()) return active;
        return vscode.window.visibleTextEditors.find((e) => e.document.languageId === "markdown" && e.document.isUntitled);
      }, 10_000);
      assert.strictEqual(editor.document.languageId, "markdown");
      assert.strictEqual(editor.document.isUntitled, true);
      assert.match(editor.document.getText(), /5061|SIP/);
      await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
    });
  });
});
