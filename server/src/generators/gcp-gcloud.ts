// Google Cloud VPC firewall rules as a bash script of `gcloud compute firewall-rules create`
// commands, from the same rule model as gcp-terraform.ts. Every value is single-quoted (a
// quote inside becomes '\''), on top of plainText; the network and the host placeholders are
// shell variables, always double-quoted.
import type { ExportPolicy } from "../core/export-policy";
import { portText, slotText, type Endpoint, type HostSlot } from "./cloud-common";
import { gcpPolicy, type GcpRule } from "./gcp-terraform";
import type { GeneratedFile, Generator, GeneratorOptions } from "./generator";
import { fileStem, headerLines, plainText } from "./text-safety";

export const gcpGcloudGenerator: Generator = {
  id: "gcp-gcloud",
  title: "Google Cloud VPC firewall rules (gcloud script)",
  description: "A bash script of `gcloud compute firewall-rules create` commands: run it with NETWORK set to the VPC network.",
  languageId: "shellscript",
  render(policy: ExportPolicy, options: GeneratorOptions): GeneratedFile[] {
    return [{ name: `${fileStem(policy)}.gcloud.sh`, text: renderGcpGcloud(policy, options) }];
  },
};

/** A single-quoted shell word: nothing inside is special, a quote becomes '\''. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

/** The shell variable of a host placeholder: HOST_<OBJECT>_<N>_<FAMILY>_CIDRS. */
export function slotVariable(slot: HostSlot): string {
  return slot.name.toUpperCase();
}

/** The arguments after `gcloud` for one rule; placeholders appear as `"$VAR"` words. */
export function gcloudWords(r: GcpRule): string[] {
  const rules = r.protocol === "all" || r.protocol === "esp" || r.ports.length === 0 ? [r.protocol] : r.ports.map((p) => `${r.protocol}:${p}`);
  const words = [
    `compute firewall-rules create ${shellQuote(r.name)}`,
    '--network="$NETWORK"',
    "--direction=INGRESS",
    `--action=${r.action.toUpperCase()}`,
    `--rules=${shellQuote(rules.join(","))}`,
    `--source-ranges=${ranges(r.source)}`,
  ];
  if (r.destination) words.push(`--destination-ranges=${ranges(r.destination)}`);
  words.push(`--priority=${r.priority}`, `--description=${shellQuote(plainText(r.description, 2048))}`);
  return words;
}

function ranges(endpoint: Endpoint): string {
  return endpoint.slot ? `"$${slotVariable(endpoint.slot)}"` : shellQuote(endpoint.cidrs.join(","));
}

export function renderGcpGcloud(policy: ExportPolicy, options: GeneratorOptions): string {
  const model = gcpPolicy(policy, options);
  const out = [
    "#!/usr/bin/env bash",
    ...[...headerLines(policy, options, "Google Cloud VPC firewall (gcloud)"), ...model.notes].map((l) => `# ${l}`),
    "# Re-running fails on rules that exist: delete them first (gcloud compute firewall-rules delete NAME).",
    "set -euo pipefail",
    "",
    "# The VPC network the rules belong to.",
    'NETWORK="${NETWORK:-default}"',
  ];
  if (model.slots.length) {
    out.push("", "# FILL IN: host peers' prefixes, comma-separated (e.g. 203.0.113.0/24,198.51.100.7/32); empty skips the rule.");
    for (const slot of model.slots) out.push(`# ${slotText(slot)}`, `${slotVariable(slot)}="\${${slotVariable(slot)}:-}"`);
  }
  for (const r of model.rules) {
    out.push("", r.rule ? `# Rule ${r.rule.index}: ${plainText(`${r.rule.comment} (pexnet rows: ${r.rule.rows.join(", ")})`, 1000)}` : "# Everything else inbound is dropped.");
    if (r.rule?.srcPorts) out.push(`# Source ports ${r.rule.srcPorts.map((p) => portText(p)).join(", ")} in the catalog: VPC firewall rules cannot match source ports.`);
    const command = `gcloud ${gcloudWords(r).join(" \\\n    ")}`;
    const used = [r.source.slot, r.destination?.slot].filter((s): s is HostSlot => s !== undefined);
    if (used.length) {
      const test = used.map((s) => `-n "$${slotVariable(s)}"`).join(" && ");
      out.push(`if [[ ${test} ]]; then`, ...command.split("\n").map((l) => `  ${l}`), "fi");
    } else {
      out.push(command);
    }
  }
  return `${out.join("\n")}\n`;
}
