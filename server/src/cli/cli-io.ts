// Where the CLI writes and whether it may colour its output. main() uses the process's;
// tests can pass their own.
export interface CliIo {
  writeOut(text: string): void;
  writeErr(text: string): void;
  /** Colour the text format's severities. */
  color: boolean;
}

export function processIo(): CliIo {
  return {
    writeOut: (text) => void process.stdout.write(text),
    writeErr: (text) => void process.stderr.write(text),
    color: process.stdout.isTTY === true && !noColorRequested(process.env),
  };
}

/** https://no-color.org: NO_COLOR present and not empty turns colour off. */
export function noColorRequested(env: NodeJS.ProcessEnv): boolean {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== "";
}
