// buildModel: one test (at least) per diagnostic code the model owns, plus settings,
// references and robustness on broken input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildModel } from "../../server/src/core/model";
import { parseSource } from "../../server/src/core/parser";
import { BASE, build, codes, covered, expectDiagnostic, only, peer, withCode } from "./model-test-helpers";

test("the base deployment has no diagnostics", () => {
  assert.deepEqual(build(BASE).diagnostics, []);
});

test("duplicate-name on the second declaration, related to the first", () => {
  const model = build(BASE + "location corp\n");
  const d = expectDiagnostic(model, "duplicate-name", "error", "corp", "already declared as a zone");
  assert.ok(d.span.start > BASE.indexOf("location oslo"));
  assert.equal(d.related?.length, 1);
  assert.equal(covered(model, d.related![0]), "corp");
  assert.equal(d.related![0].span.start, BASE.indexOf("corp"));
  assert.equal(model.declarations.get("corp")?.kind, "zone");
});

test("invalid: no Management Node, or two", () => {
  const none = build(BASE.replace("management mgmt { ip 10.0.0.5 }\n", ""));
  expectDiagnostic(none, "invalid", "error", "test", "no Management Node");
  const two = build(BASE + "management mgmt2 { ip 10.0.0.6 }\n");
  expectDiagnostic(two, "invalid", "error", "mgmt2", "exactly one Management Node");
});

test("invalid: nodes without ip or location, and attributes a node does not take", () => {
  const model = build(BASE.replace("management mgmt { ip 10.0.0.5 }", "management mgmt { ip 10.0.0.5  location oslo }") + `transcoding conf2 { location oslo }
proxying edge1 { ip 10.0.2.1 }
transcoding conf3 { ip 10.0.1.12  location oslo  location oslo  subnet 10.0.0.0/24 }
`);
  expectDiagnostic(model, "invalid", "error", "conf2", "has no `ip`");
  expectDiagnostic(model, "invalid", "error", "edge1", "has no `location`");
  expectDiagnostic(model, "invalid", "error", "location", "takes only `ip` and `zone`");
  expectDiagnostic(model, "invalid", "error", "location", "already has `location`");
  expectDiagnostic(model, "invalid", "error", "subnet", "remove `subnet`");
  assert.equal(withCode(model, "invalid").length, 5);
});

test("invalid: a node in two locations", () => {
  const model = build(BASE + "location bergen\ntranscoding conf2 { ip 10.0.1.12  location oslo, bergen }\n");
  expectDiagnostic(model, "invalid", "error", "bergen", "exactly one location");
});

test("invalid: peers without an address, with two, and with attributes their kind does not take", () => {
  const model = build(BASE + `admin noc { location oslo }
syslog log1 { ip 10.0.0.7  subnet 10.0.7.0/24 }
ldap dir { ip 10.0.0.8  location oslo }
smtp mail { ip 10.0.0.9  port 587 }
web-proxy proxy { ip 10.0.0.10  port 3128 }
ftp backup { ip 10.0.0.11  ports 40000-40100 }
event-sink sink { ip 10.0.0.12  port 70000 }
`);
  expectDiagnostic(model, "invalid", "error", "noc", "has no address");
  expectDiagnostic(model, "invalid", "error", "subnet", "exactly one of `ip`, `subnet` and `host`");
  expectDiagnostic(model, "invalid", "error", "location", "talks only to the Management Node");
  expectDiagnostic(model, "invalid", "error", "port", "Only web-proxy and event-sink peers take `port`");
  expectDiagnostic(model, "invalid", "error", "70000", "out of range");
  assert.deepEqual(peer(model, "proxy").port, [3128, 3128]);
  assert.deepEqual(peer(model, "backup").port, [40000, 40100]);
  assert.equal(peer(model, "sink").port, undefined);
  assert.equal(withCode(model, "invalid").length, 5);
});

test("invalid: a name of the wrong kind", () => {
  const model = build(BASE + `endpoints staff { subnet 10.9.0.0/16  location dns1 }
firewall fw {
  zones corp, mgmt
  allow https from oslo to dns1.secondary
  allow ssh from mgmt to conf1.secondary
}
`);
  expectDiagnostic(model, "invalid", "error", "dns1", "is a dns peer, but a location is expected");
  expectDiagnostic(model, "invalid", "error", "mgmt", "is the Management Node, but a zone is expected");
  expectDiagnostic(model, "invalid", "error", "oslo", "is a location, but a node, peer, zone or group is expected");
  expectDiagnostic(model, "invalid", "error", "dns1", "picks an interface of a node, so write just dns1");
  expectDiagnostic(model, "invalid", "error", "conf1.secondary", "has no secondary interface");
});

