// Shared by the generator tests: the export policies of every example deployment, a hostile
// policy for escaping tests (also one with arbitrary strings put in), and the rule for
// external tools (installed by .ci/run and never skipped there; elsewhere a missing tool
// skips loudly).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { TestContext } from "node:test";
import { missingTool } from "../missing-tool";

import { checkText } from "../../server/src/core/check";
import { buildExportPolicy, type AddressObject, type ExportPolicy } from "../../server/src/core/export-policy";
import { EXPORT_SCOPES, type ExportScope } from "../../server/src/core/firewall-flows";

export const root = join(__dirname, "..", "..", "..");
export const exampleFiles = readdirSync(join(root, "examples")).filter((f) => f.endsWith(".pexnet")).sort();

export interface ExamplePolicy {
  example: string;
  firewall: string;
  scope: ExportScope;
  policy: ExportPolicy;
}

/** Every (example, firewall, scope) policy, computed once. */
let cached: ExamplePolicy[] | undefined;
export function examplePolicies(): ExamplePolicy[] {
  if (cached) return cached;
  cached = [];
  for (const file of exampleFiles) {
    const { model } = checkText(readFileSync(join(root, "examples", file), "utf8"));
    for (const firewall of model.firewalls) {
      for (const scope of EXPORT_SCOPES) {
        cached.push({ example: file.replace(/\.pexnet$/, ""), firewall: firewall.name, scope, policy: buildExportPolicy(model, firewall, { scope }) });
      }
    }
  }
  return cached;
}

/** Strings that try to break out of a string, comment or command on some platform. */
export const HOSTILE_STRINGS = [
  'evil"; rm -rf / #',
  "evil'; DROP TABLE x; --",
  "line1\nINJECTED line2",
  "cr\rINJECTED",
  "$(touch /tmp/pexnet-pwned)",
  "`touch /tmp/pexnet-pwned`",
  "${jndi:ldap://x}",
  "back\\slash\\",
  "semi;colon|pipe&amp<lt>gt{brace}",
  "unicode\u2028INJECTED\u0000nul",
  "#comment-start",
  "a".repeat(300),
];

/** A policy whose names, comments and host names are all hostile (`variant` picks the strings). */
export function hostilePolicy(variant: number, kind: "network" | "host" = "network", ipv6 = true): ExportPolicy {
  const pick = (i: number) => HOSTILE_STRINGS[(variant + i) % HOSTILE_STRINGS.length];
  const object = (i: number, withHost: boolean): AddressObject => ({
    name: pick(i),
    description: pick(i + 1),
    parties: [pick(i + 2)],
    ipv4: ["192.0.2.0/24", "198.51.100.7/32"],
    ipv6: ipv6 ? ["2001:db8::/32"] : [],
    hosts: withHost ? [pick(i + 3), "sip.example.com"] : [],
  });
  const source = object(0, true);
  const destination = object(4, false);
  const protects = kind === "host" ? destination : undefined;
  return {
    firewall: { name: pick(7), kind, zones: kind === "network" ? [pick(8), pick(9)] : [], protects },
    scope: variant % 2 === 0 ? "complete" : "missing",
    ipv6,
    addresses: [source, destination],
    rules: [
      { index: 1, comment: pick(10), rows: ["sip-tls", pick(11)], source, destination, protocol: "tcp", dstPorts: [[5061, 5061], [40000, 49999]], fromZone: kind === "network" ? pick(8) : undefined, toZone: kind === "network" ? pick(9) : undefined },
      { index: 2, comment: pick(3), rows: ["dns"], source: destination, destination: source, protocol: "udp", dstPorts: [[53, 53]], srcPorts: [[55000, 65535]], fromZone: kind === "network" ? pick(9) : undefined, toZone: kind === "network" ? pick(8) : undefined },
      { index: 3, comment: pick(5), rows: ["ipsec-esp"], source, destination, protocol: "esp", dstPorts: [], fromZone: kind === "network" ? pick(8) : undefined, toZone: kind === "network" ? pick(9) : undefined },
    ],
    flowCount: 3,
  };
}

/**
 * The hostile policy (variant 0) with 7 arbitrary strings put in: the firewall name (0), a
 * comment (1), a rule's rows (2), an address object's name (3) and host (4), a description
 * (5), and for a network firewall the zones (6 and 1) and every rule's zone pair.
 */
export function policyFromStrings(s: readonly string[], host: boolean): ExportPolicy {
  const policy = hostilePolicy(0, host ? "host" : "network");
  policy.firewall.name = s[0];
  policy.rules[0].comment = s[1];
  policy.rules[1].rows = [s[2]];
  policy.addresses[0].name = s[3];
  policy.addresses[0].hosts = [s[4]];
  policy.addresses[1].description = s[5];
  if (!host) {
    policy.firewall.zones = [s[6], s[1]];
    policy.rules.forEach((r) => { r.fromZone = r.index === 2 ? s[1] : s[6]; r.toZone = r.index === 2 ? s[6] : s[1]; });
  }
  return policy;
}

/** True when `command --version`-like probing succeeds. */
export function hasCommand(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).status === 0;
}

/**
 * Call at the start of a test that needs `command`. Returns false (and skips loudly) when it
 * is missing; under PEXNET_REQUIRE_TOOLS=1 (set by .ci/run) a missing tool fails the test.
 */
export function requireTool(t: TestContext, command: string, install: string): boolean {
  if (hasCommand(command)) return true;
  missingTool(t, `${command} is not installed (${install}); this test cannot prove the output`);
  return false;
}

/**
 * For tools that only the machine image has (terraform providers, cfn-lint): always a loud
 * skip when missing, never a failure, because no registry here can install them.
 */
export function optionalTool(t: TestContext, command: string, why: string): boolean {
  if (hasCommand(command)) return true;
  console.warn(`\n*** SKIPPED: ${command} is not on this machine (${why}) ***\n`);
  t.skip(`${command} missing: ${why}`);
  return false;
}
