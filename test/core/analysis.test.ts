// The analysis end to end (text -> diagnostics): the spec's example, then one test per
// diagnostic code that the analysis owns.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rowById } from "../../server/src/core/catalog";
import { SPEC_EXAMPLE } from "./spec-example-text";
import { diagnosticsOf, directedPairs, flowTable, spanText, unexpectedErrors, withCode } from "./analysis-helpers";


test("the spec's example gives exactly the missing flows listed in spec section 9", () => {
  const diagnostics = diagnosticsOf(SPEC_EXAMPLE);
  assert.deepEqual(unexpectedErrors(diagnostics, "missing-flow"), []);
  assert.deepEqual(
    Object.fromEntries(flowTable(diagnostics)),
    {
      "edge-fw|edge-lon-1|dns1|tcp": "53",
      "edge-fw|edge-lon-1|dns1|udp": "53",
      "edge-fw|edge-lon-1|ntp1|udp": "123",
      "edge-fw|guests|edge-lon-1|tcp": "80,1720,5060,33000-39999",
      "edge-fw|guests|edge-lon-1|udp": "1719,5060",
      "edge-fw|noc|edge-lon-1|tcp": "22",
    },
  );
  for (const d of withCode(diagnostics, "missing-flow")) {
    assert.equal(spanText(SPEC_EXAMPLE, d), "edge-fw");
    assert.match(d.message, /^edge-fw does not allow /);
    // Nothing in edge-fw denies: the default drops them, and it is not written.
    assert.deepEqual(d.related?.map((r) => r.message), ["no rule matches; the default is deny"]);
  }
  const ssh = withCode(diagnostics, "missing-flow").find((d) => d.flows?.[0].row === "admin-ssh");
  assert.equal(ssh?.message, `edge-fw does not allow ${rowById("admin-ssh")!.short} (tcp 22) from noc to edge-lon-1`);
  // Diagnostics come sorted by position.
  const starts = diagnostics.map((d) => d.span.start);
  assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
});

/** One node behind a firewall, reached by endpoints outside: rules vary per test. */
function edge(rules: string, settings = ""): string {
  return `deployment d {
  ${settings}
}
zone inside 10.0.0.0/16
zone outside any
location l
management mgmt { ip 10.0.0.5 }
transcoding conf { ip 10.0.0.10  location l }
dns dns1 { ip 10.0.0.53 }
ntp ntp1 { ip 10.0.0.123 }
licensing lic { host activation.pexip.com  zone inside }
endpoints ext { zone outside }
firewall fw {
  zones inside, outside
${rules}
}
`;
}

test("missing-flow: a rule allowing 40000-44999 of the media range leaves exactly 45000-49999", () => {
  const diagnostics = diagnosticsOf(edge("  allow udp 40000-44999 from ext to conf\n  allow tcp any from ext to conf"));
  assert.deepEqual(unexpectedErrors(diagnostics, "missing-flow"), []);
  assert.deepEqual(Object.fromEntries(flowTable(diagnostics, "missing-flow", "endpoint-media")), { "fw|ext|conf|udp": "45000-49999" });
  assert.deepEqual(Object.fromEntries(flowTable(diagnostics)), {
    "fw|conf|ext|tcp": "1-65535",
    "fw|conf|ext|udp": "1-65535",
    "fw|ext|conf|udp": "1719,45000-49999",
  });
});

test("missing-flow: a deny before an allow drops the ports it names, and is named", () => {
  const text = edge("  deny tcp 5061 from ext to conf\n  allow tcp+udp any from ext to conf\n  allow tcp+udp any from conf to ext");
  const diagnostics = diagnosticsOf(text);
  assert.deepEqual(Object.fromEntries(flowTable(diagnostics)), { "fw|ext|conf|tcp": "5061" });
  const [d] = withCode(diagnostics, "missing-flow");
  assert.equal(d.message, `fw does not allow ${rowById("endpoint-sip-tls")!.short} (tcp 5061) from ext to conf`);
  assert.equal(d.related?.length, 1);
  assert.equal(spanText(text, d.related![0]), "deny tcp 5061 from ext to conf");
});

test("missing-flow: `default allow` lets through what no rule denies", () => {
  const text = edge("  default allow\n  deny tcp 5060-5061 from ext to conf");
  const diagnostics = diagnosticsOf(text);
  assert.deepEqual(Object.fromEntries(flowTable(diagnostics)), { "fw|ext|conf|tcp": "5060-5061" });
  const related = withCode(diagnostics, "missing-flow").flatMap((d) => d.related ?? []);
  assert.deepEqual(related.map((r) => spanText(text, r)), ["deny tcp 5060-5061 from ext to conf", "deny tcp 5060-5061 from ext to conf"]);
});

test("missing-flow: a written `default deny` is the related information for what no rule matches", () => {
  const text = edge("  default deny\n  allow tcp+udp any from ext to conf");
  const [d] = withCode(diagnosticsOf(text), "missing-flow");
  assert.deepEqual(d.related?.map((r) => spanText(text, r)), ["default deny"]);
});

