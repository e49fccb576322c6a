// iptables: the structure of every example's restore files (default drop or placement, every
// rule with its addresses, protocol and ports, comments naming rows), hostile and arbitrary
// names that stay inside their strings, and iptables-restore / ip6tables-restore --test
// accepting all of it.
import { test } from "node:test";
import assert from "node:assert/strict";

import type { PolicyRule } from "../../server/src/core/export-policy";
import type { GeneratedFile } from "../../server/src/generators/generator";
import { generatorById } from "../../server/src/generators/index";
import { iptablesGenerator } from "../../server/src/generators/iptables";
import { plainText } from "../../server/src/generators/text-safety";
import { examplePolicies, hostilePolicy, requireTool } from "./export-fixtures";
import { arbitraryOutputs, checkFiles, hostileOutputs, labelled, rangeKeys } from "./netfilter-tools";

const BUILTIN = ["INPUT", "FORWARD", "OUTPUT"];

interface Block {
  note: string;
  lines: string[];
  unwritten: boolean;
}

function blocks(text: string): Block[] {
  const out: Block[] = [];
  let current: Block | undefined;
  for (const line of text.split("\n")) {
    if (line.startsWith("# ") && line.includes("(pexnet rows:")) out.push((current = { note: line, lines: [], unwritten: false }));
    else if (current && line.startsWith("# Not written:")) current.unwritten = true;
    else if (current && line.startsWith("-A ") && line.endsWith("-j ACCEPT")) current.lines.push(line);
    else current = undefined;
  }
  return out;
}

/** The `-A PARENT -s ... -d ... -j CHAIN` lines' address lists, per target chain. */
function jumps(text: string): Map<string, { sources: Set<string>; destinations: Set<string> }> {
  const out = new Map<string, { sources: Set<string>; destinations: Set<string> }>();
  for (const m of text.matchAll(/^-A \S+ -s (\S+) -d (\S+) .* -j (\S+)$/gm)) {
    const entry = out.get(m[3]) ?? { sources: new Set(), destinations: new Set() };
    m[1].split(",").forEach((s) => entry.sources.add(s));
    m[2].split(",").forEach((d) => entry.destinations.add(d));
    out.set(m[3], entry);
  }
  return out;
}

/** Port ranges a line matches on one side, and how many multiport slots each match takes. */
function ports(line: string, side: "s" | "d"): { ranges: string[]; slots: number[] } {
  const ranges: string[] = [];
  const slots: number[] = [];
  for (const m of line.matchAll(new RegExp(`--${side}ports? (\\S+)`, "g"))) {
    const items = m[1].split(",");
    slots.push(items.reduce((n, i) => n + (i.includes(":") ? 2 : 1), 0));
    for (const item of items) {
      const [lo, hi = lo] = item.split(":");
      ranges.push(`${lo}-${hi}`);
    }
  }
  return { ranges, slots };
}

