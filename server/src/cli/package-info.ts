// The CLI's version is package.json's. Found by walking up from this file so that it works
// both from out/server/src/cli and from a bundle.
import * as fs from "fs";
import * as path from "path";

export function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const version = readPexnetVersion(path.join(dir, "package.json"));
    if (version) return version;
    if (path.dirname(dir) === dir) return "0.0.0";
  }
}

function readPexnetVersion(file: string): string | undefined {
  try {
    const json = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
    return json.name === "pexnet" && typeof json.version === "string" ? json.version : undefined;
  } catch {
    return undefined;
  }
}
