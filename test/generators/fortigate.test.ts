// FortiGate generator. No FortiOS (FortiGate VM) or offline FortiOS configuration parser can
// run here, so these tests parse the CLI script themselves: config/edit/set/next/end blocks
// with only the settings below, strings double-quoted with no `"` or `\` inside, every
// address, group and service defined once and before a policy names it, and every rule of
// every example policy present as a policy with its interfaces, addresses and ports.
// Nothing here proves that a FortiGate accepts the script.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";

import type { ExportPolicy, PolicyRule } from "../../server/src/core/export-policy";
import { fortigateGenerator } from "../../server/src/generators/fortigate";
import { generatorById } from "../../server/src/generators/index";
import { ipv4Mask, ruleFamilies, ruleZones, splitPrefix } from "../../server/src/generators/zone-platform";
import { examplePolicies, hostilePolicy, policyFromStrings } from "./export-fixtures";

const STRING = '"([^"\\\\\\n]*)"';
const IPV4 = "\\d+\\.\\d+\\.\\d+\\.\\d+";
const PORTS = "\\d+(?:-\\d+)?(?::\\d+(?:-\\d+)?)?";

/** The settings each table may carry; anything else is a break-out. */
const SETTINGS: Record<string, RegExp[]> = {
  address: [new RegExp(`^set subnet ${IPV4} ${IPV4}$`), /^set type (fqdn|iprange)$/, new RegExp(`^set fqdn ${STRING}$`), new RegExp(`^set (start|end)-ip ${IPV4}$`), new RegExp(`^set comment ${STRING}$`)],
  address6: [/^set ip6 [0-9a-fA-F:]+\/\d+$/, /^set type fqdn$/, new RegExp(`^set fqdn ${STRING}$`), new RegExp(`^set comment ${STRING}$`)],
  addrgrp: [new RegExp(`^set member ${STRING}(?: ${STRING})*$`), new RegExp(`^set comment ${STRING}$`)],
  addrgrp6: [new RegExp(`^set member ${STRING}(?: ${STRING})*$`), new RegExp(`^set comment ${STRING}$`)],
  "service custom": [/^set protocol (TCP\/UDP\/SCTP|IP)$/, /^set protocol-number 50$/, new RegExp(`^set (tcp|udp)-portrange ${PORTS}(?: ${PORTS})*$`)],
  policy: [
    new RegExp(`^set (name|srcintf|dstintf|srcaddr|dstaddr|srcaddr6|dstaddr6|service|schedule|comments) ${STRING}$`),
    /^set action accept$/,
    /^set logtraffic all$/,
  ],
};

type Entry = Map<string, string>;

interface Parsed {
  tables: Map<string, Map<string, Entry>>;
  policies: { id: number; settings: Entry }[];
}

