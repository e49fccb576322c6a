// Zones of addresses, address sets of zones and peers, and what targets resolve to.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ALL_IPV4, ALL_IPV6, hostAddress } from "../../server/src/core/addresses";
import { IntervalSet } from "../../server/src/core/interval-set";
import { addresses, assertSetEqual, BASE, build, node, peer, ruleTargets } from "./model-test-helpers";

const NESTED = `deployment test { version 36 }
zone corp 10.0.0.0/8
zone datacenter 10.1.0.0/16
zone lab 10.1.5.0/24, 172.16.0.0/12
zone internet any
location oslo
management mgmt { ip 10.1.0.5 }
transcoding conf1 { ip 10.1.1.11  secondary 10.2.0.11  location oslo }
transcoding conf2 { ip 192.0.2.11  zone corp  location oslo }
dns dns1 { ip 10.1.5.53 }
ntp ntp1 { ip 198.51.100.123 }
licensing lic { host activation.pexip.com }
syslog log1 { ip 10.9.0.7  zone datacenter }
admin noc { subnet 10.1.0.0/16 }
admin wide { subnet 10.0.0.0/8 }
admin outside { subnet 10.0.0.0/7 }
endpoints guests { zone internet }
endpoints labusers { zone lab }
cloud-bursting api { host management.azure.com  zone lab }
`;

test("zone of an address: explicit zone, longest prefix, the any zone", () => {
  const model = build(NESTED);
  assert.equal(node(model, "mgmt").primary?.zone, "datacenter", "10.1.0.5: /16 beats /8");
  assert.equal(node(model, "conf1").primary?.zone, "datacenter");
  assert.equal(node(model, "conf1").secondary?.zone, "corp", "the secondary's zone comes from its prefix");
  assert.equal(node(model, "conf2").primary?.zone, "corp", "an explicit zone wins over the prefix (any)");
  assert.equal(peer(model, "dns1").zone, "lab", "10.1.5.53: /24 beats /16 and /8");
  assert.equal(peer(model, "ntp1").zone, "internet", "no prefix holds it: the any zone");
  assert.equal(peer(model, "log1").zone, "datacenter", "explicit zone");
  assert.equal(peer(model, "lic").zone, "internet", "a host peer without zone lives in the any zone");
  assert.equal(peer(model, "api").zone, "lab");
  assert.equal(peer(model, "guests").zone, "internet");
});

test("zone of a subnet: the most specific zone whose prefix holds all of it, else the any zone", () => {
  const model = build(NESTED);
  assert.equal(peer(model, "noc").zone, "datacenter", "10.1.0.0/16 is datacenter's own prefix");
  assert.equal(peer(model, "wide").zone, "corp", "10.0.0.0/8 lies in corp's prefix, though datacenter carves part of it");
  assert.equal(peer(model, "outside").zone, "internet", "10.0.0.0/7 lies in no zone prefix");
});

test("address sets: a zone is its prefixes minus other zones' more specific prefixes", () => {
  const model = build(NESTED);
  const corp = model.zones.get("corp")!.addresses;
  assertSetEqual(corp, addresses("10.0.0.0/8").subtract(addresses("10.1.0.0/16")));
  assertSetEqual(model.zones.get("datacenter")!.addresses, addresses("10.1.0.0/16").subtract(addresses("10.1.5.0/24")));
  assertSetEqual(model.zones.get("lab")!.addresses, addresses("10.1.5.0/24", "172.16.0.0/12"));
});

test("address sets: the any zone holds every IPv4 address no other zone holds", () => {
  const model = build(NESTED);
  assert.equal(model.ipv6, false);
  assert.equal(model.anyZone?.name, "internet");
  assertSetEqual(model.anyZone!.addresses, ALL_IPV4.subtract(addresses("10.0.0.0/8", "172.16.0.0/12")));
  // `any` is every IPv4 address plus the host peers' pseudo-addresses.
  assertSetEqual(model.anyAddresses, ALL_IPV4.union(IntervalSet.ofBigints([[hostAddress(0), hostAddress(1)]])));
});

test("address sets: an IPv6 literal anywhere makes the any zone and `any` cover IPv6", () => {
  const model = build(NESTED + "firewall fw {\n  zones corp, internet\n  allow https from 2001:db8::/32 to mgmt\n}\n");
  assert.equal(model.ipv6, true);
  assertSetEqual(model.anyZone!.addresses, ALL_IPV4.union(ALL_IPV6).subtract(addresses("10.0.0.0/8", "172.16.0.0/12")));
  assert.ok(model.anyAddresses.contains(addresses("2001:db8::1").first()!));
});

