// A local timing check of the analysis at scale (not a test: run it by hand with
// `node out/bench/analysis-scale-check.js [nodes]`). It builds, as text, a deployment
// of about 1,000 nodes over 20 zones joined by 20 firewalls of about 20 rules each (a
// quarter naming single nodes, a tenth `deny`) and times `analyze`.
import { analyze } from "../server/src/core/analysis";
import { buildModel } from "../server/src/core/model";
import { parseSource } from "../server/src/core/parser";

/** `ipsecEverywhere` false: half the firewalls forget IPsec, so about a million flows are missing. */
export function largeDeployment(nodeCount: number, seed = 1, ipsecEverywhere = true): string {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

  const lines: string[] = ["deployment big {", "  enable sip-udp", "}"];
  const zoneCount = 20;
  for (let z = 0; z < zoneCount; z++) lines.push(`zone z${z} 10.${z}.0.0/16`);
  lines.push("zone internet any");
  const transcodingLocations = 12;
  for (let l = 0; l < transcodingLocations; l++) lines.push(`location loc${l}`);
  for (let e = 0; e < 4; e++) lines.push(`location edge${e} { transcoding loc${e} overflow loc${e + 4}, loc${e + 8} }`);

  lines.push("management mgmt { ip 10.0.0.5 }");
  const zoneOf = (i: number) => (i % 10 === 9 ? 18 + (Math.floor(i / 10) % 2) : 1 + (i % 17));
  const nodes: string[] = [];
  for (let i = 0; i < nodeCount; i++) {
    const proxying = i % 10 === 9;
    const zone = zoneOf(i);
    const location = proxying ? `edge${i % 4}` : `loc${i % transcodingLocations}`;
    const ip = `10.${zone}.${Math.floor(i / 250)}.${(i % 250) + 1}`;
    const name = `conf-${i}`;
    nodes.push(name);
    lines.push(`${proxying ? "proxying" : "transcoding"} ${name} { ip ${ip}  location ${location} }`);
  }
  lines.push("dns dns1 { ip 10.0.0.53 }", "ntp ntp1 { ip 10.0.0.123 }", "licensing lic { host activation.pexip.com }");
  lines.push("admin noc { subnet 10.0.50.0/24 }", "syslog log1 { ip 10.0.0.99 }");
  lines.push("endpoints staff { subnet 10.1.128.0/17 }", "endpoints guests { zone internet  location edge0, edge1 }");

  for (let f = 0; f < 20; f++) {
    const joined = f < 19 ? [`z0`, `z${f + 1}`] : ["z0", "internet"];
    if (f % 5 === 0 && f + 2 < zoneCount) joined.push(`z${f + 2}`);
    lines.push(`firewall fw${f} {`, `  zones ${joined.join(", ")}`);
    const rules: string[] = [];
    for (let r = 0; r < 20; r++) {
      const action = r % 10 === 0 || r === 13 ? "deny" : "allow";
      const node = () => nodes[int(0, nodes.length - 1)];
      const nodeIn = (zone: number) => {
        for (;;) {
          const i = int(0, nodes.length - 1);
          if (zoneOf(i) === zone) return nodes[i];
        }
      };
      if (r === 0) rules.push(`  deny ipsec from ${nodeIn((f % 19) + 1)} to ${node()}`);
      else if (r % 4 === 1) rules.push(`  ${action} ${["ssh", "https", "ipsec", "tcp 5061"][(r >> 2) % 4]} from ${node()} to ${node()}`);
      else if (r === 3) rules.push(ipsecEverywhere || f % 2 === 0 ? "  allow ipsec between @pexip" : "  allow esp between @pexip");
      else if (r === 2) rules.push("  allow dns from @pexip to dns1");
      else if (r === 4) rules.push("  allow ntp from @pexip to ntp1");
      else if (r === 6) rules.push(`  ${action} tcp 443 from mgmt to lic`);
      else if (r === 8) rules.push(`  ${action} tcp+udp media from guests to @proxying`);
      else rules.push(`  ${action} tcp ${int(1, 9000)}-${int(9001, 65535)} from 10.${int(0, 19)}.0.0/${int(16, 24) & ~7 || 16} to z${int(0, 19)}`);
    }
    lines.push(...rules, "}");
  }
  return lines.join("\n") + "\n";
}

function main(): void {
  const nodeCount = Number(process.argv[2] ?? 1000);
  const text = largeDeployment(nodeCount, 1, process.argv[3] !== "many-missing");
  let start = performance.now();
  const model = buildModel(parseSource(text));
  const buildMs = performance.now() - start;
  for (let run = 0; run < 3; run++) {
    start = performance.now();
    const diagnostics = analyze(model);
    const ms = performance.now() - start;
    const flows = diagnostics.reduce((n, d) => n + (d.flows?.length ?? 0), 0);
    console.log(`nodes ${nodeCount}: parse+model ${buildMs.toFixed(0)} ms, analyze ${ms.toFixed(0)} ms, ${diagnostics.length} diagnostics, ${flows} flow entries`);
  }
}

if (require.main === module) main();
