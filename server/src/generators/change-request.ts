// Change-request tables for firewall teams that work from tickets: the same rows as CSV
// (RFC 4180, safe to open in a spreadsheet) and as a Markdown table. One row per rule, with
// the addresses spelled out so the reviewer needs no other file.
import type { AddressObject, ExportPolicy, PolicyRule, PortRange } from "../core/export-policy";
import type { GeneratedFile, Generator, GeneratorOptions } from "./generator";
import { commentText, fileStem, headerLines } from "./text-safety";

export const CHANGE_REQUEST_COLUMNS = ["#", "Source", "Destination", "Protocol", "Destination ports", "Source ports", "Zones (from -> to)", "Reason", "Catalog rows"];

/** The table's cells as plain one-line text, before any CSV or Markdown quoting. */
export function changeRequestCells(policy: ExportPolicy): string[][] {
  const zoned = policy.firewall.kind === "network";
  return policy.rules.map((rule: PolicyRule) => [
    `pexnet-${rule.index}`,
    party(rule.source),
    party(rule.destination),
    rule.protocol.toUpperCase(),
    rule.protocol === "esp" ? "n/a (ESP)" : portText(rule.dstPorts),
    rule.srcPorts ? portText(rule.srcPorts) : "any",
    zoned ? `${rule.fromZone ?? "any"} -> ${rule.toZone ?? "any"}` : `host firewall ${policy.firewall.name}`,
    rule.comment,
    rule.rows.join(", "),
  ].map((cell) => commentText(cell, 2000)));
}

function party(object: AddressObject): string {
  const members = [...object.ipv4, ...object.ipv6, ...object.hosts.map((h) => `host ${h} (addresses to fill in)`)];
  return `${object.name}: ${members.join(", ")}`;
}

function portText(ranges: PortRange[]): string {
  return ranges.map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}-${hi}`)).join(", ");
}

// ------------------------------------------------------------------ CSV

/** A spreadsheet runs a cell that starts with one of these as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(cell: string): string {
  const safe = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvGenerator: Generator = {
  id: "csv",
  title: "Change request (CSV)",
  description: "A CSV table of the rules (RFC 4180) for a firewall change request; opens in any spreadsheet.",
  languageId: "csv",
  render(policy: ExportPolicy): GeneratedFile[] {
    const rows = [CHANGE_REQUEST_COLUMNS, ...changeRequestCells(policy)];
    return [{ name: `${fileStem(policy)}.csv`, text: rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n" }];
  },
};

// ------------------------------------------------------------------ Markdown

/** Backslash-escapes what Markdown would read as a cell border, markup, HTML or an entity. */
export function markdownCell(cell: string): string {
  return cell.replace(/[\\`*_[\]<>|~&$]/g, "\\$&");
}

export const markdownGenerator: Generator = {
  id: "markdown",
  title: "Change request (Markdown)",
  description: "A Markdown change request: what the firewall needs and a table of the rules, for a ticket or a wiki.",
  languageId: "markdown",
  render(policy: ExportPolicy, options: GeneratorOptions): GeneratedFile[] {
    const row = (cells: string[]) => `| ${cells.map(markdownCell).join(" | ")} |`;
    const out = [
      `# Firewall change request: ${markdownCell(commentText(policy.firewall.name, 200))}`,
      "",
      headerLines(policy, options, "a change request").map(markdownCell).join(" "),
      policy.rules.some((r) => r.source.hosts.length || r.destination.hosts.length)
        ? "\nHost peers are named by host name: their addresses are to be filled in before the rules go live."
        : "",
      "",
      row(CHANGE_REQUEST_COLUMNS),
      `|${CHANGE_REQUEST_COLUMNS.map(() => " --- ").join("|")}|`,
      ...changeRequestCells(policy).map(row),
    ];
    return [{ name: `${fileStem(policy)}.md`, text: `${out.join("\n")}\n` }];
  },
};
