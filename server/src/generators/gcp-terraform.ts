// Google Cloud VPC firewall rules as Terraform: one google_compute_firewall per (rule,
// address family), since a rule cannot mix IPv4 and IPv6 ranges. Ingress rules name both
// source and destination ranges. Scope `complete` adds deny-all ingress at priority 65534.
// The rule model here is shared with the gcloud script (gcp-gcloud.ts).
import type { ExportPolicy, PolicyRule } from "../core/export-policy";
import {
  attr, blank, block, comment, gcpName, hclLines, hclList, HostSlots, portText, ruleText, slotText, str, UniqueNames,
  type Endpoint, type Family, type HclItem, type HostSlot,
} from "./cloud-common";
import type { GeneratedFile, Generator, GeneratorOptions } from "./generator";
import { fileStem, headerLines, identifier, plainText } from "./text-safety";

export const DENY_PRIORITY = 65534;

export interface GcpRule {
  /** Undefined for the deny-all rules. */
  rule?: PolicyRule;
  name: string;
  family: Family;
  description: string;
  priority: number;
  action: "allow" | "deny";
  /** `tcp`, `udp`, `esp` or `all`. */
  protocol: string;
  ports: string[];
  source: Endpoint;
  destination?: Endpoint;
}

export interface GcpPolicy {
  rules: GcpRule[];
  slots: HostSlot[];
  notes: string[];
}

export function gcpPolicy(policy: ExportPolicy, options: GeneratorOptions): GcpPolicy {
  const complete = policy.scope === "complete";
  const slots = new HostSlots(policy);
  const names = new UniqueNames("-");
  const priority = Math.max(0, Math.min(65535, Math.floor(options.placement?.priority ?? (complete ? 1000 : 100))));
  const rules: GcpRule[] = [];
  for (const rule of policy.rules) {
    for (const pair of slots.pairs(rule)) {
      const tag = [pair.source.slot, pair.destination.slot].filter(Boolean).length ? "-host" : "";
      rules.push({
        rule,
        name: names.take(gcpName(`pexnet-${policy.firewall.name}-${rule.index}-${pair.family === "ipv4" ? "v4" : "v6"}${tag}`, 60)),
        family: pair.family,
        description: ruleText(rule, 1000),
        priority,
        action: "allow",
        protocol: rule.protocol,
        ports: rule.dstPorts.map((p) => portText(p)),
        source: pair.source,
        destination: pair.destination,
      });
    }
  }
  if (complete) {
    for (const family of policy.ipv6 ? (["ipv4", "ipv6"] as const) : (["ipv4"] as const)) {
      rules.push({
        name: names.take(gcpName(`pexnet-${policy.firewall.name}-deny-${family === "ipv4" ? "v4" : "v6"}`, 60)),
        family,
        description: "pexnet: drop all other inbound traffic",
        priority: DENY_PRIORITY,
        action: "deny",
        protocol: "all",
        ports: [],
        source: { family, cidrs: [family === "ipv4" ? "0.0.0.0/0" : "::/0"] },
      });
    }
  }
  const used = [...new Set(rules.flatMap((r) => [r.source.slot, r.destination?.slot]).filter((s): s is HostSlot => s !== undefined))];
  const notes = [
    "VPC firewall rules are stateful: replies to allowed connections pass by nature.",
    "VPC firewall rules cannot match source ports: rules whose flows restrict source ports allow any source port here.",
    policy.firewall.kind === "network"
      ? `Network firewall ${policy.firewall.name} becomes ingress rules of the VPC network that apply to all its instances: each names its destination ranges.`
      : `Host firewall ${policy.firewall.name}: the rules name the protected addresses as destination ranges.`,
    complete
      ? `Deny-all ingress at priority ${DENY_PRIORITY} drops the rest (the implied rules of Google Cloud also deny ingress at 65535, and a deny wins over an allow of equal priority such as the default-allow rules of the default network).`
      : `Scope missing: rules at priority ${priority} (lower numbers win): keep it below the priority of the rules that deny these flows today.`,
    "Flows to destinations outside the VPC network (the catch-all zone, host peers, external networks) leave as egress, which Google Cloud allows by default: their ingress rules document them and match nothing.",
    "A rule cannot mix IPv4 and IPv6 ranges: there is one rule per family.",
    "VPC firewall rules take no host names: each host peer has a placeholder for its prefixes (empty: no rule).",
  ];
  if (policy.ipv6) notes.push("IPv6 neighbour discovery is not filtered by VPC firewall rules: no rule is needed for it.");
  return { rules, slots: used, notes: notes.map((n) => plainText(n, 1000)) };
}

