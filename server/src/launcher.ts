// Starts the language server from its bundle (server.js beside this file) through V8's code
// cache (code-cache.ts). bin/pexnet-language-server.js and the VS Code client both start the
// server here; `node dist/server.js --stdio` still works, only without the cache.
//
// Where the cache lives: `--code-cache-dir=DIR` (the VS Code client passes the extension's
// global storage), else PEXNET_CODE_CACHE_DIR, else the user's cache directory
// (~/.cache/pexnet on Linux, ~/Library/Caches/pexnet on macOS, %LOCALAPPDATA%\pexnet\Cache
// on Windows). PEXNET_CODE_CACHE=off turns it off.
import * as path from "path";
import { loadBundle, type LoadedBundle } from "./code-cache";
// Only the type: the server is loaded from its own bundle, never bundled into the launcher.
import type { startServer } from "./server";
import { tuneV8ForFirstCheck } from "./v8-tuning";

const CACHE_DIR_OPTION = "--code-cache-dir=";

/**
 * The cache directory for these arguments and PEXNET_* variables, or undefined when it is off
 * (or the user has no home folder to hold it).
 * The user's cache directory comes from env-paths, which reads the process's own environment.
 */
export function codeCacheDir(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (/^(off|0|false|no)$/i.test(env.PEXNET_CODE_CACHE?.trim() ?? "")) return undefined;
  const option = argv.find((arg) => arg.startsWith(CACHE_DIR_OPTION))?.slice(CACHE_DIR_OPTION.length);
  if (option) return path.resolve(option);
  if (env.PEXNET_CODE_CACHE_DIR) return path.resolve(env.PEXNET_CODE_CACHE_DIR);
  return userCacheDir();
}

/**
 * The user's cache folder, or undefined (no cache) when there is none: env-paths asks Node
 * for the home folder as it loads, which throws for a user with no HOME and no passwd entry
 * (containers started under an arbitrary user id). The server must start all the same.
 */
function userCacheDir(): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const envPaths = require("env-paths") as typeof import("env-paths");
    return envPaths("pexnet", { suffix: "" }).cache;
  } catch {
    return undefined;
  }
}

export function launch(): LoadedBundle {
  // Before compiling: V8 records its flags in the cache and accepts a cache only under the
  // same flags, and the cache is written while these are still in force.
  tuneV8ForFirstCheck();
  const bundle = loadBundle(path.join(__dirname, "server.js"), codeCacheDir());
  (bundle.exports.startServer as typeof startServer)({
    afterFirstCheck: () => {
      const problem = bundle.save();
      // stderr reaches the client's log (VS Code's output channel); the server works on.
      if (problem) process.stderr.write(`pexnet-language-server: ${problem}\n`);
    },
  });
  return bundle;
}

if (require.main === module) launch();
