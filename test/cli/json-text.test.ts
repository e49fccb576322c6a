// The JSON writer: same data as JSON.stringify, 2-space indentation, short parts on one line.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { stringifyJson } from "../../server/src/cli/json-text";

test("short arrays and objects stay on one line, the document does not", () => {
  const value = { files: [{ ports: [[22, 22], [80, 80]], start: { line: 1, character: 2 } }] };
  assert.equal(
    stringifyJson(value),
    '{\n  "files": [\n    { "ports": [[22, 22], [80, 80]], "start": { "line": 1, "character": 2 } }\n  ]\n}\n',
  );
});

test("a part too wide for 80 columns opens up with 2-space indentation", () => {
  const message = "m".repeat(70);
  assert.equal(stringifyJson({ d: { message, code: "x" } }), `{\n  "d": {\n    "message": "${message}",\n    "code": "x"\n  }\n}\n`);
});

test("undefined properties are left out and empty containers stay short", () => {
  assert.equal(stringifyJson({ a: undefined, b: [], c: {} }), '{\n  "b": [],\n  "c": {}\n}\n');
});

test("round trip: the same data as JSON.stringify, indented by 2 spaces", () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
      const text = stringifyJson(value);
      assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value) ?? "null"));
      for (const line of text.split("\n")) {
        const indentation = /^ */.exec(line)![0].length;
        assert.equal(indentation % 2, 0, line);
      }
    }),
    { numRuns: 300 },
  );
});
