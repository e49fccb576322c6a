// One-line descriptions of the diagnostic codes (spec section 7), for SARIF rules and help.
import type { DiagnosticCode, Severity } from "../core/diagnostics";

export interface RuleDescription {
  description: string;
  defaultSeverity: Severity;
}

// Partial so that a code the core adds does not break the build; the fallback below covers
// it and a test insists that every code in DIAGNOSTIC_CODES is described.
export const RULE_DESCRIPTIONS: Partial<Record<DiagnosticCode, RuleDescription>> = {
  "syntax": { description: "The text does not parse.", defaultSeverity: "error" },
  "duplicate-name": { description: "A name is declared twice.", defaultSeverity: "error" },
  "invalid": { description: "A structural error in text that parses.", defaultSeverity: "error" },
  "bad-address": { description: "A malformed address or prefix, or a prefix with host bits set.", defaultSeverity: "error" },
  "unknown-name": { description: "A reference to a name that is never declared.", defaultSeverity: "error" },
  "no-zone": { description: "An address that falls in no zone.", defaultSeverity: "error" },
  "no-route": { description: "A required flow between two zones that no chain of firewalls joins.", defaultSeverity: "error" },
  "ambiguous-route": { description: "Two shortest firewall paths between two zones.", defaultSeverity: "warning" },
  "missing-flow": { description: "A required flow that a firewall on its path does not allow.", defaultSeverity: "error" },
  "nat-between-nodes": { description: "A NAT on the path between two nodes that need IPsec.", defaultSeverity: "error" },
  "missing-service": { description: "No DNS, NTP or licensing peer is declared.", defaultSeverity: "warning" },
  "port-range": { description: "A media or signaling port range that is invalid, overlaps another, or is outside Pexip's advice.", defaultSeverity: "error" },
  "ssh-secondary": { description: "A rule allows SSH only to a node's secondary interface.", defaultSeverity: "warning" },
  "obsolete-host": { description: "A peer whose host is pexip.flexnetoperations.com, not needed since 2022.", defaultSeverity: "warning" },
  "shadowed-rule": { description: "A firewall rule that an earlier rule of the same firewall fully covers.", defaultSeverity: "warning" },
  "mixed-location": { description: "A location that holds both Proxying Edge Nodes and Transcoding Conferencing Nodes.", defaultSeverity: "warning" },
  "unused-name": { description: "A declared location, zone or group that nothing refers to.", defaultSeverity: "hint" },
};

export function describeRule(code: string): RuleDescription {
  return RULE_DESCRIPTIONS[code as DiagnosticCode] ?? { description: `pexnet diagnostic ${code}.`, defaultSeverity: "error" };
}

/** Where the rule is documented, relative to the repository root. */
export function ruleHelpUri(code: string): string {
  return `docs/diagnostics.md#${code}`;
}
