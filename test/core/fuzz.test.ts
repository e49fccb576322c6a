// checkText on arbitrary and damaged text: it never throws, never fails internally, and
// every span it reports lies inside the (BOM-stripped) text.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { checkText } from "../../server/src/core/check";
import type { Span } from "../../server/src/core/syntax-tree";
import { BROKEN_RULES, GARBAGE_LINES, Mutation, mutate } from "../naive/broken-text";
import { toPexnet } from "../naive/deployment";
import { randomDeployment } from "../naive/random-deployment";

const BOM = "\uFEFF";

function assertSpansInside(text: string): void {
  const length = text.startsWith(BOM) ? text.length - 1 : text.length;
  let result;
  try {
    result = checkText(text);
  } catch (err) {
    assert.fail(`checkText threw on ${JSON.stringify(text)}: ${err instanceof Error ? err.stack : err}`);
  }
  const inside = (span: Span, what: string) => {
    assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: non-integer span ${JSON.stringify(span)}`);
    assert.ok(0 <= span.start && span.start <= span.end && span.end <= length,
      `${what}: span ${span.start}-${span.end} outside 0-${length} in ${JSON.stringify(text)}`);
  };
  for (const diagnostic of result.diagnostics) {
    // checkText turns an exception into an `internal error` diagnostic: that is a bug too.
    assert.ok(!diagnostic.message.startsWith("internal error"), `${diagnostic.message} on ${JSON.stringify(text)}`);
    inside(diagnostic.span, `${diagnostic.code} "${diagnostic.message}"`);
    for (const related of diagnostic.related ?? []) inside(related.span, `related of ${diagnostic.code}`);
  }
}

/** Fragments of pexnet so that random text reaches past the first token. */
const FRAGMENTS = [
  "deployment", "zone", "location", "management", "transcoding", "proxying", "firewall", "group", "dns",
  "endpoints", "admin", "allow", "deny", "tcp", "udp", "tcp+udp", "esp", "any", "from", "to", "between",
  "sport", "zones", "protects", "nat", "->", "default", "ip", "secondary", "subnet", "host", "{", "}", ",",
  "10.0.0.1", "10.0.0.0/8", "2001:db8::/32", "::1", "443", "40000-49999", "media", "@pexip", "x.primary",
  "a", "b", "#", "//", "\n", "\r\n", " ", "  ", "\t", BOM, "é", "😀", "\u0000", "-", "/", ".", "99999-",
];

const tokenSoup = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join(""));
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: "grapheme-ascii", maxLength: 200 }),
  tokenSoup,
  tokenSoup.map((text) => BOM + text),
);

test("arbitrary text: checkText never throws and every span lies inside the text", () => {
  fc.assert(fc.property(anyText, assertSpansInside), { numRuns: 4000 });
});

const insertion = fc.oneof(
  fc.constantFrom(...GARBAGE_LINES, ...BROKEN_RULES, "{", "}", "\n", "\r\n", BOM, "\n}\n", "zone", "firewall x {\n"),
  fc.string({ unit: "binary", maxLength: 12 }),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: insertion }),
  fc.record({ kind: fc.constant("swap-lines" as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant("delete-line" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate-line" as const), at: fc.nat() }),
);

test("mutated valid deployments: checkText never throws and every span lies inside the text", () => {
  fc.assert(fc.property(
    fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean(),
    (seed, mutations, withBom) => {
      const text = mutate(toPexnet(randomDeployment(seed)), mutations);
      assertSpansInside(withBom ? BOM + text : text);
    },
  ), { numRuns: 1500 });
});
