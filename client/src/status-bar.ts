// The status bar item for the active .pexnet file: its missing flows and other errors, as
// pexnet's own diagnostics say (other linters on the file do not count). Clicking it opens
// the Problems view.
import * as vscode from "vscode";
import { statusText } from "./export-logic";

const LANGUAGE_ID = "pexnet";
const DIAGNOSTIC_SOURCE = "pexnet";

/** A diagnostic's code: LSP diagnostics with a documentation link arrive as { value, target }. */
function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (code === undefined) return "";
  return typeof code === "object" ? String(code.value) : String(code);
}

/** pexnet's missing-flow diagnostics (whatever severity the user gave them) and its other errors. */
export function countPexnetProblems(diagnostics: readonly vscode.Diagnostic[]): { missing: number; errors: number } {
  let missing = 0;
  let errors = 0;
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    if (codeOf(diagnostic) === "missing-flow") missing++;
    else if (diagnostic.severity === vscode.DiagnosticSeverity.Error) errors++;
  }
  return { missing, errors };
}

export function createStatusItem(context: vscode.ExtensionContext): void {
  const item = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 100);
  item.name = "Pexnet";
  item.command = "workbench.actions.view.problems";
  context.subscriptions.push(item);

  const refresh = (): void => {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== LANGUAGE_ID) {
      item.hide();
      return;
    }
    const { text, tooltip } = statusText(countPexnetProblems(vscode.languages.getDiagnostics(document.uri)));
    item.text = text;
    item.tooltip = tooltip;
    item.show();
  };

  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(refresh),
    vscode.languages.onDidChangeDiagnostics((event) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && event.uris.some((uri) => uri.toString() === active)) refresh();
    }),
  );
  refresh();
}
