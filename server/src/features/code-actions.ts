// Code actions: quick fixes for missing-flow (insert the missing `allow` rules as the first
// rules of the firewall), missing-service, unknown-name and duplicate-name, the source
// action `source.fixAll.pexnet` that allows every missing flow of the document at once, and
// `refactor.generate.pexnet` actions that generate firewall rules for a missing flow or a
// firewall (commands the client runs: offered only when the client declares them).
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic as LspDiagnostic,
  type TextEdit,
} from "vscode-languageserver";
import type { CheckResult } from "../core/check";
import { CATALOG } from "../core/catalog";
import type { FlowReport } from "../core/diagnostics";
import { generatorById, GENERATORS } from "../generators/index";
import { DEFAULT_MEDIA_RANGE, DEFAULT_SIGNALING_RANGE } from "../core/model-settings";
import { allowRules, firewallInsertion } from "./missing-flow-fix";
import { pushTo } from "../core/collections";

export const FIX_ALL_KIND = "source.fixAll.pexnet";
/** Under `refactor` so that VS Code lists them in the light bulb (source actions it hides). */
export const GENERATE_KIND = "refactor.generate.pexnet";
export const SHOW_GENERATED_RULES_COMMAND = "pexnet.showGeneratedRules";
export const EXPORT_FIREWALL_RULES_COMMAND = "pexnet.exportFirewallRules";

export interface CodeActionOptions {
  /** Generator id for the generate actions (pexnet.export.defaultPlatform). */
  platform?: string;
  /** Client-side commands the client said it has (initializationOptions.clientCommands). */
  clientCommands?: ReadonlySet<string>;
}

/** The platform the generate actions use: the setting when it names a generator, else nftables (else the first). */
export function generatePlatform(id: string | undefined): { id: string; name: string } | undefined {
  const generator = (id ? generatorById(id) : undefined) ?? generatorById("nftables") ?? GENERATORS[0];
  return generator ? { id: generator.id, name: platformName(generator.id) } : undefined;
}

/** A short name for titles: the generator's title up to " (" when that is unambiguous, else the title. */
export function platformName(id: string): string {
  const generator = generatorById(id);
  if (!generator) return id;
  const short = (title: string) => title.split(" (")[0].trim();
  const name = short(generator.title);
  const clash = GENERATORS.some((g) => g.id !== id && short(g.title) === name);
  return clash || name === "" ? generator.title : name;
}
const DENY_MESSAGE = "this rule matches first and denies them";

function insertEdit(result: CheckResult, offset: number, text: string): TextEdit {
  const position = result.lines.positionAt(offset);
  return { range: { start: position, end: position }, newText: text };
}

/**
 * The flows of a published diagnostic, from the server's result for the current text: the
 * core diagnostic with the same code, message and start (published diagnostics carry only
 * a summary of their flows).
 */
function flowsOf(result: CheckResult, diagnostic: LspDiagnostic): FlowReport[] {
  const start = diagnostic.range.start;
  const same = result.diagnostics.filter((d) => d.code === diagnostic.code && d.message === diagnostic.message);
  const atStart = same.find((d) => {
    const position = result.lines.positionAt(d.span.start);
    return position.line === start.line && position.character === start.character;
  });
  return ((atStart ?? same[0])?.flows ?? []).filter((flow) => flow.firewall);
}

function missingFlowFixes(result: CheckResult, uri: string, diagnostic: LspDiagnostic): CodeAction[] {
  const flows = flowsOf(result, diagnostic);
  const byFirewall = new Map<string, FlowReport[]>();
  for (const flow of flows) {
    pushTo(byFirewall, flow.firewall!, flow);
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
      pushTo(byFirewall, flow.firewall, flow);
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

function rowShort(id: string): string {
  return CATALOG.find((row) => row.id === id)?.short ?? id;
}

/** "Generate ... rules" for each missing-flow diagnostic in context and for the firewall under the cursor. */
function generateActions(result: CheckResult, params: CodeActionParams, options: CodeActionOptions): CodeAction[] {
  const commands = options.clientCommands;
  const platform = generatePlatform(options.platform);
  if (!platform || !commands) return [];
  const uri = params.textDocument.uri;
  const known = new Set(result.model.firewalls.map((fw) => fw.name));
  const actions: CodeAction[] = [];
  const firewalls: string[] = [];
  const missingDiagnostics = params.context.diagnostics.filter(
    (d) => d.code === "missing-flow" && (d.source === undefined || d.source === "pexnet"),
  );
  if (commands.has(SHOW_GENERATED_RULES_COMMAND)) {
    for (const diagnostic of missingDiagnostics) {
      const byFirewall = new Map<string, Set<string>>();
      for (const flow of flowsOf(result, diagnostic)) {
        if (!flow.row || !known.has(flow.firewall!)) continue;
        let rows = byFirewall.get(flow.firewall!);
        if (!rows) byFirewall.set(flow.firewall!, (rows = new Set()));
        rows.add(flow.row);
      }
      for (const [firewall, rows] of byFirewall) {
        if (!firewalls.includes(firewall)) firewalls.push(firewall);
        // Several diagnostics share a range (the firewall's name): say which flow each is.
        const which = missingDiagnostics.length > 1 || byFirewall.size > 1 ? ` (${[...rows].map(rowShort).join(", ")}${byFirewall.size > 1 ? ` at ${firewall}` : ""})` : "";
        actions.push({
          title: `Generate ${platform.name} rules for this flow${which}`,
          kind: GENERATE_KIND,
          diagnostics: [diagnostic],
          command: {
            title: `Generate ${platform.name} rules`,
            command: SHOW_GENERATED_RULES_COMMAND,
            arguments: [{ uri, firewall, platform: platform.id, scope: "missing", rows: [...rows] }],
          },
        });
      }
    }
  }
  // The firewall whose name the range touches.
  const start = result.lines.offsetAt(params.range.start);
  const end = result.lines.offsetAt(params.range.end);
  let declared: string | undefined;
  for (const declaration of result.source.declarations) {
    if (declaration.kind !== "firewall" || !declaration.name) continue;
    if (start <= declaration.name.span.end && end >= declaration.name.span.start && known.has(declaration.name.text)) {
      declared = declaration.name.text;
      if (!firewalls.includes(declared)) firewalls.unshift(declared);
    }
  }
  if (commands.has(SHOW_GENERATED_RULES_COMMAND)) {
    for (const firewall of firewalls) {
      actions.push({
        title: `Generate ${platform.name} rules for this firewall${firewalls.length > 1 ? ` (${firewall})` : ""}`,
        kind: GENERATE_KIND,
        command: {
          title: `Generate ${platform.name} rules`,
          command: SHOW_GENERATED_RULES_COMMAND,
          arguments: [{ uri, firewall, platform: platform.id, scope: "complete" }],
        },
      });
    }
  }
  if (declared && commands.has(EXPORT_FIREWALL_RULES_COMMAND)) {
    actions.push({
      title: "Export firewall rules...",
      kind: GENERATE_KIND,
      command: { title: "Export firewall rules...", command: EXPORT_FIREWALL_RULES_COMMAND, arguments: [{ uri, firewall: declared }] },
    });
  }
  return actions;
}

export function codeActions(result: CheckResult, params: CodeActionParams, options: CodeActionOptions = {}): CodeAction[] {
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
  // After the quick fixes, so the preferred fix stays first.
  if (wants(only, GENERATE_KIND)) actions.push(...generateActions(result, params, options));
  return actions;
}
