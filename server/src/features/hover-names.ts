// Hover text for declared names: nodes, peers, firewalls, zones, locations, groups.
// Missing-flow counts come from the cached diagnostics, so a hover costs no analysis.
import type { Diagnostic } from "../core/diagnostics";
import type { Firewall, Model, Node, Peer } from "../core/model-types";
import type { BuiltinGroupName, Declaration } from "../core/syntax-tree";

/** Missing flows with the party at either end; counted from the analysis, no entries built. */
function missingFlowCount(party: string, diagnostics: readonly Diagnostic[]): number {
  let count = 0;
  for (const d of diagnostics) {
    if (d.code !== "missing-flow") continue;
    count += d.flowsOf ? d.flowsOf(party) : (d.flows ?? []).filter((f) => f.from === party || f.to === party).length;
  }
  return count;
}

function flowStatus(count: number): string {
  return count === 0 ? "every required flow passes" : `${count} required flow${count === 1 ? "" : "s"} missing`;
}

function hoverNode(node: Node, diagnostics: readonly Diagnostic[]): string {
  const lines = [`**${node.name}**: ${node.role} node`];
  for (const [label, iface] of [["primary", node.primary], ["secondary", node.secondary]] as const) {
    if (iface) lines.push(`- ${label} ${iface.text} in zone ${iface.zone ?? "(none)"}`);
  }
  if (node.location) lines.push(`- location ${node.location}`);
  const count = missingFlowCount(node.name, diagnostics);
  lines.push("", `Flows: ${flowStatus(count)}.`);
  return lines.join("\n");
}

function hoverPeer(peer: Peer, diagnostics: readonly Diagnostic[]): string {
  const lines = [`**${peer.name}**: ${peer.peerKind} peer`];
  if (peer.placement) {
    const placement = peer.placement;
    if (placement.kind === "host") lines.push(`- host ${placement.host}`);
    else {
      const written = peer.decl.attributes.find((a) => a.kind === placement.kind);
      lines.push(`- ${placement.kind}${written && "address" in written ? ` ${written.address.text}` : ""}`);
    }
  }
  lines.push(`- zone ${peer.zone ?? "(none)"}`);
  if (peer.locations) lines.push(`- talks to Conferencing Nodes of ${peer.locations.join(", ")}`);
  if (peer.port) lines.push(`- port ${peer.port[0] === peer.port[1] ? peer.port[0] : peer.port.join("-")}`);
  const count = missingFlowCount(peer.name, diagnostics);
  lines.push("", `Flows: ${flowStatus(count)}.`);
  return lines.join("\n");
}

function hoverFirewall(firewall: Firewall, model: Model, diagnostics: readonly Diagnostic[]): string {
  const lines = [`**${firewall.name}**: ${firewall.kind} firewall`];
  if (firewall.kind === "network") lines.push(`- joins zones ${firewall.zones.join(", ") || "(none)"}`);
  else {
    const protects = firewall.decl.items.find((item) => item.kind === "protects");
    const text = protects ? model.source.text.slice(protects.span.start, protects.span.end) : "protects nothing";
    lines.push(`- ${text}`);
  }
  lines.push(`- ${firewall.rules.length} rule${firewall.rules.length === 1 ? "" : "s"}, default ${firewall.defaultAction}`);
  let count = 0;
  for (const d of diagnostics) {
    if (d.code !== "missing-flow") continue;
    const summary = d.flowSummary;
    count += summary ? (summary.firewall === firewall.name ? summary.count : 0) : (d.flows ?? []).filter((f) => f.firewall === firewall.name).length;
  }
  lines.push("", `Flows through it: ${flowStatus(count)}.`);
  return lines.join("\n");
}

export function hoverDeclaration(declaration: Declaration, model: Model, diagnostics: readonly Diagnostic[]): string {
  const name = declaration.name?.text ?? "";
  const party = model.parties.get(name);
  if (party?.decl === declaration) {
    return party.kind === "node" ? hoverNode(party, diagnostics) : hoverPeer(party, diagnostics);
  }
  switch (declaration.kind) {
    case "firewall": {
      const firewall = model.firewalls.find((f) => f.decl === declaration);
      return firewall ? hoverFirewall(firewall, model, diagnostics) : `**${name}**: firewall`;
    }
    case "zone": {
      const written = declaration.any ? "any (every address no other zone holds)" : declaration.prefixes.map((p) => p.text).join(", ");
      return `**${name}**: zone ${written}`;
    }
    case "location": {
      const location = model.locations.get(name);
      const overflow = location?.overflow.length ? `, overflow ${location.overflow.join(", ")}` : "";
      return `**${name}**: location (transcoding ${location?.transcoding ?? name}${overflow})`;
    }
    case "group":
      return `**${name}**: group of ${declaration.members.length} target${declaration.members.length === 1 ? "" : "s"}`;
    default:
      return `**${name}**: ${declaration.kind}`;
  }
}

const BUILTIN_GROUPS: Record<BuiltinGroupName, { text: string; roles: Node["role"][] }> = {
  "@pexip": { text: "every Pexip node", roles: ["management", "transcoding", "proxying"] },
  "@management": { text: "the Management Node", roles: ["management"] },
  "@conferencing": { text: "every Conferencing Node (transcoding and proxying)", roles: ["transcoding", "proxying"] },
  "@transcoding": { text: "every Transcoding Conferencing Node", roles: ["transcoding"] },
  "@proxying": { text: "every Proxying Edge Node", roles: ["proxying"] },
};

export function hoverBuiltinGroup(name: BuiltinGroupName, model: Model): string {
  const group = BUILTIN_GROUPS[name];
  const members = model.nodes.filter((node) => group.roles.includes(node.role)).map((node) => node.name);
  return `**${name}**: ${group.text}\n\nHere: ${members.join(", ") || "no node"}.`;
}
