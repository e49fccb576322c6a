import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { CATALOG, rowById, rowsForPeerKind, rowsServingPort } from "../../server/src/core/catalog";
import { PEER_KINDS, type ConfigurablePort, type FlowRow, type PeerKind, type PortTerm } from "../../server/src/core/catalog-types";
import { resolvePortTerms, type PortRanges } from "../../server/src/core/services";
import { IntervalSet, type PortSet } from "../../server/src/core/interval-set";

const DEFAULT_RANGES: PortRanges = { media: [40000, 49999], signaling: [33000, 39999] };
// Ports are compared under a second, moved pair of ranges too, so that a literal
// 40000-49999 written where the seed means "the media range" is caught.
const MOVED_RANGES: PortRanges = { media: [10000, 19999], signaling: [20000, 29999] };
const RANGE_SETTINGS = [DEFAULT_RANGES, MOVED_RANGES];

const p = (n: number): PortTerm => [n, n];
const EPH: PortTerm[] = ["ephemeral"];

// ---------------------------------------------------------------------------------------
// (1) Every row of the seed tables of 000_aeec7e21bf946b73.txt, transcribed.

type NodeRole = "M" | "C";
type Role = NodeRole | PeerKind;
type Protocol = "tcp" | "udp" | "tcp+udp" | "esp";

interface SeedRow {
  /** The seed row, abbreviated, for failure messages. */
  seed: string;
  /** Several roles where the seed names several ("Management Node / Conferencing Node"). */
  from: Role[];
  to: Role[];
  protocol: Protocol;
  dstPorts: PortTerm[];
  /** As the seed gives them; absent where it says <any> or n/a. */
  srcPorts?: PortTerm[];
  /** The seed adds a port range that the administrator configures. */
  configurable?: ConfigurablePort;
  /** Catalog rows that carry this seed row (together). */
  ids: string[];
  /** Where the spec's table reads the seed row differently, the spec's reading. */
  spec?: { dstPorts?: PortTerm[]; srcPorts?: PortTerm[] | "any"; why: string };
}

const MC: NodeRole[] = ["M", "C"];
const CALL: Role[] = ["endpoints", "callcontrol"];

const INTERNODE: SeedRow[] = [
  { seed: "M 500 -> C 500 UDP", from: ["M"], to: ["C"], protocol: "udp", dstPorts: [p(500)], srcPorts: [p(500)], ids: ["ipsec-ike"] },
  { seed: "M -> C ESP", from: ["M"], to: ["C"], protocol: "esp", dstPorts: [], ids: ["ipsec-esp"] },
  { seed: "C 500 -> M / C 500 UDP", from: ["C"], to: MC, protocol: "udp", dstPorts: [p(500)], srcPorts: [p(500)], ids: ["ipsec-ike"] },
  { seed: "C -> M / C ESP", from: ["C"], to: MC, protocol: "esp", dstPorts: [], ids: ["ipsec-esp"] },
];

const ADMINISTRATION: SeedRow[] = [
  { seed: "SSH client -> M / C 22 TCP", from: ["admin"], to: MC, protocol: "tcp", dstPorts: [p(22)], ids: ["admin-ssh"] },
  { seed: "Web browser / API workstation -> M 80*/443 TCP", from: ["admin"], to: ["M"], protocol: "tcp", dstPorts: [p(80), p(443)], ids: ["admin-http", "admin-https"] },
  { seed: "Web browser / API workstation -> C 8443 TCP", from: ["admin"], to: ["C"], protocol: "tcp", dstPorts: [p(8443)], ids: ["admin-provisioning"] },
];

