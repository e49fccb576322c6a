// Routing by enumeration: every shortest path between two zones in the graph of zones and
// network firewalls, listed explicitly (graphs here are tiny). Spec section 5 "Which
// firewalls a flow crosses" and section 8 "Routes".
import type { Deployment, Firewall } from "./deployment";

/** One crossing of a firewall: entered from zone `from`, left into zone `to`. */
export interface Hop {
  firewall: string;
  from: string;
  to: string;
}

export type ZonePath = Hop[];

export interface Routing {
  /** Every shortest path from `from` to `to`; [[]] inside one zone, [] when no route. */
  shortestPaths(from: string, to: string): ZonePath[];
  /** Number of firewalls on a shortest path, Infinity when there is none. */
  distance(from: string, to: string): number;
}

export function buildRouting(deployment: Deployment): Routing {
  const networkFirewalls: Firewall[] = deployment.firewalls.filter((fw) => fw.zones !== undefined);

  function neighbours(zone: string): Hop[] {
    const hops: Hop[] = [];
    for (const firewall of networkFirewalls) {
      if (!firewall.zones!.includes(zone)) continue;
      for (const other of firewall.zones!) if (other !== zone) hops.push({ firewall: firewall.name, from: zone, to: other });
    }
    return hops;
  }

  /** Breadth-first distances (in firewalls) from one zone to every reachable zone. */
  function distancesFrom(start: string): Map<string, number> {
    const distances = new Map([[start, 0]]);
    let frontier = [start];
    while (frontier.length > 0) {
      const next: string[] = [];
      for (const zone of frontier) {
        for (const hop of neighbours(zone)) {
          if (distances.has(hop.to)) continue;
          distances.set(hop.to, distances.get(zone)! + 1);
          next.push(hop.to);
        }
      }
      frontier = next;
    }
    return distances;
  }

  const cache = new Map<string, ZonePath[]>();

  function shortestPaths(from: string, to: string): ZonePath[] {
    const key = `${from}\u0000${to}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const length = distancesFrom(from).get(to);
    const paths: ZonePath[] = [];
    if (length !== undefined) {
      // Depth-first over all walks of exactly `length` hops that end at `to`: with that
      // length they are exactly the shortest paths.
      const walk = (zone: string, sofar: Hop[]): void => {
        if (sofar.length === length) {
          if (zone === to) paths.push(sofar);
          return;
        }
        for (const hop of neighbours(zone)) walk(hop.to, [...sofar, hop]);
      };
      walk(from, []);
    }
    cache.set(key, paths);
    return paths;
  }

  return {
    shortestPaths,
    distance: (from, to) => distancesFrom(from).get(to) ?? Infinity,
  };
}

/** Firewall names of every shortest path (a flow must pass all of them). */
export function firewallsOnPaths(paths: ZonePath[]): string[] {
  return [...new Set(paths.flatMap((path) => path.map((hop) => hop.firewall)))];
}
