// Loads the server's bundle through V8's code cache. A start without a cache compiles the
// bundle's top level and then, lazily, every function the first check runs; the launcher
// writes the cache after that first check, so the next start of the same bundle on the same
// runtime skips all of that compiling (bench/README.md has the figures).
//
// V8 accepts a cache only for its own version and flags, and checks the source by its length
// alone: the file name therefore carries a hash of the runtime and of the bundle's content,
// so an edited bundle of the same length never meets an old cache. A cache V8 rejects anyway
// (corrupt, other flags) is replaced after the first check.
import { createHash } from "crypto";
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import * as vm from "vm";
import { writeFileAtomically } from "./atomic-write";

/** What became of the cache at load: used, none there yet, refused by V8, or not asked for. */
export type CodeCacheStatus = "used" | "missing" | "rejected" | "off";

export interface LoadedBundle {
  /** The bundle's `module.exports`. */
  exports: Record<string, unknown>;
  status: CodeCacheStatus;
  /** The cache file of this bundle and runtime (undefined when off). */
  cacheFile: string | undefined;
  /**
   * Writes the cache (with every function compiled so far) unless the loaded one was used.
   * Never throws: returns why it could not write, or undefined.
   */
  save(): string | undefined;
}

/** Cache files of other bundles or runtimes kept beside the current one (newest first). */
const KEEP_OTHER_CACHES = 3;
const CACHE_SUFFIX = ".v8cache";

/**
 * Runs `file` (CommonJS) as Node's loader would, compiled with the cache from `cacheDir`
 * when there is a usable one. Without `cacheDir`, Node's loader runs it.
 */
export function loadBundle(file: string, cacheDir: string | undefined): LoadedBundle {
  // Node's own loader is the faster way without a cache (about 30 ms on the server's first
  // diagnostics here), but what it compiled cannot be written out as a cache afterwards.
  if (cacheDir === undefined) {
    return { exports: createRequire(file)(file) as Record<string, unknown>, status: "off", cacheFile: undefined, save: () => undefined };
  }
  const bytes = fs.readFileSync(file);
  const source = bytes.toString("utf8");
  const name = path.basename(file, ".js");
  const cacheFile = path.join(cacheDir, `${name}-${contentHash(bytes)}${CACHE_SUFFIX}`);
  const cachedData = readIfPresent(cacheFile);
  // The wrapper has a line of its own and lineOffset -1, so stack traces keep the bundle's
  // own lines and columns.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {\n${source}\n})`, {
    filename: file,
    lineOffset: -1,
    cachedData,
  });
  const status: CodeCacheStatus = cachedData === undefined ? "missing" : script.cachedDataRejected ? "rejected" : "used";
  const module = { exports: {} as Record<string, unknown>, filename: file, id: file, loaded: false };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  return {
    exports: module.exports,
    status,
    cacheFile,
    save: () => (status === "used" ? undefined : writeCache(cacheFile, script.createCachedData(), `${name}-`)),
  };
}

/** For the cache's file name: the runtime (Node or Electron, V8, CPU) and the bundle's bytes. */
function contentHash(bytes: Buffer): string {
  const hash = createHash("sha256");
  hash.update(`${process.version} ${process.versions.v8} ${process.arch} ${process.versions.electron ?? ""}\n`);
  hash.update(bytes);
  return hash.digest("hex").slice(0, 32);
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes the cache atomically (a reader never sees half of one), then prunes older caches. */
function writeCache(cacheFile: string, data: Buffer, prefix: string): string | undefined {
  try {
    writeFileAtomically(cacheFile, data, { mode: 0o600, folderMode: 0o700 });
  } catch (error) {
    return `cannot write the code cache ${cacheFile}: ${error instanceof Error ? error.message : String(error)}`;
  }
  pruneOtherCaches(cacheFile, prefix);
  return undefined;
}

/** Old caches of the same bundle name (earlier versions, other runtimes) beyond the newest few. */
function pruneOtherCaches(current: string, prefix: string): void {
  const directory = path.dirname(current);
  try {
    const others = fs
      .readdirSync(directory)
      .filter((name) => name.startsWith(prefix) && name.endsWith(CACHE_SUFFIX) && name !== path.basename(current))
      .map((name) => ({ name, modified: fs.statSync(path.join(directory, name)).mtimeMs }))
      .sort((a, b) => b.modified - a.modified);
    for (const { name } of others.slice(KEEP_OTHER_CACHES)) fs.rmSync(path.join(directory, name), { force: true });
  } catch {
    // Pruning is housekeeping: a cache directory that cannot be listed costs only disk space.
  }
}
