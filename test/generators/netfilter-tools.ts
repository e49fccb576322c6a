// Shared by the nftables and iptables tests: run a netfilter syntax check (nft -c,
// iptables-restore --test) on many files at once, each in a network namespace of its own so
// that no check reads or touches the host's ruleset; and policies made of arbitrary strings.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { ExportPolicy } from "../../server/src/core/export-policy";
import type { GeneratedFile } from "../../server/src/generators/generator";
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

/** Port ranges as a sorted list of "lo-hi" for comparing what a file matches with the policy. */
export const rangeKeys = (ranges: readonly [number, number][]) => ranges.map(([lo, hi]) => `${lo}-${hi}`).sort();