test("address sets: subnet and zone peers exclude every node's primary and secondary address", () => {
  const model = build(NESTED);
  assertSetEqual(peer(model, "noc").addresses, addresses("10.1.0.0/16").subtract(addresses("10.1.0.5", "10.1.1.11")));
  assertSetEqual(peer(model, "wide").addresses, addresses("10.0.0.0/8").subtract(addresses("10.1.0.5", "10.1.1.11", "10.2.0.11")));
  assertSetEqual(peer(model, "guests").addresses, model.anyZone!.addresses.subtract(addresses("192.0.2.11")));
  assertSetEqual(peer(model, "dns1").addresses, addresses("10.1.5.53"));
  assert.deepEqual(peer(model, "lic").placement, { kind: "host", host: "activation.pexip.com" });
  assertSetEqual(peer(model, "lic").addresses, IntervalSet.ofBigints([[hostAddress(0), hostAddress(0)]]));
  assertSetEqual(peer(model, "api").addresses, IntervalSet.ofBigints([[hostAddress(1), hostAddress(1)]]));
});

const TARGETS = NESTED + `group core { mgmt, conf1.secondary, 192.0.2.0/24 }
group outer { core, lic }
firewall fw {
  zones corp, datacenter, lab, internet
  allow any from conf1 to mgmt
  allow any from conf1.primary to mgmt
  allow any from conf1.secondary to mgmt
  allow any from corp to mgmt
  allow any from internet to mgmt
  allow any from lab to mgmt
  allow any from outer to mgmt
  allow any from 0.0.0.0/0 to mgmt
  allow any from any to mgmt
  allow any from @pexip to mgmt
  allow any from @management, @proxying to mgmt
  allow any from @conferencing to mgmt
  allow any from @transcoding to mgmt
  allow any from api to mgmt
}
`;

test("resolveTargets: party names and interfaces", () => {
  const model = build(TARGETS);
  const resolve = (rule: number) => model.resolveTargets(ruleTargets(model, "fw", rule));
  assertSetEqual(resolve(0), addresses("10.1.1.11", "10.2.0.11"), "a node: primary and secondary");
  assertSetEqual(resolve(1), addresses("10.1.1.11"));
  assertSetEqual(resolve(2), addresses("10.2.0.11"));
  assertSetEqual(resolve(13), peer(model, "api").addresses, "a host peer: its pseudo-address");
});

test("resolveTargets: zones with parties placed by `zone` and the host peers living there", () => {
  const model = build(TARGETS);
  const resolve = (rule: number) => model.resolveTargets(ruleTargets(model, "fw", rule));
  assertSetEqual(resolve(3), model.zones.get("corp")!.addresses.union(addresses("192.0.2.11")), "corp holds conf2 by its zone attribute");
  assertSetEqual(resolve(4), model.anyZone!.addresses.union(peer(model, "lic").addresses), "the any zone holds lic");
  assertSetEqual(resolve(5), model.zones.get("lab")!.addresses.union(peer(model, "api").addresses), "api lives in lab");
  const datacenter = model.resolveTargets([{ kind: "name", name: { text: "datacenter", span: { start: 0, end: 0 } }, span: { start: 0, end: 0 } }]);
  assert.ok(datacenter.contains(addresses("10.9.0.7").first()!), "log1 is placed in datacenter by its zone attribute");
});

test("resolveTargets: groups, literals, any and built-in groups", () => {
  const model = build(TARGETS);
  const resolve = (rule: number) => model.resolveTargets(ruleTargets(model, "fw", rule));
  assertSetEqual(resolve(6), addresses("10.1.0.5", "10.2.0.11", "192.0.2.0/24").union(peer(model, "lic").addresses), "nested groups");
  const everyIpv4 = resolve(7);
  assertSetEqual(everyIpv4, ALL_IPV4);
  assert.ok(!everyIpv4.contains(hostAddress(0)), "a literal never holds a host peer, not even 0.0.0.0/0");
  assertSetEqual(resolve(8), model.anyAddresses);
  assert.ok(resolve(8).contains(hostAddress(0)) && resolve(8).contains(hostAddress(1)), "`any` holds every host peer");
  assertSetEqual(resolve(9), addresses("10.1.0.5", "10.1.1.11", "10.2.0.11", "192.0.2.11"));
  assertSetEqual(resolve(10), addresses("10.1.0.5"));
  assertSetEqual(resolve(11), addresses("10.1.1.11", "10.2.0.11", "192.0.2.11"));
  assertSetEqual(resolve(12), addresses("10.1.1.11", "10.2.0.11", "192.0.2.11"));
});

test("the base deployment places everything", () => {
  const model = build(BASE);
  assert.deepEqual(model.nodes.map((n) => [n.name, n.primary?.zone]), [["mgmt", "corp"], ["conf1", "corp"]]);
  assert.deepEqual(model.peers.map((p) => [p.name, p.zone]), [["dns1", "corp"], ["ntp1", "corp"], ["lic", "internet"]]);
});
