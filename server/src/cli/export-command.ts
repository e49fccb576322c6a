// `pexnet export FILE (--firewall NAME | --all) --platform P [--scope complete|missing] [-o PATH]`
// Renders firewall rules for a platform. Output goes to stdout, or to files that are never
// overwritten without --force and are written atomically (a temporary file renamed).
import { Command, InvalidArgumentError, Option } from "commander";
import { checkText } from "../core/check";
import { EXPORT_SCOPES, type ExportScope } from "../core/firewall-flows";
import type { Model } from "../core/model-types";
import { blockingDiagnostics, exportFirewall, joinFiles } from "../generators/export";
import type { GeneratedFile } from "../generators/generator";
import { GENERATORS } from "../generators/index";
import type { CliIo } from "./cli-io";
import { readSourceText } from "./check-files";
import { formatText } from "./format-text";
import { usageHint } from "./usage";
import { writeOutputs, type PlannedFile } from "./write-files";

interface ExportOptions {
  firewall?: string;
  all?: boolean;
  platform?: string;
  scope: ExportScope;
  output?: string;
  force?: boolean;
  listPlatforms?: boolean;
  table?: string;
  chain?: string;
  priority?: number;
}

export function addExportCommand(program: Command, io: CliIo, setExitStatus: (status: number) => void): Command {
  const command = program
    .command("export")
    .description("export firewall rules for a platform: the complete policy or only the missing flows")
    .argument("[file]", ".pexnet file (UTF-8)")
    .usage("<file> (--firewall <name> | --all) --platform <id> [--scope complete|missing] [-o <path>] [--force]")
    .option("--firewall <name>", "the firewall to export (needed when the file has several)")
    .option("--all", "export every firewall (with -o: one file per firewall in that folder)")
    .option("-p, --platform <id>", "target platform (see --list-platforms)")
    .addOption(new Option("-s, --scope <scope>", "complete: the whole policy; missing: only the flows dropped today").choices(EXPORT_SCOPES).default("complete"))
    .option("-o, --output <path>", "write to this file (a folder for --all and for platforms with several files)")
    .option("--force", "overwrite existing output files")
    .option("--table <name>", "scope missing: nftables table to add to (default filter)")
    .option("--chain <name>", "scope missing: chain to add to (default forward, or input for a host firewall)")
    .option("--priority <n>", "scope missing: first priority or line number (Azure, ASA, ...)", parsePriority)
    .option("--list-platforms", "list the platforms and exit")
    .addHelpText("after", "\nExit status: 0 when written, 1 when the file has errors that make an export unsafe,\n2 when the command line is wrong or a file cannot be read or written.")
    .action((file: string | undefined, options: ExportOptions) => {
      setExitStatus(runExport(file, options, io, command));
    });
  command.showHelpAfterError(usageHint(command));
  return command;
}

function parsePriority(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InvalidArgumentError("must be a whole number from 1 to 65535");
  return n;
}

function listPlatforms(): string {
  const width = Math.max(...GENERATORS.map((g) => g.id.length));
  return GENERATORS.map((g) => `${g.id.padEnd(width)}  ${g.title}\n`).join("");
}

export function runExport(file: string | undefined, options: ExportOptions, io: CliIo, command?: Command): number {
  const usage = (message: string): number => {
    io.writeErr(`pexnet export: ${message}\n${command ? `${usageHint(command)}\n` : ""}`);
    return 2;
  };
  if (options.listPlatforms) {
    io.writeOut(listPlatforms());
    return 0;
  }
  if (!file) return usage("missing the .pexnet file to export from");
  if (!options.platform) return usage(`choose a platform with --platform: ${GENERATORS.map((g) => g.id).join(", ")}`);
  if (!GENERATORS.some((g) => g.id === options.platform)) return usage(`unknown platform "${options.platform}"; the platforms are: ${GENERATORS.map((g) => g.id).join(", ")}`);
  if (options.all && options.firewall) return usage("give either --firewall or --all, not both");

  const read = readSourceText(file);
  if ("error" in read) {
    io.writeErr(`pexnet: ${file}: ${read.error}\n`);
    return 2;
  }
  const checked = checkText(read.text);
  const blocking = blockingDiagnostics(checked.diagnostics);
  if (blocking.length) {
    io.writeErr(formatText([{ file, diagnostics: blocking, lines: checked.lines }], { color: false }));
    io.writeErr(`pexnet export: ${file} has errors that would make the exported rules wrong; fix them first\n`);
    return 1;
  }
  const names = checked.model.firewalls.map((fw) => fw.name);
  if (names.length === 0) return usage(`${file} declares no firewall`);
  let chosen: string[];
  if (options.all) chosen = names;
  else if (options.firewall) {
    if (!names.includes(options.firewall)) return usage(`${file} has no firewall "${options.firewall}"; its firewalls are: ${names.join(", ")}`);
    chosen = [options.firewall];
  } else if (names.length === 1) chosen = names;
  else return usage(`${file} has ${names.length} firewalls: choose one with --firewall, or --all; its firewalls are: ${names.join(", ")}`);

  const rendered = renderAll(checked.model, chosen, file, options);
  if ("error" in rendered) {
    io.writeErr(`pexnet export: ${rendered.error}\n`);
    return 2;
  }
  if (!options.output) {
    const several = rendered.length > 1;
    io.writeOut(rendered.map(({ firewall, files }) => (several ? `==> ${firewall} <==\n` : "") + joinFiles(files)).join("\n"));
    return 0;
  }
  const planned = planFiles(options.output, rendered, options.all === true);
  const written = writeOutputs(planned, options.force === true);
  if (!written.ok) {
    io.writeErr(`pexnet export: ${written.message}\n`);
    return 2;
  }
  for (const path of written.paths) io.writeErr(`wrote ${path}\n`);
  return 0;
}

function renderAll(model: Model, firewalls: string[], file: string, options: ExportOptions): { firewall: string; files: GeneratedFile[] }[] | { error: string } {
  const out: { firewall: string; files: GeneratedFile[] }[] = [];
  for (const firewall of firewalls) {
    const result = exportFirewall(model, {
      firewall,
      platform: options.platform!,
      scope: options.scope,
      sourceName: file.split(/[\\/]/).pop(),
      placement: { table: options.table, chain: options.chain, priority: options.priority },
    });
    if (!result.ok) return { error: result.message };
    out.push({ firewall, files: result.files });
  }
  return out;
}

/** -o names the file itself for one single-file export, else a folder for the files. */
function planFiles(output: string, rendered: { firewall: string; files: GeneratedFile[] }[], all: boolean): PlannedFile[] {
  if (!all && rendered.length === 1 && rendered[0].files.length === 1) return [{ path: output, text: rendered[0].files[0].text }];
  return rendered.flatMap(({ files }) => files.map((f) => ({ path: joinPath(output, f.name), text: f.text })));
}

function joinPath(folder: string, name: string): string {
  return `${folder.replace(/[\\/]+$/, "")}/${name}`;
}
