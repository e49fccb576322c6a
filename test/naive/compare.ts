// The engine's verdicts in the naive evaluator's key format, and a readable diff of the two.
// Only the public diagnostic shape is used (spec section 9: per (firewall, from, to,
// protocol), the union of the ports of all entries).
import type { Diagnostic } from "../../server/src/core/diagnostics";
import type { ExpectedFlows } from "./naive-evaluator";
import { normalize } from "./intervals";

const FLOW_CODES = new Set(["missing-flow", "no-route", "nat-between-nodes"]);

export function engineFlows(diagnostics: Diagnostic[]): ExpectedFlows {
  const flows: ExpectedFlows = new Map();
  for (const diagnostic of diagnostics) {
    if (!FLOW_CODES.has(diagnostic.code)) continue;
    for (const flow of diagnostic.flows ?? []) {
      let key: string;
      if (diagnostic.code === "nat-between-nodes") {
        // Compared per unordered node pair and translating firewall.
        const [a, b] = [flow.from, flow.to].sort();
        key = `nat-between-nodes|${flow.firewall ?? ""}|${a}|${b}|*`;
        flows.set(key, []);
        continue;
      }
      const firewall = diagnostic.code === "no-route" ? "" : flow.firewall ?? "";
      key = `${diagnostic.code}|${firewall}|${flow.from}|${flow.to}|${flow.protocol}`;
      flows.set(key, normalize([...(flows.get(key) ?? []), ...flow.ports.map(([lo, hi]) => [lo, hi] as [number, number])]));
    }
  }
  return flows;
}

function portsText(ports: [number, number][]): string {
  if (ports.length === 0) return "(no ports)";
  return ports.map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}-${hi}`)).join(", ");
}

function keyText(key: string): string {
  const [code, firewall, from, to, protocol] = key.split("|");
  if (code === "nat-between-nodes") return `${code} at ${firewall}: ${from} <-> ${to}`;
  return `${code}${firewall ? ` at ${firewall}` : ""}: ${from} -> ${to} ${protocol}`;
}

/** One line per difference; empty when the two agree. */
export function diffFlows(engine: ExpectedFlows, naive: ExpectedFlows): string[] {
  const lines: string[] = [];
  for (const key of [...new Set([...engine.keys(), ...naive.keys()])].sort()) {
    const e = engine.get(key);
    const n = naive.get(key);
    if (e && !n) lines.push(`engine only  ${keyText(key)} ${portsText(e)}`);
    else if (n && !e) lines.push(`naive only   ${keyText(key)} ${portsText(n)}`);
    else if (JSON.stringify(e) !== JSON.stringify(n)) {
      lines.push(`ports differ ${keyText(key)}: engine ${portsText(e!)} / naive ${portsText(n!)}`);
    }
  }
  return lines;
}
