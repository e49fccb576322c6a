// Damaged texts of generated deployments: garbage lines between top-level declarations and
// one firewall rule replaced by a broken one. Line-based error recovery (spec section 2)
// must cost exactly one `syntax` diagnostic per damaged span and leave the rest intact.
import { Deployment, declarationTexts, firewallLines, firewallText } from "./deployment";
import type { Random } from "./random";

/** Lines in column 1 that start with no declaration keyword (nor a name or a brace). */
export const GARBAGE_LINES = [
  "%% not a declaration",
  "?? stray words 10.0.0.1 allow tcp",
  "*** 42 ***",
  "=== section ===",
  "$ junk line { with a brace",
  "-- zone z1 10.0.0.0/8",
];

/** Rules that cannot parse (not merely invalid: no bad numbers that parse as ports). */
export const BROKEN_RULES = [
  "allow tcp 99999-  from",
  "allow frobnicate to",
  "deny tcp 443 from any to",
  "allow udp from to any",
  "allow tcp 443 between",
];

export interface DamagedText {
  text: string;
  /** The deployment the text still describes: the original without the broken rule. */
  intact: Deployment;
  /** Expected number of `syntax` diagnostics. */
  syntaxErrors: number;
  /** Where the damage is, for failure messages. */
  description: string;
}

export function damageDeployment(deployment: Deployment, rng: Random): DamagedText {
  const intact: Deployment = JSON.parse(JSON.stringify(deployment));
  const withRules = intact.firewalls.flatMap((firewall, index) => (firewall.rules.length > 0 ? [index] : []));
  const declarations = declarationTexts(intact);
  const notes: string[] = [];
  let syntaxErrors = 0;

  if (withRules.length > 0) {
    const f = rng.pick(withRules);
    const firewall = intact.firewalls[f];
    const r = rng.int(0, firewall.rules.length - 1);
    firewall.rules.splice(r, 1);
    const lines = firewallLines(firewall);
    const broken = rng.pick(BROKEN_RULES);
    lines.splice(lines.length - firewall.rules.length + r, 0, broken);
    // Firewalls are printed last, in order.
    declarations[declarations.length - intact.firewalls.length + f] = firewallText(firewall.name, lines);
    syntaxErrors++;
    notes.push(`rule ${r + 1} of ${firewall.name} replaced by "${broken}"`);
  }

  const blocks = rng.int(1, Math.min(3, declarations.length));
  const before = new Set(rng.sample(declarations.map((_, i) => i), blocks));
  const parts: string[] = [];
  declarations.forEach((declaration, i) => {
    if (before.has(i)) {
      parts.push(rng.sample(GARBAGE_LINES, rng.int(1, 2)).join("\n"));
      notes.push(`garbage before declaration ${i + 1}`);
    }
    parts.push(declaration);
  });
  syntaxErrors += blocks;
  return { text: parts.join("\n") + "\n", intact, syntaxErrors, description: notes.join("; ") };
}

export type Mutation =
  | { kind: "delete"; at: number; length: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "swap-lines"; a: number; b: number }
  | { kind: "delete-line"; at: number }
  | { kind: "duplicate-line"; at: number };

/** Applies mutations in order; positions are taken modulo the current length. */
export function mutate(text: string, mutations: Mutation[]): string {
  let current = text;
  for (const mutation of mutations) {
    const lines = current.split("\n");
    switch (mutation.kind) {
      case "delete": {
        const at = mutation.at % (current.length + 1);
        current = current.slice(0, at) + current.slice(at + mutation.length);
        break;
      }
      case "insert": {
        const at = mutation.at % (current.length + 1);
        current = current.slice(0, at) + mutation.text + current.slice(at);
        break;
      }
      case "swap-lines": {
        const a = mutation.a % lines.length;
        const b = mutation.b % lines.length;
        [lines[a], lines[b]] = [lines[b], lines[a]];
        current = lines.join("\n");
        break;
      }
      case "delete-line":
        lines.splice(mutation.at % lines.length, 1);
        current = lines.join("\n");
        break;
      case "duplicate-line": {
        const at = mutation.at % lines.length;
        lines.splice(at, 0, lines[at]);
        current = lines.join("\n");
        break;
      }
    }
  }
  return current;
}
