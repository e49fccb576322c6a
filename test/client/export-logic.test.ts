// The export command's decisions that need no VS Code: reading its argument, the defaults
// each picker starts on, where files go and that nothing is ever overwritten silently.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { scratchDir } from "../scratch-dir";
import {
  defaultChoice,
  defaultFirst,
  defaultSavePath,
  performWrites,
  planWrites,
  readExportArgs,
  readGeneratedRulesArgs,
  statusText,
  type ExportTargets,
} from "../../client/src/export-logic";

const targets: ExportTargets = {
  firewalls: [
    { name: "core-fw", kind: "network", missing: 0 },
    { name: "edge-fw", kind: "network", missing: 9 },
  ],
  platforms: [
    { id: "nftables", title: "nftables", description: "" },
    { id: "iptables", title: "iptables", description: "" },
    { id: "pf", title: "pf", description: "" },
  ],
  scopes: ["complete", "missing"],
};

test("the command's argument: whatever a palette, a lens, an action or a test passes", () => {
  assert.deepEqual(readExportArgs(undefined), {});
  assert.deepEqual(readExportArgs("edge-fw"), {});
  assert.deepEqual(readExportArgs({ uri: "file:///a.pexnet", firewall: "edge-fw" }), {
    uri: "file:///a.pexnet", firewall: "edge-fw", platform: undefined, scope: undefined, target: undefined, overwrite: false,
  });
  const full = readExportArgs({ uri: "u", firewall: "f", platform: "pf", scope: "missing", target: "/tmp/x", overwrite: true });
  assert.deepEqual(full, { uri: "u", firewall: "f", platform: "pf", scope: "missing", target: "/tmp/x", overwrite: true });
  assert.equal(readExportArgs({ scope: "everything", overwrite: "yes" }).scope, undefined);
  assert.equal(readExportArgs({ overwrite: "yes" }).overwrite, false, "only overwrite === true overwrites");
  assert.equal(readGeneratedRulesArgs({ uri: "u", firewall: "f" }), undefined);
  assert.deepEqual(readGeneratedRulesArgs({ uri: "u", firewall: "f", platform: "nftables", scope: "missing", rows: ["ssh", 3] }), {
    uri: "u", firewall: "f", platform: "nftables", scope: "missing", rows: ["ssh"],
  });
});

test("pickers start on the remembered choice, else the setting, else nftables; a firewall with missing flows first", () => {
  assert.deepEqual(defaultChoice(targets, {}, undefined), { firewall: "edge-fw", platform: "nftables", scope: "complete" });
  assert.deepEqual(defaultChoice(targets, {}, "pf"), { firewall: "edge-fw", platform: "pf", scope: "complete" });
  assert.deepEqual(defaultChoice(targets, { firewall: "core-fw", platform: "iptables", scope: "missing" }, "pf"), {
    firewall: "core-fw", platform: "iptables", scope: "missing",
  });
  // A remembered firewall or platform that no longer exists is skipped.
  assert.deepEqual(defaultChoice(targets, { firewall: "gone", platform: "gone" }, "also-gone"), { firewall: "edge-fw", platform: "nftables", scope: "complete" });
  assert.equal(defaultChoice({ ...targets, platforms: [{ id: "csv", title: "", description: "" }] }, {}, undefined).platform, "csv");
  assert.deepEqual(defaultFirst([1, 2, 3], (n) => n === 3), [3, 1, 2]);
  assert.deepEqual(defaultFirst([1, 2, 3], (n) => n === 9), [1, 2, 3]);
});

test("one file goes to the target (or into it when it is a folder); several go under the target folder", () => {
  const dir = scratchDir("pexnet-plan-");
  const one = planWrites(join(dir, "sub", "edge.nft"), [{ name: "edge-fw.nft", text: "x" }], false);
  assert.ok(one.ok);
  assert.equal(one.written, join(dir, "sub", "edge.nft"));
  assert.deepEqual(one.writes.map((w) => w.path), [join(dir, "sub", "edge.nft")]);
  performWrites(one.writes);
  assert.equal(readFileSync(join(dir, "sub", "edge.nft"), "utf8"), "x", "folders are created");

  const intoFolder = planWrites(dir, [{ name: "edge-fw.nft", text: "y" }], false);
  assert.ok(intoFolder.ok);
  assert.deepEqual(intoFolder.writes.map((w) => w.path), [join(dir, "edge-fw.nft")]);

  const several = planWrites(join(dir, "capirca"), [
    { name: "policies/pol/edge-fw.pol", text: "p" },
    { name: "def/NETWORK.net", text: "n" },
  ], false);
  assert.ok(several.ok);
  assert.equal(several.written, join(dir, "capirca"));
  performWrites(several.writes);
  assert.equal(readFileSync(join(dir, "capirca", "def", "NETWORK.net"), "utf8"), "n");

  const onAFile = planWrites(join(dir, "sub", "edge.nft"), [{ name: "a", text: "" }, { name: "b", text: "" }], false);
  assert.equal(onAFile.ok, false);
  for (const name of ["../escape", "/etc/passwd", "a/../../b", "C:\\x"]) {
    const plan = planWrites(join(dir, "x"), [{ name, text: "" }, { name: "ok", text: "" }], true);
    assert.equal(plan.ok, false, name);
  }
});

test("nothing is overwritten without overwrite: true, and a refusal writes nothing at all", () => {
  const dir = scratchDir("pexnet-plan-");
  const file = join(dir, "edge.nft");
  writeFileSync(file, "mine");
  const refused = planWrites(file, [{ name: "edge-fw.nft", text: "new" }], false);
  assert.equal(refused.ok, false);
  assert.match((refused as { reason: string }).reason, /already exists/);
  const replaced = planWrites(file, [{ name: "edge-fw.nft", text: "new" }], true);
  assert.ok(replaced.ok && replaced.writes[0].exists);

  mkdirSync(join(dir, "multi"));
  writeFileSync(join(dir, "multi", "v6.rules"), "mine");
  const partly = planWrites(join(dir, "multi"), [{ name: "v4.rules", text: "4" }, { name: "v6.rules", text: "6" }], false);
  assert.equal(partly.ok, false);
  assert.equal(existsSync(join(dir, "multi", "v4.rules")), false);
  assert.equal(readFileSync(join(dir, "multi", "v6.rules"), "utf8"), "mine");
});

test("the Save dialog starts next to the .pexnet file", () => {
  assert.equal(defaultSavePath("/work/site/acme.pexnet", "edge-fw.nft", "/fallback"), join("/work/site", "edge-fw.nft"));
  assert.equal(defaultSavePath(undefined, "edge-fw.nft", "/fallback"), join("/fallback", "edge-fw.nft"));
});

test("status bar text: missing flows, other errors, or all allowed", () => {
  assert.equal(statusText({ missing: 9, errors: 0 }).text, "$(shield) pexnet: 9 flows missing");
  assert.equal(statusText({ missing: 1, errors: 2 }).text, "$(shield) pexnet: 1 flow missing, 2 errors");
  assert.equal(statusText({ missing: 0, errors: 1 }).text, "$(error) pexnet: 1 error");
  assert.equal(statusText({ missing: 0, errors: 0 }).text, "$(check) pexnet: all required flows allowed");
});
