// parseSource on valid text: every construct of spec sections 2-5 comes out as the syntax
// tree of syntax-tree.ts, with exact spans. Error recovery is in recovery.test.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PEER_KINDS } from "../../server/src/core/catalog-types";
import { DECLARATION_KEYWORDS, parseSource } from "../../server/src/core/parser";
import type {
  Attribute, Declaration, DeploymentDeclaration, FirewallDeclaration, FirewallItem, GroupDeclaration,
  LocationDeclaration, NodeDeclaration, PeerDeclaration, Rule, SourceFile, Span, Target, ZoneDeclaration,
} from "../../server/src/core/syntax-tree";
import { SPEC_EXAMPLE } from "./spec-example-text";


/** Parses text that must be valid. */
function parse(text: string): SourceFile {
  const source = parseSource(text);
  assert.deepEqual(source.syntaxErrors.map((e) => e.message), [], `unexpected syntax errors in ${JSON.stringify(text)}`);
  return source;
}

function only<K extends Declaration["kind"]>(text: string, kind: K): Extract<Declaration, { kind: K }> {
  const { declarations } = parse(text);
  assert.equal(declarations.length, 1);
  assert.equal(declarations[0].kind, kind);
  return declarations[0] as Extract<Declaration, { kind: K }>;
}

/** The text a span covers. */
function covered(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

function targetText(target: Target): string {
  switch (target.kind) {
    case "name": return target.iface ? `${target.name.text}.${target.iface.text}` : target.name.text;
    case "address": return target.text;
    case "any": return "any";
    case "builtin": return target.name.text;
  }
}

function rulesOf(text: string): Rule[] {
  return only(text, "firewall").items.filter((item): item is Rule => item.kind === "rule");
}

/** Every token-like node ({text, span}) in a tree, for checking spans against the text. */
function* tokens(value: unknown): Generator<{ text: string; span: Span }> {
  if (Array.isArray(value)) {
    for (const item of value) yield* tokens(item);
  } else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record.text === "string" && typeof record.span === "object") yield record as { text: string; span: Span };
    for (const item of Object.values(record)) yield* tokens(item);
  }
}

test("the example of the specification parses into its 17 declarations and 3 comments", () => {
  const source = parse(SPEC_EXAMPLE);
  assert.deepEqual(
    source.declarations.map((d) => `${d.kind} ${d.keyword.text} ${d.name?.text}`),
    [
      "deployment deployment acme", "zone zone corp", "zone zone dmz", "zone zone internet",
      "location location oslo", "location location edge-lon", "node management mgmt",
      "node transcoding conf-oslo-1", "node transcoding conf-oslo-2", "node proxying edge-lon-1",
      "peer dns dns1", "peer ntp ntp1", "peer licensing lic", "peer admin noc", "peer endpoints staff",
      "peer endpoints guests", "firewall firewall edge-fw",
    ],
  );
  assert.deepEqual(source.comments.map((c) => c.text), [
    "# Acme: one internal site, one internet-facing edge location",
    "# the defaults; both ranges are configurable",
    "# every address that no other zone holds",
  ]);
  for (const comment of source.comments) assert.equal(covered(SPEC_EXAMPLE, comment.span), comment.text);
  assert.equal(source.text, SPEC_EXAMPLE);
});

test("every token's span covers exactly its text", () => {
  const source = parse(SPEC_EXAMPLE);
  let count = 0;
  for (const token of tokens(source.declarations)) {
    assert.equal(covered(SPEC_EXAMPLE, token.span), token.text);
    count++;
  }
  assert.ok(count > 100, `only ${count} tokens`);
});

