// Which flows are required: the proxying-edge exception to the IPsec mesh, and which
// interface of a node each kind of flow uses.
import { test } from "node:test";
import assert from "node:assert/strict";
import { diagnosticsOf, directedPairs, flowTable, pairsOf, unexpectedErrors } from "./analysis-helpers";

test("IPsec: the proxying exception in all its cases", () => {
  // Every node sits behind a host firewall that allows nothing, so every required flow
  // into a node shows up as missing there.
  const text = `deployment d { }
zone a 10.1.0.0/16
location core
location core2
location over1
location over2
location other
location edge1 { transcoding core  overflow over1, over2 }
location edge2
management mgmt { ip 10.1.0.5 }
transcoding t-core { ip 10.1.0.11  location core }
transcoding t-core2 { ip 10.1.0.12  location core2 }
transcoding t-over1 { ip 10.1.0.13  location over1 }
transcoding t-over2 { ip 10.1.0.14  location over2 }
transcoding t-other { ip 10.1.0.15  location other }
proxying p1a { ip 10.1.0.21  location edge1 }
proxying p1b { ip 10.1.0.22  location edge1 }
proxying p2 { ip 10.1.0.23  location edge2 }
firewall nodes-guard {
  protects @pexip
}
`;
  const diagnostics = diagnosticsOf(text);
  assert.deepEqual(unexpectedErrors(diagnostics, "missing-flow"), []);
  const transcoding = ["t-core", "t-core2", "t-other", "t-over1", "t-over2"];
  const expected = new Set<string>();
  const pair = (x: string, y: string) => expected.add([x, y].sort().join(" "));
  for (const c of [...transcoding, "p1a", "p1b", "p2"]) pair("mgmt", c); // M always
  for (const x of transcoding) for (const y of transcoding) if (x < y) pair(x, y); // transcoding mesh
  pair("p1a", "p1b"); // proxies of one location
  for (const p of ["p1a", "p1b"]) for (const t of ["t-core", "t-over1", "t-over2"]) pair(p, t); // transcoding, overflow 1 and 2
  // Not: p1x with t-core2 or t-other (elsewhere), p1x with p2 (another location), p2 with any
  // transcoding node (edge2 transcodes in itself and holds none).
  assert.deepEqual(pairsOf(diagnostics, "ipsec-ike"), [...expected].sort());
  assert.deepEqual(pairsOf(diagnostics, "ipsec-esp"), [...expected].sort());
  // Both directions of every pair.
  assert.equal(directedPairs(diagnostics, "missing-flow", "ipsec-ike").length, expected.size * 2);
});

/*
 * Zones:  a --fw-ab-- b --fw-bc-- c      a --fw-ad-- d --fw-bd-- b      lonely (no firewall)
 * conf: primary in a, secondary in b. Every firewall allows IPsec between nodes.
 */
const INTERFACES = `deployment lab { }
zone a 10.1.0.0/16
zone b 10.2.0.0/16
zone c 10.3.0.0/16
zone d 10.4.0.0/16
zone lonely 10.9.0.0/16
location l
management mgmt { ip 10.2.0.5 }
transcoding conf { ip 10.1.0.10  secondary 10.2.0.10  location l }
transcoding conf-2 { ip 10.1.0.20  secondary 10.9.0.20  location l }
endpoints ep { subnet 10.3.1.0/24 }
admin noc { subnet 10.3.2.0/24 }
dns dns-c { ip 10.3.0.53 }
dns dns-a { ip 10.1.0.53 }
ntp ntp-d { ip 10.4.0.123 }
licensing lic { host activation.pexip.com  zone b }
firewall fw-ab {
  zones a, b
  allow ipsec between @pexip
}
firewall fw-bc {
  zones b, c
}
firewall fw-ad {
  zones a, d
}
firewall fw-bd {
  zones b, d
}
`;

test("interfaces: signaling rows use the secondary, admin and IPsec the primary", () => {
  const diagnostics = diagnosticsOf(INTERFACES);
  // Endpoint calls to conf use its secondary (zone b): only fw-bc is crossed. conf-2's
  // secondary lies in a zone without route: its calls are unreachable, not sent elsewhere.
  const endpointFirewalls = new Set(flowTable(diagnostics, "missing-flow", "endpoint-sip-tls").keys());
  assert.deepEqual([...endpointFirewalls], ["fw-bc|ep|conf|tcp"]);
  assert.ok(directedPairs(diagnostics, "no-route", "endpoint-sip-tls").includes("ep -> conf-2"));
  // SSH from admins uses the primary (zone a): both fw-bc and fw-ab are crossed.
  assert.deepEqual(Object.fromEntries(flowTable(diagnostics, "missing-flow", "admin-ssh")), {
    "fw-ab|noc|conf|tcp": "22", "fw-ab|noc|conf-2|tcp": "22", "fw-bc|noc|conf|tcp": "22", "fw-bc|noc|conf-2|tcp": "22", "fw-bc|noc|mgmt|tcp": "22",
  });
  // IPsec uses the primary (zone a, mgmt in b): it crosses fw-ab, which allows it.
  assert.deepEqual(flowTable(diagnostics, "missing-flow", "ipsec-ike").size, 0);
  assert.deepEqual(flowTable(diagnostics, "no-route", "ipsec-ike").size, 0);
});