const PERIPHERAL: SeedRow[] = [
  { seed: "M / C 55000-65535 -> DNS server 53 TCP/UDP", from: MC, to: ["dns"], protocol: "tcp+udp", dstPorts: [p(53)], srcPorts: EPH, ids: ["dns"] },
  { seed: "M / C 123, 55000-65535 -> NTP server 123 UDP", from: MC, to: ["ntp"], protocol: "udp", dstPorts: [p(123)], srcPorts: [p(123), "ephemeral"], ids: ["ntp"] },
  { seed: "M 55000-65535 -> licensing server 443 TCP", from: ["M"], to: ["licensing"], protocol: "tcp", dstPorts: [p(443)], srcPorts: EPH, ids: ["licensing"] },
  { seed: "SNMP server -> M / C 161 UDP", from: ["snmp-nms"], to: MC, protocol: "udp", dstPorts: [p(161)], ids: ["snmp-nms-query"] },
  { seed: "Outlook client/add-in -> C 443 TCP", from: ["outlook"], to: ["C"], protocol: "tcp", dstPorts: [p(443)], ids: ["outlook-add-in"] },
  {
    seed: "M 55000-65535 -> FTP server 21 + server's FTP port range TCP", from: ["M"], to: ["ftp"], protocol: "tcp", dstPorts: [p(21)], srcPorts: EPH,
    configurable: { attribute: "ports", mode: "add" }, ids: ["ftp-backup"],
  },
  { seed: "M 55000-65535 -> LDAP server 389/636/3268/3269 TCP", from: ["M"], to: ["ldap"], protocol: "tcp", dstPorts: [p(389), p(636), p(3268), p(3269)], srcPorts: EPH, ids: ["ldap"] },
  { seed: "M / C 55000-65535 -> Web proxy 8080 TCP", from: MC, to: ["web-proxy"], protocol: "tcp", dstPorts: [p(8080)], srcPorts: EPH, ids: ["web-proxy"] },
  { seed: "M / C 55000-65535 -> Incident reporting server 443 TCP", from: MC, to: ["incident-reporting"], protocol: "tcp", dstPorts: [p(443)], srcPorts: EPH, ids: ["incident-reporting"] },
  { seed: "M 55000-65535 -> Usage statistics server 443 TCP", from: ["M"], to: ["usage-statistics"], protocol: "tcp", dstPorts: [p(443)], srcPorts: EPH, ids: ["usage-statistics"] },
  { seed: "M <any> -> Exchange server 443 TCP", from: ["M"], to: ["exchange"], protocol: "tcp", dstPorts: [p(443)], ids: ["exchange-scheduling"] },
  { seed: "M 55000-65535 -> Cloud service 443 TCP", from: ["M"], to: ["cloud-bursting"], protocol: "tcp", dstPorts: [p(443)], srcPorts: EPH, ids: ["cloud-bursting"] },
  // AMQPS runs over TCP; the spec writes it as tcp 5671.
  { seed: "M ephemeral -> Teams Connector Azure Event Hub 5671 AMQPS", from: ["M"], to: ["event-hub"], protocol: "tcp", dstPorts: [p(5671)], srcPorts: EPH, ids: ["event-hub"] },
  { seed: "M 55000-65535 -> SMTP server 587 TCP", from: ["M"], to: ["smtp"], protocol: "tcp", dstPorts: [p(587)], srcPorts: EPH, ids: ["smtp"] },
  {
    seed: "M / C <any> -> SNMP NMS 161 UDP", from: MC, to: ["snmp-nms"], protocol: "udp", dstPorts: [p(161)], ids: ["snmp-nms-report"],
    spec: { srcPorts: EPH, why: "the spec reads every node-started peripheral row but M -> Exchange as leaving from eph" },
  },
  { seed: "M / C 55000-65535 -> Syslog server 514 UDP", from: MC, to: ["syslog"], protocol: "udp", dstPorts: [p(514)], srcPorts: EPH, ids: ["syslog"] },
  {
    seed: "C 55000-65535 -> Event sink server 80/443 TCP", from: ["C"], to: ["event-sink"], protocol: "tcp", dstPorts: [p(80), p(443)], srcPorts: EPH, ids: ["event-sink"],
    spec: { dstPorts: [p(443)], why: "the spec requires 443 unless the peer's `port` replaces it (80 for a plain HTTP sink), not both" },
  },
  { seed: "C 55000-65535 -> AD FS server 443 TCP", from: ["C"], to: ["adfs"], protocol: "tcp", dstPorts: [p(443)], srcPorts: EPH, ids: ["adfs"] },
  { seed: "C 55000-65535 -> OIDC server 443 TCP", from: ["C"], to: ["oidc"], protocol: "tcp", dstPorts: [p(443)], srcPorts: EPH, ids: ["oidc"] },
  { seed: "C 55000-65535 -> Epic server 443 TCP", from: ["C"], to: ["epic"], protocol: "tcp", dstPorts: [p(443)], srcPorts: EPH, ids: ["epic"] },
  { seed: "M 55000-65535 -> OAuth token endpoint 443 TCP", from: ["M"], to: ["oauth"], protocol: "tcp", dstPorts: [p(443)], srcPorts: EPH, ids: ["oauth-token"] },
  { seed: "C 55000-65535 -> OAuth token endpoint 443 TCP", from: ["C"], to: ["oauth"], protocol: "tcp", dstPorts: [p(443)], srcPorts: EPH, ids: ["oauth-token"] },
  { seed: "C 55000-65535 -> graph.microsoft.com 443 TCP", from: ["C"], to: ["graph"], protocol: "tcp", dstPorts: [p(443)], srcPorts: EPH, ids: ["graph"] },
  { seed: "C 55000-65535 -> Exchange on-premises / Office 365 80/443 TCP", from: ["C"], to: ["exchange"], protocol: "tcp", dstPorts: [p(80), p(443)], srcPorts: EPH, ids: ["exchange-one-touch-join"] },
  { seed: "C 55000-65535 -> googleapis.com 443 TCP", from: ["C"], to: ["google-workspace"], protocol: "tcp", dstPorts: [p(443)], srcPorts: EPH, ids: ["google-workspace"] },
  { seed: "C 55000-65535 -> Cisco endpoint API 80/443 TCP", from: ["C"], to: ["cisco-endpoint"], protocol: "tcp", dstPorts: [p(80), p(443)], srcPorts: EPH, ids: ["cisco-endpoint-api"] },
  { seed: "C 55000-65535 -> Cisco Webex cloud 443 TCP", from: ["C"], to: ["webex-cloud"], protocol: "tcp", dstPorts: [p(443)], srcPorts: EPH, ids: ["webex-cloud"] },
  { seed: "Poly endpoint -> C 443 TCP", from: ["poly-endpoint"], to: ["C"], protocol: "tcp", dstPorts: [p(443)], ids: ["poly-endpoint"] },
  { seed: "Cisco endpoint -> C 443 TCP", from: ["cisco-endpoint"], to: ["C"], protocol: "tcp", dstPorts: [p(443)], ids: ["cisco-endpoint-macro"] },
];

