// Code actions: quick fixes for missing-flow (insert the missing `allow` rules as the first
// rules of the firewall), missing-service, unknown-name and duplicate-name, and the source
// action `source.fixAll.pexnet` that allows every missing flow of the document at once.
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic as LspDiagnostic,
  type TextEdit,
} from "vscode-languageserver";
import type { CheckResult } from "../core/check";
import type { FlowReport } from "../core/diagnostics";
import { DEFAULT_MEDIA_RANGE, DEFAULT_SIGNALING_RANGE } from "../core/model-settings";
import type { PexnetDiagnosticData } from "./diagnostics";
import { allowRules, firewallInsertion } from "./missing-flow-fix";

export const FIX_ALL_KIND = "source.fixAll.pexnet";
const DENY_MESSAGE = "this rule matches first and denies them";

function insertEdit(result: CheckResult, offset: number, text: string): TextEdit {
  const position = result.lines.positionAt(offset);
  return { range: { start: position, end: position }, newText: text };
}

function flowsOf(diagnostic: LspDiagnostic): FlowReport[] {
  return ((diagnostic.data as PexnetDiagnosticData | undefined)?.flows ?? []).filter((flow) => flow.firewall);
}

function missingFlowFixes(result: CheckResult, uri: string, diagnostic: LspDiagnostic): CodeAction[] {
  const flows = flowsOf(diagnostic);
  const byFirewall = new Map<string, FlowReport[]>();
  for (const flow of flows) {
    const list = byFirewall.get(flow.firewall!);
    if (list) list.push(flow);
    else byFirewall.set(flow.firewall!, [flow]);
  }
  const deny = diagnostic.relatedInformation?.find((info) => info.message === DENY_MESSAGE);
  const actions: CodeAction[] = [];
  for (const [firewall, group] of byFirewall) {
    const rules = allowRules(group);
    const insertion = firewallInsertion(result.model, result.source.text, firewall, rules);
    if (!insertion) continue;
    const what = rules.length === 1 ? `"${rules[0]}"` : `${rules.length} rules`;
    const title = deny
      ? `Allow ${what} in ${firewall} (before the deny on line ${deny.location.range.start.line + 1})`
      : `Allow ${what} in ${firewall}`;
    actions.push({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: !deny,
      edit: { changes: { [uri]: [insertEdit(result, insertion.offset, insertion.text)] } },
    });
  }
  return actions;
}

/** Every missing flow of the document, one insertion per firewall. */
export function fixAllAction(result: CheckResult, uri: string): CodeAction | undefined {
  const byFirewall = new Map<string, FlowReport[]>();
  for (const diagnostic of result.diagnostics) {
    if (diagnostic.code !== "missing-flow") continue;
    for (const flow of diagnostic.flows ?? []) {
      if (!flow.firewall) continue;
      const list = byFirewall.get(flow.firewall);
      if (list) list.push(flow);
      else byFirewall.set(flow.firewall, [flow]);
    }
  }
  const edits: TextEdit[] = [];
  for (const [firewall, flows] of byFirewall) {
    const insertion = firewallInsertion(result.model, result.source.text, firewall, allowRules(flows));
    if (insertion) edits.push(insertEdit(result, insertion.offset, insertion.text));
  }
  if (edits.length === 0) return undefined;
  return { title: "Allow every missing flow", kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } };
}

function replaceFix(uri: string, diagnostic: LspDiagnostic, title: string, newText: string, preferred = true): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: preferred,
    edit: { changes: { [uri]: [{ range: diagnostic.range, newText }] } },
  };
}

function otherFix(result: CheckResult, uri: string, diagnostic: LspDiagnostic): CodeAction | undefined {
  const message = typeof diagnostic.message === "string" ? diagnostic.message : diagnostic.message.value;
  const text = result.source.text;
  switch (diagnostic.code) {
    case "unknown-name": {
      const match = /did you mean "([^"]+)"/.exec(message);
      return match ? replaceFix(uri, diagnostic, `Change to "${match[1]}"`, match[1]) : undefined;
    }
    case "duplicate-name": {
      const match = /^"([^"]+)"/.exec(message);
      if (!match) return undefined;
      let n = 2;
      while (result.model.declarations.has(`${match[1]}-${n}`)) n++;
      return replaceFix(uri, diagnostic, `Rename to "${match[1]}-${n}"`, `${match[1]}-${n}`, false);
    }
    case "missing-service": {
      const match = /`([^`]+)`/.exec(message);
      if (!match) return undefined;
      const eol = text.includes("\r\n") ? "\r\n" : "\n";
      const prefix = text.length === 0 || text.endsWith("\n") || text.endsWith("\r") ? "" : eol;
      return {
        title: `Declare \`${match[1]}\``,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [uri]: [insertEdit(result, text.length, prefix + match[1] + eol)] } },
      };
    }
    case "port-range": {
      // Which setting the range belongs to: the `media-ports` / `signaling-ports` keyword before it.
      const start = result.lines.offsetAt(diagnostic.range.start);
      const before = text.slice(Math.max(0, start - 40), start);
      const keyword = /(media|signaling)-ports\s*$/.exec(before);
      if (!keyword) return undefined;
      const [from, to] = keyword[1] === "media" ? DEFAULT_MEDIA_RANGE : DEFAULT_SIGNALING_RANGE;
      return replaceFix(uri, diagnostic, `Use the default ${keyword[1]} range ${from}-${to}`, `${from}-${to}`, diagnostic.severity === 1);
    }
    default:
      return undefined;
  }
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(k + "."));
}

export function codeActions(result: CheckResult, params: CodeActionParams): CodeAction[] {
  const uri = params.textDocument.uri;
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== undefined && diagnostic.source !== "pexnet") continue;
      if (diagnostic.code === "missing-flow") actions.push(...missingFlowFixes(result, uri, diagnostic));
      else {
        const fix = otherFix(result, uri, diagnostic);
        if (fix) actions.push(fix);
      }
    }
  }
  if (wants(only, FIX_ALL_KIND) && result.diagnostics.some((d) => d.code === "missing-flow")) {
    const fixAll = fixAllAction(result, uri);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}
