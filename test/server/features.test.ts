// The LSP features called directly on a CheckResult, without a server process.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TextDocument } from "vscode-languageserver-textdocument";
import { checkText, type CheckResult } from "../../server/src/core/check";
import { DocumentAnalyzer } from "../../server/src/document-analyzer";
import { toLspDiagnostics } from "../../server/src/features/diagnostics";
import { foldingRanges } from "../../server/src/features/folding-ranges";
import { hover } from "../../server/src/features/hover";

const TEXT = [
  "# two lines",
  "# of comment",
  "deployment d {",
  "  version 36",
  "  media-ports 40000-40999",
  "}",
  "zone lan 10.0.0.0/8",
  "management mgmt { ip 10.0.0.5 }",
  "transcoding conf { ip 10.0.0.6 }",
  "firewall fw {",
  "  zones lan",
  "  allow esp between @pexip",
  "  allow tcp 7777 from mgmt to conf",
  "  allow udp 500 from mgmt to conf",
  "}",
  "",
].join("\n");

function hoverOn(result: CheckResult, needle: string, delta = 1): string {
  const offset = result.source.text.indexOf(needle) + delta;
  const answer = hover(result, { textDocument: { uri: "file:///t.pexnet" }, position: result.lines.positionAt(offset) });
  return (answer?.contents as { value: string } | undefined)?.value ?? "";
}

test("hover explains esp, unknown ports and IKE's port", () => {
  const result = checkText(TEXT);
  assert.match(hoverOn(result, "esp between"), /IP protocol 50/);
  assert.match(hoverOn(result, "7777"), /Not a Pexip port/);
  assert.match(hoverOn(result, "500 from"), /ipsec-ike/);
  assert.match(hoverOn(result, "@pexip"), /mgmt, conf/);
  assert.equal(hoverOn(result, "deployment", 0), "");
  assert.match(hoverOn(result, "40000-40999"), /250 ICE media streams/);
});

test("folding ranges cover multi-line blocks and comment runs", () => {
  const ranges = foldingRanges(checkText(TEXT));
  assert.deepEqual(ranges.map((r) => [r.startLine, r.endLine, r.kind]), [[2, 4, undefined], [9, 13, undefined], [0, 1, "comment"]]);
});

test("LSP diagnostics keep code, source, documentation link and related locations", () => {
  const result = checkText("zone a 10.0.0.0/8\nzone a 10.0.0.0/8\n");
  const [first] = toLspDiagnostics(result.diagnostics, result.lines, "file:///d.pexnet").filter((d) => d.code === "duplicate-name");
  assert.equal(first.source, "pexnet");
  assert.match(first.codeDescription!.href, /docs\/diagnostics\.md#duplicate-name$/);
  for (const related of first.relatedInformation ?? []) assert.equal(related.location.uri, "file:///d.pexnet");
});

test("the analyzer publishes only the latest version after a burst", async () => {
  const documents = new Map<string, TextDocument>();
  const published: number[] = [];
  const analyzer = new DocumentAnalyzer((uri) => documents.get(uri), (document) => published.push(document.version), 20);
  for (let version = 1; version <= 4; version++) {
    const document = TextDocument.create("file:///b.pexnet", "pexnet", version, `zone z${version} 10.0.0.0/8\n`);
    documents.set(document.uri, document);
    analyzer.schedule(document);
  }
  await new Promise((resolve) => setTimeout(resolve, 80));
  assert.deepEqual(published, [4]);
  analyzer.dispose();
});

test("an opened document is analysed at once; the content event of the same open does not postpone it; a change waits for the debounce", async () => {
  const documents = new Map<string, TextDocument>();
  const published: number[] = [];
  const analyzer = new DocumentAnalyzer((uri) => documents.get(uri), (document) => published.push(document.version), 10_000);
  const opened = TextDocument.create("file:///o.pexnet", "pexnet", 1, "zone a 10.0.0.0/8\n");
  documents.set(opened.uri, opened);
  analyzer.open(opened);
  analyzer.schedule(opened); // the server hears of the open twice (open, then content)
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.deepEqual(published, [1]);
  const changed = TextDocument.create(opened.uri, "pexnet", 2, "zone b 10.0.0.0/8\n");
  documents.set(changed.uri, changed);
  analyzer.schedule(changed);
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.deepEqual(published, [1], "a change was analysed before the debounce ran out");
  analyzer.dispose();
});

test("hover where findings sit explains their codes, from docs/diagnostics.md", () => {
  const text = readFileSync(join(__dirname, "..", "..", "..", "examples", "acme.pexnet"), "utf8");
  const result = checkText(text);
  const at = result.lines.positionAt(text.indexOf("firewall edge-fw") + "firewall ".length + 2);
  const value = (hover(result, { textDocument: { uri: "file:///acme.pexnet" }, position: at })!.contents as { value: string }).value;
  assert.match(value, /\*\*edge-fw\*\*: network firewall/);
  assert.match(value, /\*\*missing-flow\*\* \(9 findings here\): \*\*error\.\*\* A flow Pexip requires is dropped/);
  // Where there is no finding, no code section.
  const quiet = result.lines.positionAt(text.indexOf("ntp       ntp1") + 12);
  const plain = (hover(result, { textDocument: { uri: "file:///acme.pexnet" }, position: quiet })!.contents as { value: string }).value;
  assert.doesNotMatch(plain, /missing-flow\*\*/);
});
