// The required flows of the spec's section 6, written from the table by hand (not from the
// engine's catalog), for a deployment read through the naive model. Interface choice,
// location scoping and the proxying exception follow sections 3 and 6.
import type { Peer, PeerKind, PexipNode } from "./deployment";
import { ALL_PORTS, EPHEMERAL, Interval, ipv4Interval, union } from "./intervals";
import type { NaiveModel } from "./naive-model";
import type { Routing } from "./naive-routing";

export type FlowProtocol = "tcp" | "udp" | "esp";

/** One concrete required flow: both ends resolved to addresses and a zone. */
export interface RequiredFlow {
  from: string;
  to: string;
  fromAddresses: Interval[];
  toAddresses: Interval[];
  fromZone: string | undefined;
  toZone: string | undefined;
  protocol: FlowProtocol;
  /** Destination ports; esp uses the single pseudo-port 0. */
  dports: Interval[];
  /** Source ports; esp uses the single pseudo-port 0. */
  sports: Interval[];
  /** Set on inter-node IPsec flows. */
  ipsec?: boolean;
}

/** Which node interface a row uses (section 3, Interfaces). */
type Interface = "primary" | "signaling" | "closest";

interface Row {
  direction: "to-peer" | "from-peer";
  nodes: "M" | "C" | "MC";
  protocol: "tcp" | "udp";
  dports: Interval[];
  sports: Interval[];
  iface: Interface;
}

const SIGNALING_KINDS: PeerKind[] = [
  "endpoints", "callcontrol", "stun", "rtmp", "sfb", "google-meet", "teams-connector",
];

const p = (...ports: number[]): Interval[] => union(ports.map((port): Interval => [port, port]));

/** The rows of the catalog for one peer (tcp+udp rows written as two rows). */
function rowsOf(peer: Peer, model: NaiveModel, webProxy: boolean): Row[] {
  const E = model.media;
  const S = model.signaling;
  const f = model.features;
  const ANY = ALL_PORTS;
  const EPH = EPHEMERAL;
  const out: Row[] = [];
  // Shorthands: a node-started peripheral row (sport eph, closest interface) and a
  // peer-started row towards nodes.
  const toPeer = (nodes: Row["nodes"], protocol: Row["protocol"], dports: Interval[], sports = EPH, iface: Interface = "closest") =>
    out.push({ direction: "to-peer", nodes, protocol, dports, sports, iface });
  const fromPeer = (nodes: Row["nodes"], protocol: Row["protocol"], dports: Interval[], sports = ANY, iface: Interface = "closest") =>
    out.push({ direction: "from-peer", nodes, protocol, dports, sports, iface });
  const sig: Interface = "signaling";

  switch (peer.kind) {
    case "admin":
      if (f.ssh) { fromPeer("M", "tcp", p(22), ANY, "primary"); fromPeer("C", "tcp", p(22), ANY, "primary"); }
      fromPeer("M", "tcp", p(443), ANY, "primary");
      if (f["admin-http"]) fromPeer("M", "tcp", p(80), ANY, "primary");
      if (f.provisioning) fromPeer("C", "tcp", p(8443), ANY, "primary");
      break;
    case "dns": toPeer("MC", "tcp", p(53)); toPeer("MC", "udp", p(53)); break;
    case "ntp": toPeer("MC", "udp", p(123), union(p(123), EPH)); break;
    case "licensing": if (!webProxy) toPeer("M", "tcp", p(443)); break;
    case "snmp-nms": fromPeer("MC", "udp", p(161)); toPeer("MC", "udp", p(161)); break;
    case "syslog": toPeer("MC", "udp", p(514)); break;
    case "ldap": toPeer("M", "tcp", p(389, 636, 3268, 3269)); break;
    case "ftp": toPeer("M", "tcp", union(p(21), peer.ports ? [peer.ports] : [])); break;
    case "smtp": toPeer("M", "tcp", p(587)); break;
    case "web-proxy": toPeer("MC", "tcp", p(peer.port ?? 8080)); break;
    case "incident-reporting": if (!webProxy) toPeer("MC", "tcp", p(443)); break;
    case "usage-statistics": if (!webProxy) toPeer("M", "tcp", p(443)); break;
    case "cloud-bursting": toPeer("M", "tcp", p(443)); break;
    case "event-hub": toPeer("M", "tcp", p(5671)); break;
    case "exchange": toPeer("M", "tcp", p(443), ANY); toPeer("C", "tcp", p(80, 443)); break;
    case "outlook": fromPeer("C", "tcp", p(443), ANY, sig); break;
    case "event-sink": toPeer("C", "tcp", p(peer.port ?? 443)); break;
    case "adfs": case "oidc": case "epic": toPeer("C", "tcp", p(443)); break;
    case "oauth": toPeer("MC", "tcp", p(443)); break;
    case "graph": case "google-workspace": case "webex-cloud": toPeer("C", "tcp", p(443)); break;
    case "cisco-endpoint": toPeer("C", "tcp", p(80, 443)); fromPeer("C", "tcp", p(443), ANY, sig); break;
    case "poly-endpoint": fromPeer("C", "tcp", p(443), ANY, sig); break;
    case "endpoints":
    case "callcontrol": {
      const tcpIn = union(p(1720, 5060, 5061), S, E, peer.kind === "endpoints" ? p(443) : [],
        peer.kind === "endpoints" && f["http-redirect"] ? p(80) : []);
      fromPeer("C", "tcp", tcpIn, ANY, sig);
      fromPeer("C", "udp", union(p(1719), E, f["sip-udp"] ? p(5060) : []), ANY, sig);
      toPeer("C", "udp", p(1719, 5060), S, sig);
      toPeer("C", "tcp", ANY, S, sig); // 1720, 5060, 5061 and "tcp any" from the signaling range
      toPeer("C", "tcp", ANY, E, sig);
      toPeer("C", "udp", ANY, E, sig);
      break;
    }
    case "stun": toPeer("C", "udp", p(3478), E, sig); break;
    case "rtmp": toPeer("C", "tcp", p(1935), E, sig); break;
    case "sfb":
      toPeer("C", "tcp", p(443, 8057), EPH, sig);
      fromPeer("C", "tcp", union(E, p(80)), ANY, sig);
      fromPeer("C", "udp", E, ANY, sig);
      toPeer("C", "tcp", ANY, E, sig);
      toPeer("C", "udp", ANY, E, sig);
      break;
    case "google-meet":
      fromPeer("C", "udp", E, [[19302, 19309]], sig);
      toPeer("C", "tcp", p(443), S, sig);
      toPeer("C", "udp", [[19302, 19309]], E, sig);
      break;
    case "teams-connector":
      fromPeer("C", "tcp", p(443, 4277), ANY, sig);
      fromPeer("C", "udp", E, [[50000, 54999]], sig);
      toPeer("C", "tcp", p(443), S, sig);
      toPeer("C", "udp", [[50000, 54999]], E, sig);
      break;
  }
  return out;
}

