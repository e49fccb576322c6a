#!/usr/bin/env node
// Launcher for the `pexnet` command line; the CLI itself is compiled TypeScript in out/.
"use strict";
const fs = require("fs");
const path = require("path");

const entry = path.join(__dirname, "..", "out", "server", "src", "cli", "main.js");
if (!fs.existsSync(entry)) {
  console.error(`pexnet: ${path.relative(process.cwd(), entry) || entry} is missing; run \`npm run build\` first.`);
  process.exit(2);
}

// A closed pipe (`pexnet check ... | head`) is not an error worth a stack trace.
process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = require(entry).main(process.argv.slice(2));
