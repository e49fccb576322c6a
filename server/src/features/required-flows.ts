// pexnet/requiredFlows: the deployment's required flows as a Markdown document, per firewall
// the flows that cross it (core/firewall-flows.ts, scope "complete"), grouped by catalog
// row, each with its status today (scope "missing" gives the ports the firewall drops),
// then the flows that cross no firewall. Pure: a Model in, Markdown out.
import type { FlowRow } from "../core/catalog-types";
import { crossingFlows, type CrossingFlow } from "../core/firewall-flows";
import type { PortSet } from "../core/interval-set";
import type { Firewall, Model, Party } from "../core/model-types";
import { requiredFlows } from "../core/requirements";
import { Routing } from "../core/routing";
import { pushTo } from "../core/collections";

/** How many party names a cell lists before "and N more". */
const MAX_NAMES = 6;

function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ");
}

function names(parties: readonly { name: string }[]): string {
  const list = parties.map((p) => p.name);
  if (list.length <= MAX_NAMES) return list.join(", ");
  return `${list.slice(0, MAX_NAMES - 1).join(", ")} and ${list.length - MAX_NAMES + 1} more`;
}

export function portsText(ports: PortSet): string {
  return ports
    .ranges()
    .map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`))
    .join(", ");
}

function flowKey(flow: CrossingFlow): string {
  return `${flow.row.id}\u0000${flow.protocol}\u0000${flow.srcAddresses.key()}\u0000${flow.dstAddresses.key()}`;
}

function partyKey(row: FlowRow, protocol: string, sources: readonly Party[], destinations: readonly Party[]): string {
  return `${row.id}\u0000${protocol}\u0000${sources.map((p) => p.name).join(",")}\u0000${destinations.map((p) => p.name).join(",")}`;
}

export interface FirewallFlowSummary {
  firewall: Firewall;
  flows: { flow: CrossingFlow; missing?: PortSet | "all" }[];
  missingCount: number;
}

/** The flows that cross `firewall`, each with what it drops today (undefined: allowed). */
export function firewallFlowSummary(model: Model, firewall: Firewall): FirewallFlowSummary {
  const complete = crossingFlows(model, firewall, "complete");
  const missing = new Map(crossingFlows(model, firewall, "missing").map((flow) => [flowKey(flow), flow]));
  let missingCount = 0;
  const flows = complete.map((flow) => {
    const dropped = missing.get(flowKey(flow));
    if (!dropped) return { flow };
    missingCount++;
    return { flow, missing: flow.protocol === "esp" || dropped.dstPorts.equals(flow.dstPorts) ? ("all" as const) : dropped.dstPorts };
  });
  return { firewall, flows, missingCount };
}

function statusText(missing: PortSet | "all" | undefined): string {
  if (missing === undefined) return "allowed";
  if (missing === "all") return "**missing**";
  return `**missing** ${portsText(missing)}`;
}

function zonesText(flow: CrossingFlow): string {
  return flow.fromZone && flow.toZone ? `${flow.fromZone} → ${flow.toZone}` : "";
}

function firewallSection(summary: FirewallFlowSummary): string[] {
  const { firewall, flows, missingCount } = summary;
  const lines: string[] = [];
  const what = firewall.kind === "host" ? "host firewall" : `network firewall between ${firewall.zones.join(", ")}`;
  lines.push(`## ${firewall.name}`, "", `${what}; default ${firewall.defaultAction}.`, "");
  if (flows.length === 0) {
    lines.push("No required flow crosses this firewall.", "");
    return lines;
  }
  lines.push(
    missingCount === 0
      ? `All ${flows.length} required flows are allowed.`
      : `${missingCount} of ${flows.length} required flows are missing (not or not fully allowed).`,
    "",
  );
  const byRow = new Map<string, typeof flows>();
  for (const entry of flows) pushTo(byRow, entry.flow.row.id, entry);
  for (const entries of byRow.values()) {
    const row = entries[0].flow.row;
    lines.push(`### ${cell(row.short)} (\`${row.id}\`)`, "");
    lines.push("| Source | Destination | Protocol | Ports | Zones | Status |", "|---|---|---|---|---|---|");
    for (const { flow, missing } of entries) {
      const ports = flow.protocol === "esp" ? "" : portsText(flow.dstPorts);
      const source = names(flow.sources) + (flow.srcPorts ? ` (source ports ${portsText(flow.srcPorts)})` : "");
      lines.push(
        `| ${cell(source)} | ${cell(names(flow.destinations))} | ${flow.protocol} | ${ports} | ${cell(zonesText(flow))} | ${statusText(missing)} |`,
      );
    }
    lines.push("");
  }
  return lines;
}

/** The required flows that no firewall sits in the way of (same zone, no host firewall). */
function unfilteredFlows(model: Model, crossing: ReadonlySet<string>): string[] {
  const requirements = requiredFlows(model, new Routing(model));
  const rows: string[] = [];
  const seen = new Set<string>();
  for (const group of requirements.groups) {
    if (group.protocol === "icmp") continue;
    const sources = group.source.kind === "peer" ? [group.source.peer] : group.source.nodes;
    const destinations = group.destination.kind === "peer" ? [group.destination.peer] : group.destination.nodes;
    const key = partyKey(group.row, group.protocol, sources, destinations);
    if (crossing.has(key) || seen.has(key)) continue;
    seen.add(key);
    const ports = group.protocol === "esp" ? "" : portsText(group.dstPorts);
    rows.push(`| ${cell(group.row.short)} | ${cell(names(sources))} | ${cell(names(destinations))} | ${group.protocol} | ${ports} |`);
  }
  return rows;
}

export interface RequiredFlowsOptions {
  /** The .pexnet file's name, for the title. */
  sourceName?: string;
}

export function requiredFlowsMarkdown(model: Model, options: RequiredFlowsOptions = {}): string {
  const deployment = model.source.declarations.find((d) => d.kind === "deployment")?.name?.text;
  const title = deployment ? `Required flows of ${deployment}` : "Required flows";
  const lines: string[] = [`# ${cell(title)}`, ""];
  if (options.sourceName) lines.push(`From \`${options.sourceName.replace(/`/g, "'")}\`, checked by pexnet.`, "");
  const summaries = model.firewalls.map((firewall) => firewallFlowSummary(model, firewall));
  if (summaries.length === 0) lines.push("The deployment declares no firewall.", "");
  else {
    lines.push("| Firewall | Required flows | Missing |", "|---|---|---|");
    for (const s of summaries) lines.push(`| ${s.firewall.name} | ${s.flows.length} | ${s.missingCount} |`);
    lines.push("");
  }
  const crossing = new Set<string>();
  for (const summary of summaries) {
    lines.push(...firewallSection(summary));
    for (const { flow } of summary.flows) crossing.add(partyKey(flow.row, flow.protocol, flow.sources, flow.destinations));
  }
  const unfiltered = unfilteredFlows(model, crossing);
  lines.push("## Flows that cross no firewall", "");
  if (unfiltered.length === 0) lines.push("None: every required flow crosses a firewall.", "");
  else {
    lines.push("| Flow | Source | Destination | Protocol | Ports |", "|---|---|---|---|---|", ...unfiltered, "");
  }
  return lines.join("\n");
}
