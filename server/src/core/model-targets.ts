// Targets (rule sides, group members, `protects`): checking them while the model is built,
// and resolving them to address sets once it is (docs/architecture.md, Meaning of targets).
import { parseAddress } from "./addresses";
import { IntervalSet, NO_ADDRESSES, type AddressSet } from "./interval-set";
import { parseLiteral } from "./model-addresses";
import type { ModelContext } from "./model-context";
import type { Group, Node, Party } from "./model-types";
import type { BuiltinGroupName, Declaration, Target } from "./syntax-tree";

const TARGET_KINDS: ReadonlySet<Declaration["kind"]> = new Set(["zone", "node", "peer", "group"]);

/** A declaration a target may name: a node, a peer, a zone or a group. */
export function isTargetDeclaration(decl: Declaration): boolean {
  return TARGET_KINDS.has(decl.kind);
}

/**
 * Checks targets and records their references. Returns false when one of them is in error
 * (the caller may then leave out what they belong to if nothing usable remains).
 */
export function checkTargets(ctx: ModelContext, targets: readonly Target[] | undefined): boolean {
  let ok = true;
  for (const target of targets ?? []) {
    if (target.kind === "address") {
      if (!parseLiteral(ctx, target)) ok = false;
    } else if (target.kind === "name" && target.name) {
      ok = checkNameTarget(ctx, target) && ok;
    }
  }
  return ok;
}

function checkNameTarget(ctx: ModelContext, target: Extract<Target, { kind: "name" }>): boolean {
  const { name, iface } = target;
  if (!iface) return ctx.resolve(name, "target", isTargetDeclaration, "a node, peer, zone or group") !== undefined;
  const decl = ctx.resolve(name, "party", (d) => d.kind === "node", "a Pexip node", `\`.${iface.text}\` picks an interface of a node, so write just ${name.text}`);
  if (decl?.kind !== "node") return false;
  if (iface.text === "secondary" && !(decl.attributes ?? []).some((a) => a.kind === "secondary")) {
    ctx.error("invalid", target.span, `${name.text} has no secondary interface: add \`secondary ADDR\` to it, or write ${name.text} or ${name.text}.primary`);
    return false;
  }
  return true;
}

/**
 * Group members that name other groups, for the cycle check: reports `invalid` on each
 * member through which a group comes back to itself.
 */
export function checkGroupCycles(ctx: ModelContext, groups: ReadonlyMap<string, Group>): void {
  const memberGroups = (group: Group) =>
    (group.decl.members ?? []).flatMap((m) => (m.kind === "name" && m.name && !m.iface && groups.has(m.name.text) ? [m.name] : []));
  for (const group of groups.values()) {
    for (const member of memberGroups(group)) {
      const path = pathBack(member.text, group.name);
      if (!path) continue;
      const cycle = [group.name, ...path].join(" -> ");
      ctx.error("invalid", member.span, `Group "${group.name}" contains itself (${cycle}): remove "${member.text}" from it or break the cycle elsewhere`);
    }
  }

  /** Group names leading from `start` back to `goal` through members, if they do. */
  function pathBack(start: string, goal: string): string[] | undefined {
    const seen = new Set<string>();
    const walk = (name: string): string[] | undefined => {
      if (name === goal) return [name];
      if (seen.has(name)) return undefined;
      seen.add(name);
      const group = groups.get(name);
      for (const next of group ? memberGroups(group) : []) {
        const rest = walk(next.text);
        if (rest) return [name, ...rest];
      }
      return undefined;
    };
    return walk(start);
  }
}

/** What target resolution needs from the finished model. */
export interface TargetUniverse {
  declarations: ReadonlyMap<string, Declaration>;
  nodes: readonly Node[];
  parties: ReadonlyMap<string, Party>;
  /** Per zone: its addresses, parties placed in it with `zone`, host peers living there. */
  zoneTargets: ReadonlyMap<string, AddressSet>;
  groups: ReadonlyMap<string, Group>;
  anyAddresses: AddressSet;
}

