// Greedy shrinking of a failing deployment: drop rules, peers, nodes, groups, firewalls and
// details one at a time while the failure persists, so that a disagreement is reported
// with the smallest text that still shows it.
import type { Deployment, Rule, Target } from "./deployment";

const clone = (deployment: Deployment): Deployment => JSON.parse(JSON.stringify(deployment));

/** The deployment without the declaration `name` and without every reference to it. */
function withoutName(deployment: Deployment, name: string): Deployment {
  const copy = clone(deployment);
  copy.nodes = copy.nodes.filter((node) => node.name !== name);
  copy.peers = copy.peers.filter((peer) => peer.name !== name);
  copy.groups = copy.groups.filter((group) => group.name !== name);
  const keep = (targets: Target[] | undefined) =>
    targets?.filter((target) => !("name" in target && target.name === name));
  const emptiedGroups: string[] = [];
  for (const group of copy.groups) {
    group.members = keep(group.members)!;
    if (group.members.length === 0) emptiedGroups.push(group.name);
  }
  for (const firewall of copy.firewalls) {
    firewall.protects = keep(firewall.protects);
    firewall.rules = firewall.rules
      .map((rule): Rule => ({ ...rule, from: keep(rule.from), to: keep(rule.to), between: keep(rule.between) }))
      .filter((rule) => rule.between ? rule.between.length > 0 : rule.from!.length > 0 && rule.to!.length > 0);
  }
  copy.firewalls = copy.firewalls.filter((firewall) => !firewall.protects || firewall.protects.length > 0);
  return emptiedGroups.reduce(withoutName, copy);
}

function candidates(deployment: Deployment): Deployment[] {
  const out: Deployment[] = [];
  const edit = (change: (copy: Deployment) => void) => {
    const copy = clone(deployment);
    change(copy);
    out.push(copy);
  };
  deployment.firewalls.forEach((_, f) => edit((copy) => copy.firewalls.splice(f, 1)));
  for (const peer of deployment.peers) out.push(withoutName(deployment, peer.name));
  for (const node of deployment.nodes) if (node.role !== "management") out.push(withoutName(deployment, node.name));
  for (const group of deployment.groups) out.push(withoutName(deployment, group.name));
  deployment.firewalls.forEach((firewall, f) => {
    firewall.rules.forEach((rule, r) => {
      edit((copy) => copy.firewalls[f].rules.splice(r, 1));
      if (rule.sport) edit((copy) => delete copy.firewalls[f].rules[r].sport);
      for (const side of ["from", "to", "between"] as const) {
        const targets = rule[side];
        if (targets && targets.length > 1) {
          targets.forEach((_, t) => edit((copy) => copy.firewalls[f].rules[r][side]!.splice(t, 1)));
        }
      }
    });
    if (firewall.nat) edit((copy) => delete copy.firewalls[f].nat);
    if (firewall.default) edit((copy) => delete copy.firewalls[f].default);
  });
  deployment.nodes.forEach((node, n) => {
    if (node.secondary) edit((copy) => delete copy.nodes[n].secondary);
    if (node.public) edit((copy) => delete copy.nodes[n].public);
  });
  deployment.peers.forEach((peer, p) => {
    if (peer.location) edit((copy) => delete copy.peers[p].location);
  });
  // Zones and locations go only when nothing names them: the caller's check rejects
  // candidates that become invalid (unknown-name).
  deployment.zones.forEach((_, z) => edit((copy) => copy.zones.splice(z, 1)));
  deployment.locations.forEach((_, l) => edit((copy) => copy.locations.splice(l, 1)));
  deployment.locations.forEach((location, l) => {
    if (location.transcoding) edit((copy) => delete copy.locations[l].transcoding);
    if (location.overflow) edit((copy) => delete copy.locations[l].overflow);
  });
  if (deployment.settings && Object.keys(deployment.settings).length > 0) edit((copy) => delete copy.settings);
  return out;
}

/** Smallest deployment reachable by single removals for which `fails` stays true. */
export function shrinkDeployment(deployment: Deployment, fails: (candidate: Deployment) => boolean, budget = 400): Deployment {
  let current = deployment;
  let tries = 0;
  for (let progress = true; progress && tries < budget;) {
    progress = false;
    for (const candidate of candidates(current)) {
      if (++tries > budget) break;
      let failing = false;
      try {
        failing = fails(candidate);
      } catch {
        failing = false;
      }
      if (failing) {
        current = candidate;
        progress = true;
        break;
      }
    }
  }
  return current;
}
