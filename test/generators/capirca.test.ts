// Capirca: structure of every example's policy and definitions, and the real aclgen renders
// every example and hostile policy. capirca's own nftables output is checked with `nft -c`
// and its findings reported, not enforced (it is capirca's output, not ours).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import fc from "fast-check";

import type { ExportPolicy } from "../../server/src/core/export-policy";
import { capircaGenerator } from "../../server/src/generators/capirca";
import { examplePolicies, hostilePolicy, HOSTILE_STRINGS, requireTool } from "./export-fixtures";
import { nftCheck, portlessLines, runAclgen, writeCapircaFiles } from "./capirca-tools";

const render = (policy: ExportPolicy) => capircaGenerator.render(policy, { sourceName: "test.pexnet" });
const file = (policy: ExportPolicy, suffix: string) => render(policy).find((f) => f.name.endsWith(suffix))!.text;

/** Every line of a .pol is blank, a comment, or one of the statement forms we write. */
const POL_LINE = [
  /^$/,
  /^#[^\n]*$/,
  /^header \{$/,
  /^term (pexnet-\d+|default-deny|pexnet-no-rules) \{$/,
  /^\}$/,
  /^  comment:: "[^"\n]*"$/,
  /^  target:: (nftables (inet|mixed) INPUT( ACCEPT)?|packetfilter [a-z0-9_-]+( in)? (inet|mixed)|juniper [a-z0-9_-]+ (inet|mixed)|cisco [a-z0-9_-]+ (extended|mixed))$/,
  /^  (source|destination)-address:: [A-Z0-9_-]+$/,
  /^  protocol:: (tcp|udp|esp)$/,
  /^  (source|destination)-port:: [A-Z0-9_-]+$/,
  /^  action:: (accept|deny)$/,
];

function assertPolLines(text: string): void {
  for (const line of text.split("\n")) assert.ok(POL_LINE.some((re) => re.test(line)), `unexpected .pol line: ${JSON.stringify(line)}`);
}

function assertDefLines(text: string): void {
  for (const line of text.split("\n")) {
    assert.ok(/^$|^#[^\n]*$|^[A-Z0-9_-]+ = [0-9a-f.:/]+$|^ +[0-9a-f.:/]+$|^[A-Z0-9_-]+ = (\d+(-\d+)?\/(tcp|udp) ?)+$/.test(line), `unexpected definition line: ${JSON.stringify(line)}`);
  }
}

test("capirca: every example rule becomes a term with its ports, complete ends in deny", () => {
  for (const { example, firewall, scope, policy } of examplePolicies()) {
    const where = `${example}/${firewall}/${scope}`;
    const files = render(policy);
    assert.deepEqual(files.map((f) => f.name).slice(1), ["def/NETWORK.net", "def/SERVICES.svc"], where);
    const pol = files[0].text;
    const svc = files[2].text;
    assertPolLines(pol);
    assertDefLines(files[1].text);
    assertDefLines(svc);
    for (const rule of policy.rules) {
      const start = pol.indexOf(`term pexnet-${rule.index} {`);
      assert.ok(start >= 0, `${where}: term pexnet-${rule.index}`);
      assert.match(pol, new RegExp(`# pexnet-${rule.index}: .*pexnet rows: ${rule.rows[0]}`), where);
      for (const [lo, hi] of rule.dstPorts) assert.ok(svc.includes(`${lo === hi ? lo : `${lo}-${hi}`}/${rule.protocol}`), `${where}: port ${lo}-${hi}`);
    }
    assert.equal(pol.includes("term default-deny {"), scope === "complete", where);
    assert.match(pol, policy.firewall.kind === "host" ? /target:: nftables/ : /target:: juniper/, where);
  }
});

test("capirca: a host peer without addresses leaves its term commented out, never an empty token", () => {
  const policy = hostilePolicy(0);
  policy.rules[0].source = { ...policy.rules[0].source, ipv4: [], ipv6: [] };
  const [pol, net] = render(policy).map((f) => f.text);
  assert.match(pol, /^# term pexnet-1 \{$/m);
  assert.doesNotMatch(pol, /^term pexnet-1 /m);
  assert.match(net, /^# FILL IN the addresses of host sip\.example\.com/m);
});

test("capirca: hostile names, comments and host names stay inside comments and strings", () => {
  for (let v = 0; v < HOSTILE_STRINGS.length * 2; v++) {
    for (const kind of ["network", "host"] as const) {
      for (const files of [render(hostilePolicy(v, kind, true)), render(hostilePolicy(v, kind, false))]) {
        assertPolLines(files[0].text);
        assertDefLines(files[1].text);
        assertDefLines(files[2].text);
        for (const f of files) assert.doesNotMatch(f.text, /^INJECTED/m);
      }
    }
  }
  fc.assert(
    fc.property(fc.string(), fc.string(), fc.string(), fc.boolean(), (name, comment, host, host2) => {
      const policy = hostilePolicy(0, host2 ? "host" : "network");
      policy.firewall.name = name;
      policy.rules[0].comment = comment;
      policy.rules[0].source = { ...policy.rules[0].source, name, hosts: [host] };
      const files = render(policy);
      assertPolLines(files[0].text);
      assertDefLines(files[1].text);
    }),
    { numRuns: 300 },
  );
});

function aclgenAccepts(policy: ExportPolicy, where: string): Map<string, string> {
  const { dir, policy: pol } = writeCapircaFiles(render(policy));
  const run = runAclgen(dir, pol);
  assert.equal(run.status, 0, `${where}: aclgen failed: ${run.stderr.split("\n").filter((l) => !l.startsWith("I")).slice(-5).join("\n")}`);
  assert.ok(run.outputs.size >= 2, `${where}: aclgen rendered ${[...run.outputs.keys()].join(", ")}`);
  for (const [name, text] of run.outputs) assert.doesNotMatch(text, /^INJECTED/m, `${where}: ${name}`);
  return new Map([...run.outputs].map(([name, text]) => [join(dir, "out", name), text]));
}

test("capirca: the real aclgen renders every example policy (and nft -c on its nftables output is reported)", (t) => {
  if (!requireTool(t, "aclgen", "apt-get install python3-capirca")) return;
  const findings: string[] = [];
  let nftFiles = 0;
  let nftPassed = 0;
  for (const { example, firewall, scope, policy } of examplePolicies()) {
    const outputs = aclgenAccepts(policy, `${example}/${firewall}/${scope}`);
    for (const [path, text] of outputs) {
      if (!path.endsWith(".nft")) continue;
      nftFiles++;
      const check = nftCheck(path);
      if (check.ok) nftPassed++;
      else findings.push(`${example}/${firewall}/${scope}: nft -c: ${check.stderr.split("\n")[0]}`);
      const portless = portlessLines(text);
      if (portless.length) findings.push(`${example}/${firewall}/${scope}: ${portless.length} capirca nftables lines match a protocol on every port`);
    }
  }
  console.log(`capirca nftables output: ${nftPassed}/${nftFiles} pass nft -c\n${findings.slice(0, 12).join("\n")}`);
});

test("capirca: the real aclgen accepts hostile policies", (t) => {
  if (!requireTool(t, "aclgen", "apt-get install python3-capirca")) return;
  for (let v = 0; v < HOSTILE_STRINGS.length; v++) {
    for (const kind of ["network", "host"] as const) {
      for (const ipv6 of [true, false]) aclgenAccepts(hostilePolicy(v, kind, ipv6), `hostile ${v} ${kind} ipv6=${ipv6}`);
    }
  }
});
