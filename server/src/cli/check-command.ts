// `pexnet check [--format text|json|sarif] FILE...`
import { Command, Option } from "commander";
import type { CliIo } from "./cli-io";
import { checkFiles } from "./check-files";
import { exitStatusFor, isUnreadable, type FileReport } from "./file-report";
import { formatJson } from "./format-json";
import { formatSarif } from "./format-sarif";
import { formatText } from "./format-text";
import { packageVersion } from "./package-info";
import { usageHint } from "./usage";

export const OUTPUT_FORMATS = ["text", "json", "sarif"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function addCheckCommand(program: Command, io: CliIo, setExitStatus: (status: number) => void): Command {
  const command = program
    .command("check")
    .description("check .pexnet files: syntax, structure, and every required flow against the firewalls")
    .argument("<file...>", ".pexnet files to check (UTF-8)")
    .usage("[--format text|json|sarif] <file...>")
    .addOption(new Option("-f, --format <format>", "output format").choices(OUTPUT_FORMATS).default("text"))
    .addHelpText(
      "after",
      "\nExit status: 0 when no errors are reported (warnings allowed), 1 when any error is\n" +
        "reported, 2 when a file cannot be read or the command line is wrong.",
    )
    .action((files: string[], options: { format: OutputFormat }) => {
      setExitStatus(runCheck(files, options.format, io));
    });
  command.showHelpAfterError(usageHint(command));
  return command;
}

/** Checks the files, writes one report for all of them, and returns the exit status. */
export function runCheck(files: readonly string[], format: OutputFormat, io: CliIo): number {
  const reports = checkFiles(files);
  io.writeOut(render(reports, format, io));
  if (format === "text") {
    // json and sarif carry these in the document; text keeps stdout for results.
    for (const report of reports.filter(isUnreadable)) io.writeErr(`pexnet: ${report.file}: ${report.error}\n`);
  }
  return exitStatusFor(reports);
}

function render(reports: readonly FileReport[], format: OutputFormat, io: CliIo): string {
  switch (format) {
    case "text": return formatText(reports, { color: io.color });
    case "json": return formatJson(reports);
    case "sarif": return formatSarif(reports, packageVersion());
  }
}
