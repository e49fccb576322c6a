// The export part of `npm run bench`: the time to export every firewall of the 1,000-node
// benchmark deployment, per platform, and whether the nftables output passes `nft -c`;
// beside it, Debian's Capirca (`aclgen`) rendering our Capirca output of the same firewalls
// to nftables: its time, and whether its output passes `nft -c`.
import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

import { checkText } from "../server/src/core/check";
import { exportFirewall } from "../server/src/generators/export";
import { GENERATORS } from "../server/src/generators/index";
import { toPexnet } from "../test/naive/deployment";
import { portlessLines, runAclgen, writeCapircaFiles } from "../test/generators/capirca-tools";
import { generateDeployment } from "./generate";

export const EXPORT_NODES = 1000;

export interface ExportBenchRow {
  platform: string;
  ms: number;
  bytes: number;
  /** "12/12" firewalls whose output passes the platform's checker, or "" when none runs here. */
  checked: string;
}

function hasCommand(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
}

/** `nft -c` in a network namespace of its own (never the host's ruleset). */
export function nftAccepts(text: string): boolean {
  const dir = mkdtempSync(join(tmpdir(), "pexnet-bench-nft-"));
  try {
    const file = join(dir, "rules.nft");
    writeFileSync(file, text);
    return spawnSync("unshare", ["-n", "nft", "-c", "-f", file], { stdio: "ignore" }).status === 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function measureExports(seed: number): { rows: ExportBenchRow[]; firewalls: number; notes: string[] } {
  const text = toPexnet(generateDeployment(EXPORT_NODES, seed));
  const { model } = checkText(text);
  const firewalls = model.firewalls.map((fw) => fw.name);
  const canCheckNft = hasCommand("nft") && hasCommand("unshare");
  const notes: string[] = [];
  const rows: ExportBenchRow[] = [];
  let capircaFiles: { firewall: string; files: { name: string; text: string }[] }[] = [];
  for (const generator of GENERATORS) {
    const started = process.hrtime.bigint();
    const outputs = firewalls.map((firewall) => {
      const result = exportFirewall(model, { firewall, platform: generator.id, scope: "complete", sourceName: "bench.pexnet" });
      if (!result.ok) throw new Error(`${generator.id} ${firewall}: ${result.message}`);
      return { firewall, files: result.files };
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const bytes = outputs.reduce((n, o) => n + o.files.reduce((m, f) => m + f.text.length, 0), 0);
    let checked = "";
    if (generator.id === "nftables" && canCheckNft) {
      checked = `${outputs.filter((o) => nftAccepts(o.files[0].text)).length}/${outputs.length} pass nft -c`;
    }
    if (generator.id === "capirca") capircaFiles = outputs;
    rows.push({ platform: generator.id, ms, bytes, checked });
  }
  if (!canCheckNft) notes.push("nft or unshare missing: nftables outputs not checked (apt-get install nftables)");
  if (capircaFiles.length && hasCommand("aclgen")) rows.push(capircaComparison(capircaFiles, canCheckNft, notes));
  else if (capircaFiles.length) notes.push("aclgen missing: Capirca comparison skipped (apt-get install python3-capirca)");
  return { rows, firewalls: firewalls.length, notes };
}

/**
 * Capirca renders our .pol of each firewall to nftables. Its nftables target has no forward
 * hook, so the same terms go into an INPUT chain (`target:: nftables mixed INPUT`): the
 * rendering work is the same, the hook differs.
 */
function capircaComparison(outputs: { firewall: string; files: { name: string; text: string }[] }[], canCheckNft: boolean, notes: string[]): ExportBenchRow {
  let ms = 0;
  let rendered = 0;
  let passing = 0;
  let portless = 0;
  const failures: string[] = [];
  for (const { firewall, files } of outputs) {
    const nftOnly = files.map((f) => (f.name.endsWith(".pol") ? { name: f.name, text: f.text.replace(/^\s*target::.*$/gm, "").replace(/^header \{$/m, "header {\n  target:: nftables mixed INPUT") } : f));
    const { dir, policy } = writeCapircaFiles(nftOnly);
    try {
      const run = runAclgen(dir, policy);
      ms += run.ms;
      const nft = [...run.outputs.entries()].find(([name]) => name.endsWith(".nft"))?.[1];
      if (run.status !== 0 || nft === undefined) {
        failures.push(`${firewall}: ${run.stderr.trim().split("\n").pop() ?? "no output"}`);
        continue;
      }
      rendered++;
      portless += portlessLines(nft).length;
      if (canCheckNft && nftAccepts(nft)) passing++;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (failures.length) notes.push(`aclgen failed on: ${failures.slice(0, 3).join("; ")}`);
  if (portless) notes.push(`aclgen's nftables output has ${portless} rules that match a protocol on every port where the policy gave ports (Capirca 2.0.6, IPv4 terms without source ports)`);
  return {
    platform: "capirca aclgen -> nftables",
    ms,
    bytes: 0,
    checked: `${rendered}/${outputs.length} rendered, ${passing}/${outputs.length} pass nft -c`,
  };
}
