#!/usr/bin/env node
// Launcher for the pexnet language server (`--stdio`): the launcher of the esbuild bundle
// (dist/launcher.js, which loads dist/server.js through V8's code cache) when it was built,
// else the tsc output in out/.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const candidates = [path.join(root, "dist", "launcher.js"), path.join(root, "out", "server", "src", "launcher.js")];
const entry = candidates.find((candidate) => fs.existsSync(candidate));
if (!entry) {
  const wanted = candidates[candidates.length - 1];
  console.error(`pexnet-language-server: ${path.relative(process.cwd(), wanted) || wanted} is missing; run \`npm run build\` first.`);
  process.exit(2);
}

require(entry).launch();
