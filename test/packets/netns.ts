// Network namespaces for the packet tests: one router namespace joined by a veth to each
// spoke namespace (a zone, or a client and each protected host). Everything lives in the
// namespaces this file creates: no link, address, route or rule touches the host's own
// namespace, and no spoke has a way out but the router.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";

import { familyOf } from "../../server/src/core/addresses";
import { addrText } from "./plan";

let counter = 0;
const PYTHON = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

export function sh(script: string, input?: string): string {
  return execFileSync("sh", ["-e", "-c", script], { encoding: "utf8", input, stdio: ["pipe", "pipe", "pipe"] });
}

export function inNs(ns: string, args: string[], input?: string): string {
  return execFileSync("ip", ["netns", "exec", ns, ...args], { encoding: "utf8", input, stdio: ["pipe", "pipe", "pipe"] });
}

export class Topology {
  readonly router: string;
  readonly spokeNs = new Map<string, string>();
  readonly agents = new Map<string, Agent>();
  private readonly all: string[] = [];

  constructor(private readonly spokes: Map<string, Set<bigint>>) {
    const tag = `px${process.pid}n${++counter}`;
    this.router = `${tag}r`;
    [...spokes.keys()].forEach((key, i) => this.spokeNs.set(key, `${tag}s${i}`));
    this.all = [this.router, ...this.spokeNs.values()];
  }

  up(): void {
    const lines: string[] = [];
    for (const ns of this.all) lines.push(`ip netns add ${ns}`);
    for (const ns of this.all) {
      // DAD off before any link exists (links copy `default`), rp_filter off: routes are host routes.
      lines.push(
        `ip netns exec ${ns} sh -c 'for f in /proc/sys/net/ipv6/conf/all/accept_dad /proc/sys/net/ipv6/conf/default/accept_dad; do [ -e $f ] && echo 0 > $f; done; echo 0 > /proc/sys/net/ipv4/conf/all/rp_filter; echo 0 > /proc/sys/net/ipv4/conf/default/rp_filter; true'`,
        `ip -n ${ns} link set lo up`,
      );
    }
    lines.push(`ip netns exec ${this.router} sh -c 'echo 1 > /proc/sys/net/ipv4/ip_forward; [ -e /proc/sys/net/ipv6/conf/all/forwarding ] && echo 1 > /proc/sys/net/ipv6/conf/all/forwarding; true'`);
    [...this.spokes.entries()].forEach(([key, addresses], i) => {
      const ns = this.spokeNs.get(key)!;
      const link = `s${i}`;
      const gw = `198.18.${Math.floor(i / 250)}.${(i % 250) + 1}`;
      lines.push(
        `ip link add ${link} netns ${this.router} type veth peer name r netns ${ns}`,
        `ip -n ${this.router} link set ${link} up`,
        `ip -n ${ns} link set r up`,
        `ip -n ${this.router} addr add ${gw}/32 dev ${link}`,
        `ip -n ${this.router} addr add fe80::1/64 dev ${link} nodad`,
        `ip -n ${ns} route add ${gw}/32 dev r`,
        // The spoke's only way anywhere: the router's veth, inside the test's namespaces.
        `ip -n ${ns} route add default via ${gw} dev r`,
        `ip -n ${ns} -6 route add default via fe80::1 dev r`,
      );
      for (const a of addresses) {
        const text = addrText(a);
        if (familyOf(a) === 4) lines.push(`ip -n ${ns} addr add ${text}/32 dev r`, `ip -n ${this.router} route add ${text}/32 dev ${link}`);
        else lines.push(`ip -n ${ns} addr add ${text}/128 dev r nodad`, `ip -n ${this.router} -6 route add ${text}/128 dev ${link}`);
      }
    });
    sh(lines.join("\n"));
  }

  async startAgents(probeScript: string): Promise<void> {
    const starts: Promise<unknown>[] = [];
    for (const [key, ns] of [["router", this.router] as const, ...this.spokeNs.entries()]) {
      const agent = new Agent(ns, probeScript);
      this.agents.set(key, agent);
      starts.push(agent.request({ op: "collect" }));
    }
    await Promise.all(starts);
  }

  nsOf(spoke: string): string {
    return spoke === "router" ? this.router : this.spokeNs.get(spoke)!;
  }

  async down(): Promise<void> {
    await Promise.all([...this.agents.values()].map((a) => a.stop()));
    for (const ns of this.all) {
      // Retry: a namespace still entered by an exiting `ip netns exec` can refuse once.
      for (let attempt = 0; attempt < 5 && existsSync(`/run/netns/${ns}`); attempt++) {
        try {
          execFileSync("ip", ["netns", "del", ns], { stdio: "pipe" });
        } catch (e) {
          if (attempt === 4) console.warn(`could not delete namespace ${ns}: ${(e as Error).message}`);
          else execFileSync("sleep", ["0.1"]);
        }
      }
    }
  }
}

/** One probe.py process in a namespace, answering one JSON line per request. */
export class Agent {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly waiting: ((line: string) => void)[] = [];
  private stderr = "";
  private exited = false;

  constructor(readonly ns: string, script: string) {
    this.proc = spawn("ip", ["netns", "exec", ns, PYTHON, "-u", script], { stdio: ["pipe", "pipe", "pipe"] });
    createInterface({ input: this.proc.stdout }).on("line", (line) => this.waiting.shift()?.(line));
    this.proc.stderr.on("data", (d) => (this.stderr += String(d)));
    this.proc.on("exit", () => {
      this.exited = true;
      for (const w of this.waiting.splice(0)) w(JSON.stringify({ ok: false, errors: [`agent in ${ns} exited: ${this.stderr}`] }));
    });
  }

  request(command: object): Promise<any> {
    if (this.exited) return Promise.reject(new Error(`agent in ${this.ns} is gone: ${this.stderr}`));
    return new Promise((resolve, reject) => {
      this.waiting.push((line) => {
        try {
          resolve(JSON.parse(line));
        } catch (e) {
          reject(new Error(`agent in ${this.ns}: ${line} ${this.stderr}`));
        }
      });
      this.proc.stdin.write(`${JSON.stringify(command)}\n`);
    });
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const done = new Promise<void>((resolve) => this.proc.once("exit", () => resolve()));
    try {
      this.proc.stdin.end(`${JSON.stringify({ op: "exit" })}\n`);
    } catch {
      // closed
    }
    const timer = setTimeout(() => this.proc.kill("SIGKILL"), 2000);
    await done;
    clearTimeout(timer);
  }
}