const endpointAndCallControl = (what: string): string[] => [`endpoint-${what}`, `callcontrol-${what}`];
const toEndpointAndCallControl = (what: string): string[] => [`node-to-endpoint-${what}`, `node-to-callcontrol-${what}`];

const SIGNALING_AND_MEDIA: SeedRow[] = [
  // The seed names only endpoints here, but its note adds SfB conference avatars; the
  // spec turns that into its own sfb row (peer -> C tcp 80).
  { seed: "Endpoint -> C 80 TCP (also SfB avatars)", from: ["endpoints", "sfb"], to: ["C"], protocol: "tcp", dstPorts: [p(80)], ids: ["endpoint-http-redirect", "sfb-avatars"] },
  { seed: "Endpoint -> C 443 TCP", from: ["endpoints"], to: ["C"], protocol: "tcp", dstPorts: [p(443)], ids: ["endpoint-https"] },
  { seed: "Endpoint / call control system -> C 1719 UDP", from: CALL, to: ["C"], protocol: "udp", dstPorts: [p(1719)], ids: endpointAndCallControl("h323-ras") },
  { seed: "Endpoint / call control system -> C 1720 TCP", from: CALL, to: ["C"], protocol: "tcp", dstPorts: [p(1720)], ids: endpointAndCallControl("h323-call-setup") },
  { seed: "Endpoint / call control system -> C 33000-39999 TCP", from: CALL, to: ["C"], protocol: "tcp", dstPorts: ["signaling"], ids: endpointAndCallControl("h323-h245") },
  { seed: "Endpoint / call control system -> C 5060 TCP", from: CALL, to: ["C"], protocol: "tcp", dstPorts: [p(5060)], ids: endpointAndCallControl("sip-tcp") },
  { seed: "Endpoint / call control system -> C 5061 TCP", from: CALL, to: ["C"], protocol: "tcp", dstPorts: [p(5061)], ids: endpointAndCallControl("sip-tls") },
  // The Connect apps are endpoints.
  {
    seed: "Endpoint / call control system / SfB / Connect app -> C 40000-49999 TCP/UDP", from: [...CALL, "sfb"], to: ["C"], protocol: "tcp+udp", dstPorts: ["media"],
    ids: [...endpointAndCallControl("media"), "sfb-media"],
  },
  { seed: "C 33000-39999 -> Endpoint / call control system 1719 UDP", from: ["C"], to: CALL, protocol: "udp", dstPorts: [p(1719)], srcPorts: ["signaling"], ids: toEndpointAndCallControl("h323-ras") },
  // "1720 / <any>": 1720, or any port towards a device registered to Pexip.
  {
    seed: "C 33000-39999 -> Endpoint / call control system 1720/<any> TCP", from: ["C"], to: CALL, protocol: "tcp", dstPorts: ["any"], srcPorts: ["signaling"],
    ids: [...toEndpointAndCallControl("h323-call-setup"), ...toEndpointAndCallControl("h323-h245")],
  },
  { seed: "C 33000-39999 -> Endpoint / call control system <any> TCP", from: ["C"], to: CALL, protocol: "tcp", dstPorts: ["any"], srcPorts: ["signaling"], ids: toEndpointAndCallControl("h323-h245") },
  { seed: "C 33000-39999 -> Endpoint / call control system 5060 TCP/UDP", from: ["C"], to: CALL, protocol: "tcp+udp", dstPorts: [p(5060)], srcPorts: ["signaling"], ids: toEndpointAndCallControl("sip") },
  { seed: "C 33000-39999 -> Endpoint / call control system 5061 TCP", from: ["C"], to: CALL, protocol: "tcp", dstPorts: [p(5061)], srcPorts: ["signaling"], ids: toEndpointAndCallControl("sip-tls") },
  {
    seed: "C 40000-49999 -> Endpoint / call control system / SfB / Connect app <any> TCP/UDP", from: ["C"], to: [...CALL, "sfb"], protocol: "tcp+udp", dstPorts: ["any"], srcPorts: ["media"],
    ids: [...toEndpointAndCallControl("media"), "node-to-sfb-media"],
  },
  { seed: "C 40000-49999 -> STUN / TURN server 3478 UDP", from: ["C"], to: ["stun"], protocol: "udp", dstPorts: [p(3478)], srcPorts: ["media"], ids: ["stun-turn"] },
  { seed: "C 40000-49999 -> RTMP streaming server 1935 TCP", from: ["C"], to: ["rtmp"], protocol: "tcp", dstPorts: [p(1935)], srcPorts: ["media"], ids: ["rtmp-streaming"] },
  // The spec folds both SfB/Lync PowerPoint rows into one sfb row: tcp 443, 8057.
  { seed: "C 55000-65535 -> SfB/Lync Web Conferencing service 443/8057 TCP", from: ["C"], to: ["sfb"], protocol: "tcp", dstPorts: [p(443), p(8057)], srcPorts: EPH, ids: ["node-to-sfb-psom"] },
  { seed: "C 55000-65535 -> SfB/Lync Front End / Edge / WAC server 443 TCP", from: ["C"], to: ["sfb"], protocol: "tcp", dstPorts: [p(443)], srcPorts: EPH, ids: ["node-to-sfb-psom"] },
  { seed: "Endpoint / call control system -> C 5060 UDP", from: CALL, to: ["C"], protocol: "udp", dstPorts: [p(5060)], ids: endpointAndCallControl("sip-udp") },
  { seed: "Google Meet 19302-19309 -> C 40000-49999 UDP", from: ["google-meet"], to: ["C"], protocol: "udp", dstPorts: ["media"], srcPorts: [[19302, 19309]], ids: ["google-meet-media"] },
  // Teams clients reading the dial-in instructions are web clients: the endpoints 443 row.
  { seed: "Client application -> C 443 TCP", from: ["endpoints"], to: ["C"], protocol: "tcp", dstPorts: [p(443)], ids: ["endpoint-https"] },
  {
    seed: "Teams Connector ephemeral -> C 443/4277 TCP", from: ["teams-connector"], to: ["C"], protocol: "tcp", dstPorts: [p(443), p(4277)], srcPorts: EPH, ids: ["teams-connector-signaling"],
    spec: { srcPorts: "any", why: "the Teams Connector's own ephemeral ports are not Pexip's 55000-65535; the spec gives no source port" },
  },
  { seed: "Teams Connector 50000-54999 -> C 40000-49999 UDP", from: ["teams-connector"], to: ["C"], protocol: "udp", dstPorts: ["media"], srcPorts: [[50000, 54999]], ids: ["teams-connector-media"] },
  { seed: "C 33000-39999 -> Google Meet 443 TCP", from: ["C"], to: ["google-meet"], protocol: "tcp", dstPorts: [p(443)], srcPorts: ["signaling"], ids: ["node-to-google-meet-signaling"] },
  { seed: "C 40000-49999 -> Google Meet 19302-19309 UDP", from: ["C"], to: ["google-meet"], protocol: "udp", dstPorts: [[19302, 19309]], srcPorts: ["media"], ids: ["node-to-google-meet-media"] },
  { seed: "C 33000-39999 -> Teams Connector load balancer / instance 443 TCP", from: ["C"], to: ["teams-connector"], protocol: "tcp", dstPorts: [p(443)], srcPorts: ["signaling"], ids: ["node-to-teams-connector-signaling"] },
  { seed: "C 40000-49999 -> Teams Connector instance 50000-54999 UDP", from: ["C"], to: ["teams-connector"], protocol: "udp", dstPorts: [[50000, 54999]], srcPorts: ["media"], ids: ["node-to-teams-connector-media"] },
];

