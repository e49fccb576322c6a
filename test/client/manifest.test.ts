// The extension manifest (package.json "contributes") and the files it points at: they are
// only read by VS Code, so a wrong path or a typo would otherwise go unnoticed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..", "..", "..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const contributes = manifest.contributes;

/** VS Code reads these files as JSON with comments. */
function readJsonWithComments(relativePath: string): any {
  const text = readFileSync(join(root, relativePath), "utf8");
  return JSON.parse(text.replace(/^\s*\/\/.*$/gm, ""));
}

test("the extension entry point is the bundled client and activates on pexnet files", () => {
  assert.equal(manifest.main, "./dist/extension.js");
  assert.ok(existsSync(join(root, manifest.main)), "bundled by scripts/bundle.js");
  assert.deepEqual(manifest.activationEvents, ["onLanguage:pexnet"]);
  assert.equal(manifest.engines.vscode, "^1.138.0");
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
});

test("the language, grammar and snippets point at files that exist and parse", () => {
  const [language] = contributes.languages;
  assert.equal(language.id, "pexnet");
  assert.deepEqual(language.extensions, [".pexnet"]);
  readJsonWithComments(language.configuration);

  const [grammar] = contributes.grammars;
  assert.equal(grammar.language, "pexnet");
  const grammarFile = readJsonWithComments(grammar.path);
  assert.equal(grammarFile.scopeName, grammar.scopeName);
  assert.equal(grammar.scopeName, "source.pexnet");

  const [snippets] = contributes.snippets;
  const snippetFile = readJsonWithComments(snippets.path);
  for (const [name, snippet] of Object.entries<any>(snippetFile)) {
    assert.ok(snippet.prefix && snippet.body && snippet.description, `snippet "${name}" is complete`);
  }
});

test("every command the client registers is contributed under the Pexnet category", () => {
  const clientDir = join(root, "client", "src");
  const source = readdirSync(clientDir)
    .filter((file) => file.endsWith(".ts"))
    .map((file) => readFileSync(join(clientDir, file), "utf8"))
    .join("\n");
  const registered = [...source.matchAll(/registerCommand\("([^"]+)"/g)].map((match) => match[1]).sort();
  assert.deepEqual(registered, ["pexnet.exportFirewallRules", "pexnet.restartServer", "pexnet.showGeneratedRules", "pexnet.showRequiredFlows"]);
  for (const id of registered) {
    const command = contributes.commands.find((candidate: any) => candidate.command === id);
    assert.ok(command, `${id} is contributed`);
    assert.equal(command.category, "Pexnet");
  }
  assert.equal(contributes.commands.find((c: any) => c.command === "pexnet.restartServer").title, "Restart Server");
  assert.equal(contributes.commands.find((c: any) => c.command === "pexnet.exportFirewallRules").title, "Export Firewall Rules...");
  assert.equal(contributes.commands.find((c: any) => c.command === "pexnet.showRequiredFlows").title, "Show Required Flows");
  // In the palette only for .pexnet files; showGeneratedRules (code actions' command) never.
  const palette = new Map(contributes.menus.commandPalette.map((entry: any) => [entry.command, entry.when]));
  for (const id of registered) assert.equal(palette.get(id), id === "pexnet.showGeneratedRules" ? "false" : "editorLangId == pexnet", id);
});

test("the default platform setting offers the generators' ids", async () => {
  const setting = contributes.configuration.properties["pexnet.export.defaultPlatform"];
  assert.equal(setting.enum.length, setting.enumDescriptions.length);
  assert.ok(setting.enum.includes(setting.default));
  // Every registered generator can be chosen (others add platforms to GENERATORS concurrently).
  const { GENERATORS } = await import("../../server/src/generators/index");
  for (const generator of GENERATORS) assert.ok(setting.enum.includes(generator.id), `${generator.id} is in the setting's enum`);
});

test("the settings and their defaults", () => {
  const properties = contributes.configuration.properties;
  assert.deepEqual(properties["pexnet.trace.server"].enum, ["off", "messages", "verbose"]);
  assert.equal(properties["pexnet.trace.server"].default, "off");
  assert.equal(properties["pexnet.export.defaultPlatform"].type, "string");
  assert.equal(properties["pexnet.export.defaultPlatform"].default, "nftables");
  const overrides = properties["pexnet.diagnostics.severityOverrides"];
  assert.equal(overrides.type, "object");
  assert.deepEqual(overrides.additionalProperties.enum, ["error", "warning", "information", "hint", "off"]);
});

const configuration = readJsonWithComments("language-configuration.json");

test("the word pattern keeps names, prefixes, protocols, ranges and built-in groups whole", () => {
  const wordPattern = new RegExp(configuration.wordPattern, "g");
  const line = "  allow tcp+udp 40000-49999 from conf-oslo-1, 10.0.0.0/8, 2001:db8::/32 to @pexip # note";
  const words = line.match(wordPattern);
  assert.deepEqual(words, ["allow", "tcp+udp", "40000-49999", "from", "conf-oslo-1", "10.0.0.0/8", "2001:db8::/32", "to", "@pexip", "note"]);
  assert.deepEqual("nat dmz -> internet".match(wordPattern), ["nat", "dmz", "internet"]);
});

test("comments, brackets and indentation rules", () => {
  assert.equal(configuration.comments.lineComment, "#");
  assert.deepEqual(configuration.brackets, [["{", "}"]]);
  const increase = new RegExp(configuration.indentationRules.increaseIndentPattern);
  const decrease = new RegExp(configuration.indentationRules.decreaseIndentPattern);
  assert.ok(increase.test("firewall edge-fw {"));
  assert.ok(increase.test("deployment acme {   # settings"));
  assert.ok(!increase.test("management mgmt { ip 10.10.1.5 }"));
  assert.ok(!increase.test("# a comment about {"));
  assert.ok(decrease.test("  }"));
  assert.ok(!decrease.test("  allow ssh from noc to mgmt"));
});
