// The parts of the export commands that need no VS Code: the shapes of the server's export
// requests, reading the command's argument, the defaults (remembered choice, setting), and
// where each generated file goes without ever overwriting a file silently. Unit-tested in
// test/client/export-logic.test.ts.
import * as fs from "fs";
import * as path from "path";

export const EXPORT_TARGETS_REQUEST = "pexnet/exportTargets";
export const EXPORT_RULES_REQUEST = "pexnet/exportRules";
export const REQUIRED_FLOWS_REQUEST = "pexnet/requiredFlows";
/** workspaceState key of the last export's firewall, platform and scope. */
export const LAST_EXPORT_KEY = "pexnet.lastExport";
export const FALLBACK_PLATFORM = "nftables";

export type ExportScope = "complete" | "missing";
export const SCOPES: readonly ExportScope[] = ["complete", "missing"];

export interface ExportTargets {
  firewalls: { name: string; kind: "network" | "host"; missing: number }[];
  platforms: { id: string; title: string; description: string }[];
  scopes: ExportScope[];
}

export interface GeneratedFile {
  name: string;
  text: string;
}

export type ExportRulesResult =
  | { ok: true; text: string; files: GeneratedFile[]; suggestedFileName: string; languageId: string }
  | { ok: false; message: string };

/** pexnet.exportFirewallRules's optional argument. */
export interface ExportArgs {
  uri?: string;
  firewall?: string;
  platform?: string;
  scope?: ExportScope;
  /** A file (one-file platforms) or a folder (several files) to write without asking. */
  target?: string;
  overwrite?: boolean;
}

/** What pexnet.exportFirewallRules resolves to. */
export interface ExportCommandResult {
  written: string | undefined;
  reason?: string;
  text: string;
}

/** pexnet.showGeneratedRules's argument (what the generate code actions pass). */
export interface GeneratedRulesArgs {
  uri: string;
  firewall: string;
  platform: string;
  scope: ExportScope;
  rows?: string[];
}

export interface ExportChoice {
  firewall?: string;
  platform?: string;
  scope?: ExportScope;
}

const str = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/** The command's argument as given by a palette (nothing), a code lens, a code action or a test. */
export function readExportArgs(arg: unknown): ExportArgs {
  if (typeof arg !== "object" || arg === null) return {};
  const a = arg as Record<string, unknown>;
  const scope = str(a.scope);
  return {
    uri: str(a.uri) ?? (typeof a.uri === "object" && a.uri !== null ? String(a.uri) : undefined),
    firewall: str(a.firewall),
    platform: str(a.platform),
    scope: scope === "complete" || scope === "missing" ? scope : undefined,
    target: str(a.target),
    overwrite: a.overwrite === true,
  };
}

export function readGeneratedRulesArgs(arg: unknown): GeneratedRulesArgs | undefined {
  const a = readExportArgs(arg);
  if (!a.uri || !a.firewall || !a.platform) return undefined;
  const rows = (arg as { rows?: unknown }).rows;
  return {
    uri: a.uri,
    firewall: a.firewall,
    platform: a.platform,
    scope: a.scope ?? "complete",
    ...(Array.isArray(rows) ? { rows: rows.filter((r): r is string => typeof r === "string") } : {}),
  };
}

export function readChoice(value: unknown): ExportChoice {
  const a = readExportArgs(value);
  return { firewall: a.firewall, platform: a.platform, scope: a.scope };
}

/**
 * The choice each picker starts on: the remembered one while it still exists, else (the
 * platform) the setting, nftables or the first; (the firewall) the first with missing flows.
 */
export function defaultChoice(targets: ExportTargets, remembered: ExportChoice, settingPlatform: string | undefined): Required<ExportChoice> {
  const firewalls = targets.firewalls;
  const platforms = targets.platforms.map((p) => p.id);
  const firewall =
    (remembered.firewall && firewalls.some((f) => f.name === remembered.firewall) ? remembered.firewall : undefined) ??
    firewalls.find((f) => f.missing > 0)?.name ??
    firewalls[0]?.name ??
    "";
  const platform =
    [remembered.platform, settingPlatform, FALLBACK_PLATFORM].find((id) => id !== undefined && platforms.includes(id)) ?? platforms[0] ?? FALLBACK_PLATFORM;
  return { firewall, platform, scope: remembered.scope ?? "complete" };
}

/** `items` with the one `isDefault` picks moved to the front (QuickPicks start on the first). */
export function defaultFirst<T>(items: readonly T[], isDefault: (item: T) => boolean): T[] {
  const index = items.findIndex(isDefault);
  if (index <= 0) return [...items];
  return [items[index], ...items.slice(0, index), ...items.slice(index + 1)];
}