const SEED_ROWS: SeedRow[] = [...INTERNODE, ...ADMINISTRATION, ...PERIPHERAL, ...SIGNALING_AND_MEDIA];

/** Catalog rows no seed row accounts for, each with the reason. None today. */
const ROWS_ONLY_IN_SPEC = new Map<string, string>();

// A required connection reduced to (from role, to role, one protocol) -> destination ports.
type Expansion = Map<string, PortSet>;

const isNodeRole = (role: Role): role is NodeRole => role === "M" || role === "C";
const singleProtocols = (protocol: Protocol): string[] => (protocol === "tcp+udp" ? ["tcp", "udp"] : [protocol]);
const portsOf = (terms: readonly PortTerm[], protocol: string, ranges: PortRanges): PortSet =>
  protocol === "esp" ? IntervalSet.ofNumbers([[0, 0]]) : resolvePortTerms(terms, ranges);
const srcPortsOf = (terms: readonly PortTerm[] | undefined, ranges: PortRanges): PortSet => resolvePortTerms(terms ?? ["any"], ranges);

function addTo(expansion: Expansion, key: string, ports: PortSet): void {
  expansion.set(key, (expansion.get(key) ?? IntervalSet.ofNumbers()).union(ports));
}

function expandSeed(row: SeedRow, ranges: PortRanges): Expansion {
  const out: Expansion = new Map();
  const dst = row.spec?.dstPorts ?? row.dstPorts;
  for (const from of row.from)
    for (const to of row.to)
      for (const protocol of singleProtocols(row.protocol)) addTo(out, `${from} > ${to} ${protocol}`, portsOf(dst, protocol, ranges));
  return out;
}

