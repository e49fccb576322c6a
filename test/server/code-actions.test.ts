// Code actions end to end: the real server over stdio. Applying the preferred quick fix of
// each missing-flow diagnostic, one at a time, must leave no missing flow and no new error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { checkText } from "../../server/src/core/check";
import { LineIndex, type Position } from "../../server/src/core/text-position";
import { allowRules, firewallInsertion } from "../../server/src/features/missing-flow-fix";
import { root, TestClient, type PublishedDiagnostics } from "./lsp-client";

interface TextEdit {
  range: { start: Position; end: Position };
  newText: string;
}
interface CodeAction {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  edit?: { changes?: Record<string, TextEdit[]> };
}
type Diag = PublishedDiagnostics["diagnostics"][number] & { severity?: number };

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const located = edits
    .map((edit, i) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), text: edit.newText, i }))
    .sort((a, b) => b.start - a.start || b.i - a.i);
  let result = text;
  for (const edit of located) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

class Session {
  version = 1;
  constructor(readonly client: TestClient, readonly uri: string, public text: string) {}

  async open(): Promise<Diag[]> {
    await this.client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: this.uri, languageId: "pexnet", version: this.version, text: this.text },
    });
    return (await this.client.waitForDiagnostics(this.uri, (p) => p.version === this.version)).diagnostics as Diag[];
  }

  async change(text: string): Promise<Diag[]> {
    this.text = text;
    this.version++;
    await this.client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: this.uri, version: this.version },
      contentChanges: [{ text }],
    });
    const v = this.version;
    return (await this.client.waitForDiagnostics(this.uri, (p) => p.version === v)).diagnostics as Diag[];
  }

  async actions(diagnostics: Diag[], only?: string[]): Promise<CodeAction[]> {
    const range = (diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }) as TextEdit["range"];
    return (await this.client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: this.uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    })) as CodeAction[];
  }

  async apply(action: CodeAction): Promise<Diag[]> {
    const edits = action.edit?.changes?.[this.uri];
    assert.ok(edits && edits.length > 0, `${action.title} has edits`);
    return this.change(applyEdits(this.text, edits));
  }
}

const errors = (diagnostics: Diag[]) => diagnostics.filter((d) => d.severity === 1 && d.code !== "missing-flow").map((d) => `${d.code}: ${d.message}`);
const missing = (diagnostics: Diag[]) => diagnostics.filter((d) => d.code === "missing-flow");

function example(name: string): { uri: string; text: string } {
  const path = join(root, "examples", `${name}.pexnet`);
  return { uri: pathToFileURL(path).href, text: readFileSync(path, "utf8") };
}

for (const name of ["acme", "internet-edge", "cloud-host-firewalls", "teams-google-interop"]) {
  test(`applying the preferred quick fixes allows every missing flow of ${name}`, async () => {
    const client = await TestClient.start();
    try {
      const { uri, text } = example(name);
      const session = new Session(client, uri, text);
      let diagnostics = await session.open();
      const before = errors(diagnostics);
      const initial = missing(diagnostics).length;
      assert.ok(initial > 0, `${name} has missing flows`);
      for (let round = 0; round < initial + 5 && missing(diagnostics).length > 0; round++) {
        const target = missing(diagnostics)[0];
        const actions = await session.actions([target]);
        const preferred = actions.find((a) => a.isPreferred && a.kind === "quickfix");
        assert.ok(preferred, `a preferred fix for: ${target.message} (got ${actions.map((a) => a.title).join("; ")})`);
        assert.match(preferred.title, /^Allow /);
        diagnostics = await session.apply(preferred);
        assert.ok(!missing(diagnostics).some((d) => d.message === target.message), `fixed: ${target.message}`);
      }
      assert.deepEqual(missing(diagnostics).map((d) => d.message), []);
      assert.deepEqual(errors(diagnostics), before);
    } finally {
      await client.stop();
    }
  });
}

test("the fix-all source action allows every missing flow of acme at once", async () => {
  const client = await TestClient.start();
  try {
    const { uri, text } = example("acme");
    const session = new Session(client, uri, text);
    const diagnostics = await session.open();
    const before = errors(diagnostics);
    const actions = await session.actions([], ["source.fixAll.pexnet"]);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, "source.fixAll.pexnet");
    assert.equal(actions[0].title, "Allow every missing flow");
    const after = await session.apply(actions[0]);
    assert.deepEqual(missing(after).map((d) => d.message), []);
    assert.deepEqual(errors(after), before);
    // The merged DNS rule: one flow group, both protocols, as the first rules of edge-fw.
    assert.match(session.text, /firewall edge-fw \{\n  zones corp, dmz, internet\n  allow /);
    assert.match(session.text, /  allow tcp\+udp 53 from edge-lon-1 to dns1\n/);
  } finally {
    await client.stop();
  }
});

