// Real packets through the `complete` rules of every example deployment (issue 4): for each
// firewall and each netfilter platform, namespaces stand for the zones (or, for a host
// firewall, the protected hosts and a client), the exported ruleset is loaded where the
// firewall sits, and probes prove that every required flow passes and what is not
// required is dropped. A baseline round without rules proves every probe could arrive,
// and a negative control with one accept rule removed proves the probes can fail.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test, type TestContext } from "node:test";

import { checkText } from "../../server/src/core/check";
import { crossingFlows } from "../../server/src/core/firewall-flows";
import { exportFirewall } from "../../server/src/generators/export";
import { generatorById } from "../../server/src/generators/index";
import { exampleFiles, requireTool, root } from "../generators/export-fixtures";
import { missingTool } from "../missing-tool";
import { Topology, inNs } from "./netns";
import { addrText, Planner, type Plan, type Probe } from "./plan";
import { compare, readIptables, readNftables, type AcceptEntry, type Readback } from "./readback";

const PROBE_SCRIPT = join(root, "test", "packets", "probe.py");
const TCP_TIMEOUT = 0.3;
const PLATFORMS = ["nftables", "iptables"] as const;
type Platform = (typeof PLATFORMS)[number];

const suiteStart = Date.now();
const work = mkdtempSync(join(tmpdir(), "pexnet-packets-"));
after(() => {
  rmSync(work, { recursive: true, force: true });
  console.log(`packet suite: ${((Date.now() - suiteStart) / 1000).toFixed(1)} s`);
});

let environment: string | undefined | null = null;
/** Why packets cannot be sent here (not root, no namespaces), or undefined when they can. */
function environmentProblem(): string | undefined {
  if (environment !== null) return environment;
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return (environment = "the packet tests need root (network namespaces)");
  try {
    const ns = `px${process.pid}probe`;
    execFileSync("ip", ["netns", "add", ns], { stdio: "pipe" });
    execFileSync("ip", ["netns", "del", ns], { stdio: "pipe" });
    return (environment = undefined);
  } catch (e) {
    return (environment = `network namespaces are not available: ${(e as Error).message.split("\n")[0]}`);
  }
}

function ready(t: TestContext, platform: Platform): boolean {
  for (const [tool, install] of [
    ["ip", "apt-get install iproute2"],
    ["unshare", "apt-get install util-linux"],
    ["python3", "apt-get install python3"],
    ["nft", "apt-get install nftables"],
    ...(platform === "iptables" ? [["iptables-restore", "apt-get install iptables"], ["ip6tables-restore", "apt-get install iptables"]] : []),
  ] as [string, string][]) {
    if (!requireTool(t, tool, install)) return false;
  }
  const problem = environmentProblem();
  if (problem) {
    missingTool(t, problem);
    return false;
  }
  return true;
}

// ------------------------------------------------------------------ loading rules

function loadRules(ns: string, platform: Platform, files: { name: string; text: string }[], tag: string): void {
  for (const file of files) {
    const path = join(work, `${tag}-${file.name}`);
    writeFileSync(path, file.text);
    if (platform === "nftables") inNs(ns, ["nft", "-f", path]);
    else inNs(ns, [file.name.endsWith(".rules.v6") ? "ip6tables-restore" : "iptables-restore", path]);
  }
}

function readBack(ns: string, platform: Platform, host: boolean, ipv6: boolean): Readback {
  if (platform === "nftables") return readNftables(inNs(ns, ["nft", "-j", "list", "ruleset"]), host ? "input" : "forward");
  const hook = host ? "INPUT" : "FORWARD";
  const v4 = readIptables(inNs(ns, ["iptables-save"]), 4, hook);
  if (!ipv6) return v4;
  const v6 = readIptables(inNs(ns, ["ip6tables-save"]), 6, hook);
  return { entries: [...v4.entries, ...v6.entries], policy: v4.policy === v6.policy ? v4.policy : `${v4.policy}/${v6.policy}`, problems: [...v4.problems, ...v6.problems] };
}

