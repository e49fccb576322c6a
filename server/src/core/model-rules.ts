// Rules -> CompiledRule (docs/architecture.md, Meaning of traffic). A rule is compiled as
// best it can be: a bad port or target is reported and dropped from it. A rule is left out
// when an error leaves nothing of its traffic, its source ports or one of its sides, or
// when its service is unknown or its `from ... to ...` / `between ...` part is incomplete.
import { ALL_PORTS, IntervalSet, type AddressSet, type PortSet } from "./interval-set";
import { closestName, type ModelContext } from "./model-context";
import type { CompiledRule, CompiledTraffic } from "./model-types";
import { checkTargets } from "./model-targets";
import { resolvePortTerms, SERVICE_NAMES, SERVICES, type PortRanges, type ServiceName } from "./services";
import type { PortItem, Rule, Span, Target, Traffic } from "./syntax-tree";

export interface RuleInputs {
  ranges: PortRanges;
  resolveTargets: (targets: readonly Target[]) => AddressSet;
}

export function compileRule(ctx: ModelContext, rule: Rule, index: number, inputs: RuleInputs): CompiledRule | undefined {
  let usable = true;
  let traffic = rule.traffic ? compileTraffic(ctx, rule.traffic, inputs.ranges) : undefined;
  if (!traffic) usable = false;

  let sport: PortSet | undefined;
  if (rule.sport) {
    const compiled = compilePorts(ctx, rule.sport.ports ?? [], inputs.ranges);
    if (compiled.isEmpty) usable = false;
    else sport = compiled;
    // Source ports exist only for tcp and udp, so a sport rule matches nothing else.
    if (traffic) {
      traffic = { ...(traffic.tcp && { tcp: traffic.tcp }), ...(traffic.udp && { udp: traffic.udp }) };
      if (!traffic.tcp && !traffic.udp) {
        ctx.error("invalid", rule.sport.keyword.span, `\`sport\` restricts source ports, which only tcp and udp have: remove it, or allow tcp or udp traffic`);
        usable = false;
      }
    }
  }

  const sides = ruleSides(ctx, rule);
  if (!sides) return undefined;
  const srcOk = checkTargets(ctx, sides.from);
  const dstOk = sides.to === sides.from ? srcOk : checkTargets(ctx, sides.to);
  const src = inputs.resolveTargets(sides.from);
  const dst = sides.to === sides.from ? src : inputs.resolveTargets(sides.to);
  if ((!srcOk && src.isEmpty) || (!dstOk && dst.isEmpty)) usable = false;
  if (!usable || !traffic || isEmptyTraffic(traffic)) return undefined;

  // Ports dropped for errors may leave one protocol empty: such a protocol is not matched.
  if (traffic.tcp?.isEmpty) delete traffic.tcp;
  if (traffic.udp?.isEmpty) delete traffic.udp;
  const compiled: CompiledRule = { index, ast: rule, action: rule.action?.text === "deny" ? "deny" : "allow", traffic, src, dst };
  if (sport) compiled.sport = sport;
  return compiled;
}

/** The two target lists of a rule; reports an incomplete or doubled `from`/`to`/`between`. */
function ruleSides(ctx: ModelContext, rule: Rule): { from: Target[]; to: Target[] } | undefined {
  const anchor = rule.action?.span ?? rule.span;
  if (rule.between) {
    if (rule.from || rule.to) {
      ctx.error("invalid", rule.between.keyword.span, "A rule takes either `from TARGETS to TARGETS` or `between TARGETS`, not both: keep one");
      checkTargets(ctx, rule.from?.targets);
      checkTargets(ctx, rule.to?.targets);
      checkTargets(ctx, rule.between.targets);
      return undefined;
    }
    const targets = rule.between.targets ?? [];
    return { from: targets, to: targets };
  }
  if (rule.from && rule.to) return { from: rule.from.targets ?? [], to: rule.to.targets ?? [] };
  if (rule.from) {
    ctx.error("invalid", rule.from.keyword.span, "This rule says where traffic comes from but not where it goes: add `to TARGETS`");
    checkTargets(ctx, rule.from.targets);
  } else if (rule.to) {
    ctx.error("invalid", rule.to.keyword.span, "This rule says where traffic goes but not where it comes from: add `from TARGETS` before `to`");
    checkTargets(ctx, rule.to.targets);
  } else {
    ctx.error("invalid", anchor, "This rule names no parties: add `from TARGETS to TARGETS` or `between TARGETS`");
  }
  return undefined;
}

