// AWS security groups: Terraform and CloudFormation. Structure on every example policy,
// escaping with hostile and arbitrary names, and the real tools where the machine has them
// (terraform fmt and validate with the local AWS provider, cfn-lint).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import fc from "fast-check";

import type { ExportPolicy } from "../../server/src/core/export-policy";
import { renderAwsCloudFormation } from "../../server/src/generators/aws-cloudformation";
import { renderAwsTerraform } from "../../server/src/generators/aws-terraform";
import { generatorById } from "../../server/src/generators/index";
import { arbitraryPolicy, assertInertHcl, exampleAndHostileTexts, hclProblems, hostileCases, terraformFmtFailures } from "./cloud-checks";
import { examplePolicies, optionalTool } from "./export-fixtures";
import { scratchDir } from "../scratch-dir";

const AWS_TEXT = /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;

describe("aws-terraform", () => {
  it("is registered", () => assert.ok(generatorById("aws-terraform")));

  it("renders every rule of every example with its ports, rows and scope", () => {
    for (const { example, firewall, scope, policy } of examplePolicies()) {
      const text = renderAwsTerraform(policy, {});
      const where = `${example}/${firewall}/${scope}`;
      assert.deepEqual(hclProblems(text), [], where);
      if (scope === "complete") {
        assert.match(text, /resource "aws_security_group" /, where);
        assert.match(text, /vpc_id += var\.vpc_id/, where);
        assert.match(text, /aws_vpc_security_group_egress_rule/, where);
      } else {
        assert.doesNotMatch(text, /resource "aws_security_group" /, where);
        if (text.includes('resource "aws_vpc_security_group_ingress_rule"')) assert.match(text, /security_group_id += var\.security_group_id/, where);
      }
      assert.match(text, /stateful/, where);
      assert.match(text, /cannot match source ports/, where);
      for (const rule of policy.rules) {
        const block = text.split(/\n(?=# Rule \d+[: (])/).filter((b) => b.startsWith(`# Rule ${rule.index}:`) || b.startsWith(`# Rule ${rule.index} (`));
        assert.ok(block.length > 0, `${where}: rule ${rule.index} missing`);
        if (block.every((b) => b.includes("share no address family"))) continue;
        assert.ok(block.some((b) => b.includes(`pexnet rows: ${rule.rows.join(", ")}`)), `${where}: rows of rule ${rule.index}`);
        const protocol = rule.protocol === "esp" ? "50" : rule.protocol;
        assert.ok(block.some((b) => new RegExp(`ip_protocol += "${protocol}"`).test(b)), `${where}: protocol of rule ${rule.index}`);
        for (const [lo, hi] of rule.dstPorts) {
          assert.ok(block.some((b) => new RegExp(`from_port += ${lo}\\n\\s+to_port += ${hi}\\n`).test(b)), `${where}: rule ${rule.index} port ${lo}-${hi}`);
        }
        const sources = [...rule.source.ipv4, ...rule.source.ipv6];
        for (const cidr of sources) assert.ok(block.some((b) => b.includes(`"${cidr}"`)), `${where}: rule ${rule.index} source ${cidr}`);
      }
    }
  });

  it("descriptions use only the characters AWS allows, within 255", () => {
    for (const policy of [...examplePolicies().map((e) => e.policy), ...hostileCases()]) {
      for (const [, value] of renderAwsTerraform(policy, {}).matchAll(/^\s+(?:description|name) += "([^"]*)"$/gm)) {
        assert.match(value, AWS_TEXT);
        assert.ok(value.length <= 255);
      }
    }
  });

  it("keeps hostile and arbitrary names inert", () => {
    assertInertHcl((policy) => renderAwsTerraform(policy, {}));
  });

  it("terraform fmt -check accepts every example and hostile output", (t) => {
    if (!optionalTool(t, "terraform", "terraform is on the machine image only")) return;
    const texts = exampleAndHostileTexts((policy) => renderAwsTerraform(policy, {}));
    assert.deepEqual(terraformFmtFailures(texts), []);
  });

  it("terraform validate (local AWS provider) accepts every example and hostile output", (t) => {
    if (!optionalTool(t, "terraform", "terraform is on the machine image only")) return;
    const pluginDir = findAwsPluginDir();
    if (!pluginDir) {
      console.warn("\n*** SKIPPED: no local terraform-provider-aws (machine image only); terraform validate cannot run ***\n");
      t.skip("no local AWS provider");
      return;
    }
    // One root module calling every output as a child module: one init (offline, from the
    // local plugin folder) and one validate, so the large provider starts once.
    const dir = scratchDir("pexnet-tf-aws-");
    const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
    const texts = exampleAndHostileTexts((policy) => renderAwsTerraform(policy, {}));
    const root: string[] = [];
    texts.forEach((text, i) => {
      mkdirSync(join(dir, `m${i}`));
      writeFileSync(join(dir, `m${i}`, "main.tf"), text);
      // Variables without a default need a value: any string will do for validate.
      const required = [...text.matchAll(/^variable "([A-Za-z0-9_]+)" \{\n(?:(?!\}\n)[^\n]*\n)*?\}$/gm)].filter((m) => !m[0].includes("default")).map((m) => m[1]);
      root.push(`module "m${i}" {`, `  source = "./m${i}"`, ...required.map((v) => `  ${v} = "x"`), "}", "");
    });
    writeFileSync(join(dir, "main.tf"), root.join("\n"));
    const init = spawnSync("unshare", ["-n", "terraform", "init", "-backend=false", `-plugin-dir=${pluginDir}`, "-input=false", "-no-color"], { cwd: dir, encoding: "utf8", env });
    assert.equal(init.status, 0, init.stdout + init.stderr);
    const run = spawnSync("unshare", ["-n", "terraform", "validate", "-no-color"], { cwd: dir, encoding: "utf8", env });
    const failures = run.status === 0 ? [] : [`${run.stdout}${run.stderr}`.slice(0, 4000)];
    assert.deepEqual(failures, []);
  });
});

