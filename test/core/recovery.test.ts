// Error recovery (spec section 2): each fixture test/fixtures/recovery/NAME.pexnet has a
// NAME.expected.json pinning its syntax problems (0-based range, the text it covers, the
// message) and a summary of every declaration that came out. To rewrite the expected files
// after a deliberate change: PEXNET_UPDATE_FIXTURES=1 node --test out/test/core/recovery.test.js
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { parseSource } from "../../server/src/core/parser";
import { describeExpectations, describeFound, listInWords, syntaxMessage } from "../../server/src/core/syntax-messages";
import { LineIndex, type Position } from "../../server/src/core/text-position";
import type { Declaration, SourceFile, Span } from "../../server/src/core/syntax-tree";

const FIXTURES = path.join(__dirname, "../../../test/fixtures/recovery");
const EXAMPLES = path.join(__dirname, "../../../examples");
const UPDATE = process.env.PEXNET_UPDATE_FIXTURES === "1";

interface ExpectedProblem {
  range: { start: Position; end: Position };
  text: string;
  message: string;
}

interface Expected {
  problems: ExpectedProblem[];
  declarations: string[];
}

/** `firewall edge-fw [2 items, recovered, unclosed]`: what a declaration kept. */
function summary(declaration: Declaration): string {
  const facts = [contents(declaration)];
  if (declaration.recovered) facts.push("recovered");
  if (declaration.open && !declaration.close) facts.push("unclosed");
  return `${declaration.keyword.text} ${declaration.name?.text ?? "(no name)"} [${facts.join(", ")}]`;
}

function contents(declaration: Declaration): string {
  switch (declaration.kind) {
    case "deployment": return `${declaration.settings.length} settings`;
    case "zone": return declaration.any ? "any" : `${declaration.prefixes.length} prefixes`;
    case "location":
      return [declaration.transcoding && "transcoding", declaration.overflow && "overflow"].filter(Boolean).join(" ") || "-";
    case "node":
    case "peer": return `${declaration.attributes.length} attributes`;
    case "group": return `${declaration.members.length} members`;
    case "firewall": return `${declaration.items.length} items`;
  }
}

function actualOf(text: string, source: SourceFile): Expected {
  const lines = new LineIndex(text);
  return {
    problems: source.syntaxErrors.map((problem) => ({
      range: { start: lines.positionAt(problem.span.start), end: lines.positionAt(problem.span.end) },
      text: text.slice(problem.span.start, problem.span.end),
      message: problem.message,
    })),
    declarations: source.declarations.map(summary),
  };
}

/** One problem per few lines: easier to review than JSON.stringify's layout. */
function formatExpected(expected: Expected): string {
  const position = (p: Position) => `{ "line": ${p.line}, "character": ${p.character} }`;
  const problems = expected.problems.map((p) => [
    "    {",
    `      "range": { "start": ${position(p.range.start)}, "end": ${position(p.range.end)} },`,
    `      "text": ${JSON.stringify(p.text)},`,
    `      "message": ${JSON.stringify(p.message)}`,
    "    }",
  ].join("\n"));
  const declarations = expected.declarations.map((d) => `    ${JSON.stringify(d)}`);
  return `{\n  "problems": [\n${problems.join(",\n")}\n  ],\n  "declarations": [\n${declarations.join(",\n")}\n  ]\n}\n`;
}

function assertSpansInside(source: SourceFile, text: string): void {
  const inside = (span: Span, what: string) =>
    assert.ok(0 <= span.start && span.start <= span.end && span.end <= text.length,
      `${what} ${JSON.stringify(span)} lies outside 0-${text.length} of ${JSON.stringify(text)}`);
  for (const problem of source.syntaxErrors) inside(problem.span, `problem "${problem.message}"`);
  for (const declaration of source.declarations) inside(declaration.span, `declaration ${summary(declaration)}`);
  for (const comment of source.comments) inside(comment.span, "comment");
}

/** A copy of a syntax tree with every span moved by `delta`. */
function shifted<T>(value: T, delta: number): T {
  if (Array.isArray(value)) return value.map((item) => shifted(item, delta)) as T;
  if (value === null || typeof value !== "object") return value;
  const record = value as unknown as Record<string, unknown>;
  const entries = Object.entries(record);
  if (entries.length === 2 && typeof record.start === "number" && typeof record.end === "number") {
    return { start: record.start + delta, end: record.end + delta } as T;
  }
  return Object.fromEntries(entries.map(([key, item]) => [key, shifted(item, delta)])) as T;
}

const fixtureNames = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".pexnet")).map((f) => f.slice(0, -".pexnet".length)).sort();

