// What every step of buildModel shares: the diagnostics found so far, the references
// recorded, the first declaration of every name, and name resolution with did-you-mean.
import type { Diagnostic, DiagnosticCode, RelatedInformation, Severity } from "./diagnostics";
import type { Reference } from "./model-types";
import type { Declaration, Identifier, SourceFile, Span } from "./syntax-tree";

export type Expectation = Reference["expects"];

export class ModelContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly references: Reference[] = [];
  /** The first declaration of every name (later ones are duplicates). */
  readonly declarations = new Map<string, Declaration>();

  constructor(readonly source: SourceFile) {}

  report(code: DiagnosticCode, severity: Severity, span: Span, message: string, related?: RelatedInformation[]): void {
    const diagnostic: Diagnostic = { code, severity, message, span: { start: span.start, end: span.end } };
    if (related && related.length > 0) diagnostic.related = related;
    this.diagnostics.push(diagnostic);
  }

  error(code: DiagnosticCode, span: Span, message: string, related?: RelatedInformation[]): void {
    this.report(code, "error", span, message, related);
  }

  warning(code: DiagnosticCode, span: Span, message: string, related?: RelatedInformation[]): void {
    this.report(code, "warning", span, message, related);
  }

  hint(code: DiagnosticCode, span: Span, message: string): void {
    this.report(code, "hint", span, message);
  }

  /**
   * Records a reference to `id` and returns its declaration when `accepts` takes it.
   * Reports `unknown-name` (with the closest accepted name) when nothing is declared under
   * it, and `invalid` when the declaration is of the wrong kind (`wanted` says which).
   */
  resolve(id: Identifier, expects: Expectation, accepts: (decl: Declaration) => boolean, wanted: string, advice?: string): Declaration | undefined {
    const name = id.text;
    const decl = this.declarations.get(name);
    this.references.push({ name, span: id.span, expects, declaration: decl });
    if (!decl) {
      const candidates = [...this.declarations.values()].filter(accepts);
      const closest = closestName(name, candidates.map((d) => d.name?.text ?? ""));
      const closestDecl = closest === undefined ? undefined : this.declarations.get(closest);
      const message = closestDecl
        ? `"${name}" is not declared; did you mean "${closest}" (${describeDeclaration(closestDecl)})?`
        : `"${name}" is not declared: declare ${wanted} named "${name}", or correct the name`;
      this.error("unknown-name", id.span, message);
      return undefined;
    }
    if (!accepts(decl)) {
      this.error("invalid", id.span, `"${name}" is ${describeDeclaration(decl)}, but ${wanted} is expected here: ${advice ?? `name ${wanted} instead`}`);
      return undefined;
    }
    return decl;
  }
}

/** Where a diagnostic about a whole declaration goes: its name, else its keyword. */
export function nameSpan(decl: Declaration): Span {
  return decl.name?.span ?? decl.keyword.span;
}

/** Where a diagnostic about the whole file goes: the deployment's name, else the file start. */
export function fileAnchor(source: SourceFile): Span {
  const deployment = (source.declarations ?? []).find((d) => d.kind === "deployment");
  return deployment ? nameSpan(deployment) : { start: 0, end: 0 };
}

const NODE_ROLE_NAMES = {
  management: "the Management Node",
  transcoding: "a Transcoding Conferencing Node",
  proxying: "a Proxying Edge Node",
} as const;

/** "a zone", "a dns peer", "the Management Node", ... for messages. */
export function describeDeclaration(decl: Declaration): string {
  switch (decl.kind) {
    case "deployment": return "the deployment";
    case "zone": return "a zone";
    case "location": return "a location";
    case "node": return NODE_ROLE_NAMES[decl.role];
    case "peer": return `${withArticle(decl.peerKind)} peer`;
    case "group": return "a group";
    case "firewall": return "a firewall";
  }
}

/** "`ip`", "`ip` and `zone`", "`a`, `b` and `c`". */
export function codeList(words: readonly string[]): string {
  const quoted = words.map((w) => `\`${w}\``);
  return quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}

/** "a dns", "an ftp", "an admin": the article as the word is spoken. */
export function withArticle(word: string): string {
  // Initialisms read letter by letter start with a vowel sound: an FTP, an SMTP, an NTP.
  return `${/^([aeiou]|ftp|smtp|snmp|sfb|rtmp|ldap|ntp)/.test(word) ? "an" : "a"} ${word}`;
}

/**
 * Edit distance with adjacent transpositions counted once (`crop` -> `corp` is 1), so
 * did-you-mean catches the usual typos.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2][j - 2] + 1);
      rows[i][j] = best;
    }
  }
  return rows[a.length][b.length];
}

/** The candidate closest to `name`: at most 2 edits away (1 for names of up to 4 characters). */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === "" || candidate === name) continue;
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // Two edits turn any short word into another (`smtp` -> `http`): short names get one.
  return bestDistance <= (name.length <= 4 ? 1 : 2) ? best : undefined;
}