function covers(e: AcceptEntry, p: Probe): boolean {
  return (
    e.family === p.family &&
    e.src.contains(p.src) &&
    e.dst.contains(p.dst) &&
    e.protos.includes(p.proto) &&
    (p.proto === "esp" || ((!e.dports || e.dports.contains(p.dport!)) && (!e.sports || e.sports.contains(p.sport!))))
  );
}

// ------------------------------------------------------------------ sending

function describeProbe(p: Probe): string {
  const ends = p.proto === "esp" ? `${addrText(p.src)} -> ${addrText(p.dst)}` : `${addrText(p.src)}:${p.sport} -> ${addrText(p.dst)}:${p.dport}`;
  return `${p.kind} ${p.proto} ${ends} [${p.flow}]`;
}

/** Phases in which no probe's packets look like replies to another's (conntrack would pass them). */
function phases(probes: Probe[]): Probe[][] {
  const tuple = (p: Probe, reverse: boolean) => {
    const [a, ap, b, bp] = reverse ? [p.dst, p.dport, p.src, p.sport] : [p.src, p.sport, p.dst, p.dport];
    return p.proto === "esp" ? `esp|${a}|${b}` : `${p.proto}|${a}|${ap}|${b}|${bp}`;
  };
  const out: { probes: Probe[]; tuples: Set<string> }[] = [];
  for (const p of probes) {
    const reverse = tuple(p, true);
    let phase = out.find((ph) => !ph.tuples.has(reverse));
    if (!phase) out.push((phase = { probes: [], tuples: new Set() }));
    phase.probes.push(p);
    phase.tuples.add(tuple(p, false));
  }
  return out.map((ph) => ph.probes);
}

interface Round {
  received: Set<string>;
  errors: Map<string, string>;
}

async function send(topology: Topology, probes: Probe[], flushIn: string[]): Promise<Round> {
  const received = new Set<string>();
  const errors = new Map<string, string>();
  for (const phase of phases(probes)) {
    await Promise.all(flushIn.map((spoke) => topology.agents.get(spoke)!.request({ op: "ctflush" }).then((r) => assert.ok(r.ok, JSON.stringify(r)))));
    const bySpoke = new Map<string, Probe[]>();
    for (const p of phase) bySpoke.set(p.srcSpoke, [...(bySpoke.get(p.srcSpoke) ?? []), p]);
    const answers = await Promise.all(
      [...bySpoke.entries()].map(([spoke, list]) =>
        topology.agents.get(spoke)!.request({
          op: "send",
          timeout: TCP_TIMEOUT,
          jobs: list.map((p) => ({ id: p.id, proto: p.proto, family: p.family, src: addrText(p.src), dst: addrText(p.dst), sport: p.sport, dport: p.dport })),
        }),
      ),
    );
    for (const a of answers) for (const [id, r] of Object.entries<any>(a.results ?? {})) if (r.error && !String(r.error).startsWith("connect: errno")) errors.set(id, r.error);
    const collected = await Promise.all([...topology.agents.values()].map((agent) => agent.request({ op: "collect", wait: 0.05 })));
    for (const c of collected) for (const id of c.received ?? []) received.add(id);
  }
  return { received, errors };
}

// ------------------------------------------------------------------ one firewall on one platform

interface Outcome {
  problems: string[];
  summary: string;
}

