// Azure NSG (Terraform), Google Cloud firewall rules (Terraform and gcloud). Structure on every
// example, escaping with hostile and arbitrary names, `terraform fmt -check` (the Azure and
// Google providers are not on this machine, so no `terraform validate` for them), `bash -n`,
// and the gcloud script run with gcloud as a shell function that records its arguments.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import fc from "fast-check";

import type { ExportPolicy } from "../../server/src/core/export-policy";
import { renderAzureTerraform } from "../../server/src/generators/azure-terraform";
import { renderGcpGcloud, slotVariable } from "../../server/src/generators/gcp-gcloud";
import { gcpPolicy, renderGcpTerraform, type GcpRule } from "../../server/src/generators/gcp-terraform";
import { generatorById } from "../../server/src/generators/index";
import { plainText } from "../../server/src/generators/text-safety";
import { arbitraryPolicy, assertInertHcl, exampleAndHostileTexts, hclProblems, hostileCases, terraformFmtFailures } from "./cloud-checks";
import { examplePolicies, optionalTool } from "./export-fixtures";

/** Chunks of output that start at `# Rule N` comments. */
function ruleChunks(text: string, index: number): string[] {
  return text.split(/\n(?=# Rule \d+[: (])|\n\n(?=  # Rule \d+:)/).filter((c) => new RegExp(`^\\s*# Rule ${index}:`).test(c));
}

describe("azure-terraform", () => {
  it("is registered", () => assert.ok(generatorById("azure-terraform")));

  it("renders every rule of every example with priorities, ports and the final deny", () => {
    for (const { example, firewall, scope, policy } of examplePolicies()) {
      const where = `${example}/${firewall}/${scope}`;
      const text = renderAzureTerraform(policy, {});
      assert.deepEqual(hclProblems(text), [], where);
      const priorities = [...text.matchAll(/priority += (\d+)/g)].map((m) => Number(m[1]));
      assert.equal(new Set(priorities).size, priorities.length, `${where}: priorities unique`);
      assert.ok(priorities.every((p) => p >= 100 && p <= 4096), where);
      if (scope === "complete") {
        assert.match(text, /resource "azurerm_network_security_group"/, where);
        assert.match(text, /priority += 4096\n\s+direction += "Inbound"\n\s+access += "Deny"/, where);
        if (priorities.length > 1) assert.equal(Math.min(...priorities), 100, where);
      } else {
        assert.doesNotMatch(text, /resource "azurerm_network_security_group"/, where);
        assert.doesNotMatch(text, /"Deny"/, where);
      }
      for (const rule of policy.rules) {
        const chunks = ruleChunks(text, rule.index);
        if (!chunks.length) continue; // no shared address family: checked by the policy test of the core
        assert.ok(chunks.some((c) => c.includes(`pexnet rows: ${rule.rows.join(", ")}`)), `${where}: rows of ${rule.index}`);
        const protocol = { tcp: "Tcp", udp: "Udp", esp: "Esp" }[rule.protocol];
        assert.ok(chunks.every((c) => new RegExp(`protocol += "${protocol}"`).test(c)), `${where}: protocol of ${rule.index}`);
        const ports = rule.dstPorts.map(([lo, hi]) => (lo === hi ? `"${lo}"` : `"${lo}-${hi}"`)).join(", ");
        if (rule.protocol !== "esp") assert.ok(chunks.every((c) => c.includes(`destination_port_ranges      = [${ports}]`)), `${where}: ports of ${rule.index}`);
        if (rule.srcPorts) assert.ok(chunks.every((c) => c.includes("source_port_ranges ")), `${where}: source ports of ${rule.index}`);
        for (const c of chunks) {
          const name = /name += "([^"]*)"/.exec(c)?.[1] ?? "";
          assert.ok(name.length <= 80 && /^[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9_]$/.test(name), name);
          const description = /description += "([^"]*)"/.exec(c)?.[1] ?? "";
          assert.ok(description.length <= 140, description);
        }
      }
    }
  });

  it("starts at the placement priority and reports rules that do not fit", () => {
    const policy = examplePolicies().find((e) => e.scope === "missing" && e.policy.rules.length > 0)!.policy;
    assert.match(renderAzureTerraform(policy, { placement: { priority: 2000 } }), /priority += 2000\n/);
    const full = renderAzureTerraform(examplePolicies().find((e) => e.example === "acme" && e.scope === "complete")!.policy, { placement: { priority: 4090 } });
    assert.match(full, /^# ERROR: \d+ rules do not fit/m);
    assert.deepEqual(hclProblems(full), []);
  });

  it("keeps hostile and arbitrary names inert", () => {
    assertInertHcl((policy) => renderAzureTerraform(policy, {}));
  });

  it("terraform fmt -check accepts every example and hostile output (no azurerm provider here: no validate)", (t) => {
    if (!optionalTool(t, "terraform", "terraform is on the machine image only")) return;
    const texts = exampleAndHostileTexts((policy) => renderAzureTerraform(policy, {}));
    assert.deepEqual(terraformFmtFailures(texts), []);
  });
});

