// Cisco ASA generator. No ASA (or ASAv, or any offline parser of ASA configuration) can run
// here, so these tests parse the output themselves: every line must be one of the statement
// forms below, every object is defined once and before use, and every rule of every example
// policy comes out with its zones, addresses and ports. Nothing here proves an ASA accepts it.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";

import type { ExportPolicy, PolicyRule } from "../../server/src/core/export-policy";
import { ciscoAsaGenerator } from "../../server/src/generators/cisco-asa";
import { generatorById } from "../../server/src/generators/index";
import { ipv4Mask, ruleFamilies, ruleZones, splitPrefix } from "../../server/src/generators/zone-platform";
import { examplePolicies, HOSTILE_STRINGS, hostilePolicy, policyFromStrings } from "./export-fixtures";

const NAME = "[A-Za-z][A-Za-z0-9_.-]{0,63}";
const TEXT = "[A-Za-z0-9 \\-_.,:/+()@#=]*";
const PORT = "(?:eq \\d+|range \\d+ \\d+)";
const OPERAND = `(?:object-group ${NAME}|any|any4|any6)`;
const IPV4 = "\\d+\\.\\d+\\.\\d+\\.\\d+";
const IPV6 = "[0-9a-fA-F:]+";

/** Every statement form the generator may write; a line matching none is a break-out. */
const STATEMENTS: Record<string, RegExp> = {
  blank: /^$/,
  comment: /^!( .*)?$/,
  object: new RegExp(`^object network (${NAME})$`),
  group: new RegExp(`^object-group (network|service) (${NAME})$`),
  description: new RegExp(`^ description (${TEXT})$`),
  fqdn: /^ fqdn v[46] ([A-Za-z0-9_.-]+)$/,
  placeholder: /^ host 0\.0\.0\.0$/,
  networkHost: new RegExp(`^ network-object host (${IPV4}|${IPV6})$`),
  networkV4: new RegExp(`^ network-object (${IPV4}) (${IPV4})$`),
  networkV6: new RegExp(`^ network-object (${IPV6}/\\d+)$`),
  networkObject: new RegExp(`^ network-object object (${NAME})$`),
  service: new RegExp(`^ service-object (tcp|udp)( source ${PORT})? destination ${PORT}$`),
  clear: new RegExp(`^clear configure access-list (${NAME})$`),
  remark: new RegExp(`^access-list (${NAME})( line \\d+)? remark (${TEXT})$`),
  permit: new RegExp(`^access-list (${NAME})( line \\d+)? extended permit (object-group ${NAME}|esp) (${OPERAND}) (${OPERAND})$`),
  deny: new RegExp(`^access-list (${NAME}) extended deny ip any any log$`),
  accessGroup: new RegExp(`^access-group (${NAME}) in interface (${NAME})$`),
};

interface Parsed {
  /** object or object-group name -> its member lines (service-object/network-object lines, trimmed). */
  objects: Map<string, { kind: string; members: string[] }>;
  /** ACL name -> its statements in order (without the `access-list NAME` prefix). */
  acls: Map<string, string[]>;
  bindings: Map<string, string>;
}

function parse(text: string): Parsed {
  const parsed: Parsed = { objects: new Map(), acls: new Map(), bindings: new Map() };
  let current: { kind: string; members: string[] } | undefined;
  const use = (operand: string, line: string) => {
    const name = operand.replace(/^object-group /, "").replace(/^object /, "");
    if (["any", "any4", "any6", "esp"].includes(name)) return;
    assert.ok(parsed.objects.has(name), `used before it is defined: ${name} in ${JSON.stringify(line)}`);
  };
  for (const line of text.split("\n").slice(0, -1)) {
    const kind = Object.keys(STATEMENTS).find((k) => STATEMENTS[k].test(line));
    assert.ok(kind, `not an ASA statement this generator writes: ${JSON.stringify(line)}`);
    const m = line.match(STATEMENTS[kind])!;
    if (line.startsWith(" ")) {
      assert.ok(current, `member line outside an object: ${JSON.stringify(line)}`);
      if (kind === "networkObject") use(m[1], line);
      if (kind !== "description") current.members.push(line.trim());
      continue;
    }
    current = undefined;
    if (kind === "object" || kind === "group") {
      const name = kind === "object" ? m[1] : m[2];
      assert.ok(!parsed.objects.has(name), `defined twice: ${name}`);
      current = { kind: kind === "object" ? "object" : m[1], members: [] };
      parsed.objects.set(name, current);
    } else if (kind === "remark" || kind === "permit" || kind === "deny" || kind === "clear") {
      const acl = m[1];
      if (!parsed.acls.has(acl)) parsed.acls.set(acl, []);
      if (kind === "permit") {
        use(m[3], line);
        use(m[4], line);
        use(m[5], line);
      }
      if (kind === "remark") assert.ok(m[3].length <= 100, `remark longer than 100: ${line}`);
      parsed.acls.get(acl)!.push(line.replace(/^access-list \S+ /, ""));
    } else if (kind === "accessGroup") {
      assert.ok(parsed.acls.has(m[1]), `access-group before its ACL: ${line}`);
      parsed.bindings.set(m[2], m[1]);
    }
  }
  for (const [name, object] of parsed.objects) {
    if (object.kind !== "object") assert.ok(object.members.length > 0, `empty object-group ${name}`);
  }
  return parsed;
}

