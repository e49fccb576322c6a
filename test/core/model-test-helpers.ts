// Shared helpers of the model tests: build a model from text, find diagnostics, read the
// text a diagnostic covers, and write address sets briefly.
import assert from "node:assert/strict";
import { parseAddress } from "../../server/src/core/addresses";
import type { Diagnostic, DiagnosticCode } from "../../server/src/core/diagnostics";
import { IntervalSet, type AddressSet } from "../../server/src/core/interval-set";
import { buildModel } from "../../server/src/core/model";
import type { Model, Node, Peer } from "../../server/src/core/model-types";
import { parseSource } from "../../server/src/core/parser";
import type { Target } from "../../server/src/core/syntax-tree";

/** A small deployment without a single diagnostic; tests add to it or replace parts. */
export const BASE = `deployment test { version 36 }
zone corp 10.0.0.0/8
zone internet any
location oslo
management mgmt { ip 10.0.0.5 }
transcoding conf1 { ip 10.0.1.11  location oslo }
dns dns1 { ip 10.0.0.53 }
ntp ntp1 { ip 10.0.0.123 }
licensing lic { host activation.pexip.com }
`;

/** Builds the model of a text that must parse without syntax errors. */
export function build(text: string): Model {
  const source = parseSource(text);
  assert.deepEqual(source.syntaxErrors.map((e) => e.message), [], "the test text must parse");
  return buildModel(source);
}

export function withCode(model: Model, code: DiagnosticCode): Diagnostic[] {
  return model.diagnostics.filter((d) => d.code === code);
}

/** The one diagnostic of `code` (fails when there are none or several). */
export function only(model: Model, code: DiagnosticCode): Diagnostic {
  const found = withCode(model, code);
  assert.equal(found.length, 1, `expected one ${code}, got: ${JSON.stringify(model.diagnostics.map((d) => `${d.code}: ${d.message}`))}`);
  return found[0];
}

/** The text a diagnostic (or span) covers. */
export function covered(model: Model, item: { span: { start: number; end: number } }): string {
  return model.source.text.slice(item.span.start, item.span.end);
}

/** Asserts code, severity, covered text and a message fragment of one diagnostic. */
export function expectDiagnostic(model: Model, code: DiagnosticCode, severity: Diagnostic["severity"], text: string, fragment: string | RegExp): Diagnostic {
  const candidates = withCode(model, code).filter((d) => covered(model, d) === text);
  assert.ok(candidates.length > 0, `no ${code} on "${text}"; diagnostics: ${JSON.stringify(model.diagnostics.map((d) => `${d.code} on "${covered(model, d)}": ${d.message}`))}`);
  const match = candidates.find((d) => (typeof fragment === "string" ? d.message.includes(fragment) : fragment.test(d.message)));
  assert.ok(match, `no ${code} on "${text}" says ${fragment}; messages: ${JSON.stringify(candidates.map((d) => d.message))}`);
  assert.equal(match.severity, severity);
  return match;
}

export function codes(model: Model): string[] {
  return model.diagnostics.map((d) => d.code);
}

/** The set of addresses and prefixes written as text. */
export function addresses(...texts: string[]): AddressSet {
  let set = IntervalSet.ofBigints();
  for (const text of texts) {
    const parsed = parseAddress(text);
    if (!parsed.ok) throw new Error(parsed.message);
    set = set.union(parsed.address.set);
  }
  return set;
}

/** The targets of the first rule of the named firewall's `from` (or `between`) side. */
export function ruleTargets(model: Model, firewall: string, rule = 0): Target[] {
  const fw = model.firewalls.find((f) => f.name === firewall);
  assert.ok(fw, `no firewall ${firewall}`);
  const ast = fw.decl.items.filter((i) => i.kind === "rule")[rule];
  assert.ok(ast && ast.kind === "rule");
  return (ast.from ?? ast.between)!.targets;
}

export function assertSetEqual(actual: AddressSet, expected: AddressSet, message?: string): void {
  assert.ok(actual.equals(expected), `${message ?? "sets differ"}: got ${actual.key()} expected ${expected.key()}`);
}

export function peer(model: Model, name: string): Peer {
  const party = model.parties.get(name);
  assert.ok(party?.kind === "peer", `no peer ${name}`);
  return party;
}

export function node(model: Model, name: string): Node {
  const party = model.parties.get(name);
  assert.ok(party?.kind === "node", `no node ${name}`);
  return party;
}
