// parseSource: text -> syntax tree, with the line-based error recovery of the language
// (spec section 2).
//
// A valid file is parsed in one strict pass (the fast path). When that fails, the text is
// cut into chunks at the lines that start with a declaration keyword in column 1; runs of
// good chunks are still parsed in one pass each, and every chunk that fails is parsed
// twice: strictly, for Peggy's expectation set (the message), then with the grammar's
// recovery alternatives switched on, which keep what parsed and skip the rest. A run pass
// that fails is not wasted: the declarations it completed before the failing chunk (their
// trivia ending exactly at its start) are what a pass over those chunks alone would give.
// Given the parse of the document's previous version, the whole-text pass resumes after the
// declarations that lie (with a lookahead margin) before the first changed character.
import { LineIndex } from "./text-position";
import { PEER_KINDS } from "./catalog-types";
import type { Comment, Declaration, SourceFile, Span, SyntaxProblem } from "./syntax-tree";
import { parse as parseWithGrammar, SyntaxError as GrammarSyntaxError, type PeggyExpectation } from "./generated/pexnet-grammar";
import {
  describeExpectations, describeFound, describeNextDeclaration, syntaxMessage, unclosedBlockMessage,
} from "./syntax-messages";

/** Keywords that start a declaration when written in column 1. */
export const DECLARATION_KEYWORDS: readonly string[] = [
  "deployment", "zone", "location", "management", "transcoding", "proxying", "group", "firewall",
  ...PEER_KINDS,
];

const KEYWORD_ALTERNATIVES = `(?:${DECLARATION_KEYWORDS.join("|")})(?![A-Za-z0-9_-])`;
/** A declaration keyword in column 1 (at the start of the text or after a line break). */
const DECLARATION_LINE = new RegExp(`(?<![^\\r\\n])${KEYWORD_ALTERNATIVES}`, "g");
const DECLARATION_AHEAD = new RegExp(KEYWORD_ALTERNATIVES, "y");
const COMMENT = /#[^\r\n]*|\/\/[^\r\n]*/g;

/**
 * Parses a whole file (its BOM already removed). Never throws. `previous`, the parse of an
 * earlier version of the same document, lets the strict pass start where the two texts
 * still agree instead of at the top (the result is the same as without it).
 */
export function parseSource(text: string, previous?: SourceFile): SourceFile {
  const comments = collectComments(text);
  try {
    const whole = attemptWhole(text, previous);
    let file: SourceFile;
    if (whole.ok) {
      file = { text, declarations: whole.value, comments, syntaxErrors: [] };
    } else {
      const recovery = new Recovery(text);
      recovery.run(whole);
      const syntaxErrors = recovery.problems.sort((a, b) => a.span.start - b.span.start);
      file = { text, declarations: recovery.declarations, comments, syntaxErrors };
    }
    WHOLE_PASSES.set(file, whole.completed);
    return file;
  } catch (error) {
    // A bug here must not take the caller down: say so at the start of the file.
    const reason = error instanceof Error ? error.message : String(error);
    const message = `the parser stopped on an internal error (${reason}); nothing of this file was read`;
    return { text, declarations: [], comments, syntaxErrors: [{ span: { start: 0, end: 0 }, message, expected: [], found: "" }] };
  }
}

/** What the strict pass over the whole text of a SourceFile completed (see attemptRun). */
const WHOLE_PASSES = new WeakMap<SourceFile, readonly (Declaration | number)[]>();

/**
 * How far past the end of a declaration's trivia its strict parse may look: at most a
 * declaration keyword and the character after it (the test that a block or a list does not
 * run into the next declaration line). Generous, so that nothing depends on the exact figure.
 */
const LOOKAHEAD_MARGIN = 256;

/**
 * The strict pass over the whole text. The declarations the previous version's pass
 * completed before the first changed character (less the lookahead margin) were parsed from
 * the same characters, so the pass resumes after the last of them. Its failure offset is
 * the whole pass's when it lies past the margin (nothing before can have failed further).
 */
function attemptWhole(text: string, previous: SourceFile | undefined): RunAttempt {
  const before = previous === undefined ? undefined : WHOLE_PASSES.get(previous);
  if (before !== undefined && before.length > 0 && previous !== undefined) {
    const limit = commonPrefixLength(previous.text, text) - LOOKAHEAD_MARGIN;
    let last = -1; // index in `before` of the end offset to resume at
    // Only at a line start: the slice's first character counts as column 1 for the grammar,
    // so resuming mid-line would accept an indented declaration keyword that it rejects.
    for (let i = 1; i < before.length && (before[i] as number) <= limit; i += 2) {
      if (isLineStart(text, before[i] as number)) last = i;
    }
    if (last > 0) {
      const from = before[last] as number;
      const rest = attemptRun(text, from);
      if (rest.ok || rest.at >= from + LOOKAHEAD_MARGIN) {
        const completed = before.slice(0, last + 1);
        for (const item of rest.completed) completed.push(item);
        if (!rest.ok) return { ...rest, completed };
        const declarations: Declaration[] = [];
        for (let i = 0; i < last; i += 2) declarations.push(before[i] as Declaration);
        for (const declaration of rest.value) declarations.push(declaration);
        return { ok: true, value: declarations, completed };
      }
    }
  }
  return attemptRun(text, 0);
}

