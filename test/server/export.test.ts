// The export requests, generate code actions, export code lens and severity overrides,
// through the real server over stdio (as the VS Code client uses them).
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkText } from "../../server/src/core/check";
import { GENERATORS } from "../../server/src/generators/index";
import { acmeText, acmeUri, positionOf, TestClient, type ConfigurationItem, type StartOptions } from "./lsp-client";

const CLIENT_COMMANDS = ["pexnet.exportFirewallRules", "pexnet.showGeneratedRules", "workbench.actions.view.problems"];

interface Diag {
  code?: string;
  severity?: number;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  source?: string;
  data?: { count: number; firewall?: string; row?: string };
}
interface Command {
  title: string;
  command: string;
  arguments?: Record<string, unknown>[];
}
interface CodeAction {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  command?: Command;
  edit?: unknown;
}
type RulesResult = { ok: true; text: string; files: { name: string; text: string }[]; suggestedFileName: string; languageId: string } | { ok: false; message: string };

async function openAcme(options: StartOptions = { initializationOptions: { clientCommands: CLIENT_COMMANDS } }): Promise<{ client: TestClient; diagnostics: Diag[] }> {
  const client = await TestClient.start(options);
  await client.connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri: acmeUri, languageId: "pexnet", version: 1, text: acmeText },
  });
  const published = await client.waitForDiagnostics(acmeUri, (p) => p.version === 1);
  return { client, diagnostics: published.diagnostics as Diag[] };
}

async function withAcme(run: (client: TestClient, diagnostics: Diag[]) => Promise<void>, options?: StartOptions): Promise<void> {
  const { client, diagnostics } = await openAcme(options);
  try {
    await run(client, diagnostics);
  } finally {
    await client.stop();
  }
}

const rules = (client: TestClient, params: Record<string, unknown>) => client.connection.sendRequest("pexnet/exportRules", params) as Promise<RulesResult>;

test("exportTargets lists acme's firewall with its missing flows, every platform and both scopes", () =>
  withAcme(async (client, diagnostics) => {
    const targets = (await client.connection.sendRequest("pexnet/exportTargets", { uri: acmeUri })) as {
      firewalls: { name: string; kind: string; missing: number }[];
      platforms: { id: string; title: string; description: string }[];
      scopes: string[];
    };
    const missingAtEdge = diagnostics.filter((d) => d.code === "missing-flow" && d.data?.firewall === "edge-fw").reduce((n, d) => n + d.data!.count, 0);
    assert.deepEqual(targets.firewalls, [{ name: "edge-fw", kind: "network", missing: missingAtEdge }]);
    assert.ok(targets.firewalls[0].missing >= 9);
    assert.deepEqual(targets.platforms.map((p) => p.id), GENERATORS.map((g) => g.id));
    for (const platform of targets.platforms) assert.ok(platform.title && platform.description, platform.id);
    assert.deepEqual(targets.scopes, ["complete", "missing"]);
  }));

test("exportRules: edge-fw as nftables, every registered platform, and clear refusals", () =>
  withAcme(async (client) => {
    const nft = await rules(client, { uri: acmeUri, firewall: "edge-fw", platform: "nftables", scope: "complete" });
    assert.ok(nft.ok, JSON.stringify(nft));
    assert.match(nft.text, /table inet/);
    assert.equal(nft.suggestedFileName, nft.files[0].name);
    assert.match(nft.suggestedFileName, /edge-fw.*\.nft$/);
    for (const generator of GENERATORS) {
      for (const scope of ["complete", "missing"]) {
        const result = await rules(client, { uri: acmeUri, firewall: "edge-fw", platform: generator.id, scope });
        assert.ok(result.ok, `${generator.id} ${scope}: ${JSON.stringify(result)}`);
        assert.ok(result.text.trim().length > 0, `${generator.id} ${scope}: empty text`);
        assert.ok(result.files.length > 0 && result.files.every((f) => f.name && typeof f.text === "string"), generator.id);
        assert.equal(result.languageId, generator.languageId);
        assert.ok(result.suggestedFileName.length > 0 && !/[\\/]/.test(result.suggestedFileName), result.suggestedFileName);
      }
    }
    const unknownPlatform = await rules(client, { uri: acmeUri, firewall: "edge-fw", platform: "no-such", scope: "complete" });
    assert.equal(unknownPlatform.ok, false);
    assert.match((unknownPlatform as { message: string }).message, /unknown platform "no-such"/);
    const unknownFirewall = await rules(client, { uri: acmeUri, firewall: "nope", platform: "nftables", scope: "complete" });
    assert.equal(unknownFirewall.ok, false);
    assert.match((unknownFirewall as { message: string }).message, /edge-fw/);
    const badScope = await rules(client, { uri: acmeUri, firewall: "edge-fw", platform: "nftables", scope: "most" });
    assert.equal(badScope.ok, false);
  }));

