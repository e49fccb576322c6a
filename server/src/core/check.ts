// The whole check of one text: parse, build the model, analyse the flows, check the rules.
// Never throws: an internal failure becomes an `invalid` diagnostic at the start of the
// file, so that one bad file cannot take the CLI or the language server down.
import { analyze } from "./analysis";
import { FEATURE_DEFAULTS } from "./catalog-types";
import type { Diagnostic } from "./diagnostics";
import { NO_ADDRESSES } from "./interval-set";
import { buildModel } from "./model";
import type { Model } from "./model-types";
import { parseSource } from "./parser";
import { checkRules } from "./rule-checks";
import type { SourceFile } from "./syntax-tree";
import { LineIndex, stripBom } from "./text-position";

export interface CheckResult {
  source: SourceFile;
  model: Model;
  diagnostics: Diagnostic[];
  lines: LineIndex;
}

export function checkText(rawText: string, previous?: ParsedText): CheckResult {
  return checkParsed(parseText(rawText, previous));
}

/** The first step alone: the syntax tree and its syntax diagnostics (an editor can show them early). */
export interface ParsedText {
  source: SourceFile;
  lines: LineIndex;
  syntaxDiagnostics: Diagnostic[];
  /** Set when the parser itself failed (never expected): reported by checkParsed. */
  failure?: string;
}

/**
 * `previous`, the parse of an earlier version of the same document, lets the parser skip
 * what did not change; the result is the same without it.
 */
export function parseText(rawText: string, previous?: ParsedText): ParsedText {
  const text = stripBom(rawText);
  const lines = new LineIndex(text);
  try {
    const source = parseSource(text, previous?.source);
    const syntaxDiagnostics: Diagnostic[] = source.syntaxErrors.map((problem) => ({ code: "syntax", severity: "error", message: problem.message, span: problem.span }));
    return { source, lines, syntaxDiagnostics };
  } catch (err) {
    const source: SourceFile = { text, declarations: [], comments: [], syntaxErrors: [] };
    return { source, lines, syntaxDiagnostics: [], failure: err instanceof Error ? err.message : String(err) };
  }
}

/** The rest of the check on a parsed text: model, analysis, rule checks. */
export function checkParsed(parsed: ParsedText): CheckResult {
  const { source, lines } = parsed;
  const diagnostics: Diagnostic[] = [...parsed.syntaxDiagnostics];
  let model: Model | undefined;
  try {
    if (parsed.failure !== undefined) throw new Error(parsed.failure);
    const built: Model = buildModel(source);
    model = built;
    diagnostics.push(...built.diagnostics);
    diagnostics.push(...analyze(built));
    diagnostics.push(...checkRules(built));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    diagnostics.push({ code: "invalid", severity: "error", message: `internal error: ${reason}`, span: { start: 0, end: 0 } });
  }
  diagnostics.sort((a, b) => a.span.start - b.span.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { source, model: model ?? emptyModel(source), diagnostics, lines };
}

/** A model with nothing in it, for the (unexpected) case that building the real one failed. */
function emptyModel(source: SourceFile): Model {
  return {
    source,
    settings: { media: [40000, 49999], signaling: [33000, 39999], features: { ...FEATURE_DEFAULTS } },
    ipv6: false,
    zones: new Map(),
    locations: new Map(),
    nodes: [],
    peers: [],
    parties: new Map(),
    groups: new Map(),
    firewalls: [],
    declarations: new Map(),
    references: [],
    anyAddresses: NO_ADDRESSES,
    resolveTargets: () => NO_ADDRESSES,
    diagnostics: [],
  };
}
