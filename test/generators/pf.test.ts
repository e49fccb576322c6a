// pf: structure of every example's pf.conf/anchor, and escaping: every line is one of pf's
// statement forms we write (no pfctl here to load it).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";

import type { ExportPolicy } from "../../server/src/core/export-policy";
import { pfGenerator, portList } from "../../server/src/generators/pf";
import { examplePolicies, hostilePolicy, HOSTILE_STRINGS } from "./export-fixtures";

const render = (policy: ExportPolicy) => pfGenerator.render(policy, { sourceName: "test.pexnet" })[0].text;

const PORTS = String.raw`(\d+(:\d+)?|\{ \d+(:\d+)?(, \d+(:\d+)?)+ \})`;
const INERT = String.raw`[A-Za-z0-9 \-_.,:/+()@#=<>"$]*`;
const PF_LINE = [
  /^$/,
  new RegExp(`^#${INERT}$`),
  /^set skip on lo$/,
  /^block (in )?all$/,
  /^table <\w{1,31}> \{ [A-Za-z0-9_.:/-]+(, [A-Za-z0-9_.:/-]+)* \}$/,
  /^table <\w{1,31}> persist {2}# FILL IN the addresses$/,
  /^pass quick inet6 proto icmp6 icmp6-type \{ neighbrsol, neighbradv, routersol, routeradv \} {2}# IPv6 neighbour discovery$/,
  new RegExp(`^pass (in )?quick proto (tcp|udp|esp) from <\\w{1,31}>( port ${PORTS})? to <\\w{1,31}>( port ${PORTS})? keep state  # [A-Za-z0-9 \\-_.,:/+()@#=]*$`),
];

function assertPfLines(text: string): void {
  assert.doesNotMatch(text, /\\/, "a backslash would continue a pf line");
  for (const line of text.split("\n")) assert.ok(PF_LINE.some((re) => re.test(line)), `unexpected pf line: ${JSON.stringify(line)}`);
}

test("pf: port ranges are inclusive a:b, several in braces", () => {
  assert.equal(portList([[443, 443]]), "443");
  assert.equal(portList([[5060, 5061], [443, 443]]), "{ 5060:5061, 443 }");
});

test("pf: every example rule passes quick with its ports; complete blocks first, missing is an anchor", () => {
  for (const { example, firewall, scope, policy } of examplePolicies()) {
    const where = `${example}/${firewall}/${scope}`;
    const text = render(policy);
    assertPfLines(text);
    const passes = text.split("\n").filter((l) => l.startsWith("pass "));
    for (const rule of policy.rules) {
      assert.match(text, new RegExp(`^# pexnet-${rule.index}: .*pexnet rows: ${rule.rows.join(", ")}`, "m"), where);
      if (rule.protocol !== "esp") assert.ok(passes.some((l) => l.includes(` port ${portList(rule.dstPorts)} keep state`)), `${where}: pexnet-${rule.index} ports`);
    }
    const block = text.search(/^block /m);
    if (scope === "complete") {
      const firstPass = text.search(/^pass .* from /m);
      assert.ok(block >= 0 && (firstPass === -1 || block < firstPass), where);
      assert.match(text, /^set skip on lo$/m, where);
    } else {
      assert.equal(block, -1, where);
      assert.match(text, /pfctl -a pexnet-[\w-]+ -f /, where);
    }
    if (policy.firewall.kind === "host") assert.ok(passes.every((l) => l.startsWith("pass in quick") || l.includes("icmp6")), where);
  }
});

test("pf: an IPv6 host firewall passes neighbour discovery; host peers resolve in tables", () => {
  const text = render(hostilePolicy(0, "host", true));
  assert.match(text, /icmp6-type \{ neighbrsol, neighbradv, routersol, routeradv \}/);
  assert.match(text, /^table <\w+> \{ 192\.0\.2\.0\/24, 198\.51\.100\.7\/32, 2001:db8::\/32, sip\.example\.com \}$/m);
});

test("pf: hostile and arbitrary names, comments and hosts stay inside comments", () => {
  for (let v = 0; v < HOSTILE_STRINGS.length * 2; v++) {
    for (const kind of ["network", "host"] as const) {
      for (const ipv6 of [true, false]) assertPfLines(render(hostilePolicy(v, kind, ipv6)));
    }
  }
  fc.assert(
    fc.property(fc.string(), fc.string(), fc.string(), fc.boolean(), (name, comment, host, isHost) => {
      const policy = hostilePolicy(1, isHost ? "host" : "network");
      policy.firewall.name = name;
      policy.firewall.zones = [name, comment];
      policy.rules[0].comment = comment;
      policy.rules[0].source = { ...policy.rules[0].source, name, description: comment, hosts: [host] };
      assertPfLines(render(policy));
    }),
    { numRuns: 300 },
  );
});
