// textDocument/codeLens: on each firewall's name, the count of required flows that its
// missing-flow diagnostics report (clicking opens the Problems view) and "Export..." (the
// client's export command). Commands are attached only when the client declared them in
// initializationOptions.clientCommands; other editors get the count as a title-only lens.
import type { CodeLens } from "vscode-languageserver";
import type { CheckResult } from "../core/check";
import { EXPORT_FIREWALL_RULES_COMMAND } from "./code-actions";
import { spanToRange } from "./diagnostics";
import { missingFlowCounts } from "./export-requests";

export const SHOW_PROBLEMS_COMMAND = "workbench.actions.view.problems";

export interface CodeLensOptions {
  uri?: string;
  clientCommands?: ReadonlySet<string>;
}

export function codeLenses(result: CheckResult, options: CodeLensOptions = {}): CodeLens[] {
  const lenses: CodeLens[] = [];
  const counts = missingFlowCounts(result);
  const commands = options.clientCommands ?? new Set<string>();
  for (const declaration of result.source.declarations) {
    if (declaration.kind !== "firewall" || !declaration.name) continue;
    const name = declaration.name.text;
    const missing = counts.get(name) ?? 0;
    const title = missing === 0 ? "all required flows allowed" : `${missing} required flow${missing === 1 ? "" : "s"} missing`;
    const range = spanToRange(declaration.name.span, result.lines);
    lenses.push({
      range,
      command: { title, command: missing > 0 && commands.has(SHOW_PROBLEMS_COMMAND) ? SHOW_PROBLEMS_COMMAND : "" },
    });
    // Only for declared firewalls (a duplicate's second declaration is not one).
    if (options.uri && commands.has(EXPORT_FIREWALL_RULES_COMMAND) && result.model.firewalls.some((fw) => fw.decl === declaration)) {
      lenses.push({
        range,
        command: { title: "Export...", command: EXPORT_FIREWALL_RULES_COMMAND, arguments: [{ uri: options.uri, firewall: name }] },
      });
    }
  }
  return lenses;
}
