#!/usr/bin/env node
// Launcher for the pexnet language server (`--stdio`): the esbuild bundle dist/server.js when
// it was built, else the tsc output in out/.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const candidates = [path.join(root, "dist", "server.js"), path.join(root, "out", "server", "src", "server.js")];
const entry = candidates.find((candidate) => fs.existsSync(candidate));
if (!entry) {
  const wanted = candidates[candidates.length - 1];
  console.error(`pexnet-language-server: ${path.relative(process.cwd(), wanted) || wanted} is missing; run \`npm run build\` first.`);
  process.exit(2);
}

require(entry).startServer();
