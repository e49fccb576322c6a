// Shared by the cloud generator tests: a structural HCL check that needs no tool, hostile
// policies and a fast-check policy with arbitrary names and texts, and `terraform fmt -check`
// on many files.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";

import type { ExportPolicy } from "../../server/src/core/export-policy";
import { examplePolicies, hostilePolicy } from "./export-fixtures";
import { scratchDir } from "../scratch-dir";

/**
 * Every line of generated HCL is a comment, a block opening or closing, or an attribute whose
 * strings hold no quote, backslash or template sequence and whose rest is plain expression
 * characters. Returns the offending lines.
 */
export function hclProblems(text: string): string[] {
  const problems: string[] = [];
  if (/[\r\u0000\u2028\u2029]/.test(text)) problems.push("control character in the output");
  let depth = 0;
  for (const line of text.split("\n")) {
    if (/^\s*INJECTED/.test(line)) problems.push(line);
    if (/^\s*(#.*)?$/.test(line)) continue;
    const strings = line.match(/"[^"\\]*"/g) ?? [];
    if (strings.some((s) => s.includes("${") || s.includes("%{"))) problems.push(line);
    const rest = line.replace(/"[^"\\]*"/g, '""');
    if (!/^[\sA-Za-z0-9_.()[\]{}>?:&,=/"*-]*$/.test(rest) || rest.includes('"""')) problems.push(line);
    depth += (rest.match(/\{/g) ?? []).length - (rest.match(/\}/g) ?? []).length;
    if (depth < 0) problems.push(line);
  }
  if (depth !== 0) problems.push(`unbalanced braces (${depth})`);
  return problems;
}

/** Runs `terraform fmt -check` on each text; returns the indexes it rejects, with its message. */
export function terraformFmtFailures(texts: readonly string[]): string[] {
  const dir = scratchDir("pexnet-tf-fmt-");
  const failures: string[] = [];
  texts.forEach((text, i) => {
    const file = join(dir, `f${i}.tf`);
    writeFileSync(file, text);
    const run = spawnSync("terraform", ["fmt", "-check", "-diff", "-no-color", file], { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
    if (run.status !== 0) failures.push(`#${i}: ${run.stdout}${run.stderr}`.slice(0, 2000));
  });
  return failures;
}

/** Hostile policies: 12 variants, network and host, IPv6 in two of every three. */
export function hostileCases(): ExportPolicy[] {
  const out: ExportPolicy[] = [];
  for (let v = 0; v < 12; v++) for (const kind of ["network", "host"] as const) out.push(hostilePolicy(v, kind, v % 3 !== 0));
  return out;
}

/** The rendered text of every example policy, then of every hostile case. */
export function exampleAndHostileTexts(render: (policy: ExportPolicy) => string): string[] {
  return [...examplePolicies().map((e) => render(e.policy)), ...hostileCases().map(render)];
}

/** A hostile policy whose names, comments and hosts are arbitrary strings. */
export const arbitraryPolicy: fc.Arbitrary<ExportPolicy> = fc
  .record({
    texts: fc.array(fc.string({ unit: "binary", maxLength: 80 }), { minLength: 8, maxLength: 8 }),
    variant: fc.nat(20),
    host: fc.boolean(),
    ipv6: fc.boolean(),
  })
  .map(({ texts, variant, host, ipv6 }) => {
    const policy = hostilePolicy(variant, host ? "host" : "network", ipv6);
    const [a, b] = policy.addresses;
    a.name = texts[0];
    a.description = texts[1];
    a.hosts = [texts[2], "sip.example.com"];
    b.name = texts[3];
    b.description = texts[4];
    policy.firewall.name = texts[5];
    policy.rules[0].comment = texts[6];
    policy.rules[1].rows = [texts[7]];
    return policy;
  });

/** Every hostile case, and 200 arbitrary policies, render to HCL with no problems. */
export function assertInertHcl(render: (policy: ExportPolicy) => string): void {
  for (const policy of hostileCases()) assert.deepEqual(hclProblems(render(policy)), []);
  fc.assert(fc.property(arbitraryPolicy, (policy) => hclProblems(render(policy)).length === 0), { numRuns: 200 });
}
