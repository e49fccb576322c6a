// Windows Defender Firewall: a PowerShell script of New-NetFirewallRule calls, one inbound
// allow rule per policy rule, all in one group so a rerun first removes what the last run
// added. A network firewall on this host platform becomes inbound rules whose local
// addresses are the destinations. Windows rules take no host names: a host peer becomes an
// empty array variable to fill in, and the rules that need it are skipped until it is.
// Every string is single-quoted (no expansion in PowerShell) and built from plainText.
import type { AddressObject, ExportPolicy, PolicyRule, PortRange } from "../core/export-policy";
import type { GeneratedFile, Generator, GeneratorOptions } from "./generator";
import { fileStem, fqdn, headerLines, identifier, plainText } from "./text-safety";

export const windowsFirewallGenerator: Generator = {
  id: "windows-firewall",
  title: "Windows Defender Firewall (PowerShell)",
  description: "A PowerShell script of New-NetFirewallRule calls (NetSecurity module); run it elevated on the Windows host.",
  languageId: "powershell",
  render(policy: ExportPolicy, options: GeneratorOptions): GeneratedFile[] {
    return [{ name: `${fileStem(policy)}.ps1`, text: renderWindowsFirewall(policy, options) }];
  },
};

/** A PowerShell single-quoted string: only the quote characters need doubling (the typographic ones count too). */
export function psQuote(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201a\u201b]/g, "$&$&")}'`;
}

export function renderWindowsFirewall(policy: ExportPolicy, options: GeneratorOptions): string {
  const group = psQuote(plainText(`pexnet ${policy.firewall.name}`, 120));
  const vars = new HostVariables();
  const rules = policy.rules.flatMap((rule) => ruleLines(rule, group, vars));
  const out: string[] = [...headerLines(policy, options, "Windows Defender Firewall").map((l) => `# ${l}`)];
  out.push(
    "# Run in an elevated PowerShell. Windows applies block rules before allow rules whatever",
    "# their order, so these rules need no placement; an explicit block rule on the same traffic still wins.",
  );
  if (policy.firewall.kind === "network") {
    out.push("# Network firewall rendered as host rules: inbound rules whose local addresses are the destinations; zones are named in the descriptions.");
  }
  out.push("", "#Requires -RunAsAdministrator", "$ErrorActionPreference = 'Stop'", "", "# Rerunning replaces the rules of the previous run.");
  out.push(`Remove-NetFirewallRule -Group ${group} -ErrorAction SilentlyContinue`);
  if (policy.scope === "complete") {
    out.push(
      "",
      "# Block inbound by default. The firewall is stateful: replies of allowed connections pass.",
      "# Other enabled inbound allow rules on the host (built-in ones included) keep applying.",
      "Set-NetFirewallProfile -Profile Domain,Private,Public -Enabled True -DefaultInboundAction Block",
    );
    if (policy.ipv6) {
      out.push(`New-NetFirewallRule -DisplayName ${psQuote(plainText(`pexnet ${policy.firewall.name}: IPv6 neighbour discovery`, 200))} -Direction Inbound -Action Allow -Protocol ICMPv6 -IcmpType 133,134,135,136 -Group ${group}`);
    }
  }
  if (vars.lines.length) {
    out.push("", "# Host peers: Windows firewall rules take IP addresses only. FILL IN each host's addresses,", "# e.g. @('192.0.2.10', '2001:db8::10'); the rules that need an empty one are skipped.", ...vars.lines);
  }
  out.push("", ...rules);
  return `${out.join("\n")}\n`;
}

function ruleLines(rule: PolicyRule, group: string, vars: HostVariables): string[] {
  const zones = rule.fromZone || rule.toZone ? ` (zones ${rule.fromZone ?? "any"} to ${rule.toZone ?? "any"})` : "";
  const remote = addresses(rule.source, vars);
  const local = addresses(rule.destination, vars);
  const args = [
    `-DisplayName ${psQuote(plainText(`pexnet-${rule.index} ${rule.comment}`, 200))}`,
    "-Direction Inbound -Action Allow",
    `-Protocol ${rule.protocol === "esp" ? "50" : rule.protocol.toUpperCase()}`,
  ];
  if (rule.protocol !== "esp") {
    args.push(`-LocalPort ${portList(rule.dstPorts)}`);
    if (rule.srcPorts) args.push(`-RemotePort ${portList(rule.srcPorts)}`);
  }
  args.push(`-RemoteAddress ${remote.expression}`, `-LocalAddress ${local.expression}`);
  args.push(`-Description ${psQuote(plainText(`${rule.comment}${zones} (pexnet rows: ${rule.rows.join(", ")})`, 1000))}`, `-Group ${group}`);
  const call = `New-NetFirewallRule ${args.join(" ")}`;
  const out = [`# pexnet-${rule.index}: ${plainText(rule.comment, 200)}`];
  const conditions = [remote.condition, local.condition].filter((c): c is string => c !== undefined);
  if (!conditions.length) return [...out, call, ""];
  return [...out, `if (${conditions.join(" -and ")}) {`, `    ${call}`, "}", ""];
}

/** A literal list, or (with host peers) an array expression and the condition that it is not empty. */
function addresses(object: AddressObject, vars: HostVariables): { expression: string; condition?: string } {
  const prefixes = [...object.ipv4, ...object.ipv6].map(psQuote);
  if (!object.hosts.length) return { expression: prefixes.join(",") };
  const parts = [`@(${prefixes.join(",")})`, ...object.hosts.map((h) => vars.of(h))];
  const expression = `(${parts.join(" + ")})`;
  return { expression, condition: `${expression}.Count -gt 0` };
}

function portList(ranges: PortRange[]): string {
  return ranges.map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}-${hi}`)).join(",");
}

/** One `$HostAddresses_<host> = @()` placeholder per distinct host name. */
class HostVariables {
  readonly lines: string[] = [];
  private readonly byHost = new Map<string, string>();
  private readonly used = new Set<string>();

  of(host: string): string {
    const known = this.byHost.get(host);
    if (known) return `$${known}`;
    let name: string;
    const wanted = identifier(`HostAddresses_${host}`, 60);
    name = wanted;
    for (let n = 2; this.used.has(name); n++) name = `${wanted}_${n}`;
    this.used.add(name);
    this.byHost.set(host, name);
    const what = fqdn(host) ? `the addresses of ${host}` : `the addresses of host ${plainText(host, 200)} (not a valid host name)`;
    this.lines.push(`$${name} = @()  # FILL IN ${what}`);
    return `$${name}`;
  }
}