function parse(text: string): Parsed {
  const parsed: Parsed = { tables: new Map(), policies: [] };
  const defined = new Set<string>();
  let table: string | undefined;
  let entry: Entry | undefined;
  for (const line of text.split("\n").slice(0, -1)) {
    const where = JSON.stringify(line);
    assert.equal((line.match(/"/g) ?? []).length % 2, 0, `unbalanced quotes: ${where}`);
    if (table === undefined) {
      if (line === "" || /^#( .*)?$/.test(line)) continue;
      const m = line.match(/^config firewall (address|address6|addrgrp|addrgrp6|service custom|policy)$/);
      assert.ok(m, `not a FortiOS statement this generator writes: ${where}`);
      table = m[1];
      if (!parsed.tables.has(table)) parsed.tables.set(table, new Map());
      continue;
    }
    if (entry === undefined) {
      if (line === "end") {
        table = undefined;
        continue;
      }
      entry = new Map();
      if (table === "policy") {
        const m = line.match(/^ {4}edit (\d+)$/);
        assert.ok(m, `not a policy edit: ${where}`);
        parsed.policies.push({ id: Number(m[1]), settings: entry });
      } else {
        const m = line.match(new RegExp(`^ {4}edit ${STRING}$`));
        assert.ok(m, `not an edit: ${where}`);
        const name = m[1];
        assert.match(name, /^[A-Za-z][A-Za-z0-9_.-]{0,78}$/, `name ${name}`);
        assert.ok(!defined.has(name.toLowerCase()), `defined twice: ${name}`);
        defined.add(name.toLowerCase());
        parsed.tables.get(table)!.set(name, entry);
      }
      continue;
    }
    if (line === "    next") {
      entry = undefined;
      continue;
    }
    const setting = line.match(/^ {8}(set \S+ .*)$/);
    assert.ok(setting && SETTINGS[table].some((r) => r.test(setting[1])), `not a ${table} setting this generator writes: ${where}`);
    const [, key, value] = setting[1].match(/^set (\S+) (.*)$/)!;
    entry.set(key, value);
    const names = [...value.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
    const need = (source: string, list: string[]) => {
      for (const name of list) assert.ok(parsed.tables.get(source)?.has(name), `${name} used before it is defined in ${source}: ${where}`);
    };
    if (table === "addrgrp" && key === "member") need("address", names);
    if (table === "addrgrp6" && key === "member") need("address6", names);
    if (table === "policy" && (key === "srcaddr" || key === "dstaddr")) need("addrgrp", names);
    if (table === "policy" && (key === "srcaddr6" || key === "dstaddr6")) need("addrgrp6", names);
    if (table === "policy" && key === "service") need("service custom", names);
    if (key === "name") assert.ok(names[0].length <= 35, `policy name too long: ${where}`);
    if (key === "comments") assert.ok(names[0].length <= 1023, `comments too long: ${where}`);
    if (key === "comment") assert.ok(names[0].length <= 255, `comment too long: ${where}`);
  }
  assert.equal(table, undefined, "a config block is left open");
  return parsed;
}

function render(policy: ExportPolicy, priority?: number): string {
  const files = fortigateGenerator.render(policy, { sourceName: "x.pexnet", placement: priority ? { priority } : undefined });
  assert.equal(files.length, 1);
  return files[0].text;
}

const range = ([lo, hi]: [number, number]) => (lo === hi ? String(lo) : `${lo}-${hi}`);

function expectedPorts(rule: PolicyRule): string {
  return rule.dstPorts.flatMap((dst) => (rule.srcPorts ?? [undefined]).map((src) => `${range(dst)}${src ? `:${range(src)}` : ""}`)).join(" ");
}

const unquote = (value: string) => value.replace(/^"|"$/g, "");

function members(p: Parsed, table: string, group: string, addressTable: string): string[] {
  return [...p.tables.get(table)!.get(group)!.get("member")!.matchAll(/"([^"]*)"/g)].map((m) => {
    const entry = p.tables.get(addressTable)!.get(m[1])!;
    return entry.get("subnet") ?? entry.get("ip6") ?? `fqdn ${unquote(entry.get("fqdn") ?? "")}`;
  });
}

test("fortigate: every rule of every example policy is a policy with its interfaces, addresses and ports", () => {
  let checked = 0;
  for (const { example, firewall, scope, policy } of examplePolicies()) {
    const where = `${example}/${firewall}/${scope}`;
    const text = render(policy, scope === "missing" ? 1000 : undefined);
    const p = parse(text);
    const byName = new Map(p.policies.map((x) => [unquote(x.settings.get("name")!), x]));
    for (const rule of policy.rules) {
      const families = ruleFamilies(rule, policy.ipv6);
      if (families.length === 0) {
        assert.match(text, new RegExp(`^# pexnet-${rule.index} left out`, "m"), `${where}: skipped rule ${rule.index} is explained`);
        continue;
      }
      const found = byName.get(`pexnet-${rule.index}`);
      assert.ok(found, `${where}: no policy pexnet-${rule.index}`);
      const s = found.settings;
      const { from, to } = ruleZones(policy, rule);
      assert.equal(s.get("srcintf"), `"${from}"`);
      assert.equal(s.get("dstintf"), `"${to}"`);
      assert.equal(s.get("action"), "accept");
      assert.equal(s.get("logtraffic"), "all");
      assert.equal(s.get("schedule"), '"always"');
      assert.ok(s.get("comments")!.includes(rule.rows[0]), `${where}: rule ${rule.index} names its rows`);
      const service = p.tables.get("service custom")!.get(unquote(s.get("service")!))!;
      if (rule.protocol === "esp") assert.deepEqual([service.get("protocol"), service.get("protocol-number")], ["IP", "50"]);
      else assert.equal(service.get(`${rule.protocol}-portrange`), expectedPorts(rule), `${where}: rule ${rule.index} ports`);
      for (const family of families) {
        const suffix = family === "v4" ? "" : "6";
        for (const [key, object] of [["srcaddr", rule.source], ["dstaddr", rule.destination]] as const) {
          const got = members(p, `addrgrp${suffix}`, unquote(s.get(`${key}${suffix}`)!), `address${suffix}`);
          for (const prefix of family === "v4" ? object.ipv4 : object.ipv6) {
            const [address, length] = splitPrefix(prefix);
            assert.ok(got.includes(family === "v4" ? `${address} ${ipv4Mask(length)}` : prefix), `${where}: rule ${rule.index} ${key} lacks ${prefix}`);
          }
          for (const host of object.hosts) assert.ok(got.includes(`fqdn ${host}`), `${where}: rule ${rule.index} ${key} lacks ${host}`);
        }
      }
      checked++;
    }
    assert.match(text, /implicit deny, policy 0/, `${where}: says what drops the rest`);
    if (scope === "missing") assert.deepEqual(p.policies.map((x) => x.id), p.policies.map((_, i) => 1000 + i), `${where}: ids from the placement priority`);
    else assert.ok(p.policies.every((x) => x.id === 0), `${where}: edit 0 takes the next free id`);
  }
  assert.ok(checked > 80, `only ${checked} rules checked`);
});

test("fortigate: without a placement, missing policies use edit 0 and say how to move them", () => {
  const { policy } = examplePolicies().find((x) => x.scope === "missing" && x.policy.rules.length)!;
  const text = render(policy);
  assert.ok(parse(text).policies.every((x) => x.id === 0));
  assert.match(text, /move <id> before <deny id>/);
});

test("fortigate: IPv6 in address6/addrgrp6 and srcaddr6, FQDN addresses, ESP and FILL IN placeholders", () => {
  const text = render(hostilePolicy(2));
  const p = parse(text);
  assert.ok(p.tables.get("address6")!.size > 0);
  assert.match(text, /^ {8}set srcaddr6 "/m);
  assert.match(text, /^ {8}set fqdn "sip\.example\.com"$/m);
  assert.match(text, /^ {8}set protocol-number 50$/m);
  assert.match(text, /^ {8}set udp-portrange 53:55000-65535$/m);
  assert.match(text, /^ {8}set comment "FILL IN the addresses of touch \/tmp\/pexnet-pwned"$/m);
});

test("fortigate: hostile names, comments and hosts parse back as FortiOS statements", () => {
  for (let variant = 0; variant < 24; variant++) {
    for (const kind of ["network", "host"] as const) {
      for (const ipv6 of [true, false]) {
        const text = render(hostilePolicy(variant, kind, ipv6), variant % 3 ? 7 : undefined);
        assert.doesNotMatch(text, /^\s*INJECTED/m);
        parse(text);
      }
    }
  }
});

test("fortigate: arbitrary strings (fast-check) parse back as FortiOS statements", () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: "binary", maxLength: 80 }), { minLength: 7, maxLength: 7 }), fc.boolean(), (s, host) => {
      const text = render(policyFromStrings(s, host));
      assert.doesNotMatch(text, /^\s*INJECTED/m);
      parse(text);
    }),
    { numRuns: 200, seed: 13 },
  );
});

test("fortigate: registered, deterministic", () => {
  assert.equal(generatorById("fortigate"), fortigateGenerator);
  assert.equal(render(hostilePolicy(5)), render(hostilePolicy(5)));
});
