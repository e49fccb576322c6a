// checkText: the whole pipeline.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkText } from "../../server/src/core/check";

const SMALL = `deployment lab { }
zone a 10.1.0.0/16
zone b 10.2.0.0/16
location l
management mgmt { ip 10.1.0.5 }
transcoding conf { ip 10.2.0.11  location l }
firewall fw {
  zones a, b
}
`;

test("checkText: a BOM is dropped and spans refer to the text without it", () => {
  const plain = checkText(SMALL);
  const withBom = checkText("\ufeff" + SMALL);
  assert.equal(withBom.source.text, SMALL);
  assert.deepEqual(withBom.diagnostics, plain.diagnostics);
  const missing = withBom.diagnostics.find((d) => d.code === "missing-flow")!;
  assert.equal(SMALL.slice(missing.span.start, missing.span.end), "fw");
  assert.deepEqual(withBom.lines.positionAt(missing.span.start), { line: 6, character: 9 });
});

test("checkText: syntax errors become diagnostics, everything sorted by position then code", () => {
  const text = SMALL.replace("location l\n", "location l\nthis is not pexnet\n");
  const result = checkText(text);
  const syntax = result.diagnostics.filter((d) => d.code === "syntax");
  assert.equal(syntax.length, 1);
  assert.equal(syntax[0].severity, "error");
  for (let i = 1; i < result.diagnostics.length; i++) {
    const [a, b] = [result.diagnostics[i - 1], result.diagnostics[i]];
    assert.ok(a.span.start < b.span.start || (a.span.start === b.span.start && a.code <= b.code));
  }
  // The rest of the file is still checked.
  assert.ok(result.diagnostics.some((d) => d.code === "missing-flow"));
});

test("checkText: never throws on arbitrary text", () => {
  for (const text of ["", "\ufeff", "}}}{{{", "firewall", "zone z any\nzone y any\n", SMALL.slice(0, 120), SMALL.replace(/\n/g, "\r\n")]) {
    const result = checkText(text);
    assert.ok(Array.isArray(result.diagnostics));
    assert.ok(!result.diagnostics.some((d) => d.message.startsWith("internal error")), text);
  }
});