test("declaration spans run from the keyword to the closing brace or the last token", () => {
  const source = parse(SPEC_EXAMPLE);
  const [deployment, corp, , internet, oslo, edgeLon, mgmt] = source.declarations;
  assert.ok(covered(SPEC_EXAMPLE, deployment.span).startsWith("deployment acme {"));
  assert.ok(covered(SPEC_EXAMPLE, deployment.span).endsWith("enable sip-udp\n}"));
  assert.equal(covered(SPEC_EXAMPLE, corp.span), "zone corp     10.10.0.0/16");
  assert.equal(covered(SPEC_EXAMPLE, internet.span), "zone internet any");
  assert.equal(covered(SPEC_EXAMPLE, oslo.span), "location oslo");
  assert.equal(covered(SPEC_EXAMPLE, edgeLon.span), "location edge-lon { transcoding oslo  overflow oslo }");
  assert.equal(covered(SPEC_EXAMPLE, mgmt.span), "management  mgmt        { ip 10.10.1.5 }");
  assert.equal(covered(SPEC_EXAMPLE, mgmt.open!), "{");
  assert.equal(covered(SPEC_EXAMPLE, mgmt.close!), "}");
  assert.equal(mgmt.recovered, undefined);
});

test("deployment settings: version, port ranges, enable and disable lists, several on one line", () => {
  const text = "deployment acme {\n  version 36  media-ports 40000-44999\n  signaling-ports 33000-39999\n  enable sip-udp, ssh disable http-redirect\n}\n";
  const deployment: DeploymentDeclaration = only(text, "deployment");
  assert.equal(deployment.name?.text, "acme");
  const [version, media, signaling, enable, disable] = deployment.settings;
  assert.ok(version.kind === "version");
  assert.equal(version.number, 36);
  assert.equal(version.value.text, "36");
  assert.deepEqual(version.span, { start: 20, end: 30 });
  assert.ok(media.kind === "media-ports" && signaling.kind === "signaling-ports");
  assert.deepEqual({ from: media.range.from, to: media.range.to }, { from: 40000, to: 44999 });
  assert.equal(covered(text, media.range.span), "40000-44999");
  assert.deepEqual([signaling.range.from, signaling.range.to], [33000, 39999]);
  assert.ok(enable.kind === "enable" && disable.kind === "disable");
  assert.deepEqual(enable.features.map((f) => f.text), ["sip-udp", "ssh"]);
  assert.deepEqual(disable.features.map((f) => f.text), ["http-redirect"]);
  assert.equal(covered(text, enable.span), "enable sip-udp, ssh");
});

test("numbers are stored as written: range checks are the model's", () => {
  const deployment = only("deployment d { media-ports 70000-20  version 0 }", "deployment");
  const [media, version] = deployment.settings;
  assert.ok(media.kind === "media-ports" && version.kind === "version");
  assert.deepEqual([media.range.from, media.range.to], [70000, 20]);
  assert.equal(version.number, 0);
});

test("zones: a prefix list (IPv4 and IPv6) or any; malformed addresses are kept for the model", () => {
  const text = "zone dmz 192.0.2.0/24, 2001:db8:30::/48,::1\nzone internet any\nzone odd 10.0.0., 300.1.1.1, 1abc\n";
  const [dmz, internet, odd] = parse(text).declarations as ZoneDeclaration[];
  assert.deepEqual(dmz.prefixes.map((p) => p.text), ["192.0.2.0/24", "2001:db8:30::/48", "::1"]);
  assert.equal(dmz.any, undefined);
  assert.equal(covered(text, dmz.prefixes[1].span), "2001:db8:30::/48");
  assert.deepEqual(internet.prefixes, []);
  assert.equal(covered(text, internet.any!), "any");
  assert.deepEqual(odd.prefixes.map((p) => p.text), ["10.0.0.", "300.1.1.1", "1abc"]);
});

test("keywords are names wherever a name is expected; any, from, to, between and sport never are", () => {
  const zone = only("zone zone 10.0.0.0/8", "zone");
  assert.equal(zone.name?.text, "zone");
  const group = only("group allow { firewall, location.primary, dns }", "group");
  assert.equal(group.name?.text, "allow");
  assert.deepEqual(group.members.map(targetText), ["firewall", "location.primary", "dns"]);
  for (const reserved of ["any", "from", "to", "between", "sport"]) {
    const source = parseSource(`zone ${reserved} 10.0.0.0/8\n`);
    assert.equal(source.syntaxErrors.length, 1, reserved);
    assert.equal(source.syntaxErrors[0].message, `expected a name, found "${reserved}"`);
  }
});

