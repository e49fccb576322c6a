// Change-request tables: the CSV parses back (RFC 4180) to exactly the cells, formulas are
// defused; the Markdown table keeps one column per cell whatever the text holds.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";

import type { ExportPolicy } from "../../server/src/core/export-policy";
import { CHANGE_REQUEST_COLUMNS, changeRequestCells, csvField, csvGenerator, markdownGenerator } from "../../server/src/generators/change-request";
import { examplePolicies, hostilePolicy, HOSTILE_STRINGS } from "./export-fixtures";

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        assert.ok(i < text.length, "unterminated quoted field");
        if (text[i] === '"' && text[i + 1] === '"') { field += '"'; i += 2; } else if (text[i] === '"') { i++; break; } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== "," && text[i] !== "\r") {
        assert.ok(!/["\n]/.test(text[i]), `bare quote or newline at ${i}`);
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ",") i++;
    else {
      assert.equal(text.slice(i, i + 2), "\r\n", `record end at ${i}`);
      i += 2;
      records.push(record);
      record = [];
    }
  }
  return records;
}

const defused = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);
const csv = (policy: ExportPolicy) => csvGenerator.render(policy, {})[0].text;
const markdown = (policy: ExportPolicy) => markdownGenerator.render(policy, { sourceName: "test.pexnet" })[0].text;

function assertCsvRoundTrip(policy: ExportPolicy): void {
  const parsed = parseCsv(csv(policy));
  assert.deepEqual(parsed, [CHANGE_REQUEST_COLUMNS, ...changeRequestCells(policy)].map((row) => row.map(defused)));
  for (const row of parsed) for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@]/, "formula cell");
}

/** How many times `char` occurs not escaped by a backslash. */
function unescaped(line: string, char: string): number {
  let count = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === "\\") i++;
    else if (line[i] === char) count++;
  }
  return count;
}

function assertMarkdownTable(text: string, rules: number): void {
  const rows = text.split("\n").filter((l) => l.startsWith("|"));
  assert.equal(rows.length, rules + 2, "header, separator and one row per rule");
  for (const row of rows) assert.equal(unescaped(row, "|"), CHANGE_REQUEST_COLUMNS.length + 1, `columns of ${JSON.stringify(row)}`);
  assert.equal(unescaped(text, "<"), 0, "no raw HTML");
  assert.equal(unescaped(text, "`"), 0, "no code spans");
  assert.doesNotMatch(text, /^INJECTED/m);
}

test("csv: formula-looking and quoting cells", () => {
  assert.equal(csvField("=1+1"), "'=1+1");
  assert.equal(csvField('a,"b"'), '"a,""b"""');
  assert.equal(csvField("-2,x"), '"\'-2,x"');
});

test("csv and markdown: every example rule is a row with its ports, zones and catalog rows", () => {
  for (const { example, firewall, scope, policy } of examplePolicies()) {
    const where = `${example}/${firewall}/${scope}`;
    assertCsvRoundTrip(policy);
    const cells = changeRequestCells(policy);
    policy.rules.forEach((rule, i) => {
      assert.equal(cells[i][0], `pexnet-${rule.index}`, where);
      assert.ok(cells[i][8].includes(rule.rows[0]), where);
      if (rule.fromZone) assert.ok(cells[i][6].startsWith(rule.fromZone), where);
      for (const prefix of rule.source.ipv4) assert.ok(cells[i][1].includes(prefix), where);
    });
    const md = markdown(policy);
    assertMarkdownTable(md, policy.rules.length);
    assert.match(md, /^# Firewall change request: /, where);
  }
});

test("csv and markdown: hostile and arbitrary strings keep the table's shape", () => {
  for (let v = 0; v < HOSTILE_STRINGS.length * 2; v++) {
    for (const kind of ["network", "host"] as const) {
      const policy = hostilePolicy(v, kind);
      assertCsvRoundTrip(policy);
      assertMarkdownTable(markdown(policy), policy.rules.length);
    }
  }
  fc.assert(
    fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (name, comment, host, zone) => {
      const policy = hostilePolicy(3);
      policy.firewall.name = name;
      policy.rules[0].comment = comment;
      policy.rules[0].fromZone = zone;
      policy.rules[1].rows = [comment, zone];
      policy.rules[0].source = { ...policy.rules[0].source, name, hosts: [host] };
      assertCsvRoundTrip(policy);
      assertMarkdownTable(markdown(policy), policy.rules.length);
    }),
    { numRuns: 500 },
  );
});
