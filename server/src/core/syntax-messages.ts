// Plain-words syntax messages: what the parser expected (from Peggy's expectation set) and
// what it found (from the text itself), as in `expected "from" or "between", found "to"`.
import type { PeggyExpectation } from "./generated/pexnet-grammar";

export const END_OF_LINE = "the end of the line";
export const END_OF_FILE = "the end of the file";

/** What a missing or wrong target position accepts, as one phrase. */
const TARGET = 'a target (a name, an address, any or a built-in group such as @pexip)';
const TARGET_PARTS = ["a name", "an address", '"any"', "a built-in group"];

/** Expectations that are true everywhere and would only add noise to a message. */
const SILENT = new Set(["whitespace", "a comment"]);

const LINE_BREAKS = new Set(["\n", "\r\n", "\r"]);

/**
 * Turns Peggy's expectation set into sorted, deduplicated plain words: quoted keywords and
 * punctuation first, then descriptions, then the end of the line.
 */
export function describeExpectations(expected: readonly PeggyExpectation[]): string[] {
  const words = new Set<string>();
  for (const expectation of expected) {
    const word = describeExpectation(expectation);
    if (word !== undefined) words.add(word);
  }
  if (TARGET_PARTS.every((part) => words.has(part))) {
    for (const part of TARGET_PARTS) words.delete(part);
    words.add(TARGET);
  }
  return [...words].sort(compareExpectations);
}

function describeExpectation(expectation: PeggyExpectation): string | undefined {
  switch (expectation.type) {
    case "literal": {
      const text = expectation.text ?? "";
      return LINE_BREAKS.has(text) ? END_OF_LINE : `"${text}"`;
    }
    case "end":
      return END_OF_LINE;
    case "other": {
      const description = expectation.description ?? "";
      return SILENT.has(description) ? undefined : description;
    }
    case "class":
      // Every character class of the grammar sits inside a named rule; a bare one is
      // only ever whitespace.
      return undefined;
    default:
      return "a character";
  }
}

function rank(word: string): number {
  if (word === END_OF_LINE) return 2;
  return word.startsWith('"') ? 0 : 1;
}

function compareExpectations(a: string, b: string): number {
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `a`, `a or b`, `a, b or c`. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** The one-line message of a syntax problem. */
export function syntaxMessage(expected: readonly string[], found: string): string {
  if (expected.length === 0) return `did not expect ${found} here`;
  return `expected ${listInWords(expected)}, found ${found}`;
}

/** How a missing `}` is reported: which block it should close and what came instead. */
export function unclosedBlockMessage(keyword: string, name: string | undefined, found: string): string {
  const block = name === undefined ? keyword : `${keyword} "${name}"`;
  return `expected "}" to close ${block}, found ${found}`;
}

/** The declaration line that cut a block or a broken line short (`line` counts from 1). */
export function describeNextDeclaration(keyword: string, line: number): string {
  return `the next declaration "${keyword}" on line ${line}`;
}

const FOUND_LIMIT = 40;

/**
 * What the text holds at `offset`, for `found ...`: the end of the line or file, a comment,
 * a brace or comma, or the word that starts there (cut at whitespace and punctuation).
 */
export function describeFound(text: string, offset: number): string {
  if (offset >= text.length) return END_OF_FILE;
  const first = text[offset];
  if (first === "\n" || first === "\r") return END_OF_LINE;
  if (first === "#" || text.startsWith("//", offset)) return "a comment";
  if (first === " " || first === "\t") return "a space";
  if (isOddCharacter(first)) return `the character U+${first.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
  if (first === "{" || first === "}" || first === ",") return `"${first}"`;
  let end = offset;
  while (end < text.length && end - offset < FOUND_LIMIT && !endsWord(text, end)) end++;
  const word = text.slice(offset, end);
  const cut = end < text.length && !endsWord(text, end);
  return JSON.stringify(cut ? `${word}...` : word);
}

function endsWord(text: string, index: number): boolean {
  const c = text[index];
  return c === " " || c === "\t" || c === "\n" || c === "\r" || c === "{" || c === "}" || c === "," || c === "#" ||
    (c === "/" && text[index + 1] === "/") || isOddCharacter(c);
}

/** Control characters and whitespace other than a space: shown by code point. */
function isOddCharacter(c: string): boolean {
  const code = c.charCodeAt(0);
  return code < 0x20 || code === 0x7f || (code > 0x7f && /\s/.test(c));
}
