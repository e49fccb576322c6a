// Juniper SRX generator. No Junos (vSRX) or offline Junos configuration parser can run here,
// so these tests parse the `set` commands themselves: every line must be one of the
// statement forms below, every address, set and application is defined once and before a
// policy names it, and every rule of every example policy is a policy of its zone pair with
// its addresses and ports. Nothing here proves that a commit check would pass.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";

import type { ExportPolicy, PolicyRule } from "../../server/src/core/export-policy";
import { juniperSrxGenerator } from "../../server/src/generators/juniper-srx";
import { generatorById } from "../../server/src/generators/index";
import { ruleFamilies, ruleZones } from "../../server/src/generators/zone-platform";
import { examplePolicies, hostilePolicy, policyFromStrings } from "./export-fixtures";

const NAME = "[A-Za-z][A-Za-z0-9_.-]{0,62}";
const QUOTED = '"[A-Za-z0-9 \\-_.,:/+()@#=]*"';
const RANGE = "\\d+(?:-\\d+)?";
const BOOK = "set security address-book global";
const AT = `set security policies from-zone (${NAME}) to-zone (${NAME}) policy (${NAME})`;

const STATEMENTS: Record<string, RegExp> = {
  blank: /^$/,
  comment: /^#( .*)?$/,
  zone: new RegExp(`^set security zones security-zone (${NAME})$`),
  address: new RegExp(`^${BOOK} address (${NAME}) ([0-9a-fA-F.:]+/\\d+|dns-name [A-Za-z0-9_.-]+)$`),
  addressDescription: new RegExp(`^${BOOK} address (${NAME}) description ${QUOTED}$`),
  setDescription: new RegExp(`^${BOOK} address-set (${NAME}) description ${QUOTED}$`),
  setMember: new RegExp(`^${BOOK} address-set (${NAME}) address (${NAME})$`),
  application: new RegExp(`^set applications application (${NAME}) protocol (tcp|udp|esp)(?: destination-port (${RANGE}))?(?: source-port (${RANGE}))?$`),
  appSetMember: new RegExp(`^set applications application-set (${NAME}) application (${NAME})$`),
  deletePair: new RegExp(`^delete security policies from-zone (${NAME}) to-zone (${NAME})$`),
  policyDescription: new RegExp(`^${AT} description ${QUOTED}$`),
  matchSource: new RegExp(`^${AT} match source-address (${NAME})$`),
  matchDestination: new RegExp(`^${AT} match destination-address (${NAME})$`),
  matchApplication: new RegExp(`^${AT} match application (${NAME})$`),
  matchAny: new RegExp(`^${AT} match source-address any destination-address any application any$`),
  then: new RegExp(`^${AT} then (permit|deny|log session-init)$`),
  defaultPolicy: /^set security policies default-policy deny-all$/,
};

interface Policy {
  from: string;
  to: string;
  source?: string;
  destination?: string;
  application?: string;
  then: string[];
  description?: string;
}

interface Parsed {
  zones: Set<string>;
  addresses: Map<string, string>;
  sets: Map<string, string[]>;
  applications: Map<string, string>;
  appSets: Map<string, string[]>;
  /** "from to name" -> policy, in order. */
  policies: Map<string, Policy>;
  order: string[];
}

const BUILT_IN_ADDRESSES = ["any", "any-ipv4", "any-ipv6"];