test("interfaces: peripheral rows use the closest interface, the primary on a tie", () => {
  const diagnostics = diagnosticsOf(INTERFACES);
  // dns-c (zone c): conf's secondary (b) is 1 firewall away, its primary (a) 2.
  assert.deepEqual([...flowTable(diagnostics, "missing-flow", "dns").keys()].filter((k) => k.includes("|conf|")), [
    "fw-bc|conf|dns-c|tcp", "fw-bc|conf|dns-c|udp",
  ]);
  // dns-a (zone a): conf's primary is in a: no firewall at all.
  assert.ok(![...flowTable(diagnostics, "missing-flow", "dns").keys()].some((k) => k.includes("|conf|dns-a|")));
  // ntp-d (zone d): primary (a) and secondary (b) are both one firewall away: the primary wins.
  assert.deepEqual([...flowTable(diagnostics, "missing-flow", "ntp").keys()].filter((k) => k.includes("|conf|")), ["fw-ad|conf|ntp-d|udp"]);
});

test("interfaces: an interface with no route is farther than any that has one", () => {
  const diagnostics = diagnosticsOf(INTERFACES);
  // conf-2: primary in a, secondary in lonely (no route anywhere). dns-c is two firewalls
  // from the primary and unreachable from the secondary: the primary is chosen.
  assert.deepEqual([...flowTable(diagnostics, "missing-flow", "dns").keys()].filter((k) => k.includes("|conf-2|")), [
    "fw-ab|conf-2|dns-c|tcp", "fw-ab|conf-2|dns-c|udp", "fw-bc|conf-2|dns-c|tcp", "fw-bc|conf-2|dns-c|udp",
  ]);
  assert.ok(!directedPairs(diagnostics, "no-route").includes("conf-2 -> dns-c"));
  // And the other way round: a primary without route loses to a secondary with one.
  const swapped = diagnosticsOf(INTERFACES.replace("ip 10.1.0.20  secondary 10.9.0.20", "ip 10.9.0.20  secondary 10.1.0.20"));
  assert.ok(!directedPairs(swapped, "no-route").includes("conf-2 -> dns-a"));
  assert.ok(directedPairs(swapped, "no-route").includes("conf-2 -> mgmt"), "IPsec still uses the unroutable primary");
});

test("peer location: rows naming C reach only the Conferencing Nodes of the peer's locations", () => {
  const text = `deployment d { }
zone a 10.1.0.0/16
zone b 10.2.0.0/16
location east
location west
management mgmt { ip 10.1.0.5 }
transcoding t-east { ip 10.1.0.11  location east }
transcoding t-west { ip 10.1.0.12  location west }
endpoints ep-east { subnet 10.2.1.0/24  location east }
syslog log-west { ip 10.2.0.9  location west }
firewall fw {
  zones a, b
}
`;
  const diagnostics = diagnosticsOf(text);
  assert.deepEqual(unexpectedErrors(diagnostics, "missing-flow"), []);
  assert.deepEqual(directedPairs(diagnostics, "missing-flow", "endpoint-sip-tls"), ["ep-east -> t-east"]);
  // M -> syslog is not limited by location; C -> syslog is.
  assert.deepEqual(directedPairs(diagnostics, "missing-flow", "syslog"), ["mgmt -> log-west", "t-west -> log-west"]);
});

test("configurable ports and conditions: ftp ports add, web-proxy port replaces and stands in for licensing", () => {
  const text = `deployment d {
  enable admin-http
}
zone a 10.1.0.0/16
zone b 10.2.0.0/16
location l
management mgmt { ip 10.1.0.5 }
ftp backup { ip 10.2.0.21  ports 50000-50010 }
web-proxy proxy { ip 10.2.0.80  port 3128 }
licensing lic { host activation.pexip.com  zone b }
admin noc { subnet 10.2.5.0/24 }
firewall fw {
  zones a, b
}
`;
  const table = flowTable(diagnosticsOf(text));
  assert.equal(table.get("fw|mgmt|backup|tcp"), "21,50000-50010");
  assert.equal(table.get("fw|mgmt|proxy|tcp"), "3128");
  assert.equal(table.get("fw|mgmt|lic|tcp"), undefined, "the web proxy stands in for licensing");
  assert.equal(table.get("fw|noc|mgmt|tcp"), "22,80,443", "admin-http enabled, ssh on by default");
});
