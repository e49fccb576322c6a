// The `allow` rules that let the flows of a missing-flow diagnostic through, and where they
// go in their firewall: as its first rules (first match wins), after zones/protects/nat/default.
import type { FlowReport } from "../core/diagnostics";
import type { Model } from "../core/model-types";
import type { FirewallDeclaration } from "../core/syntax-tree";
import { pushTo } from "../core/collections";

function portsText(ports: [number, number][]): string {
  return ports.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(", ");
}

/** The narrowest exact rules for `flows`: flows with the same traffic merged when that stays exact. */
export function allowRules(flows: readonly FlowReport[]): string[] {
  // tcp and udp on the same ports between the same parties: one `tcp+udp` rule (exact).
  const protocols = new Map<string, Set<string>>();
  const pairKey = (flow: FlowReport) => `${flow.from}\u0000${flow.to}\u0000${portsText(flow.ports)}`;
  for (const flow of flows) {
    if (flow.protocol !== "tcp" && flow.protocol !== "udp") continue;
    const set = protocols.get(pairKey(flow));
    if (set) set.add(flow.protocol);
    else protocols.set(pairKey(flow), new Set([flow.protocol]));
  }
  // traffic text -> from -> set of to
  const byTraffic = new Map<string, Map<string, Set<string>>>();
  for (const flow of flows) {
    const both = (flow.protocol === "tcp" || flow.protocol === "udp") && flow.ports.length > 0 && protocols.get(pairKey(flow))?.size === 2;
    if (both && flow.protocol === "udp") continue;
    const traffic = flow.protocol === "esp" || flow.protocol === "icmp" || flow.ports.length === 0
      ? flow.protocol
      : `${both ? "tcp+udp" : flow.protocol} ${portsText(flow.ports)}`;
    let froms = byTraffic.get(traffic);
    if (!froms) byTraffic.set(traffic, (froms = new Map()));
    let tos = froms.get(flow.from);
    if (!tos) froms.set(flow.from, (tos = new Set()));
    tos.add(flow.to);
  }
  const rules: string[] = [];
  for (const [traffic, froms] of byTraffic) {
    // Sources with exactly the same destinations share one rule: the cross product is exact.
    const byTos = new Map<string, string[]>();
    for (const [from, tos] of froms) {
      pushTo(byTos, [...tos].sort().join(", "), from);
    }
    for (const [tos, sources] of byTos) rules.push(`allow ${traffic} from ${sources.join(", ")} to ${tos}`);
  }
  return rules;
}

export interface Insertion {
  offset: number;
  text: string;
}

function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== "\n" && text[i - 1] !== "\r") i--;
  return i;
}

function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
  return i;
}

function indentOf(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

function newline(text: string): string {
  return text.includes("\r\n") ? "\r\n" : "\n";
}

/** Where and how to insert `rules` as the first rules of the firewall `name`; undefined if unknown. */
export function firewallInsertion(model: Model, text: string, name: string, rules: readonly string[]): Insertion | undefined {
  const firewall = model.firewalls.find((fw) => fw.name === name);
  if (!firewall || rules.length === 0) return undefined;
  const decl: FirewallDeclaration = firewall.decl;
  const eol = newline(text);
  // One item per line: an item may share the `{` line or the `}` line, so such items get
  // the block's usual indentation (the declaration's plus two spaces) for the new lines.
  const blockIndent = indentOf(text, decl.span.start) + "  ";
  const itemIndent = (offset: number) => {
    const start = lineStart(text, offset);
    const before = text.slice(start, offset);
    return /^[ \t]*$/.test(before) ? before : blockIndent;
  };
  const firstRule = decl.items.find((item) => item.kind === "rule");
  if (firstRule) {
    const start = lineStart(text, firstRule.span.start);
    if (/^[ \t]*$/.test(text.slice(start, firstRule.span.start))) {
      const indent = text.slice(start, firstRule.span.start);
      return { offset: start, text: rules.map((rule) => indent + rule + eol).join("") };
    }
    return { offset: firstRule.span.start, text: rules.map((rule) => rule + eol + blockIndent).join("") };
  }
  const last = decl.items[decl.items.length - 1];
  if (last) {
    const indent = itemIndent(last.span.start);
    const end = lineEnd(text, last.span.end);
    const closeOnSameLine = decl.close !== undefined && decl.close.start < end && decl.close.start >= last.span.end;
    return { offset: closeOnSameLine ? last.span.end : end, text: rules.map((rule) => eol + indent + rule).join("") };
  }
  if (decl.open) {
    const indent = indentOf(text, decl.span.start) + "  ";
    return { offset: decl.open.end, text: rules.map((rule) => eol + indent + rule).join("") + (decl.close && lineStart(text, decl.close.start) === lineStart(text, decl.open.start) ? eol + indentOf(text, decl.span.start) : "") };
  }
  return undefined;
}