export function nodeAddresses(node: Node): AddressSet {
  return addressesOfNodes([node]);
}

/** The addresses of every interface of the nodes, as one set built in one pass. */
export function addressesOfNodes(nodes: readonly Node[]): AddressSet {
  const ranges: [bigint, bigint][] = [];
  for (let i = 0; i < nodes.length; i++) {
    const { primary, secondary } = nodes[i];
    if (primary) ranges.push([primary.address, primary.address]);
    if (secondary) ranges.push([secondary.address, secondary.address]);
  }
  return ranges.length === 0 ? NO_ADDRESSES : IntervalSet.ofBigints(ranges);
}

const BUILTIN_ROLES: Record<BuiltinGroupName, readonly Node["role"][]> = {
  "@pexip": ["management", "transcoding", "proxying"],
  "@management": ["management"],
  "@conferencing": ["transcoding", "proxying"],
  "@transcoding": ["transcoding"],
  "@proxying": ["proxying"],
};

/** Resolves targets to addresses; never reports (checkTargets did). Unknown names add nothing. */
export function makeTargetResolver(universe: TargetUniverse): (targets: readonly Target[]) => AddressSet {
  const groupSets = new Map<string, AddressSet>();
  const builtinSets = new Map<string, AddressSet>();

  const resolveOne = (target: Target): AddressSet => {
    switch (target.kind) {
      case "any":
        return universe.anyAddresses;
      case "address": {
        const parsed = parseAddress(target.text);
        return parsed.ok ? parsed.address.set : NO_ADDRESSES;
      }
      case "builtin": {
        const name = target.name?.text;
        let set = builtinSets.get(name);
        if (!set) {
          const roles = BUILTIN_ROLES[name] ?? [];
          set = addressesOfNodes(universe.nodes.filter((n) => roles.includes(n.role)));
          builtinSets.set(name, set);
        }
        return set;
      }
      case "name":
        return target.name ? resolveName(target.name.text, target.iface?.text) : NO_ADDRESSES;
      default:
        return NO_ADDRESSES; // a target the parser left incomplete
    }
  };

  const resolveName = (name: string, iface: "primary" | "secondary" | undefined): AddressSet => {
    const decl = universe.declarations.get(name);
    const party = universe.parties.get(name);
    if (iface) {
      const chosen = party?.kind === "node" ? party[iface] : undefined;
      return chosen ? single(chosen.address) : NO_ADDRESSES;
    }
    if (party) return party.kind === "node" ? nodeAddresses(party) : party.addresses;
    if (decl?.kind === "zone") return universe.zoneTargets.get(name) ?? NO_ADDRESSES;
    if (decl?.kind === "group") return resolveGroup(name);
    return NO_ADDRESSES;
  };

  // A group is the union of the direct members of every group it reaches, so a cycle
  // (already reported) still resolves to everything in it, whatever the starting point.
  const resolveGroup = (name: string): AddressSet => {
    const cached = groupSets.get(name);
    if (cached) return cached;
    const reached = new Set<string>([name]);
    const queue = [name];
    let set = NO_ADDRESSES;
    while (queue.length > 0) {
      const group = universe.groups.get(queue.shift() as string);
      for (const member of group?.decl.members ?? []) {
        if (member.kind === "name" && member.name && !member.iface && universe.groups.has(member.name.text)) {
          if (!reached.has(member.name.text)) {
            reached.add(member.name.text);
            queue.push(member.name.text);
          }
        } else {
          set = set.union(resolveOne(member));
        }
      }
    }
    groupSets.set(name, set);
    return set;
  };

  return (targets) => unionAll((targets ?? []).map(resolveOne));
}

function single(address: bigint): AddressSet {
  return IntervalSet.ofBigints([[address, address]]);
}

/** One merge of every range, not one union per set (which grows with the square). */
export function unionAll(sets: readonly AddressSet[]): AddressSet {
  if (sets.length === 0) return NO_ADDRESSES;
  if (sets.length === 1) return sets[0];
  return IntervalSet.ofBigints(sets.flatMap((set) => set.ranges()));
}