function assertRulePresent(label: string, files: GeneratedFile[], rule: PolicyRule): void {
  const note = plainText(rule.comment, 2000);
  const found = files.flatMap((f) => blocks(f.text).filter((b) => b.note.includes(note) && rule.rows.every((r) => b.note.includes(r))).map((b) => ({ file: f, block: b })));
  assert.ok(found.length > 0, `${label}: no block names rule ${rule.index} (${rule.comment})`);
  if (found.every((f) => f.block.unwritten)) {
    const shared = (["ipv4", "ipv6"] as const).some((f) => (rule.source[f].length || rule.source.hosts.length) && (rule.destination[f].length || rule.destination.hosts.length));
    assert.ok(!shared, `${label}: rule ${rule.index} marked not written although its ends share a family`);
    return;
  }
  // Two rules may share a reason (DNS over tcp and over udp): the protocol tells them apart.
  const written = found.map(({ file, block }) => ({ file, lines: block.lines.filter((l) => l.includes(` -p ${rule.protocol} `)) })).filter((f) => f.lines.length);
  assert.ok(written.length > 0, `${label}: rule ${rule.index} has no ${rule.protocol} lines`);
  for (const { file, lines } of written) {
    const family = file.name.endsWith(".v6") ? "ipv6" : "ipv4";
    const chain = lines[0].split(" ")[1];
    const pair = jumps(file.text).get(chain);
    if (rule.source[family].length && rule.destination[family].length) {
      assert.deepEqual([...pair!.sources].sort(), [...rule.source[family]].sort(), `${label}: rule ${rule.index} sources in ${file.name}`);
      assert.deepEqual([...pair!.destinations].sort(), [...rule.destination[family]].sort(), `${label}: rule ${rule.index} destinations in ${file.name}`);
    }
    if (rule.source.hosts.length || rule.destination.hosts.length) assert.match(file.text, new RegExp(`^# add one line per .* -j ${chain}$`, "m"), `${label}: host placeholder for ${chain}`);
    const dst = new Set<string>();
    const src = new Set<string>();
    for (const line of lines) {
      const comment = /--comment "([^"]*)"/.exec(line)![1];
      assert.ok(comment.length <= 255, `${label}: comment too long`);
      assert.ok(comment.includes(`rows ${plainText(rule.rows[0], 100)}`), `${label}: rule ${rule.index} comment names no row: ${comment}`);
      const d = ports(line, "d");
      const s = ports(line, "s");
      for (const n of [...d.slots, ...s.slots]) assert.ok(n <= 15, `${label}: multiport over 15 ports: ${line}`);
      d.ranges.forEach((r) => dst.add(r));
      s.ranges.forEach((r) => src.add(r));
    }
    if (rule.protocol === "esp") {
      assert.equal(dst.size + src.size, 0, `${label}: esp rule ${rule.index} has ports`);
      continue;
    }
    assert.deepEqual([...dst].sort(), rangeKeys(rule.dstPorts), `${label}: rule ${rule.index} destination ports`);
    assert.deepEqual([...src].sort(), rule.srcPorts ? rangeKeys(rule.srcPorts) : [], `${label}: rule ${rule.index} source ports`);
  }
}

function assertChains(label: string, text: string): void {
  const declared = new Set([...text.matchAll(/^:(\S+) /gm)].map((m) => m[1]));
  for (const m of text.matchAll(/^-[AI] (\S+) .*-j (\S+)$/gm)) {
    for (const chain of [m[1], m[2]]) {
      assert.ok(declared.has(chain) || BUILTIN.includes(chain) || ["ACCEPT", "DROP"].includes(chain), `${label}: chain ${chain} not declared`);
      assert.ok(chain.length <= 28, `${label}: chain name ${chain} over 28 characters`);
    }
  }
}

test("iptables: registered, one file per family", () => {
  assert.equal(generatorById("iptables"), iptablesGenerator);
  const both = iptablesGenerator.render(hostilePolicy(0, "network", true), {});
  assert.deepEqual(both.map((f) => f.name.replace(/^.*\.rules/, "rules")), ["rules.v4", "rules.v6"]);
  assert.equal(iptablesGenerator.render(hostilePolicy(0, "network", false), {}).length, 1);
});

test("iptables: every example file has its default drop or placement, and every rule", () => {
  for (const { example, firewall, scope, policy } of examplePolicies()) {
    const label = `${example}/${firewall}/${scope}`;
    const files = iptablesGenerator.render(policy, { sourceName: `${example}.pexnet` });
    assert.equal(files.length, policy.ipv6 ? 2 : 1, label);
    const hook = policy.firewall.kind === "host" ? "INPUT" : "FORWARD";
    for (const file of files) {
      const text = file.text;
      assert.match(text, /^\*filter\n/m, label);
      assert.match(text, /\nCOMMIT\n$/, label);
      if (scope === "complete") {
        assert.match(text, new RegExp(`^:${hook} DROP \\[0:0\\]$`, "m"), label);
        assert.match(text, new RegExp(`^-A ${hook} -m conntrack --ctstate ESTABLISHED,RELATED .*-j ACCEPT$`, "m"), label);
        assert.match(text, new RegExp(`^-A ${hook} -m conntrack --ctstate INVALID -j DROP$`, "m"), label);
        if (hook === "INPUT") assert.match(text, /^-A INPUT -i lo -j ACCEPT$/m, label);
        if (hook === "INPUT" && file.name.endsWith(".v6")) assert.match(text, /--icmpv6-type neighbour-solicitation/, label);
      } else {
        assert.doesNotMatch(text, /^:(INPUT|FORWARD|OUTPUT) /m, `${label}: --noflush would reset a builtin chain's policy`);
        assert.match(text, new RegExp(`^-I ${hook} 1 .*-j PEXNET-\\S+$`, "m"), label);
        assert.match(text, /--noflush/, label);
      }
      if (file.name.endsWith(".v4")) assert.doesNotMatch(text, / -[sd] [0-9a-f]*:/, `${label}: IPv6 address in the IPv4 file`);
      else assert.doesNotMatch(text, / -[sd] \d+\.\d+/, `${label}: IPv4 address in the IPv6 file`);
      assertChains(label, text);
    }
    for (const rule of policy.rules) assertRulePresent(label, files, rule);
  }
});