function render(policy: ExportPolicy, priority?: number): string {
  const files = ciscoAsaGenerator.render(policy, { sourceName: "x.pexnet", placement: priority ? { priority } : undefined });
  assert.equal(files.length, 1);
  return files[0].text;
}

const port = ([lo, hi]: [number, number]) => (lo === hi ? `eq ${lo}` : `range ${lo} ${hi}`);

function expectedServices(rule: PolicyRule): string[] {
  return rule.dstPorts.flatMap((dst) => (rule.srcPorts ?? [undefined]).map((src) => `service-object ${rule.protocol}${src ? ` source ${port(src)}` : ""} destination ${port(dst)}`)).sort();
}

function expectedNetworks(parsed: Parsed, operand: string, object: PolicyRule["source"]): void {
  if (operand.startsWith("any")) {
    // any/any4/any6 stand for the catch-all zone only: the object holds nothing else.
    assert.deepEqual([...object.ipv4, ...object.ipv6].filter((p) => p !== "0.0.0.0/0" && p !== "::/0"), [], `${operand} for ${object.name}`);
    assert.deepEqual(object.hosts, []);
    return;
  }
  const members = parsed.objects.get(operand.replace(/^object-group /, ""))!.members;
  for (const prefix of [...object.ipv4, ...object.ipv6]) {
    const [address, length] = splitPrefix(prefix);
    const line = prefix.includes(":")
      ? length === 128 ? `network-object host ${address}` : `network-object ${prefix}`
      : length === 32 ? `network-object host ${address}` : `network-object ${address} ${ipv4Mask(length)}`;
    assert.ok(members.includes(line), `${object.name} lacks ${line}`);
  }
  const fqdns = members.filter((m) => m.startsWith("network-object object ")).map((m) => parsed.objects.get(m.slice(22))!.members.join(" "));
  for (const host of object.hosts) assert.ok(fqdns.some((f) => f.includes(`fqdn v4 ${host}`)), `${object.name} lacks an FQDN object for ${host}`);
}