function nodeRoles(row: FlowRow): NodeRole[] {
  return row.nodes === "management" ? ["M"] : row.nodes === "conferencing" ? ["C"] : ["M", "C"];
}

function expandCatalog(row: FlowRow, ranges: PortRanges): Expansion {
  const nodes = nodeRoles(row);
  const pairs: [Role, Role][] =
    row.direction === "node-to-node"
      ? nodes.flatMap((a) => nodes.filter((b) => !(a === "M" && b === "M")).map((b): [Role, Role] => [a, b]))
      : row.direction === "node-to-peer"
        ? nodes.map((n): [Role, Role] => [n, row.peerKind as PeerKind])
        : nodes.map((n): [Role, Role] => [row.peerKind as PeerKind, n]);
  const out: Expansion = new Map();
  for (const [from, to] of pairs)
    for (const protocol of singleProtocols(row.protocol)) addTo(out, `${from} > ${to} ${protocol}`, portsOf(row.dstPorts, protocol, ranges));
  return out;
}

function seedDirection(row: SeedRow): FlowRow["direction"] {
  const fromNodes = row.from.every(isNodeRole);
  const toNodes = row.to.every(isNodeRole);
  return fromNodes && toNodes ? "node-to-node" : fromNodes ? "node-to-peer" : "peer-to-node";
}

