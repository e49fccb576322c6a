// The `pexnet` command line. Each subcommand lives in its own file and registers itself
// here; commander parses, and every way out ends in an exit status:
// 0 fine, 1 errors reported, 2 unreadable file or wrong command line.
import { Command, CommanderError } from "commander";
import { addCheckCommand } from "./check-command";
import { addExportCommand } from "./export-command";
import { processIo, type CliIo } from "./cli-io";
import { packageVersion } from "./package-info";
import { usageHint } from "./usage";
import { tuneV8ForFirstCheck } from "../v8-tuning";

export const USAGE_ERROR_STATUS = 2;

/** Runs the CLI on the user's arguments (without `node` and the script) and returns the exit status. */
export function main(args: readonly string[] = process.argv.slice(2), io: CliIo = processIo()): number {
  tuneV8ForFirstCheck();
  let exitStatus = 0;
  const program = createProgram(io, (status) => (exitStatus = status));
  try {
    program.parse([...args], { from: "user" });
  } catch (err) {
    // exitOverride turns commander's exits into throws: --help and --version exit 0,
    // everything else it rejects is a usage error.
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : USAGE_ERROR_STATUS;
    throw err;
  }
  return exitStatus;
}

export function createProgram(io: CliIo, setExitStatus: (status: number) => void): Command {
  const program = new Command("pexnet")
    .description("Checks Pexip Infinity deployments (.pexnet files) against their firewalls.")
    .version(packageVersion(), "-V, --version", "print the version")
    // Set before adding subcommands: they inherit these settings.
    .exitOverride()
    .configureOutput({ writeOut: io.writeOut, writeErr: io.writeErr })
    .showSuggestionAfterError(true);
  addCheckCommand(program, io, setExitStatus);
  addExportCommand(program, io, setExitStatus);
  // After the subcommands, so that the usage line shows `[command]`.
  program.showHelpAfterError(usageHint(program));
  return program;
}
