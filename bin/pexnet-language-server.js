#!/usr/bin/env node
// Launcher for the pexnet language server (`--stdio`); the server is compiled TypeScript in out/.
"use strict";
const fs = require("fs");
const path = require("path");

const entry = path.join(__dirname, "..", "out", "server", "src", "server.js");
if (!fs.existsSync(entry)) {
  console.error(`pexnet-language-server: ${path.relative(process.cwd(), entry) || entry} is missing; run \`npm run build\` first.`);
  process.exit(2);
}

require(entry).startServer();