/** Conferencing nodes a proxying node needs IPsec with (section 6 exception). */
function proxyingPartners(node: PexipNode, model: NaiveModel): Set<string> {
  const location = model.deployment.locations.find((loc) => loc.name === node.location);
  const transcodingLocations = new Set([location?.transcoding ?? node.location!, ...(location?.overflow ?? [])]);
  const partners = new Set<string>();
  for (const other of model.deployment.nodes) {
    if (other.name === node.name) continue;
    if (other.role === "proxying" && other.location === node.location) partners.add(other.name);
    if (other.role === "transcoding" && transcodingLocations.has(other.location!)) partners.add(other.name);
  }
  return partners;
}

export function ipsecPairs(model: NaiveModel): [PexipNode, PexipNode][] {
  const nodes = model.deployment.nodes;
  const pairs: [PexipNode, PexipNode][] = [];
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const [a, b] = [nodes[i], nodes[j]];
      const needed = a.role === "management" || b.role === "management"
        || (a.role !== "proxying" && b.role !== "proxying")
        || (a.role === "proxying" && proxyingPartners(a, model).has(b.name))
        || (b.role === "proxying" && proxyingPartners(b, model).has(a.name));
      if (needed) pairs.push([a, b]);
    }
  }
  return pairs;
}

export function requiredFlows(model: NaiveModel, routing: Routing): RequiredFlow[] {
  const flows: RequiredFlow[] = [];
  const deployment = model.deployment;
  const webProxy = deployment.peers.some((peer) => peer.kind === "web-proxy");

  const primary = (node: PexipNode) => ({ addresses: [ipv4Interval(node.ip)], zone: model.primaryZone(node) });
  const secondary = (node: PexipNode) => ({ addresses: [ipv4Interval(node.secondary!)], zone: model.secondaryZone(node) });

  for (const [a, b] of ipsecPairs(model)) {
    for (const [x, y] of [[a, b], [b, a]]) {
      const base = { from: x.name, to: y.name, fromAddresses: primary(x).addresses, toAddresses: primary(y).addresses,
        fromZone: primary(x).zone, toZone: primary(y).zone, ipsec: true };
      flows.push({ ...base, protocol: "udp", dports: p(500), sports: p(500) });
      flows.push({ ...base, protocol: "esp", dports: [[0, 0]], sports: [[0, 0]] });
    }
  }

  for (const peer of deployment.peers) {
    const peerEnd = { addresses: model.partyAddresses(peer.name), zone: model.peerZone(peer) };
    for (const row of rowsOf(peer, model, webProxy)) {
      const nodes = deployment.nodes.filter((node) => {
        if (node.role === "management") return row.nodes !== "C";
        if (row.nodes === "M") return false;
        return !peer.location || peer.location.includes(node.location!);
      });
      for (const node of nodes) {
        const end = chooseInterface(node, row.iface);
        const [fromEnd, toEnd, from, to] = row.direction === "to-peer"
          ? [end, peerEnd, node.name, peer.name] : [peerEnd, end, peer.name, node.name];
        flows.push({
          from, to, fromAddresses: fromEnd.addresses, toAddresses: toEnd.addresses, fromZone: fromEnd.zone,
          toZone: toEnd.zone, protocol: row.protocol, dports: row.dports, sports: row.sports,
        });
      }

      function chooseInterface(node: PexipNode, iface: Interface) {
        if (!node.secondary || iface === "primary") return primary(node);
        if (iface === "signaling") return secondary(node);
        // Closest to the peer's zone; no route is farther than any route; primary on a tie.
        const distanceOf = (zone: string | undefined) =>
          zone === undefined || peerEnd.zone === undefined ? Infinity : routing.distance(zone, peerEnd.zone);
        return distanceOf(model.secondaryZone(node)) < distanceOf(model.primaryZone(node)) ? secondary(node) : primary(node);
      }
    }
  }
  return flows;
}