test("cisco-asa: every rule of every example policy, on the ACL of its ingress zone, with its ports", () => {
  let checked = 0;
  for (const { example, firewall, scope, policy } of examplePolicies()) {
    const where = `${example}/${firewall}/${scope}`;
    const text = render(policy, scope === "missing" ? 10 : undefined);
    const parsed = parse(text);
    for (const rule of policy.rules) {
      const acl = [...parsed.acls.entries()].find(([name]) => name === `ACL_${ruleZones(policy, rule).from}_in`);
      if (ruleFamilies(rule, policy.ipv6).length === 0) {
        assert.match(text, new RegExp(`^! pexnet-${rule.index} left out`, "m"), `${where}: skipped rule ${rule.index} is explained`);
        continue;
      }
      assert.ok(acl, `${where}: no ACL for zone ${rule.fromZone}`);
      const [, lines] = acl;
      const at = lines.findIndex((l) => l.includes(`remark pexnet-${rule.index}: `));
      assert.ok(at >= 0, `${where}: rule ${rule.index} has no remark`);
      assert.match(lines[at + 1], /remark pexnet rows: /, `${where}: rule ${rule.index} names its rows`);
      assert.ok(lines[at + 1].includes(rule.rows[0]), `${where}: rule ${rule.index} names row ${rule.rows[0]}`);
      const permit = lines[at + 2].match(/extended permit (object-group \S+|esp) (object-group \S+|any\d?) (object-group \S+|any\d?)$/);
      assert.ok(permit, `${where}: rule ${rule.index} permit line: ${lines[at + 2]}`);
      if (rule.protocol === "esp") assert.equal(permit[1], "esp");
      else assert.deepEqual([...parsed.objects.get(permit[1].slice(13))!.members].sort(), expectedServices(rule), `${where}: rule ${rule.index} ports`);
      expectedNetworks(parsed, permit[2], rule.source);
      expectedNetworks(parsed, permit[3], rule.destination);
      if (scope === "missing") assert.match(lines[at], /^line \d+ remark/, `${where}: missing rules are inserted at a line`);
      checked++;
    }
    if (scope === "complete") {
      for (const [acl, lines] of parsed.acls) {
        assert.equal(lines[0], `clear configure access-list ${acl}`, `${where}: ${acl} is rebuilt`);
        assert.equal(lines[lines.length - 1], "extended deny ip any any log", `${where}: ${acl} ends in the logged deny`);
        assert.ok([...parsed.bindings.values()].includes(acl), `${where}: ${acl} is bound to an interface`);
      }
      if (policy.firewall.kind === "network") assert.equal(parsed.bindings.size, policy.firewall.zones.length, `${where}: one ACL per zone`);
    } else {
      assert.equal(parsed.bindings.size, 0, `${where}: missing scope changes no binding`);
      assert.doesNotMatch(text, /^clear configure/m, `${where}: missing scope clears nothing`);
      assert.doesNotMatch(text, /extended deny/, `${where}: missing scope adds no deny`);
      for (const lines of parsed.acls.values()) {
        const numbers = lines.map((l) => Number(l.match(/^line (\d+) /)![1]));
        assert.deepEqual(numbers, numbers.map((_, i) => 10 + i), `${where}: line numbers count up from the placement priority`);
      }
    }
  }
  assert.ok(checked > 80, `only ${checked} rules checked`);
});

test("cisco-asa: a host firewall filters what enters on outside and leaves the protected interface alone", () => {
  const { policy } = examplePolicies().find((p) => p.policy.firewall.kind === "host" && p.scope === "complete" && p.policy.rules.length)!;
  const parsed = parse(render(policy));
  assert.deepEqual([...parsed.bindings.entries()], [["outside", "ACL_outside_in"]]);
});

test("cisco-asa: IPv6 prefixes, FQDN objects for both families and FILL IN placeholders", () => {
  const text = render(hostilePolicy(2));
  assert.match(text, /^ network-object 2001:db8::\/32$/m);
  assert.match(text, /^ fqdn v4 sip\.example\.com$/m);
  assert.match(text, /^ fqdn v6 sip\.example\.com$/m);
  assert.match(text, /^ description FILL IN the addresses of touch \/tmp\/pexnet-pwned$/m);
  parse(text);
});

test("cisco-asa: hostile names, comments and hosts parse back as ASA statements", () => {
  for (let variant = 0; variant < 24; variant++) {
    for (const kind of ["network", "host"] as const) {
      for (const ipv6 of [true, false]) {
        const text = render(hostilePolicy(variant, kind, ipv6), variant % 3 ? 5 : undefined);
        assert.doesNotMatch(text, /^\s*INJECTED/m);
        parse(text);
      }
    }
  }
  assert.ok(HOSTILE_STRINGS.length <= 24);
});

test("cisco-asa: arbitrary strings (fast-check) parse back as ASA statements", () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: "binary", maxLength: 80 }), { minLength: 7, maxLength: 7 }), fc.boolean(), (s, host) => {
      const text = render(policyFromStrings(s, host));
      assert.doesNotMatch(text, /^\s*INJECTED/m);
      parse(text);
    }),
    { numRuns: 200, seed: 7 },
  );
});

test("cisco-asa: registered, deterministic", () => {
  assert.equal(generatorById("cisco-asa"), ciscoAsaGenerator);
  assert.equal(render(hostilePolicy(5)), render(hostilePolicy(5)));
});
