// The complete example of the language spec's section 1 as a Deployment, and the missing
// flows the spec lists for it: a check of the naive evaluator's own reading.
import type { Deployment, Target } from "./deployment";

const name = (n: string): Target => ({ name: n });

export const SPEC_EXAMPLE: Deployment = {
  name: "acme",
  settings: { version: 36, mediaPorts: [40000, 49999], signalingPorts: [33000, 39999], enable: ["sip-udp"] },
  zones: [
    { name: "corp", prefixes: ["10.10.0.0/16"] },
    { name: "dmz", prefixes: ["198.51.100.0/25"] },
    { name: "internet", prefixes: "any" },
  ],
  locations: [{ name: "oslo" }, { name: "edge-lon", transcoding: "oslo", overflow: ["oslo"] }],
  nodes: [
    { name: "mgmt", role: "management", ip: "10.10.1.5" },
    { name: "conf-oslo-1", role: "transcoding", ip: "10.10.2.11", location: "oslo" },
    { name: "conf-oslo-2", role: "transcoding", ip: "10.10.2.12", location: "oslo" },
    { name: "edge-lon-1", role: "proxying", ip: "198.51.100.11", location: "edge-lon" },
  ],
  peers: [
    { name: "dns1", kind: "dns", ip: "10.10.0.53" },
    { name: "ntp1", kind: "ntp", ip: "10.10.0.123" },
    { name: "lic", kind: "licensing", host: "activation.pexip.com" },
    { name: "noc", kind: "admin", subnet: "10.10.50.0/24" },
    { name: "staff", kind: "endpoints", subnet: "10.10.128.0/17", location: ["oslo"] },
    { name: "guests", kind: "endpoints", zone: "internet", location: ["edge-lon"] },
  ],
  groups: [],
  firewalls: [{
    name: "edge-fw",
    zones: ["corp", "dmz", "internet"],
    rules: [
      { action: "allow", traffic: { service: "ipsec" }, between: [{ builtin: "@pexip" }] },
      { action: "allow", traffic: { service: "https" }, from: [name("mgmt")], to: [name("lic")] },
      { action: "allow", traffic: { protocol: "tcp", ports: [443, 5061] }, from: [name("guests")], to: [{ builtin: "@proxying" }] },
      { action: "allow", traffic: { protocol: "tcp+udp", ports: ["media"] }, from: [name("guests")], to: [name("edge-lon-1")] },
      { action: "allow", traffic: { protocol: "tcp+udp", ports: ["any"] }, from: [name("edge-lon-1")], to: [name("guests")] },
    ],
  }],
};

/** Section 1's list of missing flows, all at edge-fw, in the evaluator's key format. */
export const SPEC_EXAMPLE_MISSING: [string, [number, number][]][] = [
  ["missing-flow|edge-fw|edge-lon-1|dns1|tcp", [[53, 53]]],
  ["missing-flow|edge-fw|edge-lon-1|dns1|udp", [[53, 53]]],
  ["missing-flow|edge-fw|edge-lon-1|ntp1|udp", [[123, 123]]],
  ["missing-flow|edge-fw|guests|edge-lon-1|tcp", [[80, 80], [1720, 1720], [5060, 5060], [33000, 39999]]],
  ["missing-flow|edge-fw|guests|edge-lon-1|udp", [[1719, 1719], [5060, 5060]]],
  ["missing-flow|edge-fw|noc|edge-lon-1|tcp", [[22, 22]]],
];