describe("aws-cloudformation", () => {
  it("is registered", () => assert.ok(generatorById("aws-cloudformation")));

  it("renders every rule of every example as ingress resources", () => {
    for (const { example, firewall, scope, policy } of examplePolicies()) {
      const where = `${example}/${firewall}/${scope}`;
      const template = JSON.parse(renderAwsCloudFormation(policy, {}));
      const resources = Object.values(template.Resources) as { Type: string; Properties?: Record<string, unknown> }[];
      const ingress = resources.filter((r) => r.Type === "AWS::EC2::SecurityGroupIngress").map((r) => r.Properties!);
      if (scope === "complete") {
        assert.equal(template.Parameters.VpcId.Type, "AWS::EC2::VPC::Id", where);
        assert.ok(resources.some((r) => r.Type === "AWS::EC2::SecurityGroup"), where);
      } else {
        assert.ok(!resources.some((r) => r.Type === "AWS::EC2::SecurityGroup"), where);
      }
      for (const rule of policy.rules) {
        const own = ingress.filter((p) => String(p.Description).includes(rule.comment.slice(0, 40)));
        const familyShared = (rule.source.ipv4.length && (rule.destination.ipv4.length || rule.destination.hosts.length)) || (rule.source.ipv6.length && (rule.destination.ipv6.length || rule.destination.hosts.length));
        if (!familyShared) continue;
        assert.ok(own.length > 0, `${where}: rule ${rule.index}`);
        for (const [lo, hi] of rule.dstPorts) assert.ok(own.some((p) => p.FromPort === lo && p.ToPort === hi), `${where}: rule ${rule.index} ${lo}-${hi}`);
        if (rule.protocol === "esp") assert.ok(own.every((p) => p.IpProtocol === "50" && p.FromPort === undefined));
      }
      for (const p of ingress) {
        assert.match(String(p.Description), AWS_TEXT);
        assert.ok(String(p.Description).length <= 255);
      }
    }
  });

  it("keeps hostile and arbitrary names inside JSON strings", () => {
    const check = (policy: ExportPolicy) => {
      const text = renderAwsCloudFormation(policy, {});
      const template = JSON.parse(text);
      for (const id of [...Object.keys(template.Resources), ...Object.keys(template.Parameters ?? {})]) assert.match(id, /^[A-Za-z0-9]{1,255}$/);
      assert.ok(!/^\s*INJECTED/m.test(text));
      return true;
    };
    hostileCases().forEach(check);
    fc.assert(fc.property(arbitraryPolicy, check), { numRuns: 200 });
  });

  it("cfn-lint accepts every example and hostile template", (t) => {
    if (!optionalTool(t, "cfn-lint", "cfn-lint is on the machine image only")) return;
    const dir = scratchDir("pexnet-cfn-");
    const texts = exampleAndHostileTexts((policy) => renderAwsCloudFormation(policy, {}));
    const files = texts.map((text, i) => {
      const file = join(dir, `t${i}.json`);
      writeFileSync(file, text);
      return file;
    });
    const run = spawnSync("cfn-lint", files, { encoding: "utf8" });
    assert.equal(run.status, 0, run.stdout + run.stderr);
  });
});

/** The folder holding registry.terraform.io/hashicorp/aws/..., for -plugin-dir. */
function findAwsPluginDir(): string | undefined {
  const candidates = [process.env.PEXNET_TF_PLUGIN_DIR, "/opt/tf-plugins"].filter((d): d is string => !!d);
  for (const dir of candidates) {
    if (existsSync(join(dir, "registry.terraform.io", "hashicorp", "aws"))) return dir;
  }
  const found = spawnSync("sh", ["-c", "find / -path /proc -prune -o -name 'terraform-provider-aws*' -print 2>/dev/null | head -1"], { encoding: "utf8" }).stdout.trim();
  const match = /^(.*)\/registry\.terraform\.io\/hashicorp\/aws\//.exec(found);
  return match ? match[1] : undefined;
}
