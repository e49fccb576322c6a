// textDocument/codeLens: one lens per firewall, on its name, counting the required flows
// that its missing-flow diagnostics report.
import type { CodeLens } from "vscode-languageserver";
import type { CheckResult } from "../core/check";
import { spanToRange } from "./diagnostics";

export function codeLenses(result: CheckResult): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const declaration of result.source.declarations) {
    if (declaration.kind !== "firewall" || !declaration.name) continue;
    const name = declaration.name.text;
    let missing = 0;
    for (const diagnostic of result.diagnostics) {
      if (diagnostic.code !== "missing-flow") continue;
      missing += (diagnostic.flows ?? []).filter((flow) => flow.firewall === name).length;
    }
    const title = missing === 0 ? "all required flows allowed" : `${missing} required flow${missing === 1 ? "" : "s"} missing`;
    lenses.push({
      range: spanToRange(declaration.name.span, result.lines),
      // Title only: the client has no `pexnet.showMissingFlows` command yet.
      command: { title, command: "" },
    });
  }
  return lenses;
}