describe("gcp-terraform", () => {
  it("is registered", () => assert.ok(generatorById("gcp-terraform")));

  it("renders every rule of every example, one family per rule, with the final deny", () => {
    for (const { example, firewall, scope, policy } of examplePolicies()) {
      const where = `${example}/${firewall}/${scope}`;
      const text = renderGcpTerraform(policy, {});
      assert.deepEqual(hclProblems(text), [], where);
      for (const [, name] of text.matchAll(/^\s+name += "([^"]*)"$/gm)) assert.match(name, /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/, where);
      for (const [, ranges] of text.matchAll(/_ranges += \[([^\]]*)\]/g)) {
        const v6 = ranges.includes(":");
        assert.ok(ranges.split(", ").every((r) => r.includes(":") === v6), `${where}: mixed families ${ranges}`);
      }
      assert.equal(/deny \{\n\s+protocol = "all"/.test(text), scope === "complete", where);
      if (scope === "complete") assert.match(text, /priority += 65534/, where);
      for (const rule of policy.rules) {
        const chunks = ruleChunks(text, rule.index);
        if (!chunks.length) continue;
        assert.ok(chunks.every((c) => c.includes(`pexnet rows: ${rule.rows.join(", ")}`)), `${where}: rows of ${rule.index}`);
        assert.ok(chunks.every((c) => c.includes(`protocol = "${rule.protocol}"`)), `${where}: protocol of ${rule.index}`);
        const ports = rule.dstPorts.map(([lo, hi]) => (lo === hi ? `"${lo}"` : `"${lo}-${hi}"`)).join(", ");
        if (rule.protocol !== "esp") assert.ok(chunks.every((c) => c.includes(`ports    = [${ports}]`)), `${where}: ports of ${rule.index}`);
        if (rule.srcPorts) assert.ok(chunks.every((c) => c.includes("cannot match source ports")), where);
      }
    }
  });

  it("keeps hostile and arbitrary names inert", () => {
    assertInertHcl((policy) => renderGcpTerraform(policy, {}));
  });

  it("terraform fmt -check accepts every example and hostile output (no google provider here: no validate)", (t) => {
    if (!optionalTool(t, "terraform", "terraform is on the machine image only")) return;
    const texts = exampleAndHostileTexts((policy) => renderGcpTerraform(policy, {}));
    assert.deepEqual(terraformFmtFailures(texts), []);
  });
});

