// Rule compilation: traffic (protocols, ports, services), source ports, sides, and what
// happens to rules with errors in them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { portSet, type PortSet } from "../../server/src/core/interval-set";
import { buildModel } from "../../server/src/core/model";
import type { CompiledRule } from "../../server/src/core/model-types";
import { parseSource } from "../../server/src/core/parser";
import type { FirewallDeclaration, Rule } from "../../server/src/core/syntax-tree";
import { addresses, assertSetEqual, BASE, build, expectDiagnostic, peer } from "./model-test-helpers";

function rulesOf(body: string, settings = "{ version 36 }") {
  const model = build(BASE.replace("{ version 36 }", settings) + `firewall fw {\n  zones corp, internet\n${body}}\n`);
  return { model, rules: model.firewalls[0].rules };
}

function ports(set: PortSet | undefined): [number, number][] | undefined {
  return set?.ranges();
}

function traffic(rule: CompiledRule) {
  const { tcp, udp, esp, icmp } = rule.traffic;
  return { tcp: ports(tcp), udp: ports(udp), esp, icmp };
}

test("services compile to their items, with the deployment's ranges", () => {
  const { rules } = rulesOf(`  allow ipsec between @pexip
  allow h323 from any to @conferencing
  allow dns from @pexip to dns1
  allow ldap from mgmt to 10.0.0.9
`, "{\n  signaling-ports 30000-30999\n}");
  assert.deepEqual(traffic(rules[0]), { tcp: undefined, udp: [[500, 500]], esp: true, icmp: undefined });
  assert.deepEqual(traffic(rules[1]), { tcp: [[1720, 1720], [30000, 30999]], udp: [[1719, 1719]], esp: undefined, icmp: undefined });
  assert.deepEqual(traffic(rules[2]), { tcp: [[53, 53]], udp: [[53, 53]], esp: undefined, icmp: undefined });
  assert.deepEqual(traffic(rules[3]).tcp, [[389, 389], [636, 636], [3268, 3269]]);
  assert.deepEqual(rules.map((r) => r.index), [0, 1, 2, 3]);
  assert.deepEqual(rules.map((r) => r.action), ["allow", "allow", "allow", "allow"]);
});

test("protocols with and without ports; aliases; any with and without ports", () => {
  const { rules } = rulesOf(`  allow tcp from mgmt to conf1
  allow tcp+udp media, 5060 from mgmt to conf1
  deny udp signaling, ephemeral from mgmt to conf1
  allow esp from mgmt to conf1
  allow icmp from mgmt to conf1
  allow any from mgmt to conf1
  allow any 443, 8000-8080 from mgmt to conf1
`);
  assert.deepEqual(traffic(rules[0]), { tcp: [[1, 65535]], udp: undefined, esp: undefined, icmp: undefined });
  assert.deepEqual(traffic(rules[1]), { tcp: [[5060, 5060], [40000, 49999]], udp: [[5060, 5060], [40000, 49999]], esp: undefined, icmp: undefined });
  assert.equal(rules[2].action, "deny");
  assert.deepEqual(traffic(rules[2]).udp, [[33000, 39999], [55000, 65535]]);
  assert.deepEqual(traffic(rules[3]), { tcp: undefined, udp: undefined, esp: true, icmp: undefined });
  assert.deepEqual(traffic(rules[4]), { tcp: undefined, udp: undefined, esp: undefined, icmp: true });
  assert.deepEqual(traffic(rules[5]), { tcp: [[1, 65535]], udp: [[1, 65535]], esp: true, icmp: true });
  assert.deepEqual(traffic(rules[6]), { tcp: [[443, 443], [8000, 8080]], udp: [[443, 443], [8000, 8080]], esp: undefined, icmp: undefined });
});

