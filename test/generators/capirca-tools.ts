// Running the real Capirca on our output: write the generated files into a folder laid out
// as aclgen expects (pol/<stem>.pol, def/...), render, and check what it made. Used by the
// capirca tests and by the lead's benchmark.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

import type { GeneratedFile } from "../../server/src/generators/generator";
import { scratchDir } from "../scratch-dir";

export interface AclgenRun {
  status: number | null;
  stderr: string;
  /** Rendered files by name (`x.nft`, `x.pf`, `x.jcl`, ...). */
  outputs: Map<string, string>;
  ms: number;
}

/** Writes the capirca generator's files into a fresh folder; returns the folder and the policy path. */
export function writeCapircaFiles(files: GeneratedFile[], dir = scratchDir("pexnet-capirca-")): { dir: string; policy: string } {
  let policy = "";
  for (const file of files) {
    const path = file.name.endsWith(".pol") ? join(dir, "pol", file.name) : join(dir, file.name);
    if (file.name.endsWith(".pol")) policy = path;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
  }
  return { dir, policy };
}

/**
 * Renders one policy with aclgen. `--policy_file` matters: in directory mode aclgen logs a
 * failing policy and still exits 0.
 */
export function runAclgen(dir: string, policy: string): AclgenRun {
  const out = join(dir, "out");
  mkdirSync(out, { recursive: true });
  const started = process.hrtime.bigint();
  const result = spawnSync("aclgen", [`--base_directory=${join(dir, "pol")}`, `--definitions_directory=${join(dir, "def")}`, `--output_directory=${out}`, `--policy_file=${policy}`], { encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const outputs = new Map<string, string>();
  for (const name of readdirSync(out)) outputs.set(name, readFileSync(join(out, name), "utf8"));
  return { status: result.status, stderr: result.stderr ?? "", outputs, ms };
}

/** `nft -c -f` in a network namespace of its own (no privileges needed, nothing applied). */
export function nftCheck(path: string): { ok: boolean; stderr: string } {
  const result = spawnSync("unshare", ["-rn", "nft", "-c", "-f", path], { encoding: "utf8" });
  return { ok: result.status === 0, stderr: result.stderr ?? "" };
}

/**
 * Lines of capirca's nftables output that match a protocol without any port although the
 * policy gave ports: capirca 2.0.6 renders an IPv4 term with destination ports but no source
 * ports as `ip protocol tcp` (every port). ESP rules have no ports and do not count.
 */
export function portlessLines(nft: string): string[] {
  return nft.split("\n").filter((l) => /\bip protocol (tcp|udp)\b/.test(l) && !/\b(sport|dport)\b/.test(l));
}

/** For the benchmark: a written .pol + defs rendered to nftables; time, and whether nft accepts it. */
export function aclgenToNftables(dir: string, policy: string): { ms: number; rendered: boolean; passesNftCheck: boolean | undefined; portlessRules: number } {
  const run = runAclgen(dir, policy);
  const nftName = [...run.outputs.keys()].find((n) => n.endsWith(".nft"));
  if (run.status !== 0 || !nftName) return { ms: run.ms, rendered: run.status === 0, passesNftCheck: undefined, portlessRules: 0 };
  return {
    ms: run.ms,
    rendered: true,
    passesNftCheck: nftCheck(join(dir, "out", nftName)).ok,
    portlessRules: portlessLines(run.outputs.get(nftName)!).length,
  };
}