test("every seed row maps to existing catalog rows with its direction, roles, protocol and source ports", () => {
  for (const seedRow of SEED_ROWS) {
    assert.ok(seedRow.ids.length > 0, `${seedRow.seed}: no catalog id`);
    const peerRoles = [...seedRow.from, ...seedRow.to].filter((role) => !isNodeRole(role));
    for (const id of seedRow.ids) {
      const row = rowById(id);
      assert.ok(row, `${seedRow.seed}: unknown catalog id ${id}`);
      const where = `${seedRow.seed} -> ${id}`;
      assert.equal(row.direction, seedDirection(seedRow), `${where}: direction`);
      if (row.direction === "node-to-node") assert.equal(row.peerKind, "internode", `${where}: peer kind`);
      else assert.ok(peerRoles.includes(row.peerKind as PeerKind), `${where}: peer kind ${row.peerKind} not in ${peerRoles.join(", ")}`);
      assert.ok(singleProtocols(row.protocol).every((proto) => singleProtocols(seedRow.protocol).includes(proto)), `${where}: protocol ${row.protocol}`);
      const seedSource = seedRow.spec?.srcPorts === "any" ? undefined : (seedRow.spec?.srcPorts ?? seedRow.srcPorts);
      for (const ranges of RANGE_SETTINGS)
        assert.ok(srcPortsOf(row.srcPorts, ranges).equals(srcPortsOf(seedSource, ranges)), `${where}: source ports ${JSON.stringify(row.srcPorts)}`);
      if (seedRow.configurable) assert.deepEqual(row.configurablePort, seedRow.configurable, `${where}: configurable port`);
    }
  }
});

test("nothing in the seed is missing: the mapped rows cover every (from, to, protocol) of each seed row with its ports", () => {
  for (const ranges of RANGE_SETTINGS) {
    for (const seedRow of SEED_ROWS) {
      const covered: Expansion = new Map();
      for (const id of seedRow.ids) for (const [key, ports] of expandCatalog(rowById(id)!, ranges)) addTo(covered, key, ports);
      for (const [key, ports] of expandSeed(seedRow, ranges)) {
        const have = covered.get(key);
        assert.ok(have, `${seedRow.seed}: no mapped row carries ${key}`);
        assert.ok(ports.isSubsetOf(have), `${seedRow.seed}: ${key} ports ${JSON.stringify(ports.subtract(have).ranges())} missing`);
      }
    }
  }
});