test("invalid: a group that contains itself, directly or through another group", () => {
  const model = build(BASE + "group a { mgmt, b }\ngroup b { a }\ngroup c { c, conf1 }\nfirewall fw {\n  protects a, c\n}\n");
  expectDiagnostic(model, "invalid", "error", "b", "Group \"a\" contains itself (a -> b -> a)");
  expectDiagnostic(model, "invalid", "error", "a", "Group \"b\" contains itself (b -> a -> b)");
  expectDiagnostic(model, "invalid", "error", "c", "Group \"c\" contains itself (c -> c)");
  // A cycle still resolves to everything in it.
  const fw = model.firewalls[0];
  assert.ok(fw.protects.contains(model.nodes[0].primary!.address));
  assert.ok(fw.protects.contains(model.nodes[1].primary!.address));
});

test("invalid: unknown feature, two deployments, two any zones, one prefix in two zones", () => {
  const model = build(BASE.replace("{ version 36 }", "{\n  enable sip-ud, ssh\n}") + `deployment other { version 35 }
zone outside any
zone lab 10.0.0.0/8
`);
  expectDiagnostic(model, "invalid", "error", "sip-ud", 'did you mean "sip-udp"?');
  expectDiagnostic(model, "invalid", "error", "other", "second `deployment` block");
  expectDiagnostic(model, "invalid", "error", "any", "Only one zone can be `any`");
  expectDiagnostic(model, "invalid", "error", "10.0.0.0/8", 'already in zone "corp"');
  assert.equal(model.settings.version, undefined, "the second deployment's settings are ignored");
  assert.equal(model.anyZone?.name, "internet");
});

test("invalid: firewall structure (zones and protects, neither, one zone, nat, default twice)", () => {
  const model = build(BASE + `zone dmz 192.0.2.0/24
firewall both {
  zones corp, dmz
  protects mgmt
}
firewall neither {
  default allow
}
firewall lonely {
  zones corp
}
firewall edge {
  zones corp, internet
  nat corp -> dmz
  nat corp -> internet
  default deny
  default allow
}
`);
  expectDiagnostic(model, "invalid", "error", "protects", "both `zones` and `protects`");
  expectDiagnostic(model, "invalid", "error", "neither", "neither `zones` nor `protects`");
  expectDiagnostic(model, "invalid", "error", "zones", "joins only one zone");
  expectDiagnostic(model, "invalid", "error", "dmz", 'which firewall "edge" does not join');
  expectDiagnostic(model, "invalid", "error", "default", "already has a `default`");
  const edge = model.firewalls.find((f) => f.name === "edge")!;
  assert.deepEqual(edge.nats.map((n) => [n.from, n.to]), [["corp", "internet"]]);
  assert.equal(edge.defaultAction, "deny");
  assert.equal(model.firewalls.find((f) => f.name === "both")!.kind, "network");
  assert.equal(model.firewalls.find((f) => f.name === "neither")!.defaultAction, "allow");
});

test("bad-address on malformed addresses, prefixes with host bits and bad host names", () => {
  const model = build(BASE + `zone lab 10.1.0.1/16
syslog log1 { ip 10.0.0.256 }
syslog log2 { ip 010.0.0.7 }
admin noc { subnet 2001:db8:::1/64 }
cloud-bursting api { host bad..example.com }
usage-statistics us { host under_score.example.com }
incident-reporting ir { host *.pexip.com }
`);
  expectDiagnostic(model, "bad-address", "error", "10.1.0.1/16", "host bits set; the network is 10.1.0.0/16");
  expectDiagnostic(model, "bad-address", "error", "10.0.0.256", "not an IPv4 address");
  expectDiagnostic(model, "bad-address", "error", "010.0.0.7", "no leading zeros");
  expectDiagnostic(model, "bad-address", "error", "2001:db8:::1/64", "not a valid IPv6 address");
  assert.equal(model.ipv6, false, "a malformed IPv6 literal does not make the deployment IPv6");
  expectDiagnostic(model, "bad-address", "error", "bad..example.com", "empty label");
  expectDiagnostic(model, "bad-address", "error", "*.pexip.com", "wildcard");
  expectDiagnostic(model, "bad-address", "error", "under_score.example.com", 'only letters, digits, "-" and "."');
});

