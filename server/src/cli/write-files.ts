// Writes export files: all or nothing about overwriting (every target is checked before the
// first byte is written), each file atomically (atomic-write.ts), so a reader never sees half
// a ruleset.
import * as fs from "fs";
import * as path from "path";
import { writeFileAtomically } from "../atomic-write";

export interface PlannedFile {
  path: string;
  text: string;
}

export type WriteResult = { ok: true; paths: string[] } | { ok: false; message: string };

export function writeOutputs(files: readonly PlannedFile[], force: boolean): WriteResult {
  const seen = new Set<string>();
  for (const file of files) {
    const resolved = path.resolve(file.path);
    if (seen.has(resolved)) return { ok: false, message: `two outputs would go to ${file.path}` };
    seen.add(resolved);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(resolved);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) return { ok: false, message: `${file.path} is a folder` };
    if (stat && !force) return { ok: false, message: `${file.path} exists; not overwritten (use --force to replace it)` };
  }
  const written: string[] = [];
  for (const file of files) {
    const target = path.resolve(file.path);
    try {
      writeFileAtomically(target, file.text, { exclusive: true });
    } catch (err) {
      return { ok: false, message: `cannot write ${file.path}: ${err instanceof Error ? err.message : String(err)}${written.length ? ` (already written: ${written.join(", ")})` : ""}` };
    }
    written.push(file.path);
  }
  return { ok: true, paths: written };
}