test("nothing is added or turned around: every catalog row is accounted for by the seed rows mapped to it", () => {
  for (const ranges of RANGE_SETTINGS) {
    for (const row of CATALOG) {
      if (ROWS_ONLY_IN_SPEC.has(row.id)) continue;
      const mapped = SEED_ROWS.filter((seedRow) => seedRow.ids.includes(row.id));
      assert.ok(mapped.length > 0, `${row.id}: no seed row maps to it`);
      const fromSeed: Expansion = new Map();
      for (const seedRow of mapped) for (const [key, ports] of expandSeed(seedRow, ranges)) addTo(fromSeed, key, ports);
      for (const [key, ports] of expandCatalog(row, ranges)) {
        const have = fromSeed.get(key);
        assert.ok(have, `${row.id}: ${key} appears in no mapped seed row`);
        assert.ok(ports.isSubsetOf(have), `${row.id}: ${key} ports ${JSON.stringify(ports.subtract(have).ranges())} not in the seed`);
      }
    }
  }
});

// ---------------------------------------------------------------------------------------
// (2) Shape of the catalog and the spec's table (conditions, interfaces, configurable ports).

test("ids are unique, kebab-case, and rowById finds each row", () => {
  const ids = CATALOG.map((row) => row.id);
  assert.equal(new Set(ids).size, ids.length, "duplicate ids");
  for (const row of CATALOG) {
    assert.match(row.id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, row.id);
    assert.equal(rowById(row.id), row);
  }
  assert.equal(rowById("no-such-row"), undefined);
});

test("every peer kind and the inter-node rows have at least one row", () => {
  for (const kind of [...PEER_KINDS, "internode" as const]) {
    const rows = rowsForPeerKind(kind);
    assert.ok(rows.length > 0, `${kind} has no row`);
    assert.ok(rows.every((row) => row.peerKind === kind));
  }
  assert.equal(
    [...PEER_KINDS, "internode" as const].reduce((sum, kind) => sum + rowsForPeerKind(kind).length, 0),
    CATALOG.length,
  );
});

test("rows are well formed: esp only between nodes and without ports, tcp/udp with ports", () => {
  for (const row of CATALOG) {
    if (row.protocol === "esp") {
      assert.equal(row.direction, "node-to-node", row.id);
      assert.deepEqual(row.dstPorts, [], row.id);
      assert.equal(row.srcPorts, undefined, row.id);
    } else {
      assert.ok(row.dstPorts.length > 0, row.id);
    }
    assert.equal(row.direction === "node-to-node", row.peerKind === "internode", row.id);
    assert.equal(row.seed.document, "000_aeec7e21bf946b73.txt", row.id);
    assert.ok(row.seed.table.trim() && row.seed.row.trim(), row.id);
  }
});

test("conditions follow the spec's table", () => {
  const expected: Record<string, FlowRow["condition"]> = {
    "admin-ssh": { feature: "ssh" },
    "admin-http": { feature: "admin-http" },
    "admin-provisioning": { feature: "provisioning" },
    "endpoint-sip-udp": { feature: "sip-udp" },
    "callcontrol-sip-udp": { feature: "sip-udp" },
    "endpoint-http-redirect": { feature: "http-redirect" },
    licensing: { notWithWebProxy: true },
    "incident-reporting": { notWithWebProxy: true },
    "usage-statistics": { notWithWebProxy: true },
  };
  for (const row of CATALOG) assert.deepEqual(row.condition, expected[row.id], row.id);
});

test("configurable ports follow the spec: ftp adds its range, web proxy and event sink replace theirs", () => {
  const expected: Record<string, FlowRow["configurablePort"]> = {
    "ftp-backup": { attribute: "ports", mode: "add" },
    "web-proxy": { attribute: "port", mode: "replace" },
    "event-sink": { attribute: "port", mode: "replace" },
  };
  for (const row of CATALOG) assert.deepEqual(row.configurablePort, expected[row.id], row.id);
});

test("interface rules follow spec section 3", () => {
  const signalingKinds = new Set<string>(["endpoints", "callcontrol", "stun", "rtmp", "sfb", "google-meet", "teams-connector"]);
  const callingInKinds = new Set<string>(["outlook", "cisco-endpoint", "poly-endpoint"]);
  for (const row of CATALOG) {
    const expected =
      row.peerKind === "internode" || row.peerKind === "admin"
        ? "primary"
        : signalingKinds.has(row.peerKind) || (callingInKinds.has(row.peerKind) && row.direction === "peer-to-node")
          ? "signaling"
          : "closest";
    assert.equal(row.interface, expected, row.id);
  }
});