test("invalid: a prefix where one address is expected (the address is still used)", () => {
  const model = build(BASE.replace("ip 10.0.1.11 ", "ip 10.0.1.11/24 "));
  expectDiagnostic(model, "invalid", "error", "10.0.1.11/24", "takes one address, not a prefix: write 10.0.1.11");
  assert.equal(model.nodes[1].primary?.text, "10.0.1.11");
  assert.equal(model.nodes[1].primary?.zone, "corp");
});

test("unknown-name with and without a suggestion of the right kind", () => {
  const model = build(BASE + `endpoints staff { subnet 10.9.0.0/16  location olso }
firewall fw {
  zones crop, internet
  allow https from mgmt to lics
  allow https from mgmt to nowhere-at-all
}
`);
  expectDiagnostic(model, "unknown-name", "error", "olso", 'did you mean "oslo" (a location)?');
  expectDiagnostic(model, "unknown-name", "error", "crop", 'did you mean "corp" (a zone)?');
  expectDiagnostic(model, "unknown-name", "error", "lics", 'did you mean "lic" (a licensing peer)?');
  expectDiagnostic(model, "unknown-name", "error", "nowhere-at-all", "is not declared: declare a node, peer, zone or group");
  const reference = model.references.find((r) => r.name === "crop");
  assert.equal(reference?.declaration, undefined);
  assert.equal(reference?.expects, "zone");
});

test("no-zone on an address outside every zone, and on a host without an any zone", () => {
  const model = build(BASE.replace("zone internet any\n", "") + "syslog log1 { ip 192.0.2.7 }\n");
  expectDiagnostic(model, "no-zone", "error", "192.0.2.7", "lies in no zone");
  expectDiagnostic(model, "no-zone", "error", "activation.pexip.com", "no zone is `any`");
  assert.equal(peer(model, "log1").zone, undefined);
});

test("port-range errors: reversed, outside 1024-65535, overlapping each other or the ephemeral range", () => {
  const reversed = build(BASE.replace("{ version 36 }", "{\n  media-ports 49999-40000\n}"));
  expectDiagnostic(reversed, "port-range", "error", "49999-40000", "reversed");
  assert.deepEqual(reversed.settings.media, [40000, 49999]);

  const low = build(BASE.replace("{ version 36 }", "{\n  signaling-ports 500-2000\n}"));
  expectDiagnostic(low, "port-range", "error", "500-2000", "within 1024-65535");

  const overlap = build(BASE.replace("{ version 36 }", "{\n  media-ports 30000-39999\n  signaling-ports 20000-30000\n}"));
  expectDiagnostic(overlap, "port-range", "error", "20000-30000", "overlap");

  const ephemeral = build(BASE.replace("{ version 36 }", "{\n  signaling-ports 50000-56000\n}"));
  expectDiagnostic(ephemeral, "port-range", "error", "50000-56000", "overlaps 55000-65535");
  assert.deepEqual(ephemeral.settings.signaling, [50000, 56000]);
});

test("port-range warnings: media outside 10000-49999 or fewer than 100 ports", () => {
  const outside = build(BASE.replace("{ version 36 }", "{\n  media-ports 5000-9999\n}"));
  expectDiagnostic(outside, "port-range", "warning", "5000-9999", "only inside 10000-49999");
  assert.deepEqual(withCode(outside, "port-range").map((d) => d.severity), ["warning"]);
  const small = build(BASE.replace("{ version 36 }", "{\n  media-ports 40000-40049\n}"));
  expectDiagnostic(small, "port-range", "warning", "40000-40049", "only 50 ports");
  assert.deepEqual(small.settings.media, [40000, 40049]);
});

test("settings: defaults, features and ranges as written", () => {
  const defaults = build(BASE).settings;
  assert.deepEqual(defaults.media, [40000, 49999]);
  assert.deepEqual(defaults.signaling, [33000, 39999]);
  assert.equal(defaults.features["sip-udp"], false);
  assert.equal(defaults.features.ssh, true);
  const set = build(BASE.replace("{ version 36 }", "{\n  version 35\n  media-ports 20000-29999\n  enable sip-udp, admin-http\n  disable ssh\n}")).settings;
  assert.equal(set.version, 35);
  assert.deepEqual(set.media, [20000, 29999]);
  assert.deepEqual([set.features["sip-udp"], set.features["admin-http"], set.features.ssh], [true, true, false]);
});

