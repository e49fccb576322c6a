// Reads and checks the files named on the command line. A file that cannot be read (or,
// against checkText's promise, makes the core throw) becomes an UnreadableFile so that the
// other files still get checked and reported. Diagnostics keep the core's order.
import * as fs from "fs";
import { checkText } from "../core/check";
import { stripBom } from "../core/text-position";
import type { FileReport } from "./file-report";

export function checkFiles(files: readonly string[]): FileReport[] {
  return files.map(checkFile);
}

export function checkFile(file: string): FileReport {
  const read = readSourceText(file);
  if ("error" in read) return { file, error: read.error };
  try {
    const result = checkText(read.text);
    return { file, diagnostics: result.diagnostics, lines: result.lines };
  } catch (err) {
    return { file, error: `internal error while checking: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** The file's text as UTF-8 with the BOM removed; invalid UTF-8 is refused, not guessed at. */
export function readSourceText(file: string): { text: string } | { error: string } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    return { error: `cannot read file: ${describeFsError(err)}` };
  }
  try {
    // ignoreBOM keeps a BOM in the decoded text so that stripBom removes exactly one.
    const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    return { text: stripBom(decoder.decode(bytes)) };
  } catch {
    return { error: "cannot read file: not valid UTF-8 text" };
  }
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT": return "no such file or directory";
    case "EISDIR": return "is a directory";
    case "EACCES":
    case "EPERM": return "permission denied";
    default: return err instanceof Error ? err.message : String(err);
  }
}
