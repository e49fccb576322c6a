// Service names usable as the traffic of a rule, and the port aliases. Both are data: the
// model compiles rules from them and hovers explain them.
import type { PortTerm } from "./catalog-types";
import { IntervalSet, type PortSet } from "./interval-set";

export const SERVICE_NAMES = ["ipsec", "ssh", "http", "https", "dns", "ntp", "sip", "sip-tls", "h323", "snmp", "syslog", "ldap"] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface ServiceItem {
  protocol: "tcp" | "udp" | "esp";
  /** Destination ports; empty for esp. */
  ports: readonly PortTerm[];
}

export interface ServiceDefinition {
  name: ServiceName;
  items: readonly ServiceItem[];
  short: string;
  long: string;
}

const tcp = (...ports: PortTerm[]): ServiceItem => ({ protocol: "tcp", ports });
const udp = (...ports: PortTerm[]): ServiceItem => ({ protocol: "udp", ports });
const p = (port: number): PortTerm => [port, port];

export const SERVICES: Record<ServiceName, ServiceDefinition> = {
  ipsec: {
    name: "ipsec",
    items: [udp(p(500)), { protocol: "esp", ports: [] }],
    short: "IPsec between Pexip nodes: IKE on udp 500 and ESP (IP protocol 50)",
    long: "Every Pexip node talks to the others through IPsec tunnels: the keys are negotiated over UDP port 500 (IKE/ISAKMP) and the traffic itself travels as ESP, IP protocol 50, which has no ports.",
  },
  ssh: { name: "ssh", items: [tcp(p(22))], short: "SSH, tcp 22", long: "Secure shell for administrators, on TCP port 22." },
  http: { name: "http", items: [tcp(p(80))], short: "HTTP, tcp 80", long: "Plain HTTP on TCP port 80." },
  https: { name: "https", items: [tcp(p(443))], short: "HTTPS, tcp 443", long: "HTTP over TLS on TCP port 443." },
  dns: { name: "dns", items: [tcp(p(53)), udp(p(53))], short: "DNS, tcp and udp 53", long: "Name lookups on port 53, over UDP and, for large answers, TCP." },
  ntp: { name: "ntp", items: [udp(p(123))], short: "NTP, udp 123", long: "Network time on UDP port 123." },
  sip: { name: "sip", items: [tcp(p(5060))], short: "SIP over TCP, tcp 5060", long: "SIP call signaling over TCP port 5060 (SIP over UDP is written `udp 5060`)." },
  "sip-tls": { name: "sip-tls", items: [tcp(p(5061))], short: "SIP over TLS, tcp 5061", long: "Encrypted SIP call signaling over TCP port 5061." },
  h323: {
    name: "h323",
    items: [udp(p(1719)), tcp(p(1720)), tcp("signaling")],
    short: "H.323: udp 1719, tcp 1720 and the signaling range",
    long: "H.323 calls: RAS on UDP 1719, call setup (H.225/Q.931) on TCP 1720, and H.245 call control on TCP ports of the deployment's signaling range.",
  },
  snmp: { name: "snmp", items: [udp(p(161))], short: "SNMP, udp 161", long: "SNMP queries on UDP port 161." },
  syslog: { name: "syslog", items: [udp(p(514))], short: "syslog, udp 514", long: "Remote logging on UDP port 514." },
  ldap: {
    name: "ldap",
    items: [tcp(p(389), p(636), p(3268), p(3269))],
    short: "LDAP: tcp 389, 636, 3268, 3269",
    long: "Directory lookups: LDAP on TCP 389, LDAP over TLS on 636, and the Active Directory global catalog on 3268 (3269 over TLS).",
  },
};

export type PortAliasName = "media" | "signaling" | "ephemeral" | "any";

export const PORT_ALIASES: Record<PortAliasName, { short: string; long: string }> = {
  media: {
    short: "the media port range of the Conferencing Nodes (40000-49999 unless configured)",
    long: "Conferencing Nodes send and receive audio, video and presentation (RTP/RTCP, DTLS, STUN/TURN) on this range, set by `media-ports`. ICE takes 4 ports per media line.",
  },
  signaling: {
    short: "the signaling port range of the Conferencing Nodes (33000-39999 unless configured)",
    long: "Conferencing Nodes use this range, set by `signaling-ports`, for H.245 call control and as the source ports of the calls they place.",
  },
  ephemeral: {
    short: "ports 55000-65535, from which Pexip nodes open their own connections",
    long: "Pexip nodes start their outbound connections (DNS, NTP, HTTPS to cloud services, ...) from source ports in 55000-65535.",
  },
  any: { short: "every port, 1-65535", long: "Every port from 1 to 65535." },
};

export const EPHEMERAL_RANGE: [number, number] = [55000, 65535];

export interface PortRanges {
  media: [number, number];
  signaling: [number, number];
}

/** The ports a list of terms stands for in a deployment with these ranges. */
export function resolvePortTerms(terms: readonly PortTerm[], ranges: PortRanges): PortSet {
  const out: [number, number][] = [];
  for (const term of terms) {
    if (term === "media") out.push(ranges.media);
    else if (term === "signaling") out.push(ranges.signaling);
    else if (term === "ephemeral") out.push(EPHEMERAL_RANGE);
    else if (term === "any") out.push([1, 65535]);
    else out.push([term[0], term[1]]);
  }
  return IntervalSet.ofNumbers(out);
}