/** The offset starts a line (as the grammar's atLineStart sees it in a whole text). */
function isLineStart(text: string, offset: number): boolean {
  return offset === 0 || isLineBreak(text.charCodeAt(offset - 1));
}

function commonPrefixLength(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  let i = 0;
  while (i < length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Every comment of the text. No token contains `#` or `//`, so one scan finds them all. */
function collectComments(text: string): Comment[] {
  const comments: Comment[] = [];
  COMMENT.lastIndex = 0;
  for (let match = COMMENT.exec(text); match !== null; match = COMMENT.exec(text)) {
    comments.push({ text: match[0], span: { start: match.index, end: match.index + match[0].length } });
  }
  return comments;
}

/** Where a strict parse stopped and what it would have accepted there. */
interface Failure {
  at: number;
  expected: PeggyExpectation[];
}

type Attempt<T> = { ok: true; value: T } | ({ ok: false } & Failure);

/** Parses text[from, to) with a start rule; spans come out absolute. */
function attempt<T>(text: string, startRule: string, from: number, to: number, recover = false): Attempt<T> {
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  try {
    return { ok: true, value: parseWithGrammar(slice, { startRule, base: from, recover }) as T };
  } catch (error) {
    if (!(error instanceof GrammarSyntaxError)) throw error;
    return { ok: false, at: from + error.location.start.offset, expected: error.expected ?? [] };
  }
}

/**
 * A strict File parse of text[from, end of text). `completed` holds what the pass completed
 * (all of it when it succeeded): each declaration, then the offset where its trivia ended.
 */
type RunAttempt = ({ ok: true; value: Declaration[] } | ({ ok: false } & Failure)) & { completed: (Declaration | number)[] };

function attemptRun(text: string, from: number): RunAttempt {
  const completed: (Declaration | number)[] = [];
  const slice = from === 0 ? text : text.slice(from);
  try {
    const value = parseWithGrammar(slice, { startRule: "File", base: from, sink: completed }) as Declaration[];
    return { ok: true, value, completed };
  } catch (error) {
    if (!(error instanceof GrammarSyntaxError)) throw error;
    return { ok: false, at: from + error.location.start.offset, expected: error.expected ?? [], completed };
  }
}

/**
 * The declarations of a failed run pass whose trivia ended exactly at `to`, or undefined
 * when none did (then a pass over the chunks before `to` would not parse as they did).
 */
function completedBefore(completed: readonly (Declaration | number)[], to: number): Declaration[] | undefined {
  for (let i = completed.length - 1; i > 0; i -= 2) {
    const end = completed[i] as number;
    if (end === to) {
      const declarations: Declaration[] = [];
      for (let j = 0; j < i; j += 2) declarations.push(completed[j] as Declaration);
      return declarations;
    }
    if (end < to) return undefined;
  }
  return undefined;
}

/** What the grammar's recovery alternatives report about the declaration of a chunk. */
type RecoveryNote =
  | { kind: "bad-line"; span: Span } // a firewall line that does not parse (and the lines skipped after it)
  | { kind: "unclosed" } // the block ran into the end of the chunk without its `}`
  | { kind: "skipped"; at: number } // the head or the block broke: the rest of the chunk was skipped
  | { kind: "trailing"; at: number }; // junk after a complete declaration

interface RecoveredChunk {
  declaration: Declaration;
  notes: RecoveryNote[];
}

/** A declaration line and the lines after it, or the text before the first declaration. */
interface Chunk {
  start: number;
  end: number;
  /** The declaration keyword; absent for the prelude. */
  keyword?: string;
}

class Recovery {
  readonly declarations: Declaration[] = [];
  readonly problems: SyntaxProblem[] = [];
  private readonly chunks: Chunk[];
  private lineIndex: LineIndex | undefined;

  constructor(private readonly text: string) {
    this.chunks = splitIntoChunks(text);
  }

  /** `first` is the failed strict pass over the whole text. */
  run(first: RunAttempt & Failure): void {
    const { chunks, text } = this;
    let pass = first;
    let index = 0;
    while (index < chunks.length) {
      // Good chunks before the failing one are parsed in one pass (or taken from the pass
      // that failed). In rare cases a strict parse fails just past the chunk at fault (a
      // block's lookahead reached the next declaration line), so a failing prefix moves the
      // blame one chunk back.
      let bad = Math.max(index, this.chunkAt(pass.at));
      const done = bad > index ? completedBefore(pass.completed, chunks[bad].start) : undefined;
      if (done !== undefined) {
        for (const declaration of done) this.declarations.push(declaration);
      } else {
        while (bad > index) {
          const prefix = attempt<Declaration[]>(text, "File", chunks[index].start, chunks[bad].start);
          if (prefix.ok) {
            this.declarations.push(...prefix.value);
            break;
          }
          bad = Math.min(bad - 1, Math.max(index, this.chunkAt(prefix.at)));
        }
      }
      this.recoverChunk(chunks[bad]);
      index = bad + 1;
      if (index >= chunks.length) break;
      const rest = attemptRun(text, chunks[index].start);
      if (rest.ok) {
        this.declarations.push(...rest.value);
        break;
      }
      pass = rest;
    }
  }

  /** Index of the chunk holding `offset` (the end of the text belongs to the last one). */
  private chunkAt(offset: number): number {
    const { chunks } = this;
    let low = 0;
    let high = chunks.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (chunks[mid].start <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  private recoverChunk(chunk: Chunk): void {
    if (chunk.keyword === undefined) {
      const prelude = attempt<null>(this.text, "Prelude", chunk.start, chunk.end);
      if (!prelude.ok) this.reportStrayText(prelude.at, chunk);
      return;
    }
    const strict = attempt<RecoveredChunk>(this.text, "Chunk", chunk.start, chunk.end);
    if (strict.ok) {
      this.declarations.push(strict.value.declaration);
      return;
    }
    const recovered = attempt<RecoveredChunk>(this.text, "Chunk", chunk.start, chunk.end, true);
    if (!recovered.ok) {
      // Recovery always succeeds on a chunk that starts with its keyword; stay safe anyway.
      this.reportExpectations(strict.at, strict.expected, chunk);
      return;
    }
    const { declaration, notes } = recovered.value;
    this.declarations.push(declaration);
    if (declaration.recovered || (declaration.open && !declaration.close)) {
      // The span ran over the lines up to the next declaration: end it at its last word.
      const last = lastWordBefore(this.text, declaration.span.end, declaration.span.start);
      if (last !== undefined) declaration.span.end = last.end;
    }
    const problemsBefore = this.problems.length;
    for (const note of notes) {
      switch (note.kind) {
        case "bad-line":
          this.reportFirewallLine(note.span, chunk);
          break;
        case "unclosed":
          this.reportUnclosed(declaration, chunk);
          break;
        case "skipped":
          this.reportExpectations(strict.at, strict.expected, chunk);
          break;
        case "trailing":
          this.reportTrailing(note.at, declaration, strict, chunk);
          break;
      }
    }
    // The strict parse failed, so the chunk owes at least one problem.
    if (this.problems.length === problemsBefore) this.reportExpectations(strict.at, strict.expected, chunk);
  }

  /** Junk after a complete declaration: on its line it breaks it, on later lines it is stray. */
  private reportTrailing(at: number, declaration: Declaration, strict: Failure, chunk: Chunk): void {
    if (hasLineBreak(this.text, declaration.span.end, at)) {
      this.reportStrayText(at, chunk);
      return;
    }
    if (declaration.close === undefined) declaration.recovered = true;
    // The strict parse may have got further (`10.0.0.0/8,` wants another address).
    if (strict.at >= at) this.reportExpectations(strict.at, strict.expected, chunk);
    else this.report(at, ["the end of the line"], chunk);
  }

  /** Text where only a declaration (in column 1), a comment or a blank line may stand. */
  private reportStrayText(at: number, chunk: Chunk): void {
    const indented = !isLineStart(this.text, at);
    const expected = indented && startsWithDeclarationKeyword(this.text, at) ? "a declaration starting in column 1" : "a declaration";
    this.report(at, [expected], chunk);
  }

  private reportExpectations(at: number, expected: readonly PeggyExpectation[], chunk: Chunk): void {
    this.report(at, describeExpectations(expected), chunk);
  }

  private report(at: number, expected: string[], chunk: Chunk, within: Span = chunk): void {
    const found = this.describeFoundIn(at, chunk);
    this.problems.push({ span: problemSpan(this.text, at, within), message: syntaxMessage(expected, found), expected, found });
  }

  /** A firewall line that does not parse: its message comes from parsing that line alone. */
  private reportFirewallLine(skipped: Span, chunk: Chunk): void {
    const lineSpan = { start: skipped.start, end: endOfLine(this.text, skipped.start) };
    // The skipped text stops before a `}` that ends the line: that brace closes the block.
    const line = attempt<unknown>(this.text, "FirewallLine", skipped.start, Math.min(lineSpan.end, skipped.end));
    if (line.ok) this.report(skipped.start, ["a rule or a setting on a line of its own"], chunk, lineSpan);
    else this.report(line.at, describeExpectations(line.expected), chunk, lineSpan);
  }

  private reportUnclosed(declaration: Declaration, chunk: Chunk): void {
    const found = this.describeFoundIn(chunk.end, chunk);
    const open = declaration.open ?? declaration.keyword.span;
    this.problems.push({
      span: { start: open.start, end: open.end },
      message: unclosedBlockMessage(declaration.keyword.text, declaration.name?.text, found),
      expected: ['"}"'],
      found,
    });
  }

  /** Like describeFound, but the end of a chunk is the next declaration. */
  private describeFoundIn(at: number, chunk: Chunk): string {
    if (at >= chunk.end && chunk.end < this.text.length) {
      const next = this.chunks[this.chunkAt(chunk.end)];
      this.lineIndex ??= new LineIndex(this.text);
      return describeNextDeclaration(next.keyword ?? "", this.lineIndex.positionAt(chunk.end).line + 1);
    }
    return describeFound(this.text, at);
  }
}

function splitIntoChunks(text: string): Chunk[] {
  const starts: { at: number; keyword: string }[] = [];
  DECLARATION_LINE.lastIndex = 0;
  for (let match = DECLARATION_LINE.exec(text); match !== null; match = DECLARATION_LINE.exec(text)) {
    starts.push({ at: match.index, keyword: match[0] });
  }
  const chunks: Chunk[] = [];
  if (starts.length === 0 || starts[0].at > 0) chunks.push({ start: 0, end: starts[0]?.at ?? text.length });
  starts.forEach(({ at, keyword }, i) => chunks.push({ start: at, end: starts[i + 1]?.at ?? text.length, keyword }));
  return chunks;
}

function startsWithDeclarationKeyword(text: string, at: number): boolean {
  DECLARATION_AHEAD.lastIndex = at;
  return DECLARATION_AHEAD.test(text);
}

// ---------------------------------------------------------------- ranges of problems

/**
 * The range an editor underlines: from the failure to the last non-blank character of its
 * line (comments left out); when nothing is left there, the last word before the failure.
 * Stays inside `within` (the chunk or the firewall line).
 */
function problemSpan(text: string, at: number, within: Span): Span {
  const lineEnd = Math.min(endOfLine(text, at), within.end);
  const end = trimBlankEnd(text, at, commentStart(text, at, lineEnd));
  if (end > at && !isBlank(text.charCodeAt(at))) return { start: at, end };
  const point = Math.min(at, within.end);
  return lastWordBefore(text, point, within.start) ?? { start: point, end: point };
}

/** The last word (a run of non-blanks) before `position`, over blank lines and comments. */
function lastWordBefore(text: string, position: number, floor: number): Span | undefined {
  let at = position;
  while (at > floor) {
    const lineStart = Math.max(startOfLine(text, at), floor);
    const wordEnd = trimBlankEnd(text, lineStart, commentStart(text, lineStart, at));
    if (wordEnd > lineStart) {
      let wordStart = wordEnd;
      while (wordStart > lineStart && !isBlank(text.charCodeAt(wordStart - 1))) wordStart--;
      return { start: wordStart, end: wordEnd };
    }
    // Step over the line break into the end of the previous line.
    at = lineStart;
    if (at > floor) at--;
    if (at > floor && text.charCodeAt(at) === 10 && text.charCodeAt(at - 1) === 13) at--;
  }
  return undefined;
}

function endOfLine(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isLineBreak(text.charCodeAt(i))) i++;
  return i;
}

function startOfLine(text: string, from: number): number {
  let i = from;
  while (i > 0 && !isLineBreak(text.charCodeAt(i - 1))) i--;
  return i;
}

/** Where a comment starts in text[from, to), or `to`. */
function commentStart(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 35 /* # */ || (c === 47 /* / */ && text.charCodeAt(i + 1) === 47 && i + 1 < to)) return i;
  }
  return to;
}

/** `end` moved back over blanks and line breaks, not before `start`. */
function trimBlankEnd(text: string, start: number, end: number): number {
  let i = end;
  while (i > start && isBlank(text.charCodeAt(i - 1))) i--;
  return i;
}

function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isLineBreak(text.charCodeAt(i))) return true;
  return false;
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
