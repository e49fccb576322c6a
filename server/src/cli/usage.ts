import type { Command } from "commander";

/** Shown after a command-line error: the usage line and where to find more. */
export function usageHint(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return `Usage: ${command.createHelp().commandUsage(command)}\nRun "${names.join(" ")} --help" for details.`;
}