/** What the traffic of a rule matches; undefined when it names an unknown service. */
export function compileTraffic(ctx: ModelContext, traffic: Traffic, ranges: PortRanges): CompiledTraffic | undefined {
  if (traffic.kind === "service") return compileService(ctx, traffic, ranges);
  const protocol = traffic.protocol?.text;
  const items = traffic.ports ?? [];
  if (protocol === "esp" || protocol === "icmp") {
    if (items.length > 0) {
      const what = protocol === "esp" ? "esp (IP protocol 50)" : "icmp";
      ctx.error("invalid", coveringSpan(items), `${what} has no ports: remove the ports after \`${protocol}\``);
    }
    return protocol === "esp" ? { esp: true } : { icmp: true };
  }
  const ports = items.length === 0 ? ALL_PORTS : compilePorts(ctx, items, ranges);
  switch (protocol) {
    case "tcp": return { tcp: ports };
    case "udp": return { udp: ports };
    case "tcp+udp": return { tcp: ports, udp: ports };
    case "any": return items.length === 0 ? { tcp: ALL_PORTS, udp: ALL_PORTS, esp: true, icmp: true } : { tcp: ports, udp: ports };
    default: return undefined;
  }
}

function compileService(ctx: ModelContext, traffic: Extract<Traffic, { kind: "service" }>, ranges: PortRanges): CompiledTraffic | undefined {
  const name = traffic.name?.text ?? "";
  if (!(SERVICE_NAMES as readonly string[]).includes(name)) {
    const suggestion = closestName(name, SERVICE_NAMES);
    const hint = suggestion
      ? `did you mean "${suggestion}"?`
      : `write the protocol and ports instead (\`tcp 8443\`), or use one of ${SERVICE_NAMES.join(", ")}`;
    ctx.error("invalid", traffic.name?.span ?? traffic.span, `"${name}" is not a service name: ${hint}`);
    return undefined;
  }
  const compiled: CompiledTraffic = {};
  for (const item of SERVICES[name as ServiceName].items) {
    if (item.protocol === "esp") compiled.esp = true;
    else compiled[item.protocol] = (compiled[item.protocol] ?? IntervalSet.ofNumbers()).union(resolvePortTerms(item.ports, ranges));
  }
  return compiled;
}

/** Ports of a list; a number outside 1-65535 or a reversed range is reported and dropped. */
export function compilePorts(ctx: ModelContext, items: readonly PortItem[], ranges: PortRanges): PortSet {
  let ports = IntervalSet.ofNumbers();
  for (const item of items) {
    if (item.kind === "alias") {
      if (item.name) ports = ports.union(resolvePortTerms([item.name], ranges));
      continue;
    }
    const { from, to } = item;
    const text = from === to ? `${from}` : `${from}-${to}`;
    if (from < 1 || to < 1 || from > 65535 || to > 65535) {
      ctx.error("invalid", item.span, `Port ${text} is out of range: ports run from 1 to 65535`);
    } else if (from > to) {
      ctx.error("invalid", item.span, `The port range ${text} is reversed: write ${to}-${from}`);
    } else {
      ports = ports.union(IntervalSet.ofNumbers([[from, to]]));
    }
  }
  return ports;
}

function isEmptyTraffic(traffic: CompiledTraffic): boolean {
  return !traffic.esp && !traffic.icmp && (traffic.tcp?.isEmpty ?? true) && (traffic.udp?.isEmpty ?? true);
}

function coveringSpan(items: readonly PortItem[]): Span {
  return { start: items[0].span.start, end: items[items.length - 1].span.end };
}
