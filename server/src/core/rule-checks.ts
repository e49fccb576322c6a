// Checks of the rules themselves, independent of the required flows: rules that can never
// decide anything because one earlier rule already matches all their traffic, and rules
// that open SSH to a node's secondary interface but not to its primary (Pexip nodes
// accept SSH on the primary address only).
import type { Diagnostic } from "./diagnostics";
import { ALL_PORTS } from "./interval-set";
import type { CompiledRule, CompiledTraffic, Model, Node } from "./model-types";

export function checkRules(model: Model): Diagnostic[] {
  return [...shadowedRules(model), ...sshToSecondary(model)];
}

export function shadowedRules(model: Model): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const firewall of model.firewalls) {
    firewall.rules.forEach((rule, j) => {
      if (matchesNothing(rule)) return;
      for (let i = 0; i < j; i++) {
        const earlier = firewall.rules[i];
        if (!covers(earlier, rule)) continue;
        const verb = earlier.action === rule.action ? "so it changes nothing" : `so it never ${rule.action === "allow" ? "allows" : "denies"} anything`;
        out.push({
          code: "shadowed-rule",
          severity: "warning",
          message: `an earlier rule of ${firewall.name} (\`${ruleText(model, earlier)}\`) already matches everything this rule matches, ${verb}`,
          span: rule.ast.span,
          related: [{ span: earlier.ast.span, message: "this earlier rule matches first" }],
        });
        return;
      }
    });
  }
  return out;
}

/** True when every packet that `later` matches is matched by `earlier`. */
export function covers(earlier: CompiledRule, later: CompiledRule): boolean {
  if (!later.src.isSubsetOf(earlier.src) || !later.dst.isSubsetOf(earlier.dst)) return false;
  const traffic = effectiveTraffic(later);
  for (const protocol of ["tcp", "udp"] as const) {
    const ports = traffic[protocol];
    if (!ports || ports.isEmpty) continue;
    const theirs = earlier.traffic[protocol];
    if (!theirs || !ports.isSubsetOf(theirs)) return false;
    // Source ports: the earlier rule must take at least every source port the later one does.
    if (earlier.sport && !(later.sport ?? ALL_PORTS).isSubsetOf(earlier.sport)) return false;
  }
  for (const protocol of ["esp", "icmp"] as const) {
    if (!traffic[protocol]) continue;
    // A rule with `sport` matches only tcp and udp.
    if (!earlier.traffic[protocol] || earlier.sport) return false;
  }
  return true;
}

/** What a rule can actually match: with `sport`, only its tcp and udp traffic. */
function effectiveTraffic(rule: CompiledRule): CompiledTraffic {
  if (!rule.sport) return rule.traffic;
  return { tcp: rule.traffic.tcp, udp: rule.traffic.udp };
}

function matchesNothing(rule: CompiledRule): boolean {
  if (rule.src.isEmpty || rule.dst.isEmpty || rule.sport?.isEmpty) return true;
  const t = effectiveTraffic(rule);
  return !(t.tcp && !t.tcp.isEmpty) && !(t.udp && !t.udp.isEmpty) && !t.esp && !t.icmp;
}

/** `ssh-secondary`: an allow rule letting tcp 22 reach a node's secondary but not its primary. */
export function sshToSecondary(model: Model): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const firewall of model.firewalls) {
    for (const rule of firewall.rules) {
      if (rule.action !== "allow" || !rule.traffic.tcp?.contains(22) || rule.src.isEmpty) continue;
      if (rule.sport && rule.sport.isEmpty) continue;
      const nodes = model.nodes.filter(
        (n): n is Node & Required<Pick<Node, "primary" | "secondary">> =>
          n.primary !== undefined && n.secondary !== undefined && rule.dst.contains(n.secondary.address) && !rule.dst.contains(n.primary.address),
      );
      if (nodes.length === 0) continue;
      const first = nodes[0];
      const names = nodes.length === 1 ? first.name : `${nodes.length} nodes (${nodes.slice(0, 3).map((n) => n.name).join(", ")}${nodes.length > 3 ? ", ..." : ""})`;
      out.push({
        code: "ssh-secondary",
        severity: "warning",
        message: `this rule allows SSH (tcp 22) to the secondary interface of ${names} but not to the primary; Pexip nodes accept SSH on their primary address only`,
        span: rule.ast.span,
        related: nodes.slice(0, 10).map((n) => ({ span: n.secondary.span, message: `secondary interface of ${n.name}; its primary is ${n.primary.text}` })),
      });
    }
  }
  return out;
}

function ruleText(model: Model, rule: CompiledRule): string {
  const text = model.source.text.slice(rule.ast.span.start, rule.ast.span.end).replace(/\s+/g, " ").trim();
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
