// The language server end to end: the real server as a child process over stdio, driven
// by vscode-jsonrpc as an editor would.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { checkText } from "../../server/src/core/check";
import { type Position } from "../../server/src/core/text-position";
import { root, TestClient, acmeText, acmeUri, positionOf } from "./lsp-client";

function hoverText(hover: unknown): string {
  return (hover as { contents: { value: string } } | null)?.contents.value ?? "";
}

test("the language server checks, hovers and navigates examples/acme.pexnet", async () => {
  const client = await TestClient.start();
  const connection = client.connection;
  try {
    await connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: acmeUri, languageId: "pexnet", version: 1, text: acmeText },
    });
    const opened = await client.waitForDiagnostics(acmeUri, (p) => p.version === 1);

    // Same codes and ranges as `pexnet check --format json`.
    const cli = spawnSync(process.execPath, [join(root, "bin", "pexnet.js"), "check", "--format", "json", "examples/acme.pexnet"], { cwd: root, encoding: "utf8" });
    const expected = JSON.parse(cli.stdout).files[0].diagnostics as { code: string; range: unknown; message: string }[];
    assert.equal(opened.diagnostics.length, 9);
    assert.equal(opened.diagnostics.filter((d) => d.code === "missing-flow").length, 9);
    assert.deepEqual(
      opened.diagnostics.map((d) => [d.code, d.range, d.message]),
      expected.map((d) => [d.code, d.range, d.message]),
    );
    const first = opened.diagnostics[0] as { source?: string; codeDescription?: { href: string }; data?: { count?: number; firewall?: string; row?: string } };
    assert.equal(first.source, "pexnet");
    assert.match(first.codeDescription!.href, /diagnostics\.md#missing-flow$/);
    // The flows' summary only: the entries stay in the server (megabytes on large files).
    assert.deepEqual(first.data, { count: 1, firewall: "edge-fw", row: "admin-ssh" });
    const mentionsNtp = (p: { diagnostics: { message: string }[] }) => p.diagnostics.some((d) => /\bntp1\b/.test(d.message));
    assert.ok(mentionsNtp(opened));

    // Hovers.
    const hoverAt = (position: Position) => connection.sendRequest("textDocument/hover", { textDocument: { uri: acmeUri }, position });
    const media = hoverText(await hoverAt(positionOf(acmeText, "tcp+udp media", 1, 9)));
    assert.match(media, /40000-49999/);
    assert.match(media, /2500 ICE media streams/);
    assert.match(hoverText(await hoverAt(positionOf(acmeText, "ipsec between"))), /IP protocol 50/);
    const port = hoverText(await hoverAt(positionOf(acmeText, "5061")));
    assert.match(port, /port 5061/);
    assert.match(port, /sip/i);
    const node = hoverText(await hoverAt(positionOf(acmeText, "proxying    edge-lon-1", 1, 14)));
    assert.match(node, /proxying node/);
    assert.match(node, /198\.51\.100\.11 in zone dmz/);
    assert.match(node, /\d+ required flows? missing/);
    assert.match(hoverText(await hoverAt(positionOf(acmeText, "edge-fw"))), /network firewall[\s\S]*5 rules/);

    // Outline: declarations, with the firewall's rules as children.
    const symbols = (await connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri: acmeUri } })) as { name: string; children?: { name: string }[] }[];
    assert.ok(symbols.some((s) => s.name === "edge-lon-1"));
    const firewall = symbols.find((s) => s.name === "edge-fw");
    assert.ok(firewall?.children?.some((c) => c.name === "allow ipsec between @pexip"));

    // Definition and references of edge-lon-1 (used twice in the firewall).
    const use = positionOf(acmeText, "to edge-lon-1", 1, 4);
    const declared = positionOf(acmeText, "proxying    edge-lon-1", 1, 12);
    const definition = (await connection.sendRequest("textDocument/definition", { textDocument: { uri: acmeUri }, position: use })) as { range: { start: Position } };
    assert.deepEqual(definition.range.start, declared);
    const refs = (await connection.sendRequest("textDocument/references", {
      textDocument: { uri: acmeUri }, position: use, context: { includeDeclaration: true },
    })) as unknown[];
    assert.equal(refs.length, 3);

    // Allowing NTP from the edge node removes the NTP diagnostic.
    const closing = positionOf(acmeText, "}", acmeText.split("}").length - 1, 0);
    await connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: acmeUri, version: 2 },
      contentChanges: [{ range: { start: closing, end: closing }, text: "  allow ntp from edge-lon-1 to ntp1\n" }],
    });
    const changed = await client.waitForDiagnostics(acmeUri, (p) => p.version === 2);
    assert.equal(changed.diagnostics.length, 8);
    assert.ok(!mentionsNtp(changed));
  } finally {
    await client.stop();
  }
});

test("after a quick burst of changes only the latest version's diagnostics arrive last", async () => {
  const client = await TestClient.start();
  const uri = "file:///burst.pexnet";
  const versions = [
    acmeText,
    acmeText + "\nzone extra 192.0.2.0/24\n",
    acmeText + "\nthis is not pexnet\n",
    acmeText.replace("allow https from mgmt to lic", "deny https from mgmt to lic"),
    acmeText.replace("  allow ipsec between @pexip\n", ""),
  ];
  try {
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "pexnet", version: 1, text: versions[0] } });
    for (let i = 1; i < versions.length; i++) {
      await client.connection.sendNotification("textDocument/didChange", {
        textDocument: { uri, version: i + 1 },
        contentChanges: [{ text: versions[i] }],
      });
    }
    const last = versions.length;
    await client.waitForDiagnostics(uri, (p) => p.version === last);
    await new Promise((resolve) => setTimeout(resolve, 500)); // nothing stale may follow
    const forUri = client.published.filter((p) => p.uri === uri);
    assert.equal(forUri[forUri.length - 1].version, last);
    assert.ok(forUri.every((p) => p.version === 1 || p.version === last), `published versions ${forUri.map((p) => p.version)}`);
    const expected = checkText(versions[last - 1]).diagnostics;
    assert.deepEqual(forUri[forUri.length - 1].diagnostics.map((d) => d.code), expected.map((d) => d.code));
  } finally {
    await client.stop();
  }
});
