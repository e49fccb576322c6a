// Checks of the rules themselves: shadowed-rule and ssh-secondary.
import { test } from "node:test";
import assert from "node:assert/strict";
import { diagnosticsOf, spanText, withCode } from "./analysis-helpers";

const SITE = (rules: string) => `deployment lab { }
zone a 10.1.0.0/16
zone b 10.2.0.0/16
location l
management mgmt { ip 10.1.0.5 }
transcoding conf { ip 10.1.0.11  secondary 10.1.1.11  location l }
admin noc { subnet 10.2.50.0/24 }
firewall fw {
  zones a, b
${rules}
}
`;

test("shadowed-rule: an earlier rule that alone matches everything a later one matches", () => {
  const text = SITE(
    [
      "  allow tcp 443, 8443 from any to @pexip",
      "  deny https from noc to mgmt", // shadowed: 443, a subset of sources and destinations
      "  allow tcp 443, 444 from noc to mgmt", // not: 444 is new
      "  allow tcp 22 sport 1024-65535 from noc to mgmt",
      "  allow tcp 22 from noc to mgmt", // not: source ports 1-1023 are new
      "  allow tcp 22 sport 2000-3000 from noc to mgmt", // shadowed by the rule with the wider sport
      "  allow esp between @pexip",
      "  allow any between @pexip", // not: tcp, udp and icmp are new
    ].join("\n"),
  );
  const shadowed = withCode(diagnosticsOf(text), "shadowed-rule");
  assert.deepEqual(shadowed.map((d) => spanText(text, d)), ["deny https from noc to mgmt", "allow tcp 22 sport 2000-3000 from noc to mgmt"]);
  assert.ok(shadowed.every((d) => d.severity === "warning"));
  assert.deepEqual(shadowed.map((d) => spanText(text, d.related![0])), ["allow tcp 443, 8443 from any to @pexip", "allow tcp 22 sport 1024-65535 from noc to mgmt"]);
});

test("shadowed-rule: a rule with sport never covers esp or icmp", () => {
  const text = SITE(["  allow any sport any between @pexip", "  allow esp between @pexip"].join("\n"));
  assert.deepEqual(withCode(diagnosticsOf(text), "shadowed-rule"), []);
});

test("ssh-secondary: an allow rule that lets tcp 22 reach a secondary but not the primary", () => {
  const text = SITE(
    [
      "  allow ssh from noc to conf.secondary", // warned
      "  allow tcp 20-25 from noc to 10.1.1.0/24", // warned: holds the secondary only
      "  allow ssh from noc to conf", // fine: both interfaces
      "  deny ssh from noc to conf.secondary", // fine: a deny
      "  allow https from noc to conf.secondary", // fine: not ssh
    ].join("\n"),
  );
  const warned = withCode(diagnosticsOf(text), "ssh-secondary");
  assert.deepEqual(warned.map((d) => spanText(text, d)), ["allow ssh from noc to conf.secondary", "allow tcp 20-25 from noc to 10.1.1.0/24"]);
  assert.ok(warned.every((d) => d.severity === "warning" && d.message.includes("conf")));
  assert.equal(spanText(text, warned[0].related![0]), "10.1.1.11");
});
