// One export, as the CLI and the language server ask for it: a checked model, a firewall
// name, a platform and a scope in; the generated files or a reason out. Never throws for
// bad input.
import { buildExportPolicy, type ExportPolicy } from "../core/export-policy";
import type { ExportScope } from "../core/firewall-flows";
import type { Model } from "../core/model-types";
import type { GeneratedFile, GeneratorOptions } from "./generator";
import { GENERATORS, generatorById } from "./index";

export interface ExportRequest extends GeneratorOptions {
  firewall: string;
  platform: string;
  scope: ExportScope;
  /** Only these catalog rows (the "this flow" action). */
  rows?: readonly string[];
}

export type ExportResult =
  | { ok: true; files: GeneratedFile[]; policy: ExportPolicy; languageId: string }
  | { ok: false; message: string };

export function exportFirewall(model: Model, request: ExportRequest): ExportResult {
  const generator = generatorById(request.platform);
  if (!generator) {
    return { ok: false, message: `unknown platform "${request.platform}"; the platforms are: ${GENERATORS.map((g) => g.id).join(", ")}` };
  }
  const firewall = model.firewalls.find((fw) => fw.name === request.firewall);
  if (!firewall) {
    const names = model.firewalls.map((fw) => fw.name);
    return { ok: false, message: names.length ? `no firewall "${request.firewall}"; the firewalls are: ${names.join(", ")}` : "the deployment declares no firewall" };
  }
  const policy = buildExportPolicy(model, firewall, { scope: request.scope, rows: request.rows });
  const files = generator.render(policy, { sourceName: request.sourceName, placement: request.placement });
  return { ok: true, files, policy, languageId: generator.languageId };
}

/** Several files as one text (stdout, an untitled editor): each after a `==> name <==` line. */
export function joinFiles(files: readonly GeneratedFile[]): string {
  if (files.length === 1) return files[0].text;
  return files.map((f) => `==> ${f.name} <==\n${f.text}`).join("\n");
}

/**
 * Errors that leave the deployment too uncertain to export from: a rule or a party the
 * model had to drop would silently vanish from the rules. Flow findings (missing-flow,
 * no-route, ...) do not block: exporting is how they get fixed.
 */
export const EXPORT_BLOCKING_CODES: ReadonlySet<string> = new Set(["syntax", "invalid", "bad-address", "duplicate-name", "unknown-name", "no-zone"]);

export function blockingDiagnostics<T extends { code: string; severity: string }>(diagnostics: readonly T[]): T[] {
  return diagnostics.filter((d) => d.severity === "error" && EXPORT_BLOCKING_CODES.has(d.code));
}