// The seeds live outside the repository (shared by the team); PEXNET_SEEDS_DIR overrides.
function findSeedDir(): string | undefined {
  if (process.env.PEXNET_SEEDS_DIR) return process.env.PEXNET_SEEDS_DIR;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    for (const candidate of [join(dir, "shared", "seeds"), join(dir, "seeds")])
      if (existsSync(join(candidate, "000_aeec7e21bf946b73.txt"))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

const words = (text: string): string[] => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

test("short and long texts are present and written in our own words (no 8 words in a row from a seed)", (t) => {
  for (const row of CATALOG) {
    assert.ok(row.short.trim().length > 0, `${row.id}: empty short`);
    assert.ok(row.long.trim().length > 0, `${row.id}: empty long`);
  }
  const seedDir = findSeedDir();
  if (!seedDir) {
    t.skip("seed documents not found (set PEXNET_SEEDS_DIR)");
    return;
  }
  const WINDOW = 8;
  const seedWindows = new Set<string>();
  for (const file of ["000_aeec7e21bf946b73.txt", "002_1c3964e2ed6e3f65.txt"]) {
    const seedWords = words(readFileSync(join(seedDir, file), "utf8"));
    for (let i = 0; i + WINDOW <= seedWords.length; i++) seedWindows.add(seedWords.slice(i, i + WINDOW).join(" "));
  }
  assert.ok(seedWindows.size > 1000, "seed text looks truncated");
  for (const row of CATALOG) {
    for (const text of [row.short, row.long]) {
      const textWords = words(text);
      for (let i = 0; i + WINDOW <= textWords.length; i++) {
        const window = textWords.slice(i, i + WINDOW).join(" ");
        assert.ok(!seedWindows.has(window), `${row.id} copies the seed: "${window}"`);
      }
    }
  }
});

// ---------------------------------------------------------------------------------------
// (3) rowsServingPort

const idsServing = (protocol: "tcp" | "udp", port: number, ranges = DEFAULT_RANGES): string[] =>
  rowsServingPort(protocol, port, ranges).map((row) => row.id).sort();

test("rowsServingPort: 5061 is SIP over TLS, both ways, for endpoints and call control", () => {
  assert.deepEqual(idsServing("tcp", 5061), ["callcontrol-sip-tls", "endpoint-sip-tls", "node-to-callcontrol-sip-tls", "node-to-endpoint-sip-tls"]);
  assert.deepEqual(idsServing("udp", 5061), []);
});

test("rowsServingPort: 40000 is the media range by default, and not once the range moves", () => {
  assert.deepEqual(idsServing("udp", 40000), ["callcontrol-media", "endpoint-media", "google-meet-media", "sfb-media", "teams-connector-media"]);
  assert.deepEqual(idsServing("tcp", 40000), ["callcontrol-media", "endpoint-media", "sfb-media"]);
  assert.deepEqual(idsServing("udp", 40000, MOVED_RANGES), []);
  assert.deepEqual(idsServing("udp", 10000, MOVED_RANGES), ["callcontrol-media", "endpoint-media", "google-meet-media", "sfb-media", "teams-connector-media"]);
  assert.deepEqual(idsServing("tcp", 20000, MOVED_RANGES), ["callcontrol-h323-h245", "endpoint-h323-h245"]);
});

test("rowsServingPort: a port Pexip does not use serves nothing, even though media goes to any port", () => {
  assert.deepEqual(idsServing("tcp", 12345), []);
  assert.deepEqual(idsServing("udp", 12345), []);
});

test("rowsServingPort: 443 lists its many uses, 53 is DNS on both protocols", () => {
  const https = idsServing("tcp", 443);
  for (const id of ["admin-https", "endpoint-https", "licensing", "teams-connector-signaling", "node-to-sfb-psom", "event-sink"]) assert.ok(https.includes(id), id);
  assert.deepEqual(idsServing("udp", 53), ["dns"]);
  assert.deepEqual(idsServing("tcp", 53), ["dns"]);
});
