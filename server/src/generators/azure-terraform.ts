// Azure network security groups as Terraform (azurerm). Scope `complete`: one NSG with an
// inbound security_rule per (rule, address family), priorities from options.placement
// (default 100), and a deny-all at 4096 ahead of Azure's default rules, which allow all
// traffic inside the virtual network. Scope `missing`: azurerm_network_security_rule
// resources for an existing NSG. Host peers become list variables (NSGs take no host names).
import type { ExportPolicy, PolicyRule } from "../core/export-policy";
import {
  attr, blank, block, comment, hclLines, hclList, HostSlots, portText, ruleText, slotText, str, token, UniqueNames,
  type Endpoint, type HclItem, type HostSlot,
} from "./cloud-common";
import type { GeneratedFile, Generator, GeneratorOptions } from "./generator";
import { fileStem, headerLines, identifier, plainText } from "./text-safety";

const LAST_PRIORITY = 4096;

export const azureTerraformGenerator: Generator = {
  id: "azure-terraform",
  title: "Azure network security group (Terraform)",
  description: "Terraform (azurerm) for an Azure network security group and its inbound rules: `terraform plan` and `apply`, then associate the NSG with the subnets or NICs it protects.",
  languageId: "terraform",
  render(policy: ExportPolicy, options: GeneratorOptions): GeneratedFile[] {
    return [{ name: `${fileStem(policy)}.tf`, text: renderAzureTerraform(policy, options) }];
  },
};

interface AzureRule {
  rule: PolicyRule;
  name: string;
  priority: number;
  source: Endpoint;
  destination: Endpoint;
}

export function renderAzureTerraform(policy: ExportPolicy, options: GeneratorOptions): string {
  const complete = policy.scope === "complete";
  const slots = new HostSlots(policy);
  const names = new UniqueNames("-");
  const pairs = policy.rules.flatMap((rule) => slots.pairs(rule).map((pair) => ({ rule, ...pair })));

  // Step 10 leaves room for the team's own rules in between; step 1 when 10 does not fit.
  const first = Math.max(100, Math.min(LAST_PRIORITY, Math.floor(options.placement?.priority ?? 100)));
  const last = complete ? LAST_PRIORITY - 1 : LAST_PRIORITY;
  const step = first + 10 * (pairs.length - 1) <= last ? 10 : 1;
  const fitting = Math.max(0, Math.min(pairs.length, Math.floor((last - first) / step) + 1));
  const rules: AzureRule[] = pairs.slice(0, fitting).map((p, i) => ({
    rule: p.rule,
    name: names.take(`pexnet-${p.rule.index}-${p.family}`),
    priority: first + i * step,
    source: p.source,
    destination: p.destination,
  }));
  const leftOut = pairs.slice(fitting);

  const notes = [
    "Network security groups are stateful: replies to allowed connections pass by nature.",
    policy.firewall.kind === "network"
      ? `Network firewall ${policy.firewall.name} becomes inbound rules of one NSG: associate it with the subnets (or NICs) of the destination parties. Each rule names its destination prefixes, so one NSG serves every destination subnet.`
      : `Host firewall ${policy.firewall.name}: associate the NSG with the NICs (or subnet) of the protected addresses.`,
    complete
      ? `A deny-all inbound rule at priority ${LAST_PRIORITY} drops the rest: the default rules of Azure would otherwise allow all traffic from the virtual network and the load balancer (add a rule for AzureLoadBalancer probes if you use them).`
      : `Scope missing: rules for an existing NSG, priorities from ${first} (lower numbers win): keep them ahead of the rules that deny these flows today.`,
    "Flows to destinations outside Azure (the catch-all zone, host peers, external networks) leave as outbound traffic, which Azure allows by default: their inbound rules document them and match nothing.",
    "NSGs take no host names: each host peer has a list variable for its prefixes (empty: no rule).",
    "Source ports are matched where the catalog restricts them.",
  ];
  if (policy.ipv6) notes.push("IPv6 neighbour discovery is not filtered by NSGs: no rule is needed for it.");
  const header = [...headerLines(policy, options, "Azure network security group (Terraform)"), ...notes.map((n) => plainText(n, 1000))];
  if (leftOut.length) {
    header.unshift(plainText(`ERROR: ${leftOut.length} rules do not fit below priority ${last + 1} starting at ${first}; they are left out (listed at the end). Start lower or split the NSG.`, 1000));
  }

  const items: HclItem[] = [
    block("terraform", [], [block("required_providers", [], [attr("azurerm", '{\n      source  = "hashicorp/azurerm"\n      version = ">= 3.0"\n    }')])]),
    blank,
    block("variable", ["resource_group_name"], [str("description", complete ? "The resource group of the NSG" : "The resource group of the existing NSG"), attr("type", "string")]),
    blank,
  ];
  if (complete) items.push(block("variable", ["location"], [str("description", "The Azure region of the NSG"), attr("type", "string")]), blank);
  else items.push(block("variable", ["network_security_group_name"], [str("description", "The name of the existing NSG to add the rules to"), attr("type", "string")]), blank);
  const used = [...new Set(rules.flatMap((r) => [r.source.slot, r.destination.slot]).filter((s): s is HostSlot => s !== undefined))];
  for (const slot of used) items.push(block("variable", [slot.name], [str("description", slotText(slot)), attr("type", "list(string)"), attr("default", "[]")]), blank);

  const labels = new UniqueNames();
  if (complete) {
    const body: HclItem[] = [
      str("name", nsgName(policy)),
      attr("location", "var.location"),
      attr("resource_group_name", "var.resource_group_name"),
    ];
    for (const r of rules) body.push(blank, ...ruleComments(r.rule), ...inlineRule(r));
    body.push(blank, comment("Everything else inbound is dropped, ahead of the default allow rules of Azure."), block("security_rule", [], [
      str("name", "pexnet-deny-all-inbound"),
      str("description", "pexnet: drop all other inbound traffic"),
      attr("priority", String(LAST_PRIORITY)),
      str("direction", "Inbound"),
      str("access", "Deny"),
      token("protocol", "*"),
      token("source_address_prefix", "*"),
      token("source_port_range", "*"),
      token("destination_address_prefix", "*"),
      token("destination_port_range", "*"),
    ]));
    items.push(block("resource", ["azurerm_network_security_group", identifier(`pexnet_${policy.firewall.name}`, 60)], body), blank);
  } else {
    for (const r of rules) {
      const condition = slotCondition(r);
      const body: HclItem[] = [];
      if (condition) body.push(attr("count", `${condition} ? 1 : 0`), blank);
      body.push(attr("resource_group_name", "var.resource_group_name"), attr("network_security_group_name", "var.network_security_group_name"), ...ruleBody(r));
      items.push(...ruleComments(r.rule), block("resource", ["azurerm_network_security_rule", labels.take(identifier(r.name.replace(/-/g, "_"), 60))], body), blank);
    }
  }
  for (const p of leftOut) items.push(comment(`ERROR: left out (no priority left): rule ${p.rule.index}, ${p.family}: ${p.rule.comment}`));

  const lines = [...header.map((l) => `# ${l}`), "", ...hclLines(items)];
  while (lines[lines.length - 1] === "") lines.pop();
  return `${lines.join("\n")}\n`;
}

