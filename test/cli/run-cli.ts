// Helpers for tests that run the real `bin/pexnet.js` as a child process.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The repository root, from out/test/cli. */
export const REPO_ROOT = path.join(__dirname, "../../..");
export const FIXTURES = "test/fixtures/cli";

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/pexnet.js ARGS` from the repository root, never on a TTY. */
export function runPexnet(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const child = spawnSync(process.execPath, [path.join(REPO_ROOT, "bin", "pexnet.js"), ...args], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  if (child.error) throw child.error;
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

export function fixture(name: string): string {
  return `${FIXTURES}/${name}`;
}

export function readFixture(name: string): string {
  return fs.readFileSync(path.join(REPO_ROOT, FIXTURES, name), "utf8");
}

/** A temporary directory removed when the process exits; for variants of fixtures. */
export function makeTempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pexnet-cli-"));
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** `file:line:col: severity [code] message` as printed by the text format. */
export interface TextDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
}

const DIAGNOSTIC_LINE = /^(.+):(\d+):(\d+): (error|warning|information|hint) \[([a-z-]+)\] (.*)$/;

export function parseTextDiagnostics(stdout: string): TextDiagnostic[] {
  const found: TextDiagnostic[] = [];
  for (const line of stdout.split("\n")) {
    const match = DIAGNOSTIC_LINE.exec(line);
    if (!match) continue;
    const [, file, lineNumber, column, severity, code, message] = match;
    found.push({ file, line: Number(lineNumber), column: Number(column), severity, code, message });
  }
  return found;
}

/** The UTF-16 index of `needle` in line `lineNumber` (1-based) of the text. */
export function utf16Column(text: string, lineNumber: number, needle: string): number {
  const line = text.split(/\r?\n/)[lineNumber - 1];
  const index = line.indexOf(needle);
  if (index < 0) throw new Error(`${needle} not on line ${lineNumber}`);
  return index;
}