export function missingText(missing: number): string {
  return missing === 0 ? "all required flows allowed" : `${missing} required flow${missing === 1 ? "" : "s"} missing`;
}

export const SCOPE_ITEMS: readonly { scope: ExportScope; label: string; description: string }[] = [
  { scope: "complete", label: "Complete policy", description: "every flow Pexip requires through this firewall, as a policy of its own" },
  { scope: "missing", label: "Missing rules only", description: "only what the firewall drops today, to add to its current rules" },
];

export interface PlannedWrite {
  path: string;
  text: string;
  exists: boolean;
}

export type WritePlan = { ok: true; written: string; writes: PlannedWrite[] } | { ok: false; reason: string };

/** A generated file's name as a safe relative path (no absolute paths, no `..`). */
function safeRelative(name: string): string | undefined {
  const parts = name.split(/[\\/]+/).filter((part) => part !== "" && part !== ".");
  if (parts.length === 0 || parts.some((part) => part === "..") || path.isAbsolute(name) || /^[A-Za-z]:/.test(name)) return undefined;
  return path.join(...parts);
}

export interface FileSystemProbe {
  exists(p: string): boolean;
  isDirectory(p: string): boolean;
}

export const NODE_FILES: FileSystemProbe = {
  exists: (p) => fs.existsSync(p),
  isDirectory: (p) => {
    try {
      return fs.statSync(p).isDirectory();
    } catch {
      return false;
    }
  },
};

/**
 * Where the files go for `target`: one file -> `target` itself (or inside it when it is a
 * folder); several -> each under the folder `target`. Refuses, writing nothing, when a file
 * already exists and `overwrite` is not true.
 */
export function planWrites(target: string, files: readonly GeneratedFile[], overwrite: boolean, probe: FileSystemProbe = NODE_FILES): WritePlan {
  if (files.length === 0) return { ok: false, reason: "the export produced no file" };
  const resolved = path.resolve(target);
  const intoFolder = files.length > 1 || probe.isDirectory(resolved);
  if (files.length > 1 && probe.exists(resolved) && !probe.isDirectory(resolved)) {
    return { ok: false, reason: `${resolved} is a file; this platform writes ${files.length} files and needs a folder` };
  }
  const writes: PlannedWrite[] = [];
  for (const file of files) {
    let p = resolved;
    if (intoFolder) {
      const relative = safeRelative(file.name);
      if (!relative) return { ok: false, reason: `refusing the generated file name "${file.name}"` };
      p = path.join(resolved, relative);
    }
    if (probe.isDirectory(p)) return { ok: false, reason: `${p} is a folder` };
    writes.push({ path: p, text: file.text, exists: probe.exists(p) });
  }
  const existing = writes.filter((w) => w.exists);
  if (existing.length > 0 && !overwrite) {
    const list = existing.map((w) => w.path).join(", ");
    return { ok: false, reason: `${list} already exist${existing.length === 1 ? "s" : ""}; nothing was written (overwrite: true replaces)` };
  }
  return { ok: true, written: resolved, writes };
}

/** Carries out a plan: creates the folders and writes every file. */
export function performWrites(writes: readonly PlannedWrite[]): void {
  for (const write of writes) {
    fs.mkdirSync(path.dirname(write.path), { recursive: true });
    fs.writeFileSync(write.path, write.text);
  }
}

/** Where the Save dialog starts: the suggested name next to the .pexnet file (file: uris only). */
export function defaultSavePath(sourceFsPath: string | undefined, suggestedFileName: string, fallbackFolder: string): string {
  const folder = sourceFsPath ? path.dirname(sourceFsPath) : fallbackFolder;
  return path.join(folder, suggestedFileName);
}

export interface StatusCounts {
  missing: number;
  errors: number;
}

/** The status bar's text and tooltip for the active .pexnet file. */
export function statusText({ missing, errors }: StatusCounts): { text: string; tooltip: string } {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const errorPart = errors > 0 ? plural(errors, "error") : "";
  if (missing > 0) {
    return {
      text: `$(shield) pexnet: ${plural(missing, "flow")} missing${errors > 0 ? `, ${errorPart}` : ""}`,
      tooltip: `${plural(missing, "required flow")} missing${errors > 0 ? ` and ${plural(errors, "other error")}` : ""} in this file; click for the Problems view`,
    };
  }
  if (errors > 0) return { text: `$(error) pexnet: ${errorPart}`, tooltip: `${plural(errors, "pexnet error")} in this file; click for the Problems view` };
  return { text: "$(check) pexnet: all required flows allowed", tooltip: "No pexnet errors in this file" };
}
