// Runs the extension-host suite (test/vscode/suite) in desktop VS Code, downloaded by
// @vscode/test-electron (needs access to update.code.visualstudio.com, and a display: use
// xvfb-run on a headless Linux). `npm run test:vscode` builds first and then runs this file.
// The same suite runs here without a download through test/vscode/code-server.test.ts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runTests } from "@vscode/test-electron";

async function main(): Promise<number> {
  const extensionDevelopmentPath = resolve(__dirname, "..", "..", "..");
  const extensionTestsPath = resolve(__dirname, "suite", "index");
  const workspace = mkdtempSync(join(tmpdir(), "pexnet-vscode-workspace-"));
  try {
    return await runTests({
      extensionDevelopmentPath,
      extensionTestsPath,
      launchArgs: [workspace, "--disable-extensions"],
      ...(process.env.PEXNET_VSCODE_VERSION ? { version: process.env.PEXNET_VSCODE_VERSION } : {}),
    });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error("the VS Code extension tests failed or could not start:", error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
