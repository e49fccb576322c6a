// Entry point of the extension-host test suite: the contract of @vscode/test-electron's
// `extensionTestsPath`, which code-server's smoke-test driver follows too. VS Code loads this
// module inside its extension host and awaits run(); a rejection is a failed run.
// Runners: test/vscode/run-electron.ts (desktop VS Code, downloaded by @vscode/test-electron)
// and test/vscode/code-server.test.ts (code-server + headless chromium, runs under `npm test`).
// The spec files are named *.spec.ts so that `npm test` (node --test on *.test.js) skips them.
import * as fs from "fs";
import * as path from "path";
import Mocha from "mocha";

export const SUITE_START = "pexnet extension-host suite: start";
export const SUITE_END = "pexnet extension-host suite: end";

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: "bdd", timeout: 60_000, color: false });
  const specs = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith(".spec.js"))
    .sort();
  for (const spec of specs) mocha.addFile(path.join(__dirname, spec));

  // The code-server runner prints the log between these two lines (the workbench logs too).
  console.log(`${SUITE_START} (${specs.length} spec file${specs.length === 1 ? "" : "s"})`);
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => {
        console.log(`${SUITE_END}: ${failures} failure${failures === 1 ? "" : "s"}`);
        if (failures > 0) reject(new Error(`${failures} extension-host test${failures === 1 ? "" : "s"} failed`));
        else resolve();
      });
    } catch (error) {
      reject(error);
    }
  });
}
