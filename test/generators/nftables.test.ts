// nftables: the structure of every example's ruleset (default drop, placement, every rule with
// its addresses, protocol and ports, comments naming rows), hostile and arbitrary names that
// stay inside their strings, and `nft -c` accepting all of it.
import { test } from "node:test";
import assert from "node:assert/strict";

import type { PolicyRule, PortRange } from "../../server/src/core/export-policy";
import { nftablesGenerator, renderNftables } from "../../server/src/generators/nftables";
import { plainText } from "../../server/src/generators/text-safety";
import { examplePolicies, hostilePolicy, requireTool } from "./export-fixtures";
import { arbitraryOutputs, checkFiles, hostileOutputs, labelled } from "./netfilter-tools";

const NFT_CHECK = ["nft", "-c", "-f"];

interface Block {
  note: string;
  statements: string[];
}

/** The `# reason (pexnet rows: ...)` lines and the statements under each. */
function blocks(text: string): Block[] {
  const out: Block[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line.startsWith("# ") && line.includes("(pexnet rows:")) out.push({ note: line, statements: [] });
    else if (/ accept comment "/.test(line) && /^(ip|ip6) saddr /.test(line)) out[out.length - 1].statements.push(line);
  }
  return out;
}

/** Elements of every named set (the last declaration with elements wins, as in the kernel). */
function setElements(text: string): Map<string, string[]> {
  const sets = new Map<string, string[]>();
  for (const m of text.matchAll(/\tset (\w+) \{\n(?:\t\t[^\n]*\n)*?\t\}/g)) {
    const elements = /elements = \{ ([^}]*) \}/.exec(m[0]);
    if (elements || !sets.has(m[1])) sets.set(m[1], elements ? elements[1].split(", ") : []);
  }
  return sets;
}

const portList = (ranges: readonly PortRange[]) => {
  const items = ranges.map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}-${hi}`));
  return items.length === 1 ? items[0] : `{ ${items.join(", ")} }`;
};

function assertRulePresent(label: string, text: string, rule: PolicyRule): void {
  const sets = setElements(text);
  const candidates = blocks(text).filter((b) => b.note.includes(plainText(rule.comment, 2000)) && rule.rows.every((row) => b.note.includes(row)));
  assert.ok(candidates.length > 0, `${label}: no block names rule ${rule.index} (${rule.comment})`);
  const statements = candidates.flatMap((b) => b.statements);
  const shared = (["ipv4", "ipv6"] as const).some((f) => (rule.source[f].length || rule.source.hosts.length) && (rule.destination[f].length || rule.destination.hosts.length));
  if (!shared) assert.match(text, new RegExp(`${candidates[0].note.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\n\t*# Not written: `), `${label}: rule ${rule.index}`);
  for (const [family, ip] of [["ipv4", "ip"], ["ipv6", "ip6"]] as const) {
    if (!rule.source[family].length || !rule.destination[family].length) continue;
    const match = statements.find((s) => {
      const m = new RegExp(`^${ip} saddr @(\\w+) ${ip} daddr @(\\w+) `).exec(s);
      return m && sets.get(m[1])?.join(",") === rule.source[family].join(",") && sets.get(m[2])?.join(",") === rule.destination[family].join(",");
    });
    assert.ok(match, `${label}: rule ${rule.index} has no ${ip} statement for its addresses`);
    if (rule.protocol === "esp") {
      assert.match(match, / meta l4proto esp accept/, `${label}: esp rule ${rule.index}`);
      assert.doesNotMatch(match, /sport|dport/, `${label}: esp rule ${rule.index} has ports`);
    } else {
      const l4 = match.includes("meta l4proto { tcp, udp }") ? "th" : rule.protocol;
      assert.ok(match.includes(` ${l4} dport ${portList(rule.dstPorts)} `), `${label}: rule ${rule.index} ports: ${match}`);
      if (rule.srcPorts) assert.ok(match.includes(` ${l4} sport ${portList(rule.srcPorts)} `), `${label}: rule ${rule.index} source ports: ${match}`);
      else assert.doesNotMatch(match, /sport/, `${label}: rule ${rule.index} restricts source ports it should not`);
    }
    const comment = /comment "([^"]*)"$/.exec(match)![1];
    assert.ok(comment.includes(`rows ${rule.rows[0]}`) || comment.includes(`, ${rule.rows[0]}`), `${label}: rule ${rule.index} comment names no row: ${comment}`);
  }
}

