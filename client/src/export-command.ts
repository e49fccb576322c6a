// The export commands: pexnet.exportFirewallRules (ask what is missing, then write a target
// or show the rules with "Save As..."), pexnet.showGeneratedRules (the generate code
// actions) and pexnet.showRequiredFlows. The rules come from the server (pexnet/* requests);
// file decisions live in export-logic.ts.
import * as path from "path";
import * as vscode from "vscode";
import {
  defaultChoice,
  defaultFirst,
  defaultSavePath,
  EXPORT_RULES_REQUEST,
  EXPORT_TARGETS_REQUEST,
  LAST_EXPORT_KEY,
  missingText,
  NODE_FILES,
  performWrites,
  planWrites,
  readChoice,
  readExportArgs,
  readGeneratedRulesArgs,
  REQUIRED_FLOWS_REQUEST,
  SCOPE_ITEMS,
  type ExportChoice,
  type ExportCommandResult,
  type ExportRulesResult,
  type ExportScope,
  type ExportTargets,
  type GeneratedFile,
} from "./export-logic";

const LANGUAGE_ID = "pexnet";

/** What the commands need of the language client. */
export interface Requester {
  sendRequest<R>(method: string, params: unknown): Promise<R>;
}

export type GetRequester = () => Promise<Requester>;

/** The .pexnet document the command is about: the argument's, else the active editor's. */
function documentUri(uri: string | undefined): string | undefined {
  if (uri) return uri;
  const document = vscode.window.activeTextEditor?.document;
  return document && document.languageId === LANGUAGE_ID ? document.uri.toString() : undefined;
}

async function languageOrPlain(languageId: string): Promise<string> {
  try {
    return (await vscode.languages.getLanguages()).includes(languageId) ? languageId : "plaintext";
  } catch {
    return "plaintext";
  }
}

async function showUntitled(text: string, languageId: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ content: text, language: await languageOrPlain(languageId) });
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

function fsPathOf(uri: string): string | undefined {
  try {
    const parsed = vscode.Uri.parse(uri);
    return parsed.scheme === "file" ? parsed.fsPath : undefined;
  } catch {
    return undefined;
  }
}

async function pickFirewall(targets: ExportTargets, start: string): Promise<string | undefined> {
  if (targets.firewalls.length === 1) return targets.firewalls[0].name;
  const items = defaultFirst(targets.firewalls, (f) => f.name === start).map((f) => ({
    label: f.name,
    description: `${f.kind} firewall`,
    detail: missingText(f.missing),
    name: f.name,
  }));
  return (await vscode.window.showQuickPick(items, { title: "Export rules: firewall", placeHolder: "Which firewall?" }))?.name;
}

async function pickPlatform(targets: ExportTargets, start: string): Promise<string | undefined> {
  const items = defaultFirst(targets.platforms, (p) => p.id === start).map((p) => ({
    label: p.title,
    description: p.id,
    detail: p.description,
    id: p.id,
  }));
  return (await vscode.window.showQuickPick(items, { title: "Export rules: platform", placeHolder: "Which firewall platform?", matchOnDescription: true }))?.id;
}

async function pickScope(start: ExportScope): Promise<ExportScope | undefined> {
  const items = defaultFirst(SCOPE_ITEMS, (s) => s.scope === start).map((s) => ({ label: s.label, detail: s.description, scope: s.scope }));
  return (await vscode.window.showQuickPick(items, { title: "Export rules: scope", placeHolder: "Which rules?" }))?.scope;
}

/** Writes `files` for "Save As...": one file at a chosen path, several under a chosen folder; asks before replacing. */
async function saveAs(result: Extract<ExportRulesResult, { ok: true }>, sourceUri: string, document: vscode.TextDocument): Promise<string | undefined> {
  const several = result.files.length > 1;
  const fallback = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
  const defaultPath = defaultSavePath(fsPathOf(sourceUri), result.suggestedFileName, fallback);
  const chosen = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.file(defaultPath),
    title: several ? `Save ${result.files.length} files into the folder` : "Save the generated rules",
    saveLabel: several ? "Save into Folder" : "Save",
  });
  if (!chosen) return undefined;
  // One file: what the editor holds now (the user may have edited it); several: as generated.
  const files: GeneratedFile[] = several || document.isClosed ? result.files : [{ name: result.files[0].name, text: document.getText() }];
  let plan = planWrites(chosen.fsPath, files, false, NODE_FILES);
  if (!plan.ok) {
    const replace = planWrites(chosen.fsPath, files, true, NODE_FILES);
    if (!replace.ok) {
      void vscode.window.showErrorMessage(`Pexnet: ${plan.reason}`);
      return undefined;
    }
    const existing = replace.writes.filter((w) => w.exists).map((w) => path.basename(w.path));
    const answer = await vscode.window.showWarningMessage(
      `Overwrite ${existing.join(", ")}?`,
      { modal: true, detail: `${existing.length === 1 ? "The file exists" : "These files exist"} in ${path.dirname(replace.writes[0].path)}.` },
      "Overwrite",
    );
    if (answer !== "Overwrite") return undefined;
    plan = replace;
  }
  performWrites(plan.writes);
  void vscode.window.showInformationMessage(`Pexnet: saved ${several ? `${plan.writes.length} files in ` : ""}${plan.written}`);
  return plan.written;
}

