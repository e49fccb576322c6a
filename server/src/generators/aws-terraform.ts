// AWS security groups as Terraform: one aws_security_group per protected object and one
// aws_vpc_security_group_ingress_rule per (rule, source family, port range), for_each over
// the source prefixes, so AWS holds one rule per source prefix. Scope `missing` writes only
// the ingress rules, for existing groups whose ids are variables.
import type { ExportPolicy } from "../core/export-policy";
import {
  attr, awsGroups, awsIngress, awsNotes, awsText, blank, block, comment, hclLines, hclList, HostSlots, unpaired,
  portText, slotText, str, UniqueNames, type AwsGroup, type AwsIngress, type HclItem, type HostSlot,
} from "./cloud-common";
import type { GeneratedFile, Generator, GeneratorOptions } from "./generator";
import { fileStem, headerLines, identifier, plainText } from "./text-safety";

export const awsTerraformGenerator: Generator = {
  id: "aws-terraform",
  title: "AWS security groups (Terraform)",
  description: "Terraform for AWS security groups and their ingress rules (aws_vpc_security_group_ingress_rule): `terraform plan` and `apply` in a module with the AWS provider.",
  languageId: "terraform",
  render(policy: ExportPolicy, options: GeneratorOptions): GeneratedFile[] {
    return [{ name: `${fileStem(policy)}.tf`, text: renderAwsTerraform(policy, options) }];
  },
};

export function renderAwsTerraform(policy: ExportPolicy, options: GeneratorOptions): string {
  const complete = policy.scope === "complete";
  const slots = new HostSlots(policy);
  const labels = new UniqueNames();
  const all = awsGroups(policy).map((group) => ({ group, label: labels.take(identifier(group.object.name, 50)), ingress: awsIngress(group, slots) }));
  // Scope missing needs no group that gets no rule; complete keeps it (it denies everything).
  const groups = all.filter((g) => complete || g.ingress.length > 0);
  const skipped = all.filter((g) => !groups.includes(g));
  const items: HclItem[] = [];

  items.push(block("terraform", [], [block("required_providers", [], [attr("aws", '{\n      source  = "hashicorp/aws"\n      version = ">= 5.0"\n    }')])]), blank);
  if (complete) {
    items.push(block("variable", ["vpc_id"], [str("description", "The VPC the security groups belong to"), attr("type", "string")]), blank);
  }
  const groupRef = new Map<AwsGroup, string>();
  for (const { group, label } of groups) {
    if (complete) {
      groupRef.set(group, `aws_security_group.${label}.id`);
    } else {
      const variable = policy.firewall.kind === "host" ? "security_group_id" : labels.take(`security_group_id_${label}`);
      groupRef.set(group, `var.${variable}`);
      items.push(block("variable", [variable], [str("description", `The id of the existing security group of ${group.object.description}`), attr("type", "string")]), blank);
    }
  }
  for (const slot of usedSlots(groups.flatMap((g) => g.ingress))) {
    items.push(block("variable", [slot.name], [str("description", slotText(slot)), attr("type", "list(string)"), attr("default", "[]")]), blank);
  }

  for (const { group, label, ingress } of groups) {
    const ref = groupRef.get(group)!;
    items.push(comment(`Security group for ${group.object.description}: ${[...group.object.ipv4, ...group.object.ipv6, ...group.object.hosts].join(", ") || "no addresses"}`));
    if (complete) {
      items.push(
        block("resource", ["aws_security_group", label], [
          str("name", group.name),
          str("description", awsText(`pexnet: inbound Pexip flows to ${group.object.description}`, 255)),
          attr("vpc_id", "var.vpc_id"),
        ]),
        blank,
      );
      for (const family of policy.ipv6 ? (["ipv4", "ipv6"] as const) : (["ipv4"] as const)) {
        items.push(
          block("resource", ["aws_vpc_security_group_egress_rule", labels.take(`${label}_egress_${family}`)], [
            attr("security_group_id", ref),
            str("description", "Outbound traffic as AWS allows it by default"),
            str(family === "ipv4" ? "cidr_ipv4" : "cidr_ipv6", family === "ipv4" ? "0.0.0.0/0" : "::/0"),
            str("ip_protocol", "-1"),
          ]),
          blank,
        );
      }
    }
    for (const entry of ingress) items.push(...ingressItems(entry, ref, labels), blank);
    for (const rule of unpaired(group, ingress)) {
      items.push(comment(`Rule ${rule.index} (${rule.comment}): its sources and this group share no address family: nothing to allow.`), blank);
    }
  }

  for (const { group } of skipped) {
    for (const rule of unpaired(group, [])) items.push(comment(`Rule ${rule.index} (${rule.comment}): its sources and destination share no address family: nothing to allow.`), blank);
  }
  const header = [...headerLines(policy, options, "AWS security groups (Terraform)"), ...awsNotes(policy, "terraform")];
  const lines = [...header.map((l) => `# ${l}`), "", ...hclLines(items)];
  while (lines[lines.length - 1] === "") lines.pop();
  return `${lines.join("\n")}\n`;
}

function ingressItems(entry: AwsIngress, groupRef: string, labels: UniqueNames): HclItem[] {
  const { rule } = entry;
  const what = entry.ports ? `${entry.protocol}_${portText(entry.ports, "_")}` : "esp";
  const label = labels.take(`rule${rule.index}_${entry.family}_${what}${entry.slot ? `_${entry.slot.name.replace(/_cidrs$/, "")}` : ""}`);
  const items: HclItem[] = [comment(`Rule ${rule.index}: ${plainText(`${rule.comment} (pexnet rows: ${rule.rows.join(", ")})`, 1000)}`)];
  if (rule.srcPorts) items.push(comment(`Source ports ${rule.srcPorts.map((r) => portText(r)).join(", ")} in the catalog: security groups cannot match source ports.`));
  const body: HclItem[] = [
    attr("for_each", entry.slot ? `toset(var.${entry.slot.name})` : `toset(${hclList(entry.cidrs)})`),
    blank,
    attr("security_group_id", groupRef),
    str("description", entry.description),
    attr(entry.family === "ipv4" ? "cidr_ipv4" : "cidr_ipv6", "each.value"),
    str("ip_protocol", entry.protocol),
  ];
  if (entry.ports) body.push(attr("from_port", String(entry.ports[0])), attr("to_port", String(entry.ports[1])));
  items.push(block("resource", ["aws_vpc_security_group_ingress_rule", label], body));
  return items;
}

/** The placeholders the rules use, once each, in order. */
export function usedSlots(entries: AwsIngress[]): HostSlot[] {
  return [...new Set(entries.flatMap((e) => (e.slot ? [e.slot] : [])))];
}