function parse(text: string): Parsed {
  const p: Parsed = { zones: new Set(), addresses: new Map(), sets: new Map(), applications: new Map(), appSets: new Map(), policies: new Map(), order: [] };
  const addressKnown = (name: string) => BUILT_IN_ADDRESSES.includes(name) || p.addresses.has(name) || p.sets.has(name);
  for (const line of text.split("\n").slice(0, -1)) {
    const kind = Object.keys(STATEMENTS).find((k) => STATEMENTS[k].test(line));
    assert.ok(kind, `not a Junos statement this generator writes: ${JSON.stringify(line)}`);
    const m = line.match(STATEMENTS[kind])!;
    switch (kind) {
      case "zone":
        p.zones.add(m[1]);
        break;
      case "address":
        assert.ok(!p.addresses.has(m[1]), `address defined twice: ${m[1]}`);
        p.addresses.set(m[1], m[2]);
        break;
      case "addressDescription":
        assert.ok(p.addresses.has(m[1]), `description of an undefined address: ${line}`);
        break;
      case "setDescription":
        assert.ok(!p.sets.has(m[1]), `address-set defined twice: ${m[1]}`);
        p.sets.set(m[1], []);
        break;
      case "setMember":
        assert.ok(p.sets.has(m[1]), `member of an address-set with no description first: ${line}`);
        assert.ok(p.addresses.has(m[2]), `address-set member used before it is defined: ${line}`);
        p.sets.get(m[1])!.push(m[2]);
        break;
      case "application": {
        assert.ok(!p.applications.has(m[1]), `application defined twice: ${m[1]}`);
        p.applications.set(m[1], `${m[2]} ${m[3] ?? ""} ${m[4] ?? ""}`.trim());
        break;
      }
      case "appSetMember":
        assert.ok(p.applications.has(m[2]), `application-set member used before it is defined: ${line}`);
        if (!p.appSets.has(m[1])) p.appSets.set(m[1], []);
        p.appSets.get(m[1])!.push(m[2]);
        break;
      case "policyDescription":
      case "matchSource":
      case "matchDestination":
      case "matchApplication":
      case "matchAny":
      case "then": {
        assert.ok(p.zones.has(m[1]) && p.zones.has(m[2]), `policy of an undeclared zone: ${line}`);
        const key = `${m[1]} ${m[2]} ${m[3]}`;
        if (!p.policies.has(key)) {
          p.policies.set(key, { from: m[1], to: m[2], then: [] });
          p.order.push(key);
        }
        const policy = p.policies.get(key)!;
        if (kind === "matchSource") policy.source = m[4];
        if (kind === "matchDestination") policy.destination = m[4];
        if (kind === "matchApplication") policy.application = m[4];
        if (kind === "matchAny") Object.assign(policy, { source: "any", destination: "any", application: "any" });
        if (kind === "then") policy.then.push(m[4]);
        if (kind === "policyDescription") policy.description = line;
        for (const name of [policy.source, policy.destination]) if (name) assert.ok(addressKnown(name), `address used before it is defined: ${line}`);
        if (kind === "matchApplication") assert.ok(p.applications.has(m[4]) || p.appSets.has(m[4]), `application used before it is defined: ${line}`);
        break;
      }
    }
  }
  for (const [name, members] of p.sets) assert.ok(members.length > 0, `empty address-set ${name}`);
  for (const [key, policy] of p.policies) {
    assert.ok(policy.source && policy.destination && policy.application, `policy ${key} lacks a match`);
    assert.ok(policy.then.includes("permit") || policy.then.includes("deny"), `policy ${key} lacks an action`);
  }
  return p;
}

function render(policy: ExportPolicy): string {
  const files = juniperSrxGenerator.render(policy, { sourceName: "x.pexnet" });
  assert.equal(files.length, 1);
  return files[0].text;
}

const range = ([lo, hi]: [number, number]) => (lo === hi ? String(lo) : `${lo}-${hi}`);

function expectedApplications(rule: PolicyRule): string[] {
  if (rule.protocol === "esp") return ["esp"];
  return rule.dstPorts.flatMap((dst) => (rule.srcPorts ?? [undefined]).map((src) => `${rule.protocol} ${range(dst)}${src ? ` ${range(src)}` : ""}`)).sort();
}

function addressesOf(p: Parsed, name: string): string[] {
  if (BUILT_IN_ADDRESSES.includes(name)) return [name];
  return p.sets.get(name)!.map((member) => p.addresses.get(member)!);
}

