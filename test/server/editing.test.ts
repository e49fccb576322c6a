// Rename, highlight, completion and formatting end to end over stdio with the real server.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { checkText } from "../../server/src/core/check";
import { LineIndex, type Position } from "../../server/src/core/text-position";
import { root, TestClient, acmeText, acmeUri, positionOf } from "./lsp-client";

interface Edit { range: { start: Position; end: Position }; newText: string }

function applyEdits(text: string, edits: Edit[]): string {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start));
  for (const edit of sorted) {
    text = text.slice(0, lines.offsetAt(edit.range.start)) + edit.newText + text.slice(lines.offsetAt(edit.range.end));
  }
  return text;
}

function checkSummary(text: string): string[] {
  return checkText(text).diagnostics.map((d) => `${d.code} ${d.message}`);
}

function labels(items: unknown): string[] {
  const list = (Array.isArray(items) ? items : (items as { items: unknown[] }).items) as { label: string }[];
  return list.map((i) => i.label);
}

/** A messy but equivalent copy: odd indentation, doubled spaces, extra blank lines. */
function mess(text: string): string {
  return text
    .split("\n")
    .map((line, i) => {
      if (line.trim() === "") return "\n  ";
      const body = line.trim().replace(/ (?=[^#]*$)/g, "   ");
      // Declarations must stay in column 1; everything else gets an odd indentation.
      const indent = /^\s/.test(line) ? " ".repeat(1 + (i % 5)) : "";
      return indent + body + (i % 3 === 0 ? "   " : "");
    })
    .join("\n");
}

test("rename, highlight and completion over the language server", async () => {
  const client = await TestClient.start();
  const connection = client.connection;
  try {
    await connection.sendNotification("textDocument/didOpen", { textDocument: { uri: acmeUri, languageId: "pexnet", version: 1, text: acmeText } });
    await client.waitForDiagnostics(acmeUri, (p) => p.version === 1);
    const doc = { uri: acmeUri };
    const occurrences = acmeText.split("edge-lon-1").length - 1;

    // prepareRename on a use; refused on a keyword.
    const prepared = (await connection.sendRequest("textDocument/prepareRename", { textDocument: doc, position: positionOf(acmeText, "to edge-lon-1", 1, 5) })) as { placeholder: string };
    assert.equal(prepared.placeholder, "edge-lon-1");
    assert.equal(await connection.sendRequest("textDocument/prepareRename", { textDocument: doc, position: positionOf(acmeText, "between @pexip", 1, 2) }), null);

    // Rename: every place changes.
    const edit = (await connection.sendRequest("textDocument/rename", { textDocument: doc, position: positionOf(acmeText, "edge-lon-1", 1, 2), newName: "edge-lon-a" })) as { changes: Record<string, Edit[]> };
    const edits = edit.changes[acmeUri];
    assert.equal(edits.length, occurrences);
    const renamed = applyEdits(acmeText, edits);
    assert.ok(!renamed.includes("edge-lon-1"));
    assert.equal(renamed.split("edge-lon-a").length - 1, occurrences);
    assert.deepEqual(checkSummary(renamed), checkSummary(acmeText).map((s) => s.replaceAll("edge-lon-1", "edge-lon-a")));

    // Refused: already declared, reserved, not a name.
    for (const newName of ["mgmt", "any", "bad name", "x-"]) {
      await assert.rejects(
        connection.sendRequest("textDocument/rename", { textDocument: doc, position: positionOf(acmeText, "edge-lon-1", 1, 2), newName }),
        (error: Error) => /already declared|reserved|not a valid name/.test(error.message),
        newName,
      );
    }

    // Highlight: declaration and every use.
    const highlights = (await connection.sendRequest("textDocument/documentHighlight", { textDocument: doc, position: positionOf(acmeText, "from guests", 1, 6) })) as unknown[];
    assert.equal(highlights.length, acmeText.split("guests").length - 1);

    // Completion after `  allow `, after `from `, at column 1.
    const edited = acmeText.replace("  allow tcp+udp any", "  allow \n  allow tcp 443 from \n  allow tcp+udp any") + "\n";
    await connection.sendNotification("textDocument/didChange", { textDocument: { uri: acmeUri, version: 2 }, contentChanges: [{ text: edited }] });
    const afterAllow = (await connection.sendRequest("textDocument/completion", { textDocument: doc, position: positionOf(edited, "  allow \n", 1, 8) })) as { label: string; documentation?: { value: string } }[];
    assert.ok(labels(afterAllow).includes("tcp"));
    const ipsec = afterAllow.find((i) => i.label === "ipsec");
    assert.ok(ipsec?.documentation?.value && /IPsec|IKE|ESP/i.test(ipsec.documentation.value));
    const afterFrom = labels(await connection.sendRequest("textDocument/completion", { textDocument: doc, position: positionOf(edited, "443 from \n", 1, 9) }));
    for (const party of ["guests", "edge-lon-1", "dns1", "mgmt", "corp", "@pexip", "any"]) assert.ok(afterFrom.includes(party), party);
    const column1 = labels(await connection.sendRequest("textDocument/completion", { textDocument: doc, position: new LineIndex(edited).positionAt(edited.length) }));
    assert.ok(column1.includes("firewall") && column1.includes("dns") && column1.includes("zone"));
  } finally {
    await client.stop();
  }
});

test("formatting a messy copy of each example keeps its meaning and is idempotent", async () => {
  const client = await TestClient.start();
  const connection = client.connection;
  try {
    const files = readdirSync(join(root, "examples")).filter((f) => f.endsWith(".pexnet"));
    assert.ok(files.length >= 5);
    let version = 1;
    for (const file of files) {
      const original = readFileSync(join(root, "examples", file), "utf8");
      const messy = mess(original);
      assert.deepEqual(checkSummary(messy), checkSummary(original), `${file}: the messy copy means the same`);
      const uri = pathToFileURL(join(root, "examples", `messy-${file}`)).href;
      await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "pexnet", version: version++, text: messy } });
      const edits = (await connection.sendRequest("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })) as Edit[];
      assert.ok(edits.length > 0, file);
      const formatted = applyEdits(messy, edits);
      assert.deepEqual(checkSummary(formatted), checkSummary(original), `${file}: formatting keeps the meaning`);
      assert.ok(!/\n\s*\n\s*\n/.test(formatted), `${file}: at most one blank line`);
      assert.match(formatted, /^firewall /m);
      assert.match(formatted, /^ {2}(allow|deny|zones|protects) /m);
      await connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: version++ }, contentChanges: [{ text: formatted }] });
      const again = (await connection.sendRequest("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })) as Edit[];
      assert.deepEqual(again, [], `${file}: formatting twice changes nothing`);
      // With a syntax error nothing is formatted.
      await connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: version++ }, contentChanges: [{ text: messy + "\nfirewall {{\n" }] });
      assert.deepEqual(await connection.sendRequest("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }), []);
    }
  } finally {
    await client.stop();
  }
});
