// Writes a file through a temporary file beside it and a rename, so that a reader never sees
// half of it: the export files of the CLI and the language server's code cache.
import * as fs from "fs";
import * as path from "path";

export interface AtomicWriteOptions {
  /** Fail if the temporary file exists already instead of replacing it. */
  exclusive?: boolean;
  /** Permissions of the file, and of folders created for it. */
  mode?: number;
  folderMode?: number;
}

/** Throws what went wrong, and then leaves no temporary file behind. */
export function writeFileAtomically(target: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: options.folderMode });
    fs.writeFileSync(temporary, data, { flag: options.exclusive ? "wx" : "w", mode: options.mode });
    fs.renameSync(temporary, target);
  } catch (error) {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // Nothing was written where nothing can be removed.
    }
    throw error;
  }
}
