// JSON with 2-space indentation like JSON.stringify(value, null, 2), except that an array or
// object whose one-line form fits in MAX_WIDTH columns stays on one line, so that positions
// and port ranges read as in the spec: `"start": { "line": 27, "character": 9 }`,
// `"ports": [[22, 22]]`. Undefined properties are left out, as JSON.stringify does.

const MAX_WIDTH = 80;
const INDENT = "  ";

type Entry = [key: string, value: unknown];

export function stringifyJson(value: unknown): string {
  return render(value, "", 0) + "\n";
}

/** `used`: the columns already taken on the line (indentation and the key). */
function render(value: unknown, indent: string, used: number): string {
  const entries = entriesOf(value);
  if (!entries) return renderScalar(value);
  // The document itself always opens onto its own lines.
  const short = indent === "" ? undefined : renderOneLine(value, MAX_WIDTH - used - 1); // 1 for a comma
  if (short !== undefined) return short;
  if (entries.length === 0) return Array.isArray(value) ? "[]" : "{}";
  const inner = indent + INDENT;
  const lines = entries.map(([key, item]) => inner + key + render(item, inner, inner.length + key.length));
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return `${open}\n${lines.join(",\n")}\n${indent}${close}`;
}

/** The value on one line, or undefined as soon as it is longer than `budget`. */
function renderOneLine(value: unknown, budget: number): string | undefined {
  const entries = entriesOf(value);
  if (!entries) return renderScalar(value);
  const isArray = Array.isArray(value);
  if (entries.length === 0) return isArray ? "[]" : "{}";
  // Objects get spaces inside their braces; arrays stay tight, as in `[[22, 22]]`.
  let text = isArray ? "[" : "{ ";
  for (const [index, [key, item]] of entries.entries()) {
    const rendered = renderOneLine(item, budget - text.length - key.length);
    if (rendered === undefined) return undefined;
    text += (index > 0 ? ", " : "") + key + rendered;
    if (text.length > budget) return undefined;
  }
  text += isArray ? "]" : " }";
  return text.length <= budget ? text : undefined;
}

/** Keys rendered with their `": "`, or undefined for a scalar. */
function entriesOf(value: unknown): Entry[] | undefined {
  if (value === null || typeof value !== "object") return undefined;
  if (Array.isArray(value)) return value.map((item): Entry => ["", item === undefined ? null : item]);
  return Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .map(([key, item]): Entry => [JSON.stringify(key) + ": ", item]);
}

function renderScalar(value: unknown): string {
  return JSON.stringify(value) ?? "null";
}