for (const name of fixtureNames) {
  test(`recovery fixture ${name}`, () => {
    const text = fs.readFileSync(path.join(FIXTURES, `${name}.pexnet`), "utf8");
    const source = parseSource(text);
    const actual = actualOf(text, source);
    const expectedFile = path.join(FIXTURES, `${name}.expected.json`);
    if (UPDATE) fs.writeFileSync(expectedFile, formatExpected(actual));
    const expected = JSON.parse(fs.readFileSync(expectedFile, "utf8")) as Expected;
    assert.deepEqual(actual, expected);
    assert.ok(source.syntaxErrors.length > 0, "every fixture holds at least one syntax error");
    assertSpansInside(source, text);
    for (const problem of source.syntaxErrors) {
      assert.ok(problem.message.includes(problem.found), `the message names what was found: ${problem.message}`);
      assert.ok(problem.expected.length > 0, `the problem says what was expected: ${problem.message}`);
    }
  });
}

test("declarations that recovery keeps whole parse exactly as they do on their own", () => {
  for (const name of fixtureNames) {
    const text = fs.readFileSync(path.join(FIXTURES, `${name}.pexnet`), "utf8");
    for (const declaration of parseSource(text).declarations) {
      if (declaration.recovered || (declaration.open && !declaration.close)) continue;
      const alone = parseSource(text.slice(declaration.span.start, declaration.span.end));
      assert.deepEqual(alone.syntaxErrors, [], `${name}: ${summary(declaration)}`);
      assert.deepEqual(shifted(alone.declarations, declaration.span.start), [declaration], `${name}: ${summary(declaration)}`);
    }
  }
});

test("an error anywhere leaves every other declaration of the examples exactly as it was", () => {
  for (const file of fs.readdirSync(EXAMPLES).filter((f) => f.endsWith(".pexnet"))) {
    const clean = fs.readFileSync(path.join(EXAMPLES, file), "utf8");
    const good = parseSource(clean);
    assert.deepEqual(good.syntaxErrors, [], file);

    // A broken line at the end.
    const appended = parseSource(`${clean}allow tcp from\n`);
    assert.equal(appended.syntaxErrors.length, 1, file);
    assert.deepEqual(appended.declarations, good.declarations, file);

    // A broken declaration at the start moves everything by its length.
    const prefix = "zone broken 10.0.0.0/8 from\n";
    const prepended = parseSource(prefix + clean);
    assert.equal(prepended.syntaxErrors.length, 1, file);
    assert.deepEqual(prepended.declarations.slice(1), shifted(good.declarations, prefix.length), file);
    assert.equal(prepended.declarations[0].recovered, true);

    // A stray line after every declaration: one problem each, and nothing else changes.
    const lines = clean.split("\n");
    const lastLines = new Set(good.declarations.map((d) => clean.slice(0, d.span.end).split("\n").length - 1));
    const damaged = lines.map((line, i) => (lastLines.has(i) ? `${line}\n  stray words` : line)).join("\n");
    const withStrays = parseSource(damaged);
    assert.deepEqual(withStrays.syntaxErrors.map((e) => e.message), good.declarations.map(() => 'expected a declaration, found "stray"'), file);
    assert.deepEqual(withStrays.declarations.map(summary), good.declarations.map(summary), file);
  }
});

test("a broken line in a firewall costs one problem and no other rule", () => {
  const clean = fs.readFileSync(path.join(EXAMPLES, "internet-edge.pexnet"), "utf8");
  const good = parseSource(clean);
  const damaged = clean.replace(/^(  (allow|deny|zones|nat) .*)$/gm, "$1\n  oops, not a rule");
  const broken = parseSource(damaged);
  const ruleLines = clean.match(/^  (allow|deny|zones|nat) /gm)?.length ?? 0;
  assert.equal(broken.syntaxErrors.length, ruleLines);
  for (const problem of broken.syntaxErrors) {
    assert.equal(problem.message, 'expected "allow", "default", "deny", "nat", "protects" or "zones", found "oops"');
    assert.equal(damaged.slice(problem.span.start, problem.span.end), "oops, not a rule");
  }
  const firewalls = (source: SourceFile) => source.declarations.filter((d) => d.kind === "firewall");
  assert.deepEqual(firewalls(broken).map(summary), firewalls(good).map((d) => summary({ ...d, recovered: true })));
  const itemKinds = (source: SourceFile) => firewalls(source).map((d) => d.kind === "firewall" ? d.items.map((item) => item.kind) : []);
  assert.deepEqual(itemKinds(broken), itemKinds(good));
});

// ---------------------------------------------------------------- properties

/** Pieces of pexnet and of near-pexnet, so that random text reaches deep into the grammar. */
const VOCABULARY = [
  "deployment", "zone", "location", "management", "transcoding", "proxying", "group", "firewall", "dns",
  "endpoints", "web-proxy", "allow", "deny", "zones", "protects", "nat", "default", "from", "to", "between",
  "sport", "any", "tcp", "udp", "tcp+udp", "esp", "icmp", "media", "ip", "secondary", "subnet", "host", "port",
  "ports", "version", "enable", "overflow", "@pexip", "@nope", "mgmt", "edge-fw", "a-", "x.primary", ".secondary",
  "10.0.0.1", "10.0.0.0/8", "2001:db8::/32", "300.1.1.", "443", "40000-49999", "1-", "->", "{", "}", ",", "#c",
  "//c", " ", "  ", "\t", "\n", "\r\n", "\r", "\u00e9", "\u2028", "\ud83d\ude00",
];

