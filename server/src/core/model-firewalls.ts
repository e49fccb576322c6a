// Firewalls: network (`zones`) or host (`protects`), their NATs, default and rules.
import { NO_ADDRESSES } from "./interval-set";
import { nameSpan, type ModelContext } from "./model-context";
import type { CompiledRule, Firewall, Nat } from "./model-types";
import { compileRule, type RuleInputs } from "./model-rules";
import { checkTargets } from "./model-targets";
import type { FirewallDeclaration, FirewallItem, Identifier } from "./syntax-tree";

type Item<K extends FirewallItem["kind"]> = Extract<FirewallItem, { kind: K }>;

export function buildFirewall(ctx: ModelContext, decl: FirewallDeclaration, inputs: RuleInputs): Firewall {
  const name = decl.name?.text ?? "";
  const items = decl.items ?? [];
  const zoneItems = items.filter((i): i is Item<"zones"> => i.kind === "zones");
  const protectItems = items.filter((i): i is Item<"protects"> => i.kind === "protects");

  // Repeated `zones` or `protects` lines add up; mixing the two is an error, and the
  // kind written first decides what the firewall is.
  const firstZones = zoneItems[0];
  const firstProtects = protectItems[0];
  const kind = firstProtects && (!firstZones || firstProtects.span.start < firstZones.span.start) ? "host" : "network";
  if (firstZones && firstProtects) {
    const later = kind === "host" ? firstZones : firstProtects;
    ctx.error("invalid", later.keyword.span, `Firewall "${name}" has both \`zones\` and \`protects\`: a firewall either joins zones (a network firewall) or guards parties (a host firewall); split it into two firewalls`);
  } else if (!firstZones && !firstProtects && !decl.recovered) {
    ctx.error("invalid", nameSpan(decl), `Firewall "${name}" has neither \`zones\` nor \`protects\`: add \`zones A, B\` for a network firewall or \`protects TARGETS\` for a host firewall`);
  }

  const zones = kind === "network" ? joinedZones(ctx, name, zoneItems) : [];
  if (kind === "host") for (const item of zoneItems) resolveZoneList(ctx, item.zones); // references still count
  let protects = NO_ADDRESSES;
  for (const item of protectItems) {
    checkTargets(ctx, item.targets);
    if (kind === "host") protects = protects.union(inputs.resolveTargets(item.targets ?? []));
  }

  const firewall: Firewall = { name, decl, kind, zones, protects, nats: [], defaultAction: "deny", rules: [] };
  let ruleIndex = 0;
  for (const item of items) {
    if (item.kind === "nat") {
      const nat = checkNat(ctx, firewall, item);
      if (nat) firewall.nats.push(nat);
    } else if (item.kind === "default") {
      if (firewall.defaultItem) {
        ctx.error("invalid", item.keyword.span, `Firewall "${name}" already has a \`default\`: remove one of the two (the first one counts)`, [
          { span: firewall.defaultItem.span, message: "the first `default`" },
        ]);
      } else {
        firewall.defaultItem = item;
        firewall.defaultAction = item.action?.text === "allow" ? "allow" : "deny";
      }
    } else if (item.kind === "rule") {
      const rule: CompiledRule | undefined = compileRule(ctx, item, ruleIndex++, inputs);
      if (rule) firewall.rules.push(rule);
    }
  }
  return firewall;
}

/** Zones of a network firewall, each once; fewer than two distinct names is `invalid`. */
function joinedZones(ctx: ModelContext, name: string, items: readonly Item<"zones">[]): string[] {
  const written = new Set<string>();
  const zones: string[] = [];
  for (const item of items) {
    for (const id of item.zones ?? []) written.add(id.text);
    for (const zone of resolveZoneList(ctx, item.zones)) if (!zones.includes(zone)) zones.push(zone);
  }
  if (items.length > 0 && written.size < 2) {
    ctx.error("invalid", items[0].keyword.span, `Firewall "${name}" joins ${written.size === 0 ? "no zone" : "only one zone"}; a network firewall stands between at least two zones: list the zones on its other side too, or use \`protects\` for a host firewall`);
  }
  return zones;
}

function resolveZoneList(ctx: ModelContext, ids: readonly Identifier[] | undefined): string[] {
  const zones: string[] = [];
  for (const id of ids ?? []) {
    const zone = ctx.resolve(id, "zone", (d) => d.kind === "zone", "a zone")?.name?.text;
    if (zone !== undefined) zones.push(zone);
  }
  return zones;
}

function checkNat(ctx: ModelContext, firewall: Firewall, item: Item<"nat">): Nat | undefined {
  const ends = [item.from, item.to].filter((id): id is Identifier => id !== undefined);
  const resolved = ends.map((id) => ctx.resolve(id, "zone", (d) => d.kind === "zone", "a zone")?.name?.text);
  if (firewall.kind === "host") {
    ctx.error("invalid", item.keyword.span, `Firewall "${firewall.name}" is a host firewall and joins no zones, so it cannot translate between zones: move the \`nat\` to the network firewall that joins them`);
    return undefined;
  }
  let ok = ends.length === 2 && resolved.every((zone) => zone !== undefined);
  ends.forEach((id, i) => {
    const zone = resolved[i];
    if (zone !== undefined && !firewall.zones.includes(zone)) {
      ctx.error("invalid", id.span, `\`nat\` names zone "${zone}", which firewall "${firewall.name}" does not join: add it to \`zones\` or name one of ${firewall.zones.map((z) => `"${z}"`).join(", ") || "its zones"}`);
      ok = false;
    }
  });
  if (ok && resolved[0] === resolved[1]) {
    ctx.error("invalid", item.span, `\`nat\` translates between two zones, but both sides are "${resolved[0]}": name the zone on the other side of the firewall`);
    ok = false;
  }
  return ok ? { from: resolved[0] as string, to: resolved[1] as string, span: item.span } : undefined;
}