async function proveFirewall(example: string, firewallName: string, platform: Platform): Promise<Outcome> {
  const started = Date.now();
  const { model } = checkText(readFileSync(join(root, "examples", `${example}.pexnet`), "utf8"));
  const firewall = model.firewalls.find((f) => f.name === firewallName)!;
  const host = firewall.kind === "host";
  const flows = crossingFlows(model, firewall, "complete");
  const plan: Plan = new Planner(model, firewall, flows).plan();
  const exported = exportFirewall(model, { firewall: firewallName, platform, scope: "complete" });
  if (!exported.ok) return { problems: [exported.message], summary: "" };
  const problems: string[] = [...plan.notes.map((n) => `note: ${n}`)].filter(() => false);
  const positives = plan.probes.filter((p) => p.expect === "pass");
  const negatives = plan.probes.filter((p) => p.expect === "block");
  const probedFlows = new Set(positives.map((p) => p.flow)).size;

  const topology = new Topology(plan.spokes);
  const ruleSpokes = host ? plan.ruleSpokes : ["router"];
  const tag = `${example}-${firewallName}-${platform}-${process.pid}`;
  let readbackText = "";
  let control = "";
  const result: { passed: number; blocked: number } = { passed: 0, blocked: 0 };
  try {
    topology.up();
    await topology.startAgents(PROBE_SCRIPT);
    // Listeners: every destination namespace opens what its probes aim at.
    const listens = new Map<string, Map<string, object>>();
    for (const p of plan.probes) {
      const spec = p.proto === "esp" ? { proto: "esp", family: p.family } : { proto: p.proto, family: p.family, port: p.dport };
      if (!listens.has(p.dstSpoke)) listens.set(p.dstSpoke, new Map());
      listens.get(p.dstSpoke)!.set(JSON.stringify(spec), spec);
    }
    for (const [spoke, specs] of listens) {
      const answer = await topology.agents.get(spoke)!.request({ op: "listen", listeners: [...specs.values()] });
      if (!answer.ok) problems.push(`listeners in ${spoke}: ${answer.errors.join("; ")}`);
    }

    for (const spoke of ruleSpokes) loadRules(topology.nsOf(spoke), platform, exported.files, tag);
    const read = readBack(topology.nsOf(ruleSpokes[0]), platform, host, exported.policy.ipv6);
    const differences = compare(exported.policy, read);
    problems.push(...differences.map((d) => `ruleset read back: ${d}`));
    readbackText = `${read.entries.length} accept entries for ${exported.policy.rules.length} policy rules, policy ${read.policy}${differences.length ? `, ${differences.length} differences` : ", matches the policy"}`;

    // Negatives first, so no allowed packet leaves conntrack state behind for them.
    const withRules = await send(topology, [...negatives, ...positives].sort((a, b) => (a.expect === b.expect ? 0 : a.expect === "block" ? -1 : 1)), ruleSpokes);
    for (const [id, error] of withRules.errors) problems.push(`probe ${id} could not be sent: ${error}`);
    for (const p of positives) {
      if (withRules.received.has(p.id)) result.passed++;
      else problems.push(`REQUIRED FLOW BLOCKED: ${describeProbe(p)}`);
    }
    for (const p of negatives) {
      if (!withRules.received.has(p.id)) result.blocked++;
      else problems.push(`UNREQUIRED FLOW ALLOWED: ${describeProbe(p)}`);
    }

    // Baseline: without rules every probe must arrive, or "blocked" proved nothing.
    for (const spoke of ruleSpokes) inNs(topology.nsOf(spoke), ["nft", "flush", "ruleset"]);
    const baseline = await send(topology, plan.probes, []);
    const undelivered = plan.probes.filter((p) => !baseline.received.has(p.id));
    for (const p of undelivered) problems.push(`probe not delivered even without rules (test setup): ${describeProbe(p)}`);

    // Negative control: one accept rule less, and exactly the probes it alone let through fail.
    control = await negativeControl(topology, platform, exported.files, ruleSpokes, host, exported.policy.ipv6, positives, read, tag, problems);
  } finally {
    await topology.down();
  }

  const skipped = [...plan.skipped.entries()].map(([why, n]) => `${n}x ${why}`);
  const summary = [
    `${example} / ${firewallName} (${firewall.kind}) / ${platform}: ${((Date.now() - started) / 1000).toFixed(1)} s`,
    `  required flows: ${probedFlows} of ${flows.length} probed; probes passed ${result.passed}/${positives.length}`,
    `  not required: blocked ${result.blocked}/${negatives.length}`,
    `  skipped: ${skipped.length ? skipped.join("; ") : "none"}`,
    `  ruleset: ${readbackText}`,
    `  negative control: ${control}`,
    ...plan.notes.map((n) => `  note: ${n}`),
  ].join("\n");
  return { problems, summary };
}