test("the requests check a file that is not open from disk", async () => {
  const client = await TestClient.start();
  try {
    const result = await rules(client, { uri: acmeUri, firewall: "edge-fw", platform: "nftables", scope: "missing" });
    assert.ok(result.ok);
    assert.match(result.text, /22/);
    await assert.rejects(client.connection.sendRequest("pexnet/exportTargets", { uri: "file:///no/such/file.pexnet" }), /cannot read/);
  } finally {
    await client.stop();
  }
});

test("a missing-flow diagnostic offers generate actions after its preferred quick fix; their arguments export that row", () =>
  withAcme(async (client, diagnostics) => {
    const ssh = diagnostics.find((d) => d.code === "missing-flow" && /SSH administration/.test(d.message));
    assert.ok(ssh);
    const actions = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: acmeUri },
      range: ssh.range,
      context: { diagnostics: [ssh] },
    })) as CodeAction[];
    assert.equal(actions[0].kind, "quickfix");
    assert.equal(actions[0].isPreferred, true);
    const flow = actions.find((a) => a.title === "Generate nftables rules for this flow");
    const firewall = actions.find((a) => a.title === "Generate nftables rules for this firewall");
    assert.ok(flow && firewall, actions.map((a) => a.title).join("; "));
    assert.equal(flow.kind, "refactor.generate.pexnet");
    assert.ok(actions.indexOf(flow) > 0);
    const row = ssh.data!.row!;
    assert.deepEqual(flow.command, {
      title: "Generate nftables rules",
      command: "pexnet.showGeneratedRules",
      arguments: [{ uri: acmeUri, firewall: "edge-fw", platform: "nftables", scope: "missing", rows: [row] }],
    });
    assert.deepEqual(firewall.command?.arguments, [{ uri: acmeUri, firewall: "edge-fw", platform: "nftables", scope: "complete" }]);
    // The cursor sits on the firewall's name: the export command is offered too.
    assert.deepEqual(actions.find((a) => a.title === "Export firewall rules...")?.command?.arguments, [{ uri: acmeUri, firewall: "edge-fw" }]);

    // What the client's command asks the server: rules for that row only.
    const generated = await rules(client, flow.command!.arguments![0]);
    assert.ok(generated.ok);
    assert.match(generated.text, /\b22\b/);
    const complete = await rules(client, firewall.command!.arguments![0]);
    assert.ok(complete.ok);
    assert.ok(complete.text.length > generated.text.length);
    assert.doesNotMatch(generated.text, /\b5061\b/, "only the SSH row");

    // quickfix-only requests (Neovim's) and Refactor requests see only their kind.
    const quick = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: acmeUri }, range: ssh.range, context: { diagnostics: [ssh], only: ["quickfix"] },
    })) as CodeAction[];
    assert.ok(quick.length > 0 && quick.every((a) => a.kind === "quickfix"));
    const refactor = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: acmeUri }, range: ssh.range, context: { diagnostics: [ssh], only: ["refactor"] },
    })) as CodeAction[];
    assert.ok(refactor.length >= 3 && refactor.every((a) => a.kind === "refactor.generate.pexnet"));
  }));

test("several diagnostics on one range name their flow; the firewall action appears once", () =>
  withAcme(async (client, diagnostics) => {
    const missing = diagnostics.filter((d) => d.code === "missing-flow");
    const actions = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: acmeUri }, range: missing[0].range, context: { diagnostics: missing, only: ["refactor"] },
    })) as CodeAction[];
    const flowActions = actions.filter((a) => a.title.startsWith("Generate nftables rules for this flow ("));
    assert.equal(flowActions.length, missing.length);
    assert.equal(new Set(flowActions.map((a) => a.title)).size, missing.length, "distinct titles");
    assert.ok(flowActions.some((a) => /SSH administration/.test(a.title)));
    assert.equal(actions.filter((a) => a.title === "Generate nftables rules for this firewall").length, 1);
  }));

test("on a firewall's name without diagnostics: generate and export actions; none elsewhere", () =>
  withAcme(async (client) => {
    const at = positionOf(acmeText, "firewall edge-fw", 1, "firewall ".length + 2);
    const actions = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: acmeUri }, range: { start: at, end: at }, context: { diagnostics: [] },
    })) as CodeAction[];
    assert.deepEqual(actions.filter((a) => a.kind === "refactor.generate.pexnet").map((a) => a.title), [
      "Generate nftables rules for this firewall",
      "Export firewall rules...",
    ]);
    const elsewhere = positionOf(acmeText, "zone corp");
    const none = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: acmeUri }, range: { start: elsewhere, end: elsewhere }, context: { diagnostics: [] },
    })) as CodeAction[];
    assert.deepEqual(none.filter((a) => a.kind === "refactor.generate.pexnet"), []);
  }));

test("the generate actions use pexnet.export.defaultPlatform", () =>
  withAcme(
    async (client) => {
      const at = positionOf(acmeText, "firewall edge-fw", 1, "firewall ".length + 2);
      const actions = (await client.connection.sendRequest("textDocument/codeAction", {
        textDocument: { uri: acmeUri }, range: { start: at, end: at }, context: { diagnostics: [] },
      })) as CodeAction[];
      const generate = actions.find((a) => a.command?.command === "pexnet.showGeneratedRules");
      const platform = GENERATORS[GENERATORS.length - 1];
      assert.equal(generate?.command?.arguments?.[0].platform, platform.id);
    },
    {
      initializationOptions: { clientCommands: CLIENT_COMMANDS },
      settings: () => ({ export: { defaultPlatform: GENERATORS[GENERATORS.length - 1].id } }),
    },
  ));

