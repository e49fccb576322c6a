// Shared by the nftables and iptables tests: run a netfilter syntax check (nft -c,
// iptables-restore --test) on many files at once, each in a network namespace of its own so
// that no check reads or touches the host's ruleset; policies made of arbitrary strings; and a
// generator's files for every hostile policy and for a fixed run of arbitrary ones.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";

import type { ExportPolicy } from "../../server/src/core/export-policy";
import type { GeneratedFile, Generator } from "../../server/src/generators/generator";
import { hostilePolicy } from "./export-fixtures";

export interface CheckFailure {
  label: string;
  output: string;
}

/** Writes each file and runs `unshare -rn <command...> FILE` on it, eight at a time; the failures. */
export async function checkFiles(command: string[], files: { label: string; text: string }[]): Promise<CheckFailure[]> {
  const dir = mkdtempSync(join(tmpdir(), "pexnet-netfilter-"));
  try {
    const failures: CheckFailure[] = [];
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const i = next++;
        const path = join(dir, `f${i}`);
        writeFileSync(path, files[i].text);
        const { status, output } = await run("unshare", ["-rn", ...command, path]);
        if (status !== 0) failures.push({ label: files[i].label, output: output.slice(0, 600) });
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return failures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (e) => resolve({ status: -1, output: String(e) }));
    child.on("close", (status) => resolve({ status, output }));
  });
}

/** The hostile policy's shape with arbitrary strings for the firewall, object, host and rule texts. */
export function policyOfStrings(strings: readonly string[], kind: "network" | "host", ipv6: boolean, complete: boolean): ExportPolicy {
  const policy = hostilePolicy(complete ? 0 : 1, kind, ipv6);
  const at = (i: number) => strings[i % strings.length];
  policy.firewall.name = at(0);
  policy.addresses[0].name = at(1);
  policy.addresses[0].description = at(2);
  policy.addresses[0].hosts = [at(3), at(4)];
  policy.addresses[1].name = at(5);
  policy.addresses[1].description = at(6);
  policy.rules.forEach((rule, i) => {
    rule.comment = at(7 + i);
    rule.rows = [at(10 + i), "dns"];
  });
  policy.firewall.zones = [at(2), at(6)];
  return policy;
}

export const labelled = (label: string, files: GeneratedFile[]) => files.map((f) => ({ label: `${label} ${f.name}`, text: f.text }));

export interface LabelledText {
  label: string;
  text: string;
}

/** The generator's files for every hostile policy: 24 variants, network and host, with and without IPv6. */
export function hostileOutputs(generator: Generator): LabelledText[] {
  const out: LabelledText[] = [];
  for (let v = 0; v < 24; v++) {
    for (const kind of ["network", "host"] as const) {
      for (const ipv6 of [true, false]) out.push(...labelled(`hostile ${v} ${kind} ipv6=${ipv6}`, generator.render(hostilePolicy(v, kind, ipv6), {})));
    }
  }
  return out;
}

/** The generator's files for 300 policies of arbitrary strings (fast-check, fixed seed); `check` runs on each file. */
export function arbitraryOutputs(generator: Generator, check: (label: string, text: string) => void): LabelledText[] {
  const out: LabelledText[] = [];
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.string({ unit: "binary", maxLength: 60 }), fc.string({ maxLength: 200 })), { minLength: 13, maxLength: 13 }),
      fc.constantFrom("network" as const, "host" as const),
      fc.boolean(),
      fc.boolean(),
      (strings, kind, ipv6, complete) => {
        const policy: ExportPolicy = policyOfStrings(strings, kind, ipv6, complete);
        const files = labelled(`fast-check ${JSON.stringify(strings).slice(0, 200)}`, generator.render(policy, { sourceName: strings[12] }));
        for (const file of files) check(file.label, file.text);
        out.push(...files);
      },
    ),
    { numRuns: 300, seed: 20240607 },
  );
  return out;
}

/** Port ranges as a sorted list of "lo-hi" for comparing what a file matches with the policy. */
export const rangeKeys = (ranges: readonly [number, number][]) => ranges.map(([lo, hi]) => `${lo}-${hi}`).sort();
