// The TextMate grammar (syntaxes/pexnet.tmLanguage.json) colours files before the language
// server starts, so it is checked here with the same engine VS Code uses: vscode-textmate
// on the oniguruma regex library.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as oniguruma from "vscode-oniguruma";
import * as textmate from "vscode-textmate";

const root = join(__dirname, "..", "..", "..");
const grammarPath = join(root, "syntaxes", "pexnet.tmLanguage.json");

interface Token {
  text: string;
  scopes: string[];
}

let grammarPromise: Promise<textmate.IGrammar> | undefined;

function loadGrammar(): Promise<textmate.IGrammar> {
  grammarPromise ??= (async () => {
    const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === "source.pexnet" ? textmate.parseRawGrammar(readFileSync(grammarPath, "utf8"), grammarPath) : null,
    });
    const grammar = await registry.loadGrammar("source.pexnet");
    assert.ok(grammar, "the grammar source.pexnet loads");
    return grammar;
  })();
  return grammarPromise;
}

/** Tokenizes lines in order, carrying the rule stack like the editor does. */
async function tokenizeLines(lines: string[]): Promise<Token[][]> {
  const grammar = await loadGrammar();
  let state = textmate.INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((token) => ({ text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes }));
  });
}

async function tokenizeLine(line: string): Promise<Token[]> {
  return (await tokenizeLines([line]))[0];
}

/** The innermost scopes of the token whose text is exactly `text`. */
function scopesOf(tokens: Token[], text: string): string[] {
  const token = tokens.find((candidate) => candidate.text === text);
  assert.ok(token, `a token "${text}" in ${JSON.stringify(tokens.map((t) => t.text))}`);
  return token.scopes;
}

function assertScope(tokens: Token[], text: string, scope: string): void {
  const scopes = scopesOf(tokens, text);
  assert.ok(scopes.includes(scope), `"${text}" has ${scope}; it has ${scopes.join(" ")}`);
}

test("a rule: action, protocol, ports, keywords, built-in group and names", async () => {
  const tokens = await tokenizeLine("  allow tcp 443, 5061 from guests to @proxying");
  assertScope(tokens, "allow", "keyword.control.action.allow.pexnet");
  assertScope(tokens, "tcp", "support.type.protocol.pexnet");
  assertScope(tokens, "443", "constant.numeric.integer.pexnet");
  assertScope(tokens, "from", "keyword.other.rule.pexnet");
  assertScope(tokens, "to", "keyword.other.rule.pexnet");
  assertScope(tokens, "guests", "variable.other.name.pexnet");
  assertScope(tokens, "@proxying", "variable.language.builtin-group.pexnet");
  assertScope(tokens, "@proxying", "meta.rule.pexnet");
});

test("a deny rule with a service, sport and between", async () => {
  const tokens = await tokenizeLine("  deny ipsec sport 500 between @pexip, edge-lon-1.primary");
  assertScope(tokens, "deny", "keyword.control.action.deny.pexnet");
  assertScope(tokens, "ipsec", "support.constant.service.pexnet");
  assertScope(tokens, "sport", "keyword.other.rule.pexnet");
  assertScope(tokens, "between", "keyword.other.rule.pexnet");
  assertScope(tokens, "@pexip", "variable.language.builtin-group.pexnet");
  assertScope(tokens, "edge-lon-1", "variable.other.name.pexnet");
  assertScope(tokens, "primary", "variable.other.property.interface.pexnet");
});

test("tcp+udp is one protocol token and port aliases are recognised", async () => {
  const tokens = await tokenizeLine("  allow tcp+udp media from guests to edge-lon-1");
  assertScope(tokens, "tcp+udp", "support.type.protocol.pexnet");
  assertScope(tokens, "media", "support.constant.port-alias.pexnet");
  assertScope(tokens, "edge-lon-1", "variable.other.name.pexnet");
});

