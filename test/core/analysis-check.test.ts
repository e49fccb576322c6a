// checkText: the whole pipeline.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkText } from "../../server/src/core/check";
import { toPexnet } from "../naive/deployment";
import { randomDeployment } from "../naive/random-deployment";

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

test("flowsOf: each diagnostic's per-party count equals filtering its flows", () => {
  let checked = 0;
  for (let seed = 1; seed <= 60; seed++) {
    for (const diagnostic of checkText(toPexnet(randomDeployment(seed))).diagnostics) {
      if (!diagnostic.flowsOf) continue;
      const flows = diagnostic.flows ?? [];
      const names = new Set(flows.flatMap((f) => [f.from, f.to]));
      names.add("no-such-party");
      for (const name of names) {
        assert.equal(diagnostic.flowsOf(name), flows.filter((f) => f.from === name || f.to === name).length, `seed ${seed}, ${diagnostic.message}: ${name}`);
        checked++;
      }
    }
  }
  // Nodes of one address class behind a host firewall that drops IPsec: a batch whose
  // sources are also its destinations, where no node counts a flow to itself.
  const sameClass = `zone a 10.1.0.0/16
location l
management mgmt { ip 10.1.0.5 }
transcoding t1 { ip 10.1.0.11  location l }
transcoding t2 { ip 10.1.0.12  location l }
transcoding t3 { ip 10.1.0.13  location l }
firewall guard {
  protects t1, t2, t3
  default deny
}
`;
  const esp = checkText(sameClass).diagnostics.find((d) => d.code === "missing-flow" && d.message.includes("esp"));
  assert.ok(esp?.flowsOf, "guard drops esp between the transcoding nodes");
  // From and to each of the other two transcoding nodes and the Management Node.
  assert.equal(esp.flowsOf("t1"), 5);
  assert.equal(esp.flowsOf("t1"), esp.flows!.filter((f) => f.from === "t1" || f.to === "t1").length);
  assert.ok(checked > 100, `only ${checked} counts were compared`);
});