test("iptables: more than 15 ports split over multiport lines; placement picks the chain", () => {
  const policy = hostilePolicy(1, "network", false);
  const rule = { ...policy.rules[1], rows: ["many"], comment: "many ports", srcPorts: undefined, dstPorts: Array.from({ length: 20 }, (_, i): [number, number] => [1000 + 10 * i, 1000 + 10 * i + (i % 2)]) };
  policy.rules = [rule];
  const [file] = iptablesGenerator.render(policy, { placement: { chain: "forward" } });
  assertRulePresent("many ports", [file], rule);
  assert.ok(file.text.split("\n").filter((l) => l.includes("--comment \"many ports")).length >= 2);
  assert.match(file.text, /^-I FORWARD 1 /m);
  const [docker] = iptablesGenerator.render(policy, { placement: { chain: "DOCKER-USER" } });
  assert.match(docker.text, /^-I DOCKER-USER 1 /m);
});

const LINE = /^(?:|#.*|\*filter|COMMIT|:[A-Za-z][\w-]{0,27} (?:ACCEPT|DROP|-) \[0:0\]|-[AI] [A-Za-z][\w-]{0,27} [-\w./:,! ]*(?:-m comment --comment "[^"\\]*")? -j [A-Za-z][\w-]{0,27})$/;

function assertOnlyRestoreLines(label: string, text: string): void {
  for (const line of text.split("\n")) {
    assert.match(line, LINE, `${label}: unexpected line ${JSON.stringify(line)}`);
    assert.doesNotMatch(line, /^INJECTED|\$\(|`|\$\{/, `${label}: ${JSON.stringify(line)}`);
  }
  assertChains(label, text);
}

test("iptables: hostile names, comments and hosts give only restore lines", () => {
  for (const { label, text } of hostileOutputs(iptablesGenerator)) assertOnlyRestoreLines(label, text);
});

test("iptables: arbitrary strings (fast-check) give only restore lines", () => {
  assert.ok(arbitraryOutputs(iptablesGenerator, assertOnlyRestoreLines).length >= 300);
});

test("iptables-restore --test and ip6tables-restore --test accept every example, hostile and arbitrary file", async (t) => {
  if (!requireTool(t, "iptables-restore", "apt-get install iptables")) return;
  if (!requireTool(t, "ip6tables-restore", "apt-get install iptables")) return;
  const files = [
    ...examplePolicies().flatMap((e) => labelled(`${e.example}/${e.firewall}/${e.scope}`, iptablesGenerator.render(e.policy, { sourceName: `${e.example}.pexnet` }))),
    ...hostileOutputs(iptablesGenerator),
    ...arbitraryOutputs(iptablesGenerator, assertOnlyRestoreLines).filter((_, i) => i % 6 === 0),
  ];
  // A broken file must fail: the check is not vacuous.
  files.push({ label: "broken .v4", text: "*filter\n-A FORWARD -p tcp --dport 99999 -j ACCEPT\nCOMMIT\n" });
  const v4 = await checkFiles(["iptables-restore", "--test"], files.filter((f) => f.label.endsWith(".v4")));
  const v6 = await checkFiles(["ip6tables-restore", "--test"], files.filter((f) => f.label.endsWith(".v6")));
  assert.deepEqual(v4.map((f) => f.label), ["broken .v4"], v4.map((f) => `${f.label}\n${f.output}`).join("\n\n"));
  assert.deepEqual(v6, [], v6.map((f) => `${f.label}\n${f.output}`).join("\n\n"));
  assert.ok(files.filter((f) => f.label.endsWith(".v6")).length > 50);
});
