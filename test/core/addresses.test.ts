import { test } from "node:test";
import assert from "node:assert/strict";
import { formatAddress, hostAddress, IPV6_BASE, parseAddress, rangeToPrefixes, setToPrefixes, familyOf } from "../../server/src/core/addresses";
import { IntervalSet } from "../../server/src/core/interval-set";

function parsed(text: string) {
  const result = parseAddress(text);
  if (!result.ok) assert.fail(`${text}: ${result.message}`);
  return result.address;
}

function rejected(text: string): string {
  const result = parseAddress(text);
  assert.ok(!result.ok, `${text} should be rejected`);
  return result.message;
}

test("IPv4 addresses and prefixes land on the line as themselves", () => {
  assert.equal(parsed("10.0.0.5").value, 0x0a000005n);
  const prefix = parsed("10.10.0.0/16");
  assert.deepEqual(prefix.set.ranges(), [[0x0a0a0000n, 0x0a0affffn]]);
  assert.equal(prefix.canonical, "10.10.0.0/16");
  assert.deepEqual(parsed("0.0.0.0/0").set.ranges(), [[0n, 0xffffffffn]]);
});

test("IPv6 addresses sit above the IPv4 range and normalise", () => {
  const address = parsed("2001:DB8:0:0::1");
  assert.equal(address.family, 6);
  assert.equal(address.value, IPV6_BASE + (0x20010db8n << 96n) + 1n);
  assert.equal(address.canonical, "2001:db8::1");
  assert.equal(parsed("2001:db8::/32").set.ranges()[0][1], IPV6_BASE + (0x20010db9n << 96n) - 1n);
});

test("malformed addresses and prefixes with host bits are rejected with a reason", () => {
  assert.match(rejected("10.0.0.1/8"), /host bits.*10\.0\.0\.0\/8/);
  assert.match(rejected("010.0.0.1"), /dotted decimal/);
  assert.match(rejected("10.0.0.256"), /dotted decimal/);
  assert.match(rejected("10.0.0"), /dotted decimal/);
  assert.match(rejected("10.0.0.0/33"), /0 to 32/);
  assert.match(rejected("2001:db8::g"), /IPv6/);
  assert.match(rejected("2001:db8::/129"), /0 to 128/);
});

test("host pseudo-addresses are outside every prefix", () => {
  const all = parsed("::/0").set.union(parsed("0.0.0.0/0").set);
  assert.ok(!all.contains(hostAddress(0)));
  assert.equal(familyOf(hostAddress(3)), "host");
  assert.equal(formatAddress(hostAddress(3)), "host#3");
});

test("ranges turn back into the fewest prefixes", () => {
  assert.deepEqual(rangeToPrefixes(parsed("10.0.0.0").value, parsed("10.0.0.255").value), ["10.0.0.0/24"]);
  assert.deepEqual(rangeToPrefixes(parsed("10.0.0.1").value, parsed("10.0.0.6").value), ["10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32"]);
  const set = parsed("10.0.0.0/8").set.subtract(parsed("10.128.0.0/9").set).union(IntervalSet.ofBigints([[hostAddress(0), hostAddress(0)]]));
  assert.deepEqual(setToPrefixes(set), ["10.0.0.0/9"]);
  assert.deepEqual(setToPrefixes(parsed("2001:db8::/32").set), ["2001:db8::/32"]);
});