/** The argument lists the script must pass to gcloud, from the rule model. */
function expectedCalls(policy: ExportPolicy, network: string, hosts: Record<string, string>): string[][] {
  return gcpPolicy(policy, {}).rules.flatMap((r: GcpRule) => {
    const value = (e: GcpRule["source"]) => (e.slot ? hosts[slotVariable(e.slot)] ?? "" : e.cidrs.join(","));
    const used = [r.source.slot, r.destination?.slot].filter((s) => s !== undefined);
    if (used.some((s) => !hosts[slotVariable(s!)])) return [];
    const rules = r.protocol === "all" || r.protocol === "esp" ? r.protocol : r.ports.map((p) => `${r.protocol}:${p}`).join(",");
    const args = ["compute", "firewall-rules", "create", r.name, `--network=${network}`, "--direction=INGRESS", `--action=${r.action.toUpperCase()}`, `--rules=${rules}`, `--source-ranges=${value(r.source)}`];
    if (r.destination) args.push(`--destination-ranges=${value(r.destination)}`);
    args.push(`--priority=${r.priority}`, `--description=${plainText(r.description, 2048)}`);
    return [args];
  });
}

/** Runs the script with gcloud as a function that records its arguments; PATH holds no commands. */
function recordCalls(script: string, env: Record<string, string>): { calls: string[][]; status: number | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), "pexnet-gcloud-"));
  const file = join(dir, "rules.sh");
  writeFileSync(file, script);
  const runner = `gcloud() { printf '%s\\0' "$@"; printf '\\001\\0'; }\nsource "$1"\n`;
  const run = spawnSync("/bin/bash", ["-c", runner, "runner", file], { encoding: "utf8", env: { PATH: join(dir, "empty"), ...env } });
  rmSync(dir, { recursive: true, force: true });
  const calls: string[][] = [];
  let current: string[] = [];
  for (const word of run.stdout.split("\0").slice(0, -1)) {
    if (word === "\u0001") {
      calls.push(current);
      current = [];
    } else current.push(word);
  }
  return { calls, status: run.status, stderr: run.stderr };
}

describe("gcp-gcloud", () => {
  it("is registered", () => assert.ok(generatorById("gcp-gcloud")));

  it("every example script passes bash -n and calls gcloud with exactly the rule arguments", () => {
    for (const { example, firewall, scope, policy } of examplePolicies()) {
      const where = `${example}/${firewall}/${scope}`;
      const script = renderGcpGcloud(policy, {});
      assert.match(script, /^#!\/usr\/bin\/env bash\n/, where);
      assert.match(script, /^set -euo pipefail$/m, where);
      const syntax = spawnSync("bash", ["-n"], { input: script, encoding: "utf8" });
      assert.equal(syntax.status, 0, `${where}: ${syntax.stderr}`);
      const run = recordCalls(script, { NETWORK: "net-a" });
      assert.equal(run.status, 0, `${where}: ${run.stderr}`);
      assert.deepEqual(run.calls, expectedCalls(policy, "net-a", {}), where);
      for (const rule of policy.rules) {
        if (gcpPolicy(policy, {}).rules.some((r) => r.rule === rule)) assert.match(script, new RegExp(`# Rule ${rule.index}: .*pexnet rows: ${rule.rows.join(", ")}`), where);
      }
    }
  });

  it("runs hostile and arbitrary scripts with nothing but gcloud, placeholders filled or not", () => {
    const check = (policy: ExportPolicy) => {
      const script = renderGcpGcloud(policy, {});
      const hosts: Record<string, string> = {};
      for (const slot of gcpPolicy(policy, {}).slots) hosts[slotVariable(slot)] = slot.family === "ipv4" ? "203.0.113.0/24" : "2001:db8:1::/48";
      for (const env of [{}, hosts]) {
        const run = recordCalls(script, { NETWORK: "net-b", ...env });
        assert.equal(run.status, 0, run.stderr);
        assert.deepEqual(run.calls, expectedCalls(policy, "net-b", env));
      }
      assert.ok(!existsSync("/tmp/pexnet-pwned"));
      return true;
    };
    hostileCases().forEach(check);
    fc.assert(fc.property(arbitraryPolicy, check), { numRuns: 60 });
  });
});
