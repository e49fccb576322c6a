// Host firewalls, and parties that stand for many addresses (subnet and zone peers) or
// for an unknown one (host peers).
import { test } from "node:test";
import assert from "node:assert/strict";
import { diagnosticsOf, directedPairs, flowTable, spanText, unexpectedErrors, withCode } from "./analysis-helpers";

const SITE = (extra: string) => `deployment lab { }
zone a 10.1.0.0/16
zone b 10.2.0.0/16
zone lonely 10.9.0.0/16
location l
management mgmt { ip 10.1.0.5 }
transcoding conf-1 { ip 10.1.0.11  location l }
transcoding conf-2 { ip 10.1.0.12  location l }
dns dns1 { ip 10.1.0.53 }
ntp ntp1 { ip 10.1.0.123 }
licensing lic { host activation.pexip.com  zone a }
admin noc { subnet 10.1.50.0/24 }
${extra}
`;

test("host firewall: protects a node, and checks flows inside one zone", () => {
  const text = SITE(`firewall conf-1-sg {
  protects conf-1
  allow ipsec between @pexip
}`);
  const diagnostics = diagnosticsOf(text);
  assert.deepEqual(unexpectedErrors(diagnostics, "missing-flow"), []);
  // Everything is in zone a: no network firewall, but flows INTO conf-1 meet its guard.
  assert.deepEqual(Object.fromEntries(flowTable(diagnostics)), { "conf-1-sg|noc|conf-1|tcp": "22" });
});

test("host firewall: a subnet peer partly protected is checked on the protected part only", () => {
  const guard = (to: string) =>
    SITE(`syslog logs { subnet 10.1.5.0/24 }
firewall log-guard {
  protects 10.1.5.0/25
  allow udp 514 from @pexip to ${to}
}`);
  // The rule covers half of the protected half: missing for every node.
  assert.deepEqual(directedPairs(diagnosticsOf(guard("10.1.5.0/26"))), ["conf-1 -> logs", "conf-2 -> logs", "mgmt -> logs"]);
  // Covering the protected half is enough: the other half is behind no firewall at all.
  assert.deepEqual(withCode(diagnosticsOf(guard("10.1.5.0/25")), "missing-flow"), []);
});

test("host firewall: a flow without route is reported as no-route and its host firewall is not checked", () => {
  const text = SITE(`transcoding conf-far { ip 10.9.0.11  location l }
firewall far-sg {
  protects conf-far
}`);
  const diagnostics = diagnosticsOf(text);
  assert.deepEqual(withCode(diagnostics, "missing-flow"), []);
  assert.ok(directedPairs(diagnostics, "no-route").includes("mgmt -> conf-far"));
  assert.ok(directedPairs(diagnostics, "no-route").includes("noc -> conf-far"));
});

const EDGE = (rules: string, peer = "endpoints ep { subnet 10.2.0.0/16 }") => `deployment lab { }
zone a 10.1.0.0/16
zone b 10.2.0.0/16
zone internet any
location l
management mgmt { ip 10.1.0.5 }
transcoding conf { ip 10.1.0.11  location l }
dns dns1 { ip 10.1.0.53 }
ntp ntp1 { ip 10.1.0.123 }
${peer}
firewall fw {
  zones a, b, internet
${rules}
}
`;

test("subnet peer: a prefix rule leaving some source addresses uncovered misses the flow", () => {
  const partly = diagnosticsOf(EDGE("  allow tcp 5061 from 10.2.0.0/17 to conf"));
  assert.equal(flowTable(partly, "missing-flow", "endpoint-sip-tls").get("fw|ep|conf|tcp"), "5061");
  const whole = diagnosticsOf(EDGE("  allow tcp 5061 from 10.2.0.0/17, 10.2.128.0/17 to conf"));
  assert.equal(flowTable(whole, "missing-flow", "endpoint-sip-tls").size, 0);
  // Toward the peer: the destination must be covered as a whole too.
  const outbound = diagnosticsOf(EDGE("  allow tcp 5061 from conf to 10.2.0.0/17"));
  assert.equal(flowTable(outbound, "missing-flow", "node-to-endpoint-sip-tls").get("fw|conf|ep|tcp"), "5061");
});

test("zone peer: stands for the whole zone (minus nodes); a partial prefix rule is not enough", () => {
  const peer = "endpoints guests { zone internet }";
  const partly = diagnosticsOf(EDGE("  allow tcp 443 from 0.0.0.0/1 to conf", peer));
  assert.equal(flowTable(partly, "missing-flow", "endpoint-https").get("fw|guests|conf|tcp"), "443");
  for (const source of ["any", "internet", "guests", "0.0.0.0/0"]) {
    const covered = diagnosticsOf(EDGE(`  allow tcp 443 from ${source} to conf`, peer));
    assert.equal(flowTable(covered, "missing-flow", "endpoint-https").size, 0, `from ${source}`);
  }
});

test("host peer: matched by its name, a group, its zone or any, never by an address literal", () => {
  const peer = `licensing lic { host activation.pexip.com }
group cloud { lic }`;
  const missing = (target: string) =>
    flowTable(diagnosticsOf(EDGE(`  allow https from mgmt to ${target}`, peer)), "missing-flow", "licensing").size;
  assert.equal(missing("0.0.0.0/0"), 1, "a prefix never matches a host peer");
  for (const target of ["lic", "cloud", "internet", "any"]) assert.equal(missing(target), 0, `to ${target}`);
});

test("no-route: range on a party name, related information on the other", () => {
  const text = SITE("endpoints far { subnet 10.9.1.0/24 }");
  const [d] = withCode(diagnosticsOf(text), "no-route");
  assert.equal(d.severity, "error");
  assert.ok(["conf-1", "conf-2", "far"].includes(spanText(text, d)));
  assert.ok(["conf-1", "conf-2", "far"].includes(spanText(text, d.related![0])));
  assert.notEqual(spanText(text, d), spanText(text, d.related![0]));
  // The flows entries carry all the flow's ports and no firewall.
  const media = d.flows!.find((f) => f.row === "endpoint-media" && f.protocol === "udp");
  assert.deepEqual(media, { from: "far", to: "conf-1", protocol: "udp", ports: [[40000, 49999]], row: "endpoint-media" });
});