test("names: letters, digits, _ and -, starting with a letter or _, not ending in -", () => {
  const text = "group g { _x, a--b, conf-oslo-1, X9 }";
  assert.deepEqual(only(text, "group").members.map(targetText), ["_x", "a--b", "conf-oslo-1", "X9"]);
  const source = parseSource("zone corp- 10.0.0.0/8\n");
  assert.equal(source.syntaxErrors[0].message, 'expected a name, found "corp-"');
});

test("locations: bare, or a block with transcoding and overflow in either order", () => {
  const text = "location oslo\nlocation lon { overflow oslo, ber  transcoding oslo }\nlocation ber {\n  transcoding oslo\n}\nlocation x { }\n";
  const [oslo, lon, ber, empty] = parse(text).declarations as LocationDeclaration[];
  assert.equal(oslo.open, undefined);
  assert.equal(oslo.transcoding, undefined);
  assert.equal(lon.transcoding?.location.text, "oslo");
  assert.deepEqual(lon.overflow?.locations.map((l) => l.text), ["oslo", "ber"]);
  assert.equal(covered(text, lon.overflow!.span), "overflow oslo, ber");
  assert.equal(covered(text, lon.transcoding!.keyword.span), "transcoding");
  assert.equal(ber.transcoding?.location.text, "oslo");
  assert.equal(ber.overflow, undefined);
  assert.ok(empty.open && empty.close);
});

function attributeText(attribute: Attribute): string {
  switch (attribute.kind) {
    case "host": return `host ${attribute.host.text}`;
    case "zone": return `zone ${attribute.zone.text}`;
    case "location": return `location ${attribute.locations.map((l) => l.text).join(",")}`;
    case "port":
    case "ports": return `${attribute.kind} ${attribute.port.from}-${attribute.port.to}`;
    default: return `${attribute.kind} ${attribute.address.text}`;
  }
}

test("nodes: the three roles and their attributes, on one line or spread over several", () => {
  const text = [
    "management mgmt { ip 10.0.0.5 zone corp }",
    "transcoding conf-1 {",
    "  ip 10.0.1.11",
    "  location oslo",
    "}",
    "proxying edge-1 { ip 172.16.10.11  secondary 172.16.20.11",
    "                  public 203.0.113.11  location edge }",
  ].join("\n");
  const nodes = parse(text).declarations as NodeDeclaration[];
  assert.deepEqual(nodes.map((n) => `${n.role} ${n.name?.text}`), ["management mgmt", "transcoding conf-1", "proxying edge-1"]);
  assert.deepEqual(nodes.map((n) => n.attributes.map(attributeText)), [
    ["ip 10.0.0.5", "zone corp"],
    ["ip 10.0.1.11", "location oslo"],
    ["ip 172.16.10.11", "secondary 172.16.20.11", "public 203.0.113.11", "location edge"],
  ]);
  const secondary = nodes[2].attributes[1];
  assert.equal(covered(text, secondary.span), "secondary 172.16.20.11");
  assert.equal(covered(text, secondary.keyword.span), "secondary");
});

test("every peer kind parses as a peer, with the attributes peers take", () => {
  const text = PEER_KINDS.map((kind, i) => `${kind} peer-${i} { ip 10.0.0.${i} }`).join("\n");
  const peers = parse(text).declarations as PeerDeclaration[];
  assert.deepEqual(peers.map((p) => p.peerKind), [...PEER_KINDS]);
  assert.deepEqual(peers.map((p) => p.keyword.text), [...PEER_KINDS]);

  const attributes = [
    "web-proxy proxy { ip 10.30.0.8  port 3128 }",
    "ftp backup { host ftp.example.com  ports 20000-20100 }",
    "endpoints staff { subnet 10.10.128.0/17  location oslo, lon }",
    "endpoints guests { zone internet }",
    "event-sink sink { host *.sink.example.com  port 80 }",
  ].join("\n");
  assert.deepEqual((parse(attributes).declarations as PeerDeclaration[]).map((p) => p.attributes.map(attributeText)), [
    ["ip 10.30.0.8", "port 3128-3128"],
    ["host ftp.example.com", "ports 20000-20100"],
    ["subnet 10.10.128.0/17", "location oslo,lon"],
    ["zone internet"],
    ["host *.sink.example.com", "port 80-80"],
  ]);
});

