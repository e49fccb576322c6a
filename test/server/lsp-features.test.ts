// Semantic tokens, workspace symbols and code lenses through the real server.
import { test } from "node:test";
import assert from "node:assert/strict";
import { TestClient, acmeText, acmeUri } from "./lsp-client";

interface DecodedToken {
  text: string;
  type: string;
  modifiers: string[];
}

function decode(data: number[], legend: { tokenTypes: string[]; tokenModifiers: string[] }, text: string): DecodedToken[] {
  const lines = text.split(/\r?\n/);
  const tokens: DecodedToken[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine, deltaChar, length, type, modifiers] = data.slice(i, i + 5);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaChar : deltaChar;
    tokens.push({
      text: lines[line].slice(character, character + length),
      type: legend.tokenTypes[type],
      modifiers: legend.tokenModifiers.filter((_, bit) => modifiers & (1 << bit)),
    });
  }
  return tokens;
}

async function openAcme(): Promise<{ client: TestClient; legend: { tokenTypes: string[]; tokenModifiers: string[] } }> {
  const client = await TestClient.start();
  // The legend is the one the server declares in its capabilities.
  const provider = client.initializeResult.capabilities.semanticTokensProvider as {
    legend: { tokenTypes: string[]; tokenModifiers: string[] };
    full: boolean;
  };
  assert.equal(provider.full, true);
  await client.connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri: acmeUri, languageId: "pexnet", version: 1, text: acmeText },
  });
  await client.waitForDiagnostics(acmeUri, (p) => p.version === 1);
  return { client, legend: provider.legend };
}

test("semantic tokens classify acme's names, addresses, ports, keywords and comments", async () => {
  const { client, legend } = await openAcme();
  try {
    const result = (await client.connection.sendRequest("textDocument/semanticTokens/full", { textDocument: { uri: acmeUri } })) as { data: number[] };
    assert.equal(result.data.length % 5, 0);
    const tokens = decode(result.data, legend, acmeText);
    const find = (text: string, type?: string) => tokens.find((t) => t.text === text && (!type || t.type === type));
    assert.deepEqual(find("edge-fw"), { text: "edge-fw", type: "function", modifiers: ["declaration"] });
    assert.equal(find("10.10.0.0/16")?.type, "string");
    assert.equal(find("198.51.100.11")?.type, "string");
    assert.equal(find("5061")?.type, "number");
    assert.equal(find("40000-49999")?.type, "number");
    assert.equal(find("firewall")?.type, "keyword");
    assert.equal(find("allow")?.type, "keyword");
    assert.equal(find("corp")?.type, "namespace");
    assert.equal(find("oslo")?.type, "namespace");
    assert.equal(find("edge-lon-1")?.type, "class");
    assert.ok(tokens.some((t) => t.text === "edge-lon-1" && t.type === "class" && t.modifiers.length === 0), "a use of edge-lon-1");
    assert.equal(find("guests")?.type, "variable");
    assert.equal(find("@proxying")?.type, "type");
    assert.ok(tokens.some((t) => t.type === "comment" && t.text.startsWith("# Acme")));
    for (const token of tokens) assert.ok(token.text.length > 0);
  } finally {
    await client.stop();
  }
});

test("workspace symbols match open documents by case-insensitive substring", async () => {
  const { client } = await openAcme();
  try {
    const otherUri = "file:///tmp/other.pexnet";
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: otherUri, languageId: "pexnet", version: 1, text: "zone Edge-Zone 10.0.0.0/8\n" },
    });
    const symbols = (await client.connection.sendRequest("workspace/symbol", { query: "EDGE" })) as { name: string; location: { uri: string } }[];
    const names = symbols.map((s) => `${s.name}@${s.location.uri === acmeUri ? "acme" : "other"}`).sort();
    assert.deepEqual(names, ["Edge-Zone@other", "edge-fw@acme", "edge-lon-1@acme", "edge-lon@acme"].sort());
    const all = (await client.connection.sendRequest("workspace/symbol", { query: "" })) as unknown[];
    assert.ok(all.length > names.length);
    const none = (await client.connection.sendRequest("workspace/symbol", { query: "no-such-name" })) as unknown[];
    assert.equal(none.length, 0);
  } finally {
    await client.stop();
  }
});

test("a code lens on each firewall counts its missing flows", async () => {
  const { client } = await openAcme();
  try {
    const lenses = (await client.connection.sendRequest("textDocument/codeLens", { textDocument: { uri: acmeUri } })) as {
      range: { start: { line: number; character: number } };
      command: { title: string; command: string };
    }[];
    // A client that declared no commands (not VS Code) gets the count only, title-only.
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].command.command, "");
    const line = acmeText.split("\n").findIndex((l) => l.startsWith("firewall edge-fw"));
    assert.deepEqual(lenses[0].range.start, { line, character: "firewall ".length });
    assert.match(lenses[0].command.title, /^\d+ required flows? missing$/);
    const count = Number(/^\d+/.exec(lenses[0].command.title)![0]);
    const published = await client.waitForDiagnostics(acmeUri, (p) => p.version === 1);
    const expected = published.diagnostics
      .filter((d) => d.code === "missing-flow")
      .map((d) => d.data as { count: number; firewall?: string })
      .filter((data) => data.firewall === "edge-fw")
      .reduce((n, data) => n + data.count, 0);
    assert.ok(expected >= 9);
    assert.equal(count, expected);

    const cleanUri = "file:///tmp/clean.pexnet";
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: cleanUri, languageId: "pexnet", version: 1, text: "zone a any\nfirewall fw {\n  zones a\n}\n" },
    });
    const clean = (await client.connection.sendRequest("textDocument/codeLens", { textDocument: { uri: cleanUri } })) as { command: { title: string } }[];
    assert.deepEqual(clean.map((l) => l.command.title), ["all required flows allowed"]);
  } finally {
    await client.stop();
  }
});