export function registerExportCommands(context: vscode.ExtensionContext, getRequester: GetRequester): void {
  const exportFirewallRules = async (arg?: unknown): Promise<ExportCommandResult> => {
    const args = readExportArgs(arg);
    const uri = documentUri(args.uri);
    if (!uri) {
      const reason = "open a .pexnet file first";
      void vscode.window.showErrorMessage(`Pexnet: ${reason}`);
      return { written: undefined, reason, text: "" };
    }
    const requester = await getRequester();
    let choice: ExportChoice = { firewall: args.firewall, platform: args.platform, scope: args.scope };
    if (!choice.firewall || !choice.platform || !choice.scope) {
      const targets = await requester.sendRequest<ExportTargets>(EXPORT_TARGETS_REQUEST, { uri });
      if (targets.firewalls.length === 0) {
        const reason = "the deployment declares no firewall";
        void vscode.window.showErrorMessage(`Pexnet: ${reason}`);
        return { written: undefined, reason, text: "" };
      }
      const setting = vscode.workspace.getConfiguration("pexnet", vscode.Uri.parse(uri)).get<string>("export.defaultPlatform");
      const start = defaultChoice(targets, readChoice(context.workspaceState.get(LAST_EXPORT_KEY)), setting);
      const firewall = choice.firewall ?? (await pickFirewall(targets, start.firewall));
      const platform = firewall && (choice.platform ?? (await pickPlatform(targets, start.platform)));
      const scope = platform && (choice.scope ?? (await pickScope(start.scope)));
      if (!firewall || !platform || !scope) return { written: undefined, reason: "cancelled", text: "" };
      choice = { firewall, platform, scope };
    }
    await context.workspaceState.update(LAST_EXPORT_KEY, choice);
    const result = await requester.sendRequest<ExportRulesResult>(EXPORT_RULES_REQUEST, { uri, ...choice });
    if (!result.ok) {
      void vscode.window.showErrorMessage(`Pexnet: ${result.message}`);
      return { written: undefined, reason: result.message, text: "" };
    }
    if (args.target) {
      const plan = planWrites(args.target, result.files, args.overwrite === true, NODE_FILES);
      if (!plan.ok) return { written: undefined, reason: plan.reason, text: result.text };
      performWrites(plan.writes);
      return { written: plan.written, text: result.text };
    }
    const document = await showUntitled(result.text, result.languageId);
    const files = result.files.length === 1 ? "" : ` (${result.files.length} files)`;
    const action = await vscode.window.showInformationMessage(
      `Pexnet: ${choice.scope === "missing" ? "missing rules" : "rules"} for ${choice.firewall} as ${choice.platform}${files}.`,
      "Save As...",
    );
    const written = action === "Save As..." ? await saveAs(result, uri, document) : undefined;
    return { written, text: result.text };
  };

  const showGeneratedRules = async (arg?: unknown): Promise<string | undefined> => {
    const args = readGeneratedRulesArgs(arg);
    if (!args) {
      void vscode.window.showErrorMessage("Pexnet: showGeneratedRules needs a uri, a firewall and a platform");
      return undefined;
    }
    const result = await (await getRequester()).sendRequest<ExportRulesResult>(EXPORT_RULES_REQUEST, args);
    if (!result.ok) {
      void vscode.window.showErrorMessage(`Pexnet: ${result.message}`);
      return undefined;
    }
    return (await showUntitled(result.text, result.languageId)).uri.toString();
  };

  const showRequiredFlows = async (arg?: unknown): Promise<string | undefined> => {
    const uri = documentUri(readExportArgs(arg).uri);
    if (!uri) {
      void vscode.window.showErrorMessage("Pexnet: open a .pexnet file first");
      return undefined;
    }
    const { markdown } = await (await getRequester()).sendRequest<{ markdown: string }>(REQUIRED_FLOWS_REQUEST, { uri });
    return (await showUntitled(markdown, "markdown")).uri.toString();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand("pexnet.exportFirewallRules", exportFirewallRules),
    vscode.commands.registerCommand("pexnet.showGeneratedRules", showGeneratedRules),
    vscode.commands.registerCommand("pexnet.showRequiredFlows", showRequiredFlows),
  );
}

/** The commands the server may put in code actions and lenses (initializationOptions.clientCommands). */
export const CLIENT_COMMANDS = ["pexnet.exportFirewallRules", "pexnet.showGeneratedRules", "workbench.actions.view.problems"];