test("a port range is one numeric token, in rules and in settings", async () => {
  const rule = await tokenizeLine("  allow udp 40000-49999 sport any from a to b");
  assertScope(rule, "40000-49999", "constant.numeric.range.pexnet");
  assertScope(rule, "any", "constant.language.any.pexnet");
  const setting = await tokenizeLine("  media-ports 40000-49999          # the defaults");
  assertScope(setting, "media-ports", "keyword.other.setting.pexnet");
  assertScope(setting, "40000-49999", "constant.numeric.range.pexnet");
});

test("a node declaration: keyword in column 1, declared name, attributes and addresses", async () => {
  const tokens = await tokenizeLine("proxying    edge-1 { ip 172.16.10.11  secondary 172.16.20.11  location edge }");
  assertScope(tokens, "proxying", "storage.type.node.pexnet");
  assertScope(tokens, "edge-1", "entity.name.type.node.pexnet");
  assertScope(tokens, "ip", "keyword.other.attribute.pexnet");
  assertScope(tokens, "172.16.10.11", "constant.numeric.ip-address.ipv4.pexnet");
  assertScope(tokens, "secondary", "keyword.other.attribute.pexnet");
  assertScope(tokens, "location", "keyword.other.attribute.pexnet");
  assertScope(tokens, "edge", "variable.other.name.pexnet");
  assertScope(tokens, "{", "punctuation.section.block.begin.pexnet");
  assertScope(tokens, "}", "punctuation.section.block.end.pexnet");
});

test("a declaration keyword is an attribute when it is not in column 1", async () => {
  const tokens = await tokenizeLine("location edge-lon { transcoding oslo  overflow oslo }");
  assertScope(tokens, "location", "storage.type.location.pexnet");
  assertScope(tokens, "edge-lon", "entity.name.type.location.pexnet");
  assertScope(tokens, "transcoding", "keyword.other.attribute.pexnet");
  assertScope(tokens, "overflow", "keyword.other.attribute.pexnet");
});

test("zones, prefixes, IPv6 and the any zone", async () => {
  const v4 = await tokenizeLine("zone corp     10.10.0.0/16, 10.20.0.1");
  assertScope(v4, "zone", "storage.type.zone.pexnet");
  assertScope(v4, "corp", "entity.name.type.zone.pexnet");
  assertScope(v4, "10.10.0.0/16", "constant.numeric.ip-prefix.ipv4.pexnet");
  assertScope(v4, "10.20.0.1", "constant.numeric.ip-address.ipv4.pexnet");
  const v6 = await tokenizeLine("zone lab 2001:db8::/32, fd00::1");
  assertScope(v6, "2001:db8::/32", "constant.numeric.ip-prefix.ipv6.pexnet");
  assertScope(v6, "fd00::1", "constant.numeric.ip-address.ipv6.pexnet");
  const anyZone = await tokenizeLine("zone internet any");
  assertScope(anyZone, "any", "constant.language.any.pexnet");
});

test("peer declarations and host names after host", async () => {
  const tokens = await tokenizeLine("licensing lic   { host activation.pexip.com }");
  assertScope(tokens, "licensing", "storage.type.peer.pexnet");
  assertScope(tokens, "lic", "entity.name.type.peer.pexnet");
  assertScope(tokens, "host", "keyword.other.attribute.pexnet");
  assertScope(tokens, "activation.pexip.com", "string.unquoted.hostname.pexnet");
});

test("comments with # and //, also straight after a token", async () => {
  const hash = await tokenizeLine("# Acme: one internal site");
  assertScope(hash, "#", "punctuation.definition.comment.pexnet");
  assertScope(hash, " Acme: one internal site", "comment.line.number-sign.pexnet");
  const slash = await tokenizeLine("  allow https from mgmt to lic// licensing");
  assertScope(slash, " licensing", "comment.line.double-slash.pexnet");
  assertScope(slash, "lic", "variable.other.name.pexnet");
  const inRule = await tokenizeLine("  allow tcp 443 from noc to mgmt   # a second copy");
  assertScope(inRule, " a second copy", "comment.line.number-sign.pexnet");
});