function nsgName(policy: ExportPolicy): string {
  return identifier(`pexnet-${policy.firewall.name}`, 80, "-.").replace(/[-.]+$/, "");
}

function ruleComments(rule: PolicyRule): HclItem[] {
  const out = [comment(`Rule ${rule.index}: ${rule.comment} (pexnet rows: ${rule.rows.join(", ")})`)];
  return out;
}

/** `length(var.a) > 0 && length(var.b) > 0` for the placeholders a rule uses, or undefined. */
function slotCondition(r: AzureRule): string | undefined {
  const used = [r.source.slot, r.destination.slot].filter((s): s is HostSlot => s !== undefined);
  return used.length ? used.map((s) => `length(var.${s.name}) > 0`).join(" && ") : undefined;
}

function inlineRule(r: AzureRule): HclItem[] {
  const condition = slotCondition(r);
  if (!condition) return [block("security_rule", [], ruleBody(r))];
  // A placeholder that is still empty would make an invalid rule: the rule appears once filled in.
  return [block("dynamic", ["security_rule"], [attr("for_each", `${condition} ? [1] : []`), block("content", [], ruleBody(r))])];
}

function prefixes(endpoint: Endpoint): string {
  return endpoint.slot ? `var.${endpoint.slot.name}` : hclList(endpoint.cidrs);
}

function ruleBody(r: AzureRule): HclItem[] {
  const { rule } = r;
  const protocol = rule.protocol === "tcp" ? "Tcp" : rule.protocol === "udp" ? "Udp" : "Esp";
  const body: HclItem[] = [
    str("name", r.name),
    str("description", ruleText(rule, 140)),
    attr("priority", String(r.priority)),
    str("direction", "Inbound"),
    str("access", "Allow"),
    str("protocol", protocol),
    attr("source_address_prefixes", prefixes(r.source)),
  ];
  if (rule.protocol !== "esp" && rule.srcPorts) body.push(attr("source_port_ranges", hclList(rule.srcPorts.map((p) => portText(p)))));
  else body.push(token("source_port_range", "*"));
  body.push(attr("destination_address_prefixes", prefixes(r.destination)));
  if (rule.protocol === "esp") body.push(token("destination_port_range", "*"));
  else body.push(attr("destination_port_ranges", hclList(rule.dstPorts.map((p) => portText(p)))));
  return body;
}