test("missing-service: one warning per missing kind, on the deployment name or the file start", () => {
  const model = build(BASE.replace("dns dns1 { ip 10.0.0.53 }\n", "").replace("ntp ntp1 { ip 10.0.0.123 }\n", ""));
  const found = withCode(model, "missing-service");
  assert.equal(found.length, 2);
  assert.ok(found.every((d) => d.severity === "warning" && covered(model, d) === "test"));
  assert.ok(found.some((d) => d.message.includes("No DNS server")));
  assert.ok(found.some((d) => d.message.includes("No NTP server")));

  const bare = build(BASE.replace("deployment test { version 36 }\n", "").replace("licensing lic { host activation.pexip.com }\n", ""));
  const licensing = only(bare, "missing-service");
  assert.deepEqual(licensing.span, { start: 0, end: 0 });
  assert.match(licensing.message, /No licensing peer/);
});

test("obsolete-host on pexip.flexnetoperations.com", () => {
  const model = build(BASE.replace("activation.pexip.com", "pexip.flexnetoperations.com"));
  expectDiagnostic(model, "obsolete-host", "warning", "pexip.flexnetoperations.com", "use activation.pexip.com");
});

test("mixed-location on a location holding proxying and transcoding nodes", () => {
  const model = build(BASE + "proxying edge1 { ip 10.0.1.21  location oslo }\n");
  expectDiagnostic(model, "mixed-location", "warning", "oslo", "both Proxying Edge Nodes (edge1) and Transcoding Conferencing Nodes (conf1)");
});

test("unused-name on a zone, a location and a group nothing refers to", () => {
  const model = build(BASE + `zone lab 192.168.0.0/16
zone dmz 198.51.100.0/24
location spare { transcoding spare }
location edge { transcoding oslo }
group unused { mgmt }
group used { conf1 }
syslog log1 { ip 198.51.100.7 }
firewall fw {
  zones corp, internet
  allow https from used to lic
}
`);
  const hints = withCode(model, "unused-name");
  assert.deepEqual(hints.map((d) => covered(model, d)).sort(), ["edge", "lab", "spare", "unused"]);
  assert.ok(hints.every((d) => d.severity === "hint"));
  expectDiagnostic(model, "unused-name", "hint", "lab", 'Zone "lab" is not used');
  expectDiagnostic(model, "unused-name", "hint", "spare", 'Location "spare" is not used');
  expectDiagnostic(model, "unused-name", "hint", "unused", 'Group "unused" is not used');
});

test("references: every name use, resolved to its declaration", () => {
  const model = build(BASE + "group core { mgmt, corp }\nfirewall fw {\n  zones corp, internet\n  allow https between core\n}\n");
  const names = model.references.map((r) => `${r.expects}:${r.name}`);
  assert.ok(names.includes("location:oslo"));
  assert.ok(names.includes("target:mgmt"));
  assert.ok(names.includes("target:corp"));
  assert.ok(names.includes("zone:internet"));
  assert.ok(names.includes("target:core"));
  const core = model.references.find((r) => r.name === "core");
  assert.equal(core?.declaration, model.declarations.get("core"));
});

test("locations: transcoding defaults to itself, overflow at most two", () => {
  const model = build(BASE + "location a\nlocation b\nlocation c\nlocation edge { transcoding a  overflow b, c, oslo }\n");
  assert.equal(model.locations.get("oslo")?.transcoding, "oslo");
  assert.equal(model.locations.get("edge")?.transcoding, "a");
  assert.deepEqual(model.locations.get("edge")?.overflow, ["b", "c"]);
  expectDiagnostic(model, "invalid", "error", "oslo", "at most two overflow locations");
});

test("never throws on broken text", () => {
  const texts = [
    "",
    "zone",
    "management {",
    "firewall fw {\n  allow tcp 443 from\n",
    "transcoding conf1 { ip 10.0.0.1 location }\n",
    "dns d { ip }\nfirewall f {\n  zones\n  nat a ->\n  allow from a to b\n  deny esp 5 between\n}\n",
    BASE.slice(0, 120),
    BASE + "group g {\nfirewall f {\n  protects g.primary\n  allow udp 0-70000 sport media from any to 10.0.0.1/8\n}\n",
  ];
  for (const text of texts) {
    const model = buildModel(parseSource(text));
    assert.ok(Array.isArray(model.diagnostics));
  }
  assert.ok(codes(build(BASE)).length === 0);
});
