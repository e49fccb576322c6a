// Types examples/acme.pexnet into the server one character at a time (incremental
// didChange, every prefix): the server must survive every intermediate text, and every
// diagnostic it publishes must lie inside the text of the version it names.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { root, TestClient, type PublishedDiagnostics } from "./lsp-client";

const acmePath = join(root, "examples", "acme.pexnet");
const acmeText = readFileSync(acmePath, "utf8");
const uri = pathToFileURL(join(root, "typing", "acme.pexnet")).href;

interface Position {
  line: number;
  character: number;
}

/** The end of `text` as an LSP position (lines split on \n; \r counts as a character). */
function endOf(text: string): Position {
  const lines = text.split("\n");
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

function inside(position: Position, lines: string[]): boolean {
  return (
    Number.isInteger(position.line) && Number.isInteger(position.character) &&
    position.line >= 0 && position.line < lines.length &&
    position.character >= 0 && position.character <= lines[position.line].length
  );
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

test("typing acme.pexnet character by character never kills the server or misplaces a diagnostic", { timeout: 120_000 }, async () => {
  const client = await TestClient.start();
  const connection = client.connection;
  let exited = false;
  client.child.once("exit", () => (exited = true));
  try {
    // Version 1 is the empty document; version v + 1 holds the first v characters.
    await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "pexnet", version: 1, text: "" } });
    const checkpointEvery = Math.ceil(acmeText.length / 20);
    for (let typed = 0; typed < acmeText.length; typed++) {
      const at = endOf(acmeText.slice(0, typed));
      const version = typed + 2;
      await connection.sendNotification("textDocument/didChange", {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: at, end: at }, text: acmeText[typed] }],
      });
      const last = typed === acmeText.length - 1;
      if (last || (typed + 1) % checkpointEvery === 0) {
        await client.waitForDiagnostics(uri, (p) => p.version === version, 10_000);
        assert.equal(exited, false, `server died after ${typed + 1} characters`);
        // The newer features must cope with half-typed text too.
        const tokens = (await connection.sendRequest("textDocument/semanticTokens/full", { textDocument: { uri } })) as { data: number[] };
        assert.equal(tokens.data.length % 5, 0);
        await connection.sendRequest("textDocument/codeLens", { textDocument: { uri } });
        await connection.sendRequest("workspace/symbol", { query: "e" });
      }
    }

    // The whole file typed: the same diagnostics as opening it at once.
    const final = await client.waitForDiagnostics(uri, (p) => p.version === acmeText.length + 1);
    assert.equal(final.diagnostics.filter((d) => d.code === "missing-flow").length, 9);

    // Still answering requests.
    const symbols = (await connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri } })) as { name: string }[];
    assert.ok(symbols.some((s) => s.name === "edge-fw"));

    const published = client.published.filter((p: PublishedDiagnostics) => p.uri === uri);
    assert.ok(published.length >= 20, `only ${published.length} publications`);
    for (const publication of published) {
      assert.ok(publication.version !== undefined, "diagnostics without a version");
      const text = acmeText.slice(0, publication.version! - 1);
      const lines = text.split("\n");
      for (const diagnostic of publication.diagnostics) {
        const range = diagnostic.range as { start: Position; end: Position };
        const where = `version ${publication.version} ${String(diagnostic.code)} ${JSON.stringify(range)}`;
        assert.ok(inside(range.start, lines), `start outside the text: ${where}`);
        assert.ok(inside(range.end, lines), `end outside the text: ${where}`);
        assert.ok(before(range.start, range.end), `start after end: ${where}`);
      }
    }
    assert.equal(exited, false);
  } finally {
    if (!exited) await client.stop();
  }
});