/** Candidate lines to remove: an ESP accept first, then any accept rule with ports. */
function removableLines(platform: Platform, text: string): number[] {
  const lines = text.split("\n");
  const isAccept = (l: string) => (platform === "nftables" ? /\saccept\b/.test(l) && /@/.test(l) : /^-A .*-j ACCEPT/.test(l) && !/--ctstate|-i lo|icmp/.test(l));
  const idx = lines.map((l, i) => (isAccept(l) ? i : -1)).filter((i) => i >= 0);
  const esp = idx.filter((i) => /\besp\b/.test(lines[i]));
  return [...esp, ...idx.filter((i) => !esp.includes(i))];
}

async function negativeControl(
  topology: Topology,
  platform: Platform,
  files: { name: string; text: string }[],
  ruleSpokes: string[],
  host: boolean,
  ipv6: boolean,
  positives: Probe[],
  full: Readback,
  tag: string,
  problems: string[],
): Promise<string> {
  const main = files[0];
  for (const line of removableLines(platform, main.text).slice(0, 6)) {
    const lines = main.text.split("\n");
    const removed = lines.splice(line, 1)[0];
    const reduced = [{ name: main.name, text: lines.join("\n") }, ...files.slice(1)];
    for (const spoke of ruleSpokes) {
      inNs(topology.nsOf(spoke), ["nft", "flush", "ruleset"]);
      loadRules(topology.nsOf(spoke), platform, reduced, `${tag}-control`);
    }
    const read = readBack(topology.nsOf(ruleSpokes[0]), platform, host, ipv6);
    const predictedBlocked = positives.filter((p) => !read.entries.some((e) => covers(e, p)));
    if (!predictedBlocked.length) continue;
    // Those probes plus a few that must still pass.
    const stillPass = positives.filter((p) => !predictedBlocked.includes(p)).slice(0, 10);
    const round = await send(topology, [...predictedBlocked, ...stillPass], ruleSpokes);
    const wronglyPassed = predictedBlocked.filter((p) => round.received.has(p.id));
    const wronglyBlocked = stillPass.filter((p) => !round.received.has(p.id));
    for (const p of wronglyPassed) problems.push(`negative control: passed although its rule was removed: ${describeProbe(p)}`);
    for (const p of wronglyBlocked) problems.push(`negative control: blocked although its rule is still there: ${describeProbe(p)}`);
    void full;
    return `removed \`${removed.trim().slice(0, 90)}...\`: ${predictedBlocked.length - wronglyPassed.length}/${predictedBlocked.length} of its probes failed as they must, ${stillPass.length - wronglyBlocked.length}/${stillPass.length} others passed`;
  }
  return positives.length ? "no single accept line whose removal blocks a probe (not run)" : "no probes (not run)";
}

// ------------------------------------------------------------------ the tests

const cases: { example: string; firewall: string }[] = [];
for (const file of exampleFiles) {
  const { model } = checkText(readFileSync(join(root, "examples", file), "utf8"));
  for (const fw of model.firewalls) cases.push({ example: file.replace(/\.pexnet$/, ""), firewall: fw.name });
}

for (const platform of PLATFORMS) {
  describe(`packets through ${platform} complete rules`, () => {
    if (!generatorById(platform)) {
      test(`${platform} generator`, (t) => {
        console.warn(`\n*** SKIPPED: the ${platform} generator is not registered in GENERATORS yet ***\n`);
        t.skip(`${platform} not registered`);
      });
      return;
    }
    for (const c of cases) {
      test(`${c.example} / ${c.firewall}`, async (t) => {
        if (!ready(t, platform)) return;
        assert.ok(existsSync(PROBE_SCRIPT), PROBE_SCRIPT);
        const outcome = await proveFirewall(c.example, c.firewall, platform);
        console.log(outcome.summary);
        assert.deepEqual(outcome.problems, [], `${c.example} / ${c.firewall} / ${platform}:\n${outcome.problems.join("\n")}`);
      });
    }
  });
}