test("firewall settings, nat arrow, default action and features", async () => {
  const [head, zones, nat, fallback, enable] = await tokenizeLines([
    "firewall edge-fw {",
    "  zones corp, dmz, internet",
    "  nat dmz -> internet",
    "  default deny",
    "  enable sip-udp, ssh",
  ]);
  assertScope(head, "firewall", "storage.type.firewall.pexnet");
  assertScope(head, "edge-fw", "entity.name.type.firewall.pexnet");
  assertScope(zones, "zones", "keyword.other.firewall.pexnet");
  assertScope(zones, ",", "punctuation.separator.comma.pexnet");
  assertScope(nat, "nat", "keyword.other.firewall.pexnet");
  assertScope(nat, "->", "keyword.operator.arrow.pexnet");
  assertScope(fallback, "default", "keyword.other.firewall.pexnet");
  assertScope(fallback, "deny", "keyword.control.action.deny.pexnet");
  assertScope(enable, "enable", "keyword.other.setting.pexnet");
  assertScope(enable, "sip-udp", "support.constant.feature.pexnet");
  assertScope(enable, "ssh", "support.constant.feature.pexnet");
});

test("keywords and numbers inside names stay part of the name", async () => {
  const tokens = await tokenizeLine("  allow tcp 22 from udp-relay to conf-oslo-1");
  assertScope(tokens, "udp-relay", "variable.other.name.pexnet");
  assertScope(tokens, "conf-oslo-1", "variable.other.name.pexnet");
});

test("a rule on a one-line firewall ends at the closing brace", async () => {
  const tokens = await tokenizeLine("firewall f { allow ssh from noc to mgmt }");
  const closing = scopesOf(tokens, "}");
  assert.ok(closing.includes("punctuation.section.block.end.pexnet"));
  assert.ok(!closing.includes("meta.rule.pexnet"), closing.join(" "));
});

const examplesDir = join(root, "examples");
const examples = readdirSync(examplesDir).filter((file) => file.endsWith(".pexnet")).sort();

test("there are examples to tokenize", () => {
  assert.ok(examples.length > 0);
});

for (const file of examples) {
  test(`every line of examples/${file} tokenizes, with every word scoped and nothing illegal`, async () => {
    const lines = readFileSync(join(examplesDir, file), "utf8").split(/\r\n|\r|\n/);
    const tokenized = await tokenizeLines(lines);
    tokenized.forEach((tokens, index) => {
      const where = `examples/${file}:${index + 1}`;
      assert.equal(tokens.map((token) => token.text).join(""), lines[index], `${where}: tokens cover the line`);
      for (const token of tokens) {
        assert.ok(!token.scopes.some((scope) => scope.startsWith("invalid.")), `${where}: "${token.text}" is ${token.scopes.join(" ")}`);
        // Only blanks may go unscoped: every word the editor shows gets a colour or a name scope.
        if (token.scopes.length === 1) assert.match(token.text, /^\s*$/, `${where}: "${token.text}" has no scope`);
      }
    });
  });
}

/** A snippet body as inserted with every placeholder left at its default (or first choice). */
function expandSnippet(body: string[]): string[] {
  return body.map((line) =>
    line
      .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, "$1")
      .replace(/\$\{\d+:([^}]*)\}/g, "$1")
      .replace(/\$\{\d+\}|\$\d+/g, "")
      .replace(/\t/g, "  "),
  );
}

test("every snippet, inserted with its defaults, tokenizes with nothing illegal", async () => {
  const snippets: Record<string, { body: string[] }> = JSON.parse(readFileSync(join(root, "snippets", "pexnet.json"), "utf8"));
  for (const [name, snippet] of Object.entries(snippets)) {
    const lines = expandSnippet(snippet.body);
    const tokenized = await tokenizeLines(lines);
    tokenized.forEach((tokens, index) => {
      for (const token of tokens) {
        assert.ok(!token.scopes.some((scope) => scope.startsWith("invalid.")), `snippet "${name}" line ${index + 1}: "${token.text}"`);
      }
    });
    assert.ok(!lines.some((line) => line.includes("$")), `snippet "${name}" expands fully: ${lines.join(" / ")}`);
  }
});