export const gcpTerraformGenerator: Generator = {
  id: "gcp-terraform",
  title: "Google Cloud VPC firewall rules (Terraform)",
  description: "Terraform (google provider) with one google_compute_firewall per rule and address family: `terraform plan` and `apply` with var.network set to the VPC network.",
  languageId: "terraform",
  render(policy: ExportPolicy, options: GeneratorOptions): GeneratedFile[] {
    return [{ name: `${fileStem(policy)}.tf`, text: renderGcpTerraform(policy, options) }];
  },
};

export function renderGcpTerraform(policy: ExportPolicy, options: GeneratorOptions): string {
  const model = gcpPolicy(policy, options);
  const items: HclItem[] = [
    block("terraform", [], [block("required_providers", [], [attr("google", '{\n      source  = "hashicorp/google"\n      version = ">= 5.0"\n    }')])]),
    blank,
    block("variable", ["network"], [str("description", "The VPC network (name or self link) the rules belong to"), attr("type", "string")]),
    blank,
  ];
  for (const slot of model.slots) items.push(block("variable", [slot.name], [str("description", slotText(slot)), attr("type", "list(string)"), attr("default", "[]")]), blank);
  const labels = new UniqueNames();
  for (const r of model.rules) {
    const used = [r.source.slot, r.destination?.slot].filter((s): s is HostSlot => s !== undefined);
    const body: HclItem[] = [];
    if (used.length) body.push(attr("count", `${used.map((s) => `length(var.${s.name}) > 0`).join(" && ")} ? 1 : 0`), blank);
    body.push(
      str("name", r.name),
      attr("network", "var.network"),
      str("description", r.description),
      str("direction", "INGRESS"),
      attr("priority", String(r.priority)),
      attr("source_ranges", ranges(r.source)),
    );
    if (r.destination) body.push(attr("destination_ranges", ranges(r.destination)));
    const allowance: HclItem[] = [str("protocol", r.protocol)];
    if (r.ports.length) allowance.push(attr("ports", hclList(r.ports)));
    body.push(blank, block(r.action, [], allowance));
    const heading = r.rule ? `Rule ${r.rule.index}: ${r.rule.comment} (pexnet rows: ${r.rule.rows.join(", ")})` : "Everything else inbound is dropped.";
    items.push(comment(heading));
    if (r.rule?.srcPorts) items.push(comment(`Source ports ${r.rule.srcPorts.map((p) => portText(p)).join(", ")} in the catalog: VPC firewall rules cannot match source ports.`));
    items.push(block("resource", ["google_compute_firewall", labels.take(identifier(r.name.replace(/-/g, "_"), 60))], body), blank);
  }
  const header = [...headerLines(policy, options, "Google Cloud VPC firewall (Terraform)"), ...model.notes];
  const lines = [...header.map((l) => `# ${l}`), "", ...hclLines(items)];
  while (lines[lines.length - 1] === "") lines.pop();
  return `${lines.join("\n")}\n`;
}

function ranges(endpoint: Endpoint): string {
  return endpoint.slot ? `var.${endpoint.slot.name}` : hclList(endpoint.cidrs);
}
