// The export custom requests the client's commands use (plain JSON in and out):
//   pexnet/exportTargets {uri}                                   -> firewalls, platforms, scopes
//   pexnet/exportRules   {uri, firewall, platform, scope, rows?} -> the generated rules
//   pexnet/requiredFlows {uri}                                   -> Markdown
// Each works on a CheckResult: the open document's latest, else the file read from disk.
import * as path from "path";
import { fileURLToPath } from "url";
import type { CheckResult } from "../core/check";
import { EXPORT_SCOPES, type ExportScope } from "../core/firewall-flows";
import { exportFirewall, joinFiles } from "../generators/export";
import { GENERATORS } from "../generators/index";
import { requiredFlowsMarkdown } from "./required-flows";

export const EXPORT_TARGETS_REQUEST = "pexnet/exportTargets";
export const EXPORT_RULES_REQUEST = "pexnet/exportRules";
export const REQUIRED_FLOWS_REQUEST = "pexnet/requiredFlows";

export interface UriParams {
  uri: string;
}

export interface ExportTargets {
  firewalls: { name: string; kind: "network" | "host"; missing: number }[];
  platforms: { id: string; title: string; description: string }[];
  scopes: ExportScope[];
}

export interface ExportRulesParams {
  uri: string;
  firewall: string;
  platform: string;
  scope: ExportScope;
  rows?: string[];
}

export type ExportRulesResult =
  | { ok: true; text: string; files: { name: string; text: string }[]; suggestedFileName: string; languageId: string }
  | { ok: false; message: string };

/** The file name of a uri, for header comments and titles ("acme.pexnet"). */
export function sourceNameOf(uri: string): string {
  try {
    return path.basename(uri.startsWith("file:") ? fileURLToPath(uri) : decodeURIComponent(new URL(uri).pathname));
  } catch {
    return uri;
  }
}

/** Missing flows per firewall, as the missing-flow diagnostics report them. */
export function missingFlowCounts(result: CheckResult): Map<string, number> {
  const counts = new Map<string, number>();
  for (const diagnostic of result.diagnostics) {
    if (diagnostic.code !== "missing-flow") continue;
    for (const flow of diagnostic.flows ?? []) {
      if (flow.firewall) counts.set(flow.firewall, (counts.get(flow.firewall) ?? 0) + 1);
    }
  }
  return counts;
}

export function platformList(): ExportTargets["platforms"] {
  return GENERATORS.map((g) => ({ id: g.id, title: g.title, description: g.description }));
}

export function exportTargets(result: CheckResult): ExportTargets {
  const missing = missingFlowCounts(result);
  return {
    firewalls: result.model.firewalls.map((fw) => ({ name: fw.name, kind: fw.kind, missing: missing.get(fw.name) ?? 0 })),
    platforms: platformList(),
    scopes: [...EXPORT_SCOPES],
  };
}

/** A name for the Save dialog: the file for one file, a folder name for several. */
function suggestedFileName(files: readonly { name: string }[], firewall: string, platform: string): string {
  if (files.length === 1 && !/[\\/]/.test(files[0].name)) return files[0].name;
  return `${firewall}-${platform}`.replace(/[^A-Za-z0-9._-]/g, "_");
}

export function exportRules(result: CheckResult, params: ExportRulesParams): ExportRulesResult {
  if (!params || typeof params.firewall !== "string" || typeof params.platform !== "string") {
    return { ok: false, message: "exportRules needs a firewall and a platform" };
  }
  const scope = params.scope ?? "complete";
  if (!EXPORT_SCOPES.includes(scope)) return { ok: false, message: `unknown scope "${scope}"; the scopes are: ${EXPORT_SCOPES.join(", ")}` };
  const rows = Array.isArray(params.rows) ? params.rows.filter((r): r is string => typeof r === "string") : undefined;
  try {
    const exported = exportFirewall(result.model, {
      firewall: params.firewall,
      platform: params.platform,
      scope,
      rows,
      sourceName: sourceNameOf(params.uri),
    });
    if (!exported.ok) return exported;
    const files = exported.files.map((f) => ({ name: f.name, text: f.text }));
    return {
      ok: true,
      text: joinFiles(exported.files),
      files,
      suggestedFileName: suggestedFileName(files, params.firewall, params.platform),
      languageId: exported.languageId,
    };
  } catch (error) {
    // A generator bug must not take the server down: report it as the answer.
    return { ok: false, message: `the ${params.platform} generator failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export function requiredFlows(result: CheckResult, params: UriParams): { markdown: string } {
  return { markdown: requiredFlowsMarkdown(result.model, { sourceName: sourceNameOf(params.uri) }) };
}
