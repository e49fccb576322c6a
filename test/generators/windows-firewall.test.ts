// Windows Defender Firewall: structure of every example's script, and a small tokenizer in
// place of PowerShell (pwsh is not installed): every line is a comment, a known cmdlet call,
// a variable assignment, an `if` or a brace; quotes balance; nothing expands outside quotes.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";

import type { ExportPolicy } from "../../server/src/core/export-policy";
import { psQuote, windowsFirewallGenerator } from "../../server/src/generators/windows-firewall";
import { examplePolicies, hostilePolicy, HOSTILE_STRINGS } from "./export-fixtures";

const render = (policy: ExportPolicy) => windowsFirewallGenerator.render(policy, { sourceName: "test.pexnet" })[0].text;

const SINGLE_QUOTED = /'(?:[^'\u2018\u2019\u201a\u201b]|['\u2018\u2019\u201a\u201b]{2})*'/g;

/** Checks one script line; returns the line with its single-quoted strings blanked out. */
function assertPsLine(line: string): void {
  if (/^\s*$/.test(line) || /^#/.test(line)) {
    assert.doesNotMatch(line, /^#.*#>/, "a comment must not close a block comment");
    return;
  }
  const bare = line.replace(SINGLE_QUOTED, "''");
  assert.doesNotMatch(bare.replace(/''/g, ""), /['\u2018\u2019\u201a\u201b"`;]|\$\(|<#/, `unbalanced quote or expansion: ${JSON.stringify(line)}`);
  const code = bare.replace(/ {2}# FILL IN [A-Za-z0-9 \-_.,:/+()@#=]*$/, "");
  const forms = [
    /^#Requires -RunAsAdministrator$/,
    /^\$ErrorActionPreference = ''$/,
    /^\$HostAddresses_\w* = @\(\)$/,
    /^Remove-NetFirewallRule -Group '' -ErrorAction SilentlyContinue$/,
    /^Set-NetFirewallProfile -Profile Domain,Private,Public -Enabled True -DefaultInboundAction Block$/,
    /^ {0,4}New-NetFirewallRule -DisplayName '' -Direction Inbound -Action Allow -Protocol (TCP|UDP|50|ICMPv6)( -IcmpType [\d,]+)?( -LocalPort [\d,-]+)?( -RemotePort [\d,-]+)?( -RemoteAddress ([''(),@+ ]|\$HostAddresses_\w*)+ -LocalAddress ([''(),@+ ]|\$HostAddresses_\w*)+ -Description '')? -Group ''$/,
    /^if \(.+\.Count -gt 0( -and .+\.Count -gt 0)?\) \{$/,
    /^\}$/,
  ];
  assert.ok(forms.some((re) => re.test(code)), `unexpected PowerShell line: ${JSON.stringify(line)}`);
}

function assertScript(text: string): void {
  for (const line of text.split("\n")) assertPsLine(line);
  assert.equal((text.match(/\{$/gm) ?? []).length, (text.match(/^\}$/gm) ?? []).length, "braces balance");
}

test("windows-firewall: single quotes double, typographic ones too", () => {
  assert.equal(psQuote("it's"), "'it''s'");
  assert.equal(psQuote("a\u2019b"), "'a\u2019\u2019b'");
});

test("windows-firewall: every example rule is an inbound allow with its ports; complete blocks by default", () => {
  for (const { example, firewall, scope, policy } of examplePolicies()) {
    const where = `${example}/${firewall}/${scope}`;
    const text = render(policy);
    assertScript(text);
    assert.ok(text.indexOf("Remove-NetFirewallRule") < text.indexOf("New-NetFirewallRule") || !policy.rules.length, where);
    assert.equal(text.includes("-DefaultInboundAction Block"), scope === "complete", where);
    for (const rule of policy.rules) {
      const line = text.split("\n").find((l) => l.includes(`-DisplayName 'pexnet-${rule.index} `));
      assert.ok(line, `${where}: pexnet-${rule.index}`);
      assert.ok(line.includes(`pexnet rows: ${rule.rows.join(", ")}`), `${where}: rows`);
      if (rule.protocol === "esp") assert.ok(line.includes("-Protocol 50"), where);
      else assert.ok(line.includes(`-LocalPort ${rule.dstPorts.map(([lo, hi]) => (lo === hi ? lo : `${lo}-${hi}`)).join(",")}`), where);
    }
  }
});

test("windows-firewall: host peers are placeholders and their rules wait for them", () => {
  const text = render(hostilePolicy(0, "network", true));
  assert.match(text, /^\$HostAddresses_sip_example_com = @\(\) {2}# FILL IN the addresses of sip\.example\.com$/m);
  assert.match(text, /^if \(\(@\('192\.0\.2\.0\/24','198\.51\.100\.7\/32','2001:db8::\/32'\) \+ \$HostAddresses_\w* \+ \$HostAddresses_sip_example_com\)\.Count -gt 0\) \{$/m);
  assert.match(text, /-Protocol ICMPv6 -IcmpType 133,134,135,136/);
});

test("windows-firewall: hostile and arbitrary names, comments and hosts stay inside quotes and comments", () => {
  for (let v = 0; v < HOSTILE_STRINGS.length * 2; v++) {
    for (const kind of ["network", "host"] as const) {
      for (const ipv6 of [true, false]) assertScript(render(hostilePolicy(v, kind, ipv6)));
    }
  }
  fc.assert(
    fc.property(fc.string(), fc.string(), fc.string(), (name, comment, host) => {
      const policy = hostilePolicy(2);
      policy.firewall.name = name;
      policy.rules[0].comment = comment;
      policy.rules[0].rows = [comment];
      policy.rules[0].source = { ...policy.rules[0].source, name, hosts: [host] };
      assertScript(render(policy));
    }),
    { numRuns: 300 },
  );
});