test("without declared client commands (other editors) there are no command actions", () =>
  withAcme(
    async (client, diagnostics) => {
      const ssh = diagnostics.find((d) => d.code === "missing-flow")!;
      const actions = (await client.connection.sendRequest("textDocument/codeAction", {
        textDocument: { uri: acmeUri }, range: ssh.range, context: { diagnostics: [ssh] },
      })) as CodeAction[];
      assert.ok(actions.length > 0);
      assert.ok(actions.every((a) => a.command === undefined), actions.map((a) => a.title).join("; "));
    },
    {},
  ));

test("each firewall's code lenses: the missing count (opens Problems) and Export...", () =>
  withAcme(async (client) => {
    const lenses = (await client.connection.sendRequest("textDocument/codeLens", { textDocument: { uri: acmeUri } })) as {
      range: { start: { line: number; character: number } };
      command: Command;
    }[];
    assert.equal(lenses.length, 2);
    assert.match(lenses[0].command.title, /^\d+ required flows missing$/);
    assert.equal(lenses[0].command.command, "workbench.actions.view.problems");
    assert.deepEqual(lenses[1].command, { title: "Export...", command: "pexnet.exportFirewallRules", arguments: [{ uri: acmeUri, firewall: "edge-fw" }] });
    assert.deepEqual(lenses[1].range, lenses[0].range);
  }));

test("severity overrides: off drops a code, a severity replaces it, and a configuration change republishes", async () => {
  let overrides: Record<string, string> = { "missing-flow": "off" };
  const asked: ConfigurationItem[] = [];
  const { client, diagnostics } = await openAcme({
    settings: (item) => {
      asked.push(item);
      return { diagnostics: { severityOverrides: overrides } };
    },
  });
  try {
    assert.ok(asked.some((item) => item.section === "pexnet" && item.scopeUri === acmeUri), JSON.stringify(asked));
    assert.deepEqual(diagnostics.filter((d) => d.code === "missing-flow"), []);
    const expected = checkText(acmeText).diagnostics.filter((d) => d.code !== "missing-flow").length;
    assert.equal(diagnostics.length, expected, "other codes are kept");

    overrides = { "missing-flow": "warning" };
    const before = client.published.length;
    await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: null });
    await client.waitForDiagnostics(acmeUri, (p) => client.published.indexOf(p) >= before);
    const republished = client.published.at(-1)!.diagnostics as Diag[];
    const missing = republished.filter((d) => d.code === "missing-flow");
    assert.ok(missing.length >= 9);
    assert.ok(missing.every((d) => d.severity === 2), "warnings");

    // The generate actions still work on overridden diagnostics; unknown values are ignored.
    overrides = { "missing-flow": "loud" };
    const count = client.published.length;
    await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: null });
    await client.waitForDiagnostics(acmeUri, (p) => client.published.indexOf(p) >= count);
    assert.ok((client.published.at(-1)!.diagnostics as Diag[]).filter((d) => d.code === "missing-flow").every((d) => d.severity === 1));
  } finally {
    await client.stop();
  }
});

test("severity overrides sent with didChangeConfiguration reach a client without workspace/configuration", () =>
  withAcme(async (client) => {
    const before = client.published.length;
    await client.connection.sendNotification("workspace/didChangeConfiguration", {
      settings: { pexnet: { diagnostics: { severityOverrides: { "missing-flow": "hint" } } } },
    });
    await client.waitForDiagnostics(acmeUri, (p) => client.published.indexOf(p) >= before);
    const missing = (client.published.at(-1)!.diagnostics as Diag[]).filter((d) => d.code === "missing-flow");
    assert.ok(missing.length >= 9 && missing.every((d) => d.severity === 4));
  }, {}));

test("requiredFlows: Markdown per firewall with every flow's status", () =>
  withAcme(async (client) => {
    const { markdown } = (await client.connection.sendRequest("pexnet/requiredFlows", { uri: acmeUri })) as { markdown: string };
    assert.match(markdown, /^# Required flows of acme/);
    assert.match(markdown, /^## edge-fw$/m);
    assert.match(markdown, /\| edge-fw \| \d+ \| \d+ \|/);
    assert.match(markdown, /### SSH administration \(`[a-z0-9-]+`\)/);
    assert.match(markdown, /\| noc \| edge-lon-1 \| tcp \| 22 \| corp → dmz \| \*\*missing\*\* \|/);
    assert.match(markdown, /\| allowed \|$/m);
    assert.match(markdown, /SIP/);
    assert.match(markdown, /^## Flows that cross no firewall$/m);
    // Partly allowed flows say which ports are missing.
    const lines = markdown.split("\n");
    const missingRows = lines.filter((line) => /\*\*missing\*\*/.test(line));
    assert.ok(missingRows.length >= 9, `${missingRows.length} missing rows`);
  }));
