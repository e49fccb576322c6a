// LineIndex against a plain reading of the text: every line break style (\n, \r\n, a lone
// \r) and their mixes, with each offset's line and character, both ways.
import { test } from "node:test";
import assert from "node:assert/strict";
import { LineIndex } from "../../server/src/core/text-position";
import { Random } from "../naive/random";

/** Line starts by the definition: after "\n", after "\r" not followed by "\n". */
function plainLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\n" || (text[i] === "\r" && text[i + 1] !== "\n")) starts.push(i + 1);
  }
  return starts;
}

test("LineIndex: lines and positions of random texts with every line break style", () => {
  const pieces = ["a", "zone", " ", "\n", "\r\n", "\r", "\n\n", "\r\r\n", "é"];
  for (let k = 0; k < 500; k++) {
    const rng = new Random(7000 + k);
    let text = "";
    const onlyNewlines = k % 2 === 0; // half the texts take the path for "\n" alone
    for (let n = rng.int(0, 40); n > 0; n--) {
      const piece = pieces[rng.int(0, pieces.length - 1)];
      text += onlyNewlines ? piece.replace(/\r\n?/g, "\n") : piece;
    }
    const starts = plainLineStarts(text);
    const index = new LineIndex(text);
    assert.equal(index.lineCount, starts.length, JSON.stringify(text));
    for (let offset = 0; offset <= text.length; offset++) {
      let line = starts.length - 1;
      while (starts[line] > offset) line--;
      const position = index.positionAt(offset);
      assert.deepEqual(position, { line, character: offset - starts[line] }, `${JSON.stringify(text)} at ${offset}`);
      assert.equal(index.offsetAt(position), offset);
    }
  }
});