test("groups hold every kind of target, across lines", () => {
  const text = "group core {\n  mgmt, conf-1.primary, edge-1.secondary,\n  10.0.0.0/8, 2001:db8::1, any, @pexip, @management,\n  @conferencing, @transcoding, @proxying\n}";
  const group: GroupDeclaration = only(text, "group");
  assert.deepEqual(group.members.map((m) => m.kind), [
    "name", "name", "name", "address", "address", "any", "builtin", "builtin", "builtin", "builtin", "builtin",
  ]);
  assert.deepEqual(group.members.map(targetText), [
    "mgmt", "conf-1.primary", "edge-1.secondary", "10.0.0.0/8", "2001:db8::1", "any", "@pexip", "@management",
    "@conferencing", "@transcoding", "@proxying",
  ]);
  const [, primary] = group.members;
  assert.ok(primary.kind === "name");
  assert.equal(covered(text, primary.span), "conf-1.primary");
  assert.equal(covered(text, primary.iface!.span), "primary");
  assert.equal(covered(text, group.members[6].span), "@pexip");
  assert.deepEqual(only("group empty { }", "group").members, []);
});

test("firewall settings: zones, protects, nat and default", () => {
  const text = "firewall fw {\n  zones corp, dmz\n  protects mgmt, @conferencing\n  nat dmz -> internet\n  default allow\n}\n";
  const firewall: FirewallDeclaration = only(text, "firewall");
  const [zones, protects, nat, fallback] = firewall.items;
  assert.ok(zones.kind === "zones" && protects.kind === "protects" && nat.kind === "nat" && fallback.kind === "default");
  assert.deepEqual(zones.zones.map((z) => z.text), ["corp", "dmz"]);
  assert.deepEqual(protects.targets.map(targetText), ["mgmt", "@conferencing"]);
  assert.deepEqual([nat.from.text, nat.to.text], ["dmz", "internet"]);
  assert.equal(covered(text, nat.arrow), "->");
  assert.equal(covered(text, nat.span), "nat dmz -> internet");
  assert.equal(fallback.action.text, "allow");
  assert.equal(only("firewall fw {\n  default deny\n}", "firewall").items[0].kind, "default");
});

test("a rule with every part has exact spans", () => {
  const text = "firewall fw {\n  deny tcp+udp 443, 5000-5100, media sport ephemeral from a.secondary, 10.0.0.0/8 to any\n}";
  const [rule] = rulesOf(text);
  assert.equal(rule.action.text, "deny");
  assert.equal(covered(text, rule.span), "deny tcp+udp 443, 5000-5100, media sport ephemeral from a.secondary, 10.0.0.0/8 to any");
  assert.ok(rule.traffic.kind === "protocol");
  assert.equal(rule.traffic.protocol.text, "tcp+udp");
  assert.deepEqual(rule.traffic.protocol.span, { start: 21, end: 28 });
  assert.deepEqual(rule.traffic.ports, [
    { kind: "range", from: 443, to: 443, span: { start: 29, end: 32 } },
    { kind: "range", from: 5000, to: 5100, span: { start: 34, end: 43 } },
    { kind: "alias", name: "media", span: { start: 45, end: 50 } },
  ]);
  assert.equal(covered(text, rule.traffic.span), "tcp+udp 443, 5000-5100, media");
  assert.equal(covered(text, rule.sport!.span), "sport ephemeral");
  assert.equal(covered(text, rule.sport!.keyword.span), "sport");
  assert.deepEqual(rule.sport!.ports.map((p) => p.kind === "alias" ? p.name : p.from), ["ephemeral"]);
  assert.equal(covered(text, rule.from!.keyword.span), "from");
  assert.deepEqual(rule.from!.targets.map(targetText), ["a.secondary", "10.0.0.0/8"]);
  assert.equal(covered(text, rule.to!.keyword.span), "to");
  const any = text.lastIndexOf("any");
  assert.deepEqual(rule.to!.targets, [{ kind: "any", span: { start: any, end: any + 3 } }]);
  assert.equal(rule.between, undefined);
});