test("juniper-srx: every rule of every example policy is a policy of its zone pair with its addresses and ports", () => {
  let checked = 0;
  for (const { example, firewall, scope, policy } of examplePolicies()) {
    const where = `${example}/${firewall}/${scope}`;
    const text = render(policy);
    const p = parse(text);
    for (const rule of policy.rules) {
      if (ruleFamilies(rule, policy.ipv6).length === 0) {
        assert.match(text, new RegExp(`^# pexnet-${rule.index} left out`, "m"), `${where}: skipped rule ${rule.index} is explained`);
        continue;
      }
      const { from, to } = ruleZones(policy, rule);
      const found = p.policies.get(`${from} ${to} pexnet-${rule.index}`);
      assert.ok(found, `${where}: no policy pexnet-${rule.index} from ${from} to ${to}`);
      assert.deepEqual(found.then, ["permit"]);
      assert.ok(found.description?.includes(rule.rows[0]), `${where}: rule ${rule.index} names its rows`);
      const apps = p.appSets.get(found.application!) ?? [found.application!];
      assert.deepEqual(apps.map((a) => p.applications.get(a)).sort(), expectedApplications(rule), `${where}: rule ${rule.index} ports`);
      for (const [name, object] of [[found.source!, rule.source], [found.destination!, rule.destination]] as const) {
        const got = addressesOf(p, name);
        if (got[0].startsWith("any")) continue;
        for (const prefix of [...object.ipv4, ...object.ipv6]) assert.ok(got.includes(prefix), `${where}: ${name} lacks ${prefix}`);
        for (const host of object.hosts) assert.ok(got.includes(`dns-name ${host}`), `${where}: ${name} lacks ${host}`);
      }
      checked++;
    }
    const pairs = new Set([...p.policies.values()].map((x) => `${x.from} ${x.to}`));
    if (scope === "complete") {
      assert.match(text, /^set security policies default-policy deny-all$/m, `${where}: default deny`);
      for (const pair of pairs) {
        const last = p.order.filter((k) => k.startsWith(`${pair} `)).pop()!;
        assert.equal(last, `${pair} pexnet-deny-rest`, `${where}: ${pair} ends in the deny`);
        assert.deepEqual(p.policies.get(last)!.then, ["deny", "log session-init"]);
        assert.match(text, new RegExp(`^delete security policies from-zone ${pair.replace(" ", " to-zone ")}$`, "m"), `${where}: ${pair} is replaced`);
      }
    } else {
      assert.doesNotMatch(text, /^(delete|set security policies default-policy)/m, `${where}: missing scope removes nothing`);
      assert.ok(![...p.policies.values()].some((x) => x.then.includes("deny")), `${where}: missing scope adds no deny`);
      for (const pair of pairs) assert.match(text, new RegExp(`^# insert security policies from-zone ${pair.replace(" ", " to-zone ")} policy `, "m"), `${where}: how to move them up`);
    }
  }
  assert.ok(checked > 80, `only ${checked} rules checked`);
});

test("juniper-srx: a host firewall is zone outside to zone protected, not junos-host", () => {
  const { policy } = examplePolicies().find((x) => x.policy.firewall.kind === "host" && x.scope === "complete" && x.policy.rules.length)!;
  const p = parse(render(policy));
  assert.deepEqual([...new Set([...p.policies.values()].map((x) => `${x.from} ${x.to}`))], ["outside protected"]);
});

test("juniper-srx: IPv6, dns-name addresses and FILL IN placeholders", () => {
  const text = render(hostilePolicy(2));
  assert.match(text, / address net-2001_db8___32 2001:db8::\/32$/m);
  assert.match(text, / dns-name sip\.example\.com$/m);
  assert.match(text, /description "FILL IN the addresses of touch \/tmp\/pexnet-pwned"$/m);
  assert.match(text, /^set applications application pexnet-esp protocol esp$/m);
  assert.match(text, /^set applications application pexnet-udp-53-from-55000-65535 protocol udp destination-port 53 source-port 55000-65535$/m);
  parse(text);
});

test("juniper-srx: hostile names, comments and hosts parse back as Junos statements", () => {
  for (let variant = 0; variant < 24; variant++) {
    for (const kind of ["network", "host"] as const) {
      for (const ipv6 of [true, false]) {
        const text = render(hostilePolicy(variant, kind, ipv6));
        assert.doesNotMatch(text, /^\s*INJECTED/m);
        parse(text);
      }
    }
  }
});

test("juniper-srx: arbitrary strings (fast-check) parse back as Junos statements", () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: "binary", maxLength: 80 }), { minLength: 7, maxLength: 7 }), fc.boolean(), (s, host) => {
      const text = render(policyFromStrings(s, host));
      assert.doesNotMatch(text, /^\s*INJECTED/m);
      parse(text);
    }),
    { numRuns: 200, seed: 11 },
  );
});

test("juniper-srx: registered, deterministic", () => {
  assert.equal(generatorById("juniper-srx"), juniperSrxGenerator);
  assert.equal(render(hostilePolicy(5)), render(hostilePolicy(5)));
});
