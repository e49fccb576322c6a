// AWS security groups as a CloudFormation JSON template: AWS::EC2::SecurityGroup per
// protected object and AWS::EC2::SecurityGroupIngress per (rule, source prefix, port range).
// Scope `missing` writes only the ingress resources, for existing groups given as parameters.
// JSON.stringify does all the quoting; the texts are plainText on top, in AWS's characters.
import type { ExportPolicy } from "../core/export-policy";
import { awsGroups, awsIngress, awsNotes, awsText, HostSlots, portText, unpaired, slotText, UniqueNames, type AwsGroup, type HostSlot } from "./cloud-common";
import type { GeneratedFile, Generator, GeneratorOptions } from "./generator";
import { fileStem, headerLines, identifier, plainText } from "./text-safety";

type Json = Record<string, unknown>;

export const awsCloudFormationGenerator: Generator = {
  id: "aws-cloudformation",
  title: "AWS security groups (CloudFormation)",
  description: "A CloudFormation JSON template of security groups and ingress rules: deploy with `aws cloudformation deploy --template-file FILE --stack-name NAME`.",
  languageId: "json",
  render(policy: ExportPolicy, options: GeneratorOptions): GeneratedFile[] {
    return [{ name: `${fileStem(policy)}.cfn.json`, text: renderAwsCloudFormation(policy, options) }];
  },
};

/** Logical ids and parameter names: letters and digits only. */
function logicalId(text: string): string {
  return identifier(text, 200).replace(/_/g, "");
}

export function renderAwsCloudFormation(policy: ExportPolicy, options: GeneratorOptions): string {
  const complete = policy.scope === "complete";
  const slots = new HostSlots(policy);
  const ids = new UniqueNames("");
  const parameters: Json = {};
  const conditions: Json = {};
  const resources: Json = {};
  const outputs: Json = {};
  const slotParameters = new Map<HostSlot, string>();

  if (complete) parameters.VpcId = { Type: "AWS::EC2::VPC::Id", Description: "The VPC the security groups belong to" };
  const notes: string[] = [];
  for (const group of awsGroups(policy)) {
    const ingress = awsIngress(group, slots);
    for (const rule of unpaired(group, ingress)) notes.push(plainText(`Rule ${rule.index} (${rule.comment}): its sources and the group share no address family: nothing to allow.`, 1000));
    if (!complete && ingress.length === 0) continue;
    const base = ids.take(logicalId(`Sg ${group.object.name}`));
    const groupId = complete ? { "Fn::GetAtt": [base, "GroupId"] } : { Ref: base };
    if (complete) {
      resources[base] = {
        Type: "AWS::EC2::SecurityGroup",
        Properties: {
          GroupName: group.name,
          GroupDescription: awsText(`pexnet: inbound Pexip flows to ${group.object.description}`, 255),
          VpcId: { Ref: "VpcId" },
          SecurityGroupEgress: egress(policy),
        },
      };
      outputs[base] = { Description: awsText(`Attach to the network interfaces of ${group.object.description}`, 1000), Value: groupId };
    } else {
      parameters[base] = { Type: "AWS::EC2::SecurityGroup::Id", Description: describeExisting(group) };
    }
    for (const entry of ingress) {
      const ports = entry.ports ? `${entry.protocol} ${portText(entry.ports, " ")}` : "esp";
      const sources: { cidr: unknown; condition?: string }[] = entry.slot
        ? [{ cidr: { Ref: slotParameter(entry.slot) }, condition: `Has${slotParameter(entry.slot)}` }]
        : entry.cidrs.map((cidr) => ({ cidr }));
      sources.forEach(({ cidr, condition }, i) => {
        const properties: Json = { GroupId: groupId, Description: entry.description, IpProtocol: entry.protocol };
        properties[entry.family === "ipv4" ? "CidrIp" : "CidrIpv6"] = cidr;
        if (entry.ports) Object.assign(properties, { FromPort: entry.ports[0], ToPort: entry.ports[1] });
        const resource: Json = { Type: "AWS::EC2::SecurityGroupIngress" };
        if (condition) resource.Condition = condition;
        resource.Properties = properties;
        resources[ids.take(logicalId(`Rule ${entry.rule.index} ${entry.family} ${ports} ${entry.slot ? "host" : `n${i + 1}`}`))] = resource;
      });
    }
  }

  function slotParameter(slot: HostSlot): string {
    let name = slotParameters.get(slot);
    if (!name) {
      // One prefix per placeholder: a template has no loops; add resources for more prefixes.
      name = ids.take(logicalId(`Host ${slot.object.name} ${slot.host} ${slot.family}`).slice(0, 200));
      slotParameters.set(slot, name);
      parameters[name] = { Type: "String", Default: "", Description: plainText(`${slotText(slot)} (one prefix)`, 4000) };
      conditions[`Has${name}`] = { "Fn::Not": [{ "Fn::Equals": [{ Ref: name }, ""] }] };
    }
    return name;
  }

  const header = [...headerLines(policy, options, "AWS security groups (CloudFormation)"), ...awsNotes(policy, "cloudformation")];
  const template: Json = {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: plainText(header[0], 1024),
    Metadata: { pexnet: [...header, ...notes] },
  };
  if (Object.keys(parameters).length) template.Parameters = parameters;
  if (Object.keys(conditions).length) template.Conditions = conditions;
  // A template needs at least one resource: an empty policy gets a harmless wait handle.
  template.Resources = Object.keys(resources).length ? resources : { NothingToAdd: { Type: "AWS::CloudFormation::WaitConditionHandle" } };
  if (Object.keys(outputs).length) template.Outputs = outputs;
  return `${JSON.stringify(template, null, 2)}\n`;
}

function egress(policy: ExportPolicy): Json[] {
  const all: Json[] = [{ IpProtocol: "-1", CidrIp: "0.0.0.0/0", Description: "Outbound traffic as AWS allows it by default" }];
  if (policy.ipv6) all.push({ IpProtocol: "-1", CidrIpv6: "::/0", Description: "Outbound traffic as AWS allows it by default" });
  return all;
}

function describeExisting(group: AwsGroup): string {
  return plainText(`The id of the existing security group of ${group.object.description}`, 4000);
}
