// A syntax error is published as soon as the text is parsed, before the analysis, and keeps
// the findings of the last analysis (no flicker in the Problems panel); then the complete
// result for the same version follows. Published diagnostics carry only a summary of their
// flows, never the entries.
import { test } from "node:test";
import assert from "node:assert/strict";

import { acmeText, acmeUri, TestClient } from "./lsp-client";

test("syntax errors first, with the earlier findings; then the complete result of the same version", async () => {
  const client = await TestClient.start();
  try {
    const { connection } = client;
    await connection.sendNotification("textDocument/didOpen", { textDocument: { uri: acmeUri, languageId: "pexnet", version: 1, text: acmeText } });
    const opened = await client.waitForDiagnostics(acmeUri, (p) => p.version === 1);
    const findings = opened.diagnostics.filter((d) => d.code === "missing-flow");
    assert.equal(findings.length, 9);
    for (const d of findings) {
      const data = d.data as Record<string, unknown>;
      assert.deepEqual(Object.keys(data).sort(), ["count", "firewall", "row"], "a summary, not the flow entries");
    }

    const broken = acmeText.replace("allow https from mgmt to lic", "allow https from mgmt to lic {");
    assert.notEqual(broken, acmeText);
    await connection.sendNotification("textDocument/didChange", { textDocument: { uri: acmeUri, version: 2 }, contentChanges: [{ text: broken }] });
    const publishesOf2 = () => client.published.filter((p) => p.uri === acmeUri && p.version === 2);
    for (const deadline = Date.now() + 5000; publishesOf2().length < 2 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 20));
    const ofVersion2 = publishesOf2();
    assert.ok(ofVersion2.length >= 2, `expected an early and a complete publish, got ${ofVersion2.length}`);
    const [early, last] = [ofVersion2[0], ofVersion2[ofVersion2.length - 1]];
    assert.ok(early.diagnostics.some((d) => d.code === "syntax"), "the early publish carries the syntax error");
    assert.deepEqual(
      early.diagnostics.filter((d) => d.code === "missing-flow").map((d) => d.message),
      findings.map((d) => d.message),
      "the early publish keeps the last analysis's findings",
    );
    assert.ok(last.diagnostics.some((d) => d.code === "syntax"), "the complete publish still has the syntax error");
    // No publish of version 1 after the first one of version 2: stale results never come late.
    const index = client.published.indexOf(early);
    assert.ok(client.published.slice(index).every((p) => p.version === undefined || p.version >= 2));
  } finally {
    await client.stop();
  }
});