test("missing-flow: `sport` rules cover only their source ports", () => {
  // Outbound calls leave from the signaling range (tcp 5061) and the media range (media).
  const rules = [
    "  allow tcp+udp any from ext to conf",
    "  allow tcp 5061 sport signaling from conf to ext",
    "  allow tcp 1720 sport 33000-34999 from conf to ext",
    "  allow tcp+udp any sport media from conf to ext",
    "  allow udp 1719 sport ephemeral from conf to ext",
  ].join("\n");
  const table = flowTable(diagnosticsOf(edge(rules)));
  assert.deepEqual(Object.fromEntries(table), {
    // h245 (tcp any) and sip (tcp+udp 5060) from signaling: only 1720 (partly) and 5061 are allowed from S.
    "fw|conf|ext|tcp": "1-5060,5062-65535",
    "fw|conf|ext|udp": "1719,5060",
  });
});

const TWO_SITES = (firewalls: string) => `deployment d { }
zone a 10.1.0.0/16
zone b 10.2.0.0/16
zone c 10.3.0.0/16
zone lonely 10.9.0.0/16
location l
management mgmt { ip 10.1.0.5 }
transcoding conf-b { ip 10.2.0.10  location l }
dns dns1 { ip 10.1.0.53 }
ntp ntp1 { ip 10.1.0.123 }
licensing lic { host activation.pexip.com  zone a }
${firewalls}
`;

test("no-route: flows between zones no firewall chain joins are reported only as no-route", () => {
  const text = TWO_SITES(`firewall fw-ac {
  zones a, c
}
transcoding conf-lonely { ip 10.9.0.10  location l }
firewall guard {
  protects conf-lonely
}
`).replace("10.2.0.10", "10.1.0.10");
  const diagnostics = diagnosticsOf(text);
  assert.deepEqual(unexpectedErrors(diagnostics, "no-route"), []);
  const noRoute = withCode(diagnostics, "no-route");
  assert.equal(noRoute.length, 1, "one diagnostic for the zone pair a/lonely");
  assert.ok(noRoute[0].flows!.every((f) => f.firewall === undefined));
  assert.deepEqual(directedPairs(diagnostics, "no-route", "ipsec-ike"), [
    "conf-b -> conf-lonely", "conf-lonely -> conf-b", "conf-lonely -> mgmt", "mgmt -> conf-lonely",
  ]);
  assert.deepEqual(Object.fromEntries(flowTable(noRoute, "no-route", "ipsec-ike")), {
    "-|conf-b|conf-lonely|udp": "500", "-|conf-lonely|conf-b|udp": "500", "-|conf-lonely|mgmt|udp": "500", "-|mgmt|conf-lonely|udp": "500",
  });
  // The host firewall in front of the unreachable node is not checked.
  assert.deepEqual(withCode(diagnostics, "missing-flow"), []);
  assert.ok(["conf-b", "conf-lonely", "mgmt", "dns1", "ntp1"].includes(spanText(text, noRoute[0])));
});

test("ambiguous-route: once per zone pair, and the flow must pass both firewalls", () => {
  const text = TWO_SITES(`firewall fw-1 {
  zones a, b
  allow ipsec between @pexip
  allow dns from @pexip to dns1
  allow ntp from @pexip to ntp1
}
firewall fw-2 {
  zones a, b
  allow ipsec between @pexip
}
firewall fw-3 {
  zones a, c
}
`);
  const diagnostics = diagnosticsOf(text);
  const ambiguous = withCode(diagnostics, "ambiguous-route");
  assert.equal(ambiguous.length, 1);
  assert.equal(ambiguous[0].severity, "warning");
  assert.match(ambiguous[0].message, /fw-1 or fw-2/);
  assert.deepEqual(Object.fromEntries(flowTable(diagnostics)), {
    "fw-2|conf-b|dns1|tcp": "53", "fw-2|conf-b|dns1|udp": "53", "fw-2|conf-b|ntp1|udp": "123",
  });
});

test("nat-between-nodes: a nat on the path between two nodes; a nat between other zones is fine", () => {
  const natted = TWO_SITES(`firewall fw {
  zones a, b, c
  nat b -> a
  allow any between any
}
`);
  const diagnostics = diagnosticsOf(natted);
  const nat = withCode(diagnostics, "nat-between-nodes");
  assert.equal(nat.length, 1);
  assert.equal(spanText(natted, nat[0]), "nat b -> a");
  assert.deepEqual(Object.fromEntries(flowTable(nat, "nat-between-nodes")), {
    "fw|conf-b|mgmt|esp": "", "fw|conf-b|mgmt|udp": "500", "fw|mgmt|conf-b|esp": "", "fw|mgmt|conf-b|udp": "500",
  });
  const elsewhere = diagnosticsOf(natted.replace("nat b -> a", "nat c -> a"));
  assert.deepEqual(withCode(elsewhere, "nat-between-nodes"), []);
  assert.deepEqual(unexpectedErrors(elsewhere), []);
});

test("missing-flow: grouped per firewall and row, with a count in the message", () => {
  const text = `deployment d { }
zone a 10.1.0.0/16
zone b 10.2.0.0/16
location l
management mgmt { ip 10.1.0.5 }
transcoding t1 { ip 10.2.0.11  location l }
transcoding t2 { ip 10.2.0.12  location l }
transcoding t3 { ip 10.2.0.13  location l }
firewall fw {
  zones a, b
  allow esp between @pexip
}
`;
  const ike = withCode(diagnosticsOf(text), "missing-flow").filter((d) => d.flows?.[0].row === "ipsec-ike");
  assert.equal(ike.length, 1);
  assert.equal(ike[0].flows?.length, 6);
  assert.equal(ike[0].message, `fw does not allow ${rowById("ipsec-ike")!.short} (udp 500) for 6 flows, e.g. mgmt -> t1`);
});
