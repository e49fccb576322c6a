// `pexnet export` through the real bin/pexnet.js: choosing firewalls, platforms and scopes,
// writing files without ever overwriting silently, and refusing files with errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

import { GENERATORS } from "../../server/src/generators/index";
import { makeTempDir, runPexnet } from "./run-cli";

test("--list-platforms lists every platform id with its title", () => {
  const run = runPexnet(["export", "--list-platforms"]);
  assert.equal(run.status, 0);
  const lines = run.stdout.trim().split("\n");
  assert.equal(lines.length, GENERATORS.length);
  GENERATORS.forEach((g, i) => assert.ok(lines[i].startsWith(g.id) && lines[i].includes(g.title), lines[i]));
});

test("one firewall: exported to stdout without --firewall; complete is the default scope", () => {
  const run = runPexnet(["export", "examples/acme.pexnet", "--platform", "nftables"]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^#!\/usr\/sbin\/nft -f/);
  assert.match(run.stdout, /Scope complete/);
  assert.match(run.stdout, /policy drop;/);
});

test("scope missing exports only what the firewall drops today", () => {
  const complete = runPexnet(["export", "examples/acme.pexnet", "-p", "nftables"]).stdout;
  const missing = runPexnet(["export", "examples/acme.pexnet", "-p", "nftables", "--scope", "missing"]).stdout;
  const rules = (text: string) => text.split("\n").filter((l) => / accept comment /.test(l) && !/neighbour/.test(l)).length;
  assert.ok(rules(missing) > 0 && rules(missing) < rules(complete), `${rules(missing)} vs ${rules(complete)}`);
  assert.match(missing, /insert rule inet filter forward jump/);
  const chain = runPexnet(["export", "examples/acme.pexnet", "-p", "nftables", "-s", "missing", "--table", "fw", "--chain", "fwd"]).stdout;
  assert.match(chain, /insert rule inet fw fwd jump/);
});

test("several firewalls and neither --firewall nor --all: an error listing them", () => {
  const run = runPexnet(["export", "examples/internet-edge.pexnet", "-p", "nftables"]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /has 3 firewalls: choose one with --firewall, or --all; its firewalls are: inside-fw, egress-fw, outside-fw/);
  assert.equal(run.stdout, "");
});

test("usage errors: unknown platform, unknown firewall, no platform, both --firewall and --all", () => {
  const cases: [string[], RegExp][] = [
    [["export", "examples/acme.pexnet", "-p", "nope"], /unknown platform "nope"; the platforms are: nftables/],
    [["export", "examples/acme.pexnet", "-p", "nftables", "--firewall", "nope"], /has no firewall "nope"; its firewalls are: edge-fw/],
    [["export", "examples/acme.pexnet"], /choose a platform with --platform/],
    [["export", "examples/acme.pexnet", "-p", "nftables", "--all", "--firewall", "edge-fw"], /either --firewall or --all/],
    [["export", "examples/acme.pexnet", "-p", "nftables", "--scope", "most"], /invalid/],
    [["export", "examples/acme.pexnet", "-p", "nftables", "-s", "missing", "--priority", "x"], /whole number/],
    [["export", "no-such-file.pexnet", "-p", "nftables"], /cannot read file/],
  ];
  for (const [args, message] of cases) {
    const run = runPexnet(args);
    assert.equal(run.status, 2, `${args.join(" ")}: ${run.stderr}`);
    assert.match(run.stderr, message, args.join(" "));
  }
});

test("a file with errors that would make the rules wrong is refused with the located errors", () => {
  const dir = makeTempDir();
  const file = path.join(dir, "broken.pexnet");
  const text = fs.readFileSync("examples/acme.pexnet", "utf8").replace("allow https from mgmt to lic", "allow https from mgmt to licence");
  assert.notEqual(text, fs.readFileSync("examples/acme.pexnet", "utf8"), "the example changed: adjust the edit");
  fs.writeFileSync(file, text);
  const run = runPexnet(["export", file, "-p", "nftables"]);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /broken\.pexnet:\d+:\d+: error \[unknown-name\]/);
  assert.match(run.stderr, /fix them first/);
  assert.equal(run.stdout, "");
});

test("-o writes the file, refuses to overwrite it, and --force replaces it", () => {
  const dir = makeTempDir();
  const target = path.join(dir, "edge.nft");
  assert.equal(runPexnet(["export", "examples/acme.pexnet", "-p", "nftables", "-o", target]).status, 0);
  const first = fs.readFileSync(target, "utf8");
  assert.match(first, /table inet pexnet_edge_fw \{/);
  fs.writeFileSync(target, "keep me\n");
  const again = runPexnet(["export", "examples/acme.pexnet", "-p", "nftables", "-o", target]);
  assert.equal(again.status, 2);
  assert.match(again.stderr, /exists; not overwritten \(use --force/);
  assert.equal(fs.readFileSync(target, "utf8"), "keep me\n");
  assert.equal(runPexnet(["export", "examples/acme.pexnet", "-p", "nftables", "-o", target, "--force"]).status, 0);
  assert.equal(fs.readFileSync(target, "utf8"), first);
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp")), [], "no temporary files left");
});

test("--all -o DIR writes one file per firewall, and nothing when any target exists", () => {
  const dir = path.join(makeTempDir(), "rules");
  const run = runPexnet(["export", "examples/internet-edge.pexnet", "--all", "-p", "nftables", "-o", dir]);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(fs.readdirSync(dir).sort(), ["egress-fw.nft", "inside-fw.nft", "outside-fw.nft"]);
  fs.rmSync(path.join(dir, "inside-fw.nft"));
  fs.writeFileSync(path.join(dir, "outside-fw.nft"), "mine\n");
  const again = runPexnet(["export", "examples/internet-edge.pexnet", "--all", "-p", "nftables", "-o", dir]);
  assert.equal(again.status, 2);
  assert.ok(!fs.existsSync(path.join(dir, "inside-fw.nft")), "checked every target before writing any");
  assert.equal(fs.readFileSync(path.join(dir, "outside-fw.nft"), "utf8"), "mine\n");
});

test("--all without -o prints every firewall under a header", () => {
  const run = runPexnet(["export", "examples/internet-edge.pexnet", "--all", "-p", "nftables"]);
  assert.equal(run.status, 0);
  for (const name of ["inside-fw", "egress-fw", "outside-fw"]) assert.match(run.stdout, new RegExp(`^==> ${name} <==$`, "m"));
});
