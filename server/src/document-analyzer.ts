// Keeps the latest CheckResult of every open document and publishes its diagnostics after
// a short pause in typing (a document just opened is analysed at once: nobody is typing). Results are only published for the version they were computed
// from, and only while that version is still the document's latest. A text with syntax
// errors gets them published as soon as it is parsed, before the (longer) analysis.
import type { TextDocument } from "vscode-languageserver-textdocument";
import { checkParsed, parseText, type CheckResult, type ParsedText } from "./core/check";

/** Long enough to let a burst of keystrokes settle, short enough to feel immediate. */
export const ANALYSIS_DEBOUNCE_MS = 150;

/**
 * The debounce the server uses: PEXNET_DEBOUNCE_MS when it is set to a number >= 0 (the
 * latency benchmark runs with 0 to measure the analysis alone), else ANALYSIS_DEBOUNCE_MS.
 */
export function debounceFromEnvironment(value: string | undefined = process.env.PEXNET_DEBOUNCE_MS): number {
  if (value === undefined || value.trim() === "") return ANALYSIS_DEBOUNCE_MS;
  const ms = Number(value);
  return Number.isFinite(ms) && ms >= 0 ? ms : ANALYSIS_DEBOUNCE_MS;
}

interface CachedResult {
  version: number;
  result: CheckResult;
}

export type PublishResult = (document: TextDocument, result: CheckResult) => void;
/** The syntax diagnostics of a version, published ahead of its complete result. */
export type PublishSyntax = (document: TextDocument, parsed: ParsedText) => void;

export class DocumentAnalyzer {
  private readonly cache = new Map<string, CachedResult>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The version each pending timer is for. */
  private readonly pendingVersions = new Map<string, number>();
  /** The last parse of every open document: the parser reuses what did not change. */
  private readonly parses = new Map<string, ParsedText>();

  constructor(
    private readonly latest: (uri: string) => TextDocument | undefined,
    private readonly publish: PublishResult,
    private readonly debounceMs = ANALYSIS_DEBOUNCE_MS,
    private readonly publishSyntax?: PublishSyntax,
  ) {}

  /**
   * A document changed: analyse it once typing pauses (`delayMs`, the debounce unless told).
   * A version already pending keeps its timer: the server hears of an opened document twice
   * (open, then content), and the second must not postpone the first.
   */
  schedule(document: TextDocument, delayMs = this.debounceMs): void {
    const uri = document.uri;
    const version = document.version;
    if (this.timers.has(uri) && this.pendingVersions.get(uri) === version) return;
    clearTimeout(this.timers.get(uri));
    this.pendingVersions.set(uri, version);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.pendingVersions.delete(uri);
        const current = this.latest(uri);
        // A newer version has its own timer; the work for this one is dropped.
        if (!current || current.version !== version) return;
        const cached = this.cache.get(uri);
        if (cached?.version === version) {
          this.publish(current, cached.result);
          return;
        }
        const parsed = this.parse(current);
        const finish = () => {
          if (this.latest(uri)?.version !== version) return; // outdated: its analysis is dropped
          const cachedNow = this.cache.get(uri);
          const result = cachedNow?.version === version ? cachedNow.result : this.store(current, checkParsed(parsed));
          this.publish(current, result);
        };
        if (this.publishSyntax && parsed.syntaxDiagnostics.length > 0) {
          this.publishSyntax(current, parsed);
          // The early publish goes out first; the analysis runs on the next turn, unless a
          // newer version has arrived by then.
          this.timers.set(uri, setTimeout(() => {
            this.timers.delete(uri);
            finish();
          }, 0));
        } else {
          finish();
        }
      }, delayMs),
    );
  }

  /** A document just opened: analyse it now. */
  open(document: TextDocument): void {
    this.schedule(document, 0);
  }

  /** The result for the document as it is now: cached, or computed (and cached) on demand. */
  resultFor(document: TextDocument): CheckResult {
    const cached = this.cache.get(document.uri);
    if (cached && cached.version === document.version) return cached.result;
    return this.store(document, checkParsed(this.parse(document)));
  }

  private parse(document: TextDocument): ParsedText {
    const parsed = parseText(document.getText(), this.parses.get(document.uri));
    this.parses.set(document.uri, parsed);
    return parsed;
  }

  private store(document: TextDocument, result: CheckResult): CheckResult {
    this.cache.set(document.uri, { version: document.version, result });
    return result;
  }

  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.pendingVersions.delete(uri);
    this.cache.delete(uri);
    this.parses.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.pendingVersions.clear();
    this.cache.clear();
    this.parses.clear();
  }
}