const tokenSoup = fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 60 }).map((tokens) => tokens.join(""));
const spacedSoup = fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 60 }).map((tokens) => tokens.join(" "));

function assertParsesSafely(text: string): void {
  let source: SourceFile;
  try {
    source = parseSource(text);
  } catch (error) {
    assert.fail(`parseSource threw on ${JSON.stringify(text)}: ${error instanceof Error ? error.stack : error}`);
  }
  assertSpansInside(source, text);
  for (const problem of source.syntaxErrors) {
    assert.ok(!problem.message.includes("internal error"), `${problem.message} on ${JSON.stringify(text)}`);
  }
  // Declarations come in source order and never overlap.
  for (let i = 1; i < source.declarations.length; i++) {
    assert.ok(source.declarations[i - 1].span.end <= source.declarations[i].span.start, `overlapping declarations in ${JSON.stringify(text)}`);
  }
}

test("arbitrary text never makes parseSource throw, and every span lies inside the text", () => {
  fc.assert(fc.property(fc.string({ maxLength: 300 }), assertParsesSafely), { numRuns: 300 });
  fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), assertParsesSafely), { numRuns: 200 });
  fc.assert(fc.property(tokenSoup, assertParsesSafely), { numRuns: 400 });
  fc.assert(fc.property(spacedSoup, assertParsesSafely), { numRuns: 400 });
});

type Mutation =
  | { op: "delete"; at: number; length: number }
  | { op: "insert"; at: number; piece: string }
  | { op: "replace"; at: number; piece: string }
  | { op: "duplicate-line"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), piece: fc.constantFrom(...VOCABULARY) }),
  fc.record({ op: fc.constant("replace" as const), at: fc.nat(), piece: fc.constantFrom(...VOCABULARY) }),
  fc.record({ op: fc.constant("duplicate-line" as const), at: fc.nat() }),
);

function applyMutation(text: string, change: Mutation): string {
  const at = text.length === 0 ? 0 : change.at % (text.length + 1);
  switch (change.op) {
    case "delete": return text.slice(0, at) + text.slice(at + change.length);
    case "insert": return text.slice(0, at) + change.piece + text.slice(at);
    case "replace": return text.slice(0, at) + change.piece + text.slice(at + change.piece.length);
    case "duplicate-line": {
      const start = text.lastIndexOf("\n", at - 1) + 1;
      const end = text.indexOf("\n", at);
      const line = text.slice(start, end === -1 ? text.length : end + 1);
      return text.slice(0, start) + line + text.slice(start);
    }
  }
}

test("mutations of valid files never make parseSource throw, and every span lies inside the text", () => {
  const examples = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith(".pexnet")).map((f) => fs.readFileSync(path.join(EXAMPLES, f), "utf8"));
  const mutated = fc.tuple(fc.constantFrom(...examples), fc.array(mutation, { minLength: 1, maxLength: 6 }))
    .map(([text, changes]) => changes.reduce(applyMutation, text));
  fc.assert(fc.property(mutated, assertParsesSafely), { numRuns: 500 });
});

// ---------------------------------------------------------------- wording

test("expectations read as plain words: deduplicated, keywords first, the end of the line last", () => {
  const words = describeExpectations([
    { type: "end" },
    { type: "other", description: "a port" },
    { type: "literal", text: "sport" },
    { type: "literal", text: "\n" },
    { type: "literal", text: "," },
    { type: "other", description: "whitespace" },
    { type: "other", description: "a comment" },
    { type: "literal", text: "sport" },
  ]);
  assert.deepEqual(words, ['","', '"sport"', "a port", "the end of the line"]);
  assert.equal(syntaxMessage(words, '"to"'), 'expected ",", "sport", a port or the end of the line, found "to"');
  assert.equal(listInWords(["a"]), "a");
  assert.equal(listInWords(["a", "b"]), "a or b");
});

test("what was found: the word there, a brace, the end of the line or file, or an odd character", () => {
  const text = "allow tcp 443,from {x}\t# note\n\u0007 " + "y".repeat(50);
  assert.equal(describeFound(text, 0), '"allow"');
  assert.equal(describeFound(text, 10), '"443"');
  assert.equal(describeFound(text, 13), '","');
  assert.equal(describeFound(text, 14), '"from"');
  assert.equal(describeFound(text, 19), '"{"');
  assert.equal(describeFound(text, 20), '"x"');
  assert.equal(describeFound(text, 22), "a space");
  assert.equal(describeFound(text, 23), "a comment");
  assert.equal(describeFound(text, 29), "the end of the line");
  assert.equal(describeFound(text, 30), "the character U+0007");
  assert.equal(describeFound(text, 32), `"${"y".repeat(40)}..."`);
  assert.equal(describeFound(text, text.length), "the end of the file");
});
