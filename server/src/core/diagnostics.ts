// Diagnostics as the core reports them: offsets into the text, no LSP types. The CLI and
// the language server convert spans to their own positions (see text-position.ts).
import type { Span } from "./syntax-tree";

export const DIAGNOSTIC_CODES = [
  "syntax", "duplicate-name", "invalid", "bad-address", "unknown-name", "no-zone",
  "no-route", "ambiguous-route", "missing-flow", "nat-between-nodes", "missing-service",
  "port-range", "ssh-secondary", "obsolete-host", "shadowed-rule", "mixed-location",
  "unused-name",
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export type Severity = "error" | "warning" | "information" | "hint";

export type FlowProtocol = "tcp" | "udp" | "esp" | "icmp";

/** One required flow between two named parties that a firewall does not (fully) let through. */
export interface FlowReport {
  from: string;
  to: string;
  protocol: FlowProtocol;
  /** Destination port ranges NOT allowed: sorted, disjoint, adjacent merged; [] for esp/icmp. */
  ports: [number, number][];
  /** The firewall that drops it (for nat-between-nodes: the one that translates). */
  firewall?: string;
  /** Catalog row id the flow comes from. */
  row?: string;
}

export interface RelatedInformation {
  span: Span;
  message: string;
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  span: Span;
  related?: RelatedInformation[];
  /** On missing-flow, no-route and nat-between-nodes. */
  flows?: FlowReport[];
  /**
   * What the flows amount to, without building them (the language server publishes this
   * instead of the entries). Not enumerable: JSON output and comparisons do not see it.
   */
  readonly flowSummary?: FlowSummary;
  /** How many of the flows have the named party at either end, without building them. Not enumerable. */
  readonly flowsOf?: (party: string) => number;
}

export interface FlowSummary {
  count: number;
  /** Set when every entry names the same firewall / catalog row (always on missing-flow). */
  firewall?: string;
  row?: string;
}