test("a flow an explicit deny drops: the fix is offered, not preferred, names the deny, and works", async () => {
  const client = await TestClient.start();
  try {
    const { uri, text } = example("acme");
    const denied = text.replace("  zones corp, dmz, internet\n", "  zones corp, dmz, internet\n  deny tcp 22 from noc to edge-lon-1\n");
    assert.notEqual(denied, text);
    const denyLine = denied.split("\n").findIndex((line) => line.startsWith("  deny tcp 22")) + 1;
    const session = new Session(client, uri, denied);
    const diagnostics = await session.open();
    const before = errors(diagnostics);
    const target = missing(diagnostics).find((d) => /SSH/.test(d.message));
    assert.ok(target, "the ssh flow is missing");
    const actions = (await session.actions([target])).filter((a) => a.kind === "quickfix");
    assert.equal(actions.length, 1);
    const fix = actions[0];
    assert.equal(fix.isPreferred, false);
    assert.match(fix.title, new RegExp(`allow tcp 22 from noc to edge-lon-1.*before the deny on line ${denyLine}`));
    const after = await session.apply(fix);
    assert.ok(!missing(after).some((d) => /SSH/.test(d.message)));
    assert.equal(missing(after).length, missing(diagnostics).length - 1);
    assert.deepEqual(errors(after), before);
    assert.ok(session.text.indexOf("allow tcp 22 from noc to edge-lon-1") < session.text.indexOf("deny tcp 22"));
  } finally {
    await client.stop();
  }
});

test("quick fixes for unknown-name, duplicate-name and missing-service", async () => {
  const client = await TestClient.start();
  try {
    const { uri, text } = example("acme");
    const broken = text
      .replace("allow https from mgmt to lic", "allow https from mgnt to lic")
      .replace("media-ports 40000-49999", "media-ports 49999-40000")
      .replace(/^dns\s+dns1\s*\{[^}]*\}\s*$/m, "")
      + "\nzone corp 10.99.0.0/16\n";
    const session = new Session(client, uri, broken);
    const diagnostics = await session.open();
    const unknown = diagnostics.find((d) => d.code === "unknown-name");
    assert.ok(unknown);
    const rename = (await session.actions([unknown])).find((a) => a.kind === "quickfix");
    assert.equal(rename?.title, 'Change to "mgmt"');
    const duplicate = diagnostics.find((d) => d.code === "duplicate-name");
    assert.ok(duplicate);
    const dupFix = (await session.actions([duplicate])).find((a) => a.kind === "quickfix");
    assert.equal(dupFix?.title, 'Rename to "corp-2"');
    const service = diagnostics.find((d) => d.code === "missing-service" && /DNS/i.test(d.message));
    assert.ok(service, diagnostics.map((d) => d.code).join(","));
    const serviceFix = (await session.actions([service])).find((a) => a.kind === "quickfix");
    assert.ok(serviceFix);
    const ports = diagnostics.find((d) => d.code === "port-range");
    assert.ok(ports);
    const portsFix = (await session.actions([ports])).find((a) => a.kind === "quickfix");
    assert.equal(portsFix?.title, "Use the default media range 40000-49999");
    let after = await session.apply(portsFix!);
    assert.ok(!after.some((d) => d.code === "port-range"));
    after = await session.apply(rename!);
    after = await session.apply(dupFix!);
    after = await session.apply(serviceFix);
    assert.match(session.text, /media-ports 40000-49999/);
    assert.ok(!after.some((d) => d.code === "unknown-name" || d.code === "duplicate-name" || (d.code === "missing-service" && /DNS/i.test(d.message))), after.map((d) => d.message).join("\n"));
  } finally {
    await client.stop();
  }
});

test("allow rules are exact and merged, and go first in the firewall whatever its layout", () => {
  assert.deepEqual(
    allowRules([
      { from: "a", to: "d", protocol: "tcp", ports: [[53, 53]] },
      { from: "a", to: "d", protocol: "udp", ports: [[53, 53]] },
      { from: "a", to: "e", protocol: "udp", ports: [[1719, 1719], [5060, 5061]] },
      { from: "b", to: "e", protocol: "udp", ports: [[1719, 1719], [5060, 5061]] },
      { from: "b", to: "f", protocol: "esp", ports: [] },
    ]),
    ["allow tcp+udp 53 from a to d", "allow udp 1719, 5060-5061 from a, b to e", "allow esp from b to f"],
  );
  const base = "zone a 10.0.0.0/8\nzone b any\nadmin x { subnet 10.1.0.0/16 }\n";
  const rules = ["allow tcp 1 from x to x", "allow udp 2 from x to x"];
  const layouts: [string, string][] = [
    ["firewall f { allow ssh from x to x }\n", "firewall f { allow tcp 1 from x to x\n  allow udp 2 from x to x\n  allow ssh from x to x }\n"],
    ["firewall f {\n    zones a, b\n    default deny\n    allow ssh from x to x\n}\n", "firewall f {\n    zones a, b\n    default deny\n    allow tcp 1 from x to x\n    allow udp 2 from x to x\n    allow ssh from x to x\n}\n"],
    ["firewall f { zones a, b }\n", "firewall f { zones a, b\n  allow tcp 1 from x to x\n  allow udp 2 from x to x }\n"],
    ["firewall f {}\n", "firewall f {\n  allow tcp 1 from x to x\n  allow udp 2 from x to x\n}\n"],
  ];
  for (const [firewall, expected] of layouts) {
    const text = base + firewall;
    const insertion = firewallInsertion(checkText(text).model, text, "f", rules);
    assert.ok(insertion);
    const out = text.slice(0, insertion.offset) + insertion.text + text.slice(insertion.offset);
    assert.equal(out.slice(base.length), expected);
    assert.deepEqual(checkText(out).diagnostics.filter((d) => d.code === "syntax"), []);
  }
});