test("rules: services, protocols with and without ports, sport before or after, between", () => {
  const text = [
    "firewall fw {",
    "  allow ipsec between @pexip",
    "  allow tcp from a to b",
    "  allow udp any sport 1024-65535 from a to b",
    "  allow udp 53 from a to b sport signaling, 1, 2-3",
    "  allow esp between x, y",
    "  allow icmp from any to any",
    "  allow any from a to b",
    "  allow any any between a",
    "  allow sip-tls from a to b",
    "}",
  ].join("\n");
  const rules = rulesOf(text);
  const traffic = rules.map((r) => r.traffic.kind === "service"
    ? `service ${r.traffic.name.text}`
    : `${r.traffic.protocol.text} [${r.traffic.ports.map((p) => p.kind === "alias" ? p.name : `${p.from}-${p.to}`).join(",")}]`);
  assert.deepEqual(traffic, [
    "service ipsec", "tcp []", "udp [any]", "udp [53-53]", "esp []", "icmp []", "any []", "any [any]", "service sip-tls",
  ]);
  assert.deepEqual(rules.map((r) => r.between ? "between" : "from-to"), [
    "between", "from-to", "from-to", "from-to", "between", "from-to", "from-to", "between", "from-to",
  ]);
  assert.deepEqual(rules[4].between!.targets.map(targetText), ["x", "y"]);
  assert.equal(rules[2].sport?.ports[0].kind, "range");
  assert.ok(covered(text, rules[2].sport!.span) === "sport 1024-65535");
  assert.equal(covered(text, rules[3].sport!.span), "sport signaling, 1, 2-3");
  assert.equal(covered(text, rules[3].span), "allow udp 53 from a to b sport signaling, 1, 2-3");
  assert.equal(rules[1].sport, undefined);
});

test("sport may be written once only", () => {
  const source = parseSource("firewall fw {\n  allow tcp sport 1 from a to b sport 2\n}\n");
  assert.equal(source.syntaxErrors.length, 1);
  assert.equal(source.syntaxErrors[0].message, 'expected ",", "}" or the end of the line, found "sport"');
});

test("firewall lines: blank lines and comments between rules, braces sharing a line with an item", () => {
  const text = "firewall fw { zones a, b\n\n  # calls\n  allow tcp from a to b   // inbound\n  default deny }\n";
  const firewall = only(text, "firewall");
  assert.deepEqual(firewall.items.map((i: FirewallItem) => i.kind), ["zones", "rule", "default"]);
  assert.deepEqual(parse(text).comments.map((c) => c.text), ["# calls", "// inbound"]);
  assert.ok(firewall.close);
  assert.equal(only("firewall fw { }", "firewall").items.length, 0);
});

test("a rule stands on one line: a line break inside it is a syntax error", () => {
  const source = parseSource("firewall fw {\n  allow tcp from a\n    to b\n}\n");
  assert.equal(source.syntaxErrors.length, 1);
  assert.equal(source.syntaxErrors[0].message, 'expected ",", "." or "to", found the end of the line');
});

