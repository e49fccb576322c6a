#!/usr/bin/env node
// Bundles the command line into one self-contained file (dist/pexnet-cli.js) with esbuild,
// from the JavaScript that tsc wrote to out/. The editor issue adds the client and server
// bundles here.
const path = require("path");
const esbuild = require("esbuild");

const root = path.join(__dirname, "..");
esbuild
  .build({
    entryPoints: [path.join(root, "out/server/src/cli/main.js")],
    outfile: path.join(root, "dist/pexnet-cli.js"),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    sourcemap: true,
    logLevel: "warning",
    banner: { js: "#!/usr/bin/env node" },
    footer: { js: "if (require.main === module) process.exitCode = module.exports.main(process.argv.slice(2));" },
  })
  .catch(() => process.exit(1));
