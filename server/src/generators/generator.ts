// The one interface every firewall platform implements (one module per platform, as
// Aerleon does): render the platform-neutral policy of one firewall (core/export-policy.ts)
// as files the firewall team can review and apply. Generators are pure functions of the
// policy and the options: no I/O, no clock, so their output can be pinned in golden files.
import type { ExportPolicy } from "../core/export-policy";

export interface GeneratedFile {
  /** File name relative to the output folder (no directories unless the platform needs them). */
  name: string;
  text: string;
}

/** Where `missing`-scope rules go in an existing policy, for the platforms that ask. */
export interface Placement {
  /** nftables table (default `filter`), iptables has fixed tables. */
  table?: string;
  /** nftables/iptables chain (default `forward` for a network firewall, `input` for a host firewall). */
  chain?: string;
  /** First priority or sequence number (Azure NSG priorities, ASA/Windows rule order, ...). */
  priority?: number;
}

export interface GeneratorOptions {
  /** Name of the .pexnet file, for the header comment. */
  sourceName?: string;
  placement?: Placement;
}

export interface Generator {
  /** Used on the command line and in settings: `nftables`, `aws-terraform`, ... */
  id: string;
  /** For pickers: "nftables (inet table)". */
  title: string;
  /** One sentence on what the output is and how to apply it. */
  description: string;
  /** VS Code language id of the main output, for untitled editors (`plaintext` when none fits). */
  languageId: string;
  render(policy: ExportPolicy, options: GeneratorOptions): GeneratedFile[];
}
