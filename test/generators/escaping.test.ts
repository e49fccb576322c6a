// Escaping, for every registered platform at once: hostile names, comments and host names
// (quotes, newlines, `;`, `$(...)`, backticks, NUL, U+2028) never start a line of their own,
// never leave control characters behind, and never make a generator throw. Each platform's
// own test adds what its syntax needs (its real tool, or a parser of its statements).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";

import type { ExportPolicy } from "../../server/src/core/export-policy";
import { GENERATORS } from "../../server/src/generators/index";
import { HOSTILE_STRINGS, hostilePolicy } from "./export-fixtures";

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u2028\u2029]/;

function assertContained(id: string, policy: ExportPolicy): void {
  const files = GENERATORS.find((g) => g.id === id)!.render(policy, { sourceName: "evil\n$(x).pexnet" });
  assert.ok(files.length > 0, `${id}: no files`);
  for (const file of files) {
    assert.doesNotMatch(file.name, /[\n\r\0]|\.\.|^\//, `${id}: file name ${JSON.stringify(file.name)}`);
    assert.doesNotMatch(file.text, /^\s*INJECTED/m, `${id} ${file.name}: a newline in a name started a line of its own`);
    assert.doesNotMatch(file.text, CONTROL, `${id} ${file.name}: control character in the output`);
    // CRLF line ends are CSV's own (RFC 4180); a lone carriage return is not.
    assert.doesNotMatch(file.text.replace(/\r\n/g, "\n"), /\r/, `${id} ${file.name}: carriage return in the output`);
  }
}

for (const generator of GENERATORS) {
  test(`${generator.id}: hostile names, comments and hosts stay inside their strings`, () => {
    for (let variant = 0; variant < HOSTILE_STRINGS.length * 2; variant++) {
      for (const kind of ["network", "host"] as const) {
        for (const ipv6 of [true, false]) assertContained(generator.id, hostilePolicy(variant, kind, ipv6));
      }
    }
  });

  test(`${generator.id}: arbitrary strings (fast-check) never break the output`, () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary", maxLength: 80 }), { minLength: 4, maxLength: 4 }), fc.boolean(), (strings, host) => {
        const policy = hostilePolicy(0, host ? "host" : "network");
        policy.firewall.name = strings[0];
        policy.rules[0].comment = strings[1];
        policy.addresses[0].name = strings[2];
        policy.addresses[0].hosts = [strings[3]];
        policy.addresses[1].description = strings[3];
        assertContained(generator.id, policy);
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  test(`${generator.id}: the same policy gives the same text`, () => {
    const a = generator.render(hostilePolicy(3), {});
    const b = generator.render(hostilePolicy(3), {});
    assert.deepEqual(a, b);
  });
}
