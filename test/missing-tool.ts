// What a test does when a tool it needs (nft, Neovim, code-server, Node 24, ...) is missing:
// on a developer's machine it skips, loudly; under PEXNET_REQUIRE_TOOLS=1, which .ci/run sets,
// it fails, so that CI never passes by skipping.
import type { TestContext } from "node:test";

/**
 * Fails the test under PEXNET_REQUIRE_TOOLS=1, else warns on stderr and skips it. `message`
 * says what is missing and how to install it; `skipReason` (default: the message) is the
 * shorter line the test report shows.
 */
export function missingTool(t: TestContext, message: string, skipReason = message): void {
  if (process.env.PEXNET_REQUIRE_TOOLS === "1") throw new Error(`${message}\n(PEXNET_REQUIRE_TOOLS=1 makes this a failure)`);
  console.warn(`\n*** SKIPPED: ${message} ***\n`);
  t.skip(skipReason);
}