test("sport restricts source ports and keeps only tcp and udp", () => {
  const { rules } = rulesOf(`  allow tcp any sport signaling from conf1 to any
  allow udp 1719 from conf1 to any
  allow any sport media from conf1 to any
`);
  assert.deepEqual(ports(rules[0].sport), [[33000, 39999]]);
  assert.equal(rules[1].sport, undefined);
  assert.deepEqual(traffic(rules[2]), { tcp: [[1, 65535]], udp: [[1, 65535]], esp: undefined, icmp: undefined });
  assert.ok(rules[2].sport?.equals(portSet([40000, 49999])));
});

test("from/to and between give the source and destination sets", () => {
  const { model, rules } = rulesOf(`  allow https from mgmt, 10.5.0.0/16 to lic
  allow ipsec between mgmt, conf1
`);
  assertSetEqual(rules[0].src, addresses("10.0.0.5", "10.5.0.0/16"));
  assertSetEqual(rules[0].dst, peer(model, "lic").addresses);
  assertSetEqual(rules[1].src, addresses("10.0.0.5", "10.0.1.11"));
  assertSetEqual(rules[1].dst, rules[1].src);
});

test("rules with errors: bad ports are dropped, rules with nothing left are left out", () => {
  const { model, rules } = rulesOf(`  allow tcp 443, 70000 from mgmt to conf1
  allow tcp 500-400 from mgmt to conf1
  allow htps from mgmt to conf1
  allow esp 50 from mgmt to conf1
  allow https from typo, mgmt to conf1
  allow https from typo to conf1
  allow esp sport 500 from mgmt to conf1
`);
  expectDiagnostic(model, "invalid", "error", "70000", "out of range");
  expectDiagnostic(model, "invalid", "error", "500-400", "reversed");
  expectDiagnostic(model, "invalid", "error", "htps", 'did you mean "https"?');
  expectDiagnostic(model, "invalid", "error", "50", "has no ports");
  expectDiagnostic(model, "unknown-name", "error", "typo", "is not declared");
  expectDiagnostic(model, "invalid", "error", "sport", "only tcp and udp have");
  // Kept: 0 (tcp 443), 3 (esp without its ports), 4 (mgmt without the unknown name).
  assert.deepEqual(rules.map((r) => r.index), [0, 3, 4]);
  assert.deepEqual(traffic(rules[0]).tcp, [[443, 443]]);
  assert.deepEqual(traffic(rules[1]), { tcp: undefined, udp: undefined, esp: true, icmp: undefined });
  assertSetEqual(rules[2].src, addresses("10.0.0.5"));
});

test("host firewalls protect the addresses of their targets", () => {
  const model = build(BASE + "firewall sg {\n  protects mgmt, lic\n  allow https from any to mgmt\n}\n");
  const sg = model.firewalls[0];
  assert.equal(sg.kind, "host");
  assert.deepEqual(sg.zones, []);
  assertSetEqual(sg.protects, addresses("10.0.0.5").union(peer(model, "lic").addresses));
  assert.equal(sg.defaultAction, "deny");
});

test("rules cut short by a syntax error: a missing side is invalid and the rule is left out", () => {
  const text = BASE + "firewall fw {\n  zones corp, internet\n  allow https from mgmt to lic\n  allow https from mgmt to lic\n  allow https between mgmt\n}\n";
  const source = parseSource(text);
  const firewall = source.declarations.find((d): d is FirewallDeclaration => d.kind === "firewall")!;
  const [first, second, third] = firewall.items.filter((i): i is Rule => i.kind === "rule");
  delete first.to;
  delete second.from;
  third.from = second.to;
  const model = buildModel(source);
  const messages = model.diagnostics.filter((d) => d.code === "invalid").map((d) => d.message);
  assert.ok(messages.some((m) => m.includes("add `to TARGETS`")), messages.join("; "));
  assert.ok(messages.some((m) => m.includes("add `from TARGETS`")), messages.join("; "));
  assert.ok(messages.some((m) => m.includes("not both")), messages.join("; "));
  assert.deepEqual(model.firewalls[0].rules, []);
});