test("comments: # and // to the end of the line, anywhere, all kept in order", () => {
  const text = "// head\nzone a 10.0.0.0/8// right after an address\ngroup g { # in a block\n  a, # between members\n  b }#end\n";
  const source = parse(text);
  assert.deepEqual(source.comments.map((c) => c.text), ["// head", "// right after an address", "# in a block", "# between members", "#end"]);
  assert.deepEqual(source.comments[0].span, { start: 0, end: 7 });
  const [zone, group] = source.declarations;
  assert.ok(zone.kind === "zone" && group.kind === "group");
  assert.deepEqual(zone.prefixes.map((p) => p.text), ["10.0.0.0/8"]);
  assert.deepEqual(group.members.map(targetText), ["a", "b"]);
});

test("comments inside broken text are kept too", () => {
  const source = parseSource("zone a 10.0.0.0/8 oops # why\n");
  assert.equal(source.syntaxErrors.length, 1);
  assert.deepEqual(source.comments.map((c) => c.text), ["# why"]);
});

test("CRLF and lone CR end lines like LF", () => {
  const lf = parse(SPEC_EXAMPLE);
  for (const newline of ["\r\n", "\r"]) {
    const text = SPEC_EXAMPLE.replace(/\n/g, newline);
    const source = parse(text);
    assert.deepEqual(source.declarations.map((d) => d.name?.text), lf.declarations.map((d) => d.name?.text));
    assert.deepEqual(source.comments.map((c) => c.text), lf.comments.map((c) => c.text));
    for (const token of tokens(source.declarations)) assert.equal(covered(text, token.span), token.text);
    const firewall = source.declarations[16] as FirewallDeclaration;
    assert.equal(firewall.items.length, 6);
  }
});

test("tabs separate tokens like spaces", () => {
  const node = only("transcoding\tconf-1\t{\tip\t10.0.0.1\tlocation\toslo\t}", "node");
  assert.deepEqual(node.attributes.map(attributeText), ["ip 10.0.0.1", "location oslo"]);
});

test("empty text and text of comments only have no declarations and no problems", () => {
  for (const text of ["", "\n\n", "# nothing\n  // here\n", "   "]) {
    const source = parse(text);
    assert.deepEqual(source.declarations, []);
  }
});

test("a declaration keyword in column 1 starts a new declaration, even inside a block", () => {
  for (const keyword of DECLARATION_KEYWORDS) {
    const text = `group g {\n  a, b\n${keyword} x { }\n`;
    const source = parseSource(text);
    assert.equal(source.declarations[0].kind, "group", keyword);
    assert.equal(source.declarations[0].close, undefined, keyword);
    assert.equal(source.declarations[1]?.keyword.text, keyword, keyword);
    assert.ok(source.syntaxErrors.some((e) => e.message.startsWith('expected "}" to close group "g"')), keyword);
    // Even where the word would be a fine group member.
    const member = parseSource(`group g {\n  a,\n${keyword}\n}\n`);
    assert.deepEqual(member.declarations.map((d) => d.keyword.text), ["group", keyword], keyword);
  }
  // Indented, the same word is an attribute.
  const node = only("transcoding t {\n  location oslo\n}\n", "node");
  assert.deepEqual(node.attributes.map(attributeText), ["location oslo"]);
});

test("an attribute keyword in column 1 closes the block it was meant for", () => {
  const source = parseSource("transcoding t {\n  ip 10.0.0.1\nlocation oslo\n}\n");
  assert.deepEqual(source.declarations.map((d) => `${d.keyword.text} ${d.name?.text}`), ["transcoding t", "location oslo"]);
  assert.deepEqual(source.syntaxErrors.map((e) => e.message), [
    'expected "}" to close transcoding "t", found the next declaration "location" on line 3',
    'expected a declaration, found "}"',
  ]);
});

test("declarations start in column 1: two on one line are an error", () => {
  const source = parseSource("zone a any zone b 10.0.0.0/8\n");
  assert.equal(source.syntaxErrors.length, 1);
  assert.equal(source.syntaxErrors[0].message, 'expected the end of the line, found "zone"');
});

test("a { stands on the line of its declaration's head", () => {
  const source = parseSource("location lon\n{ transcoding oslo }\n");
  assert.equal(source.syntaxErrors[0].message, 'expected a declaration, found "{"');
});