test("nftables: every example ruleset has its default drop or placement, and every rule", () => {
  const all = examplePolicies();
  assert.ok(all.length >= 10);
  for (const { example, firewall, scope, policy } of all) {
    const label = `${example}/${firewall}/${scope}`;
    const files = nftablesGenerator.render(policy, { sourceName: `${example}.pexnet` });
    assert.equal(files.length, 1);
    assert.match(files[0].name, /\.nft$/);
    const text = files[0].text;
    const hook = policy.firewall.kind === "host" ? "input" : "forward";
    if (scope === "complete") {
      assert.match(text, new RegExp(`type filter hook ${hook} priority filter; policy drop;`), label);
      assert.match(text, /ct state established,related accept/, label);
      assert.match(text, /^delete table inet pexnet_\w+$/m, label);
      if (policy.firewall.kind === "host") assert.match(text, /iifname "lo" accept/, label);
      if (policy.firewall.kind === "host" && policy.ipv6) assert.match(text, /nd-neighbor-solicit/, label);
    } else {
      assert.doesNotMatch(text, /policy drop/, label);
      assert.match(text, new RegExp(`^insert rule inet filter ${hook} jump pexnet_\\w+_missing `, "m"), label);
      assert.match(text, /^flush chain inet filter pexnet_\w+_missing$/m, label);
    }
    if (!policy.ipv6) assert.doesNotMatch(text, /ip6 saddr/, label);
    for (const rule of policy.rules) assertRulePresent(label, text, rule);
    for (const m of text.matchAll(/comment "([^"]*)"/g)) assert.ok(Buffer.byteLength(m[1]) <= 128, `${label}: comment over 128 bytes`);
  }
});

test("nftables: tcp and udp rules with the same addresses and ports become one statement", () => {
  const policy = hostilePolicy(0, "network", false);
  const tcp: PolicyRule = { ...policy.rules[0], rows: ["sip-tls"], comment: "SIP over TLS" };
  tcp.source.hosts = [];
  policy.rules = [tcp, { ...tcp, index: 2, protocol: "udp", rows: ["sip-udp"], comment: "SIP over UDP" }, { ...tcp, index: 3, protocol: "udp", dstPorts: [[53, 53]], rows: ["dns"] }];
  const text = renderNftables(policy, {});
  const statements = blocks(text).flatMap((b) => b.statements);
  assert.equal(statements.length, 2);
  assert.match(statements[0], /meta l4proto \{ tcp, udp \} th dport \{ 5061, 40000-49999 \} accept comment "SIP over TLS \+ SIP over UDP \(rows sip-tls, sip-udp\)"/);
  assert.match(statements[1], / udp dport 53 accept/);
});

test("nftables: placement names the existing table and chain", () => {
  const policy = { ...hostilePolicy(1, "host", false), scope: "missing" as const };
  const text = renderNftables(policy, { placement: { table: "firewalld", chain: "filter_INPUT" } });
  assert.match(text, /^insert rule inet firewalld filter_INPUT jump pexnet_\w+ comment/m);
});

const STATEMENT = new RegExp(
  [
    String.raw`#.*`,
    String.raw`#!/usr/sbin/nft -f`,
    String.raw`(delete )?table inet \w+( \{)?`,
    String.raw`\}`,
    String.raw`(set|chain) \w+ \{`,
    String.raw`type ipv[46]_addr`,
    String.raw`flags interval`,
    String.raw`comment "[^"\\]*"`,
    String.raw`elements = \{ [0-9a-f.:/, ]+ \}`,
    String.raw`type filter hook (input|forward) priority filter; policy drop;`,
    String.raw`ct state (established,related accept comment "[^"\\]*"|invalid drop)`,
    String.raw`iifname "lo" accept`,
    String.raw`icmpv6 type \{ [a-z-, ]+ \} accept comment "[^"\\]*"`,
    String.raw`ip6? saddr @\w+ ip6? daddr @\w+ [a-z0-9 {},-]+ accept comment "[^"\\]*"`,
    String.raw`flush (set|chain) inet \w+ \w+`,
    String.raw`insert rule inet \w+ \w+ jump \w+ comment "[^"\\]*"`,
  ].map((s) => `(?:${s})`).join("|"),
);

function assertOnlyStatements(label: string, text: string): void {
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    assert.match(trimmed, new RegExp(`^(?:${STATEMENT.source})$`), `${label}: unexpected line ${JSON.stringify(line)}`);
    assert.doesNotMatch(trimmed, /^INJECTED|\$\(|`|\$\{/, `${label}: ${JSON.stringify(line)}`);
  }
}

test("nftables: hostile names, comments and hosts give only nft statements", () => {
  for (const { label, text } of hostileOutputs(nftablesGenerator)) assertOnlyStatements(label, text);
});

test("nftables: arbitrary strings (fast-check) give only nft statements", () => {
  assert.equal(arbitraryOutputs(nftablesGenerator, assertOnlyStatements).length, 300);
});

test("nft -c accepts every example, hostile and arbitrary ruleset", async (t) => {
  if (!requireTool(t, "nft", "apt-get install nftables")) return;
  const files = [
    ...examplePolicies().flatMap((e) => labelled(`${e.example}/${e.firewall}/${e.scope}`, nftablesGenerator.render(e.policy, { sourceName: `${e.example}.pexnet` }))),
    ...hostileOutputs(nftablesGenerator),
    ...arbitraryOutputs(nftablesGenerator, assertOnlyStatements).filter((_, i) => i % 6 === 0),
  ];
  // A broken file must fail: the check is not vacuous.
  files.push({ label: "broken", text: "table inet t {\n\tchain c {\n\t\ttcp dport 99999 accept\n\t}\n}\n" });
  const failures = await checkFiles(NFT_CHECK, files);
  assert.deepEqual(failures.map((f) => f.label), ["broken"], failures.map((f) => `${f.label}\n${f.output}`).join("\n\n"));
});
