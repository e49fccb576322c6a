// The graph of zones and network firewalls. A network firewall joins every pair of the
// zones it lists, so one hop through it costs one firewall; paths are counted in
// firewalls. For a zone pair this answers: which firewalls lie on some shortest path,
// whether two shortest paths cross different firewall sequences, and every
// (firewall, from zone, to zone) crossing of every shortest path (for `nat`).
import type { Firewall, Model } from "./model-types";

export interface Crossing {
  firewall: Firewall;
  from: string;
  to: string;
}

export type Route =
  /** Both ends in one zone: no network firewall. */
  | { kind: "same"; zone: string }
  /** No chain of firewalls joins the zones. */
  | { kind: "none"; from: string; to: string }
  | PathRoute;

/**
 * Shortest paths between two zones. An analysis keeps one per zone pair it meets (2,401 on
 * the 49-zone benchmark file), so it holds only what every flow needs; the crossings, which
 * only `nat` and exports read, are listed when first read.
 */
export class PathRoute {
  readonly kind = "path";
  private crossingList: Crossing[] | undefined;

  constructor(
    private readonly routing: Routing,
    private readonly a: number,
    private readonly b: number,
    readonly from: string,
    readonly to: string,
    /** Number of firewalls on every shortest path. */
    readonly distance: number,
    /** Firewalls on any shortest path, level by level, each once (shared between routes). */
    readonly firewalls: readonly Firewall[],
    /** levels[i]: the firewalls that some shortest path crosses as its i-th hop (shared). */
    readonly levels: readonly (readonly Firewall[])[],
    /** Two shortest paths cross different firewall sequences. */
    readonly ambiguous: boolean,
  ) {}

  /** Every (firewall, from zone, to zone) hop of every shortest path. */
  get crossings(): Crossing[] {
    return (this.crossingList ??= this.routing.crossingsBetween(this.a, this.b));
  }
}

interface Edge {
  firewall: Firewall;
  to: number;
  /** Position in the edges of its zone: the order in which a route lists crossings. */
  rank: number;
}

const UNREACHED = -1;

export class Routing {
  readonly zoneNames: string[];
  private readonly indexOfZone = new Map<string, number>();
  private readonly edges: Edge[][];
  /** The edges from zone u to zone v at [u * zones + v], in rank order. */
  private readonly edgesBetween: (Edge[] | undefined)[];
  private readonly distances: (Int32Array | undefined)[];
  private readonly routes: (Route | undefined)[];
  /** Lists given out by shared(), by their content, and the content key of each. */
  private readonly sharedLists = new Map<string, readonly unknown[]>();
  private readonly sharedKeys = new Map<readonly unknown[], string>();
  private readonly firewallOrder = new Map<Firewall, number>();
  /**
   * Scratch for one route at a time (routes are built one after the other): the zones on
   * its shortest paths, level by level, and where each level starts in that list
   * (levelStarts[d] .. levelStarts[d + 1]). Reused so that building the thousands of routes
   * of a large deployment allocates almost nothing but the routes themselves.
   */
  private readonly pathZones: Int32Array;
  private readonly levelStarts: Int32Array;
  private readonly levelScratch: Firewall[] = [];

  constructor(model: Pick<Model, "zones" | "firewalls">) {
    this.zoneNames = [...model.zones.keys()];
    this.zoneNames.forEach((name, i) => this.indexOfZone.set(name, i));
    this.edges = this.zoneNames.map(() => []);
    model.firewalls.forEach((fw, i) => this.firewallOrder.set(fw, i));
    for (const firewall of model.firewalls) {
      if (firewall.kind !== "network") continue;
      // Zones the model does not know were reported already; a zone listed twice counts once.
      const joined = [...new Set(firewall.zones)].map((z) => this.indexOfZone.get(z)).filter((i): i is number => i !== undefined);
      for (const a of joined) for (const b of joined) if (a !== b) this.edges[a].push({ firewall, to: b, rank: this.edges[a].length });
    }
    const n = this.zoneNames.length;
    this.edgesBetween = new Array(n * n).fill(undefined);
    this.edges.forEach((edges, u) => {
      for (const edge of edges) (this.edgesBetween[u * n + edge.to] ??= []).push(edge);
    });
    this.distances = new Array(this.zoneNames.length).fill(undefined);
    this.routes = new Array(this.zoneNames.length * this.zoneNames.length).fill(undefined);
    this.pathZones = new Int32Array(n);
    this.levelStarts = new Int32Array(n + 2);
  }

  zoneIndex(zone: string): number | undefined {
    return this.indexOfZone.get(zone);
  }

  /** Firewalls between two zones (0 for the same zone); undefined when no path joins them. */
  distance(from: string, to: string): number | undefined {
    const a = this.indexOfZone.get(from);
    const b = this.indexOfZone.get(to);
    if (a === undefined || b === undefined) return undefined;
    if (a === b) return 0;
    const d = this.distancesFrom(a)[b];
    return d === UNREACHED ? undefined : d;
  }

  route(from: string, to: string): Route {
    const a = this.indexOfZone.get(from);
    const b = this.indexOfZone.get(to);
    if (a === undefined || b === undefined) return { kind: "none", from, to };
    return this.routeByIndex(a, b);
  }

  routeByIndex(a: number, b: number): Route {
    const slot = a * this.zoneNames.length + b;
    let route = this.routes[slot];
    if (!route) {
      route = this.computeRoute(a, b);
      this.routes[slot] = route;
    }
    return route;
  }

  private distancesFrom(start: number): Int32Array {
    let dist = this.distances[start];
    if (dist) return dist;
    dist = new Int32Array(this.zoneNames.length).fill(UNREACHED);
    dist[start] = 0;
    const queue = [start];
    for (let head = 0; head < queue.length; head++) {
      const u = queue[head];
      const edges = this.edges[u];
      for (let e = 0; e < edges.length; e++) {
        const to = edges[e].to;
        if (dist[to] === UNREACHED) {
          dist[to] = dist[u] + 1;
          queue.push(to);
        }
      }
    }
    this.distances[start] = dist;
    return dist;
  }

  private computeRoute(a: number, b: number): Route {
    const from = this.zoneNames[a];
    const to = this.zoneNames[b];
    if (a === b) return { kind: "same", zone: from };
    const total = this.distancesFrom(a)[b];
    if (total === UNREACHED) return { kind: "none", from, to };
    this.fillLevels(a, b, total);
    const { pathZones: zones, levelStarts: starts, levelScratch: scratch } = this;
    const n = this.zoneNames.length;
    const levels: (readonly Firewall[])[] = [];
    let ambiguous = false;
    // Indexed loops and a scratch list filled by index (emptying an array by its length would
    // drop its storage): this runs cold, once per zone pair of the analysis.
    for (let d = 0; d < total; d++) {
      let count = 0;
      for (let i = starts[d]; i < starts[d + 1]; i++) {
        for (let j = starts[d + 1]; j < starts[d + 2]; j++) {
          const between = this.edgesBetween[zones[i] * n + zones[j]];
          if (!between) continue;
          for (let e = 0; e < between.length; e++) count = addOnce(scratch, count, between[e].firewall);
        }
      }
      if (count > 1) {
        scratch.length = count; // drops stale entries; rare (only ambiguous levels)
        scratch.sort((x, y) => this.firewallOrder.get(x)! - this.firewallOrder.get(y)!);
        ambiguous = true;
      }
      levels.push(this.shared(scratch, count));
    }
    let count = 0;
    for (let d = 0; d < levels.length; d++) {
      const level = levels[d];
      for (let f = 0; f < level.length; f++) count = addOnce(scratch, count, level[f]);
    }
    return new PathRoute(this, a, b, from, to, total, this.shared(scratch, count), this.shared(levels, levels.length), ambiguous);
  }

  /**
   * One array for every equal list (a copy of list[0 .. count), which the caller may reuse):
   * the routes of a large deployment repeat a few lists of firewalls thousands of times.
   */
  private shared<T extends Firewall | readonly Firewall[]>(list: readonly T[], count: number): readonly T[] {
    let key = "";
    for (let i = 0; i < count; i++) {
      const item = list[i];
      key += Array.isArray(item) ? `[${this.sharedKeys.get(item)}]` : `${this.firewallOrder.get(item as Firewall)},`;
    }
    let found = this.sharedLists.get(key) as readonly T[] | undefined;
    if (!found) {
      found = list.slice(0, count);
      this.sharedLists.set(key, found);
      this.sharedKeys.set(found, key);
    }
    return found;
  }

  /**
   * The zones on shortest paths from a to b into pathZones, level by level (their distance
   * from a; by zone index within a level), and where each level starts into levelStarts. An
   * edge u -> v lies on a shortest path exactly when dist(a,u) + 1 + dist(v,b) = total, and
   * every such edge extends to a whole shortest path, so two different firewalls at one level
   * always give two different firewall sequences. These zones are few: only the edges
   * between consecutive levels are ever looked at.
   */
  private fillLevels(a: number, b: number, total: number): void {
    const fromA = this.distancesFrom(a);
    const toB = this.distancesFrom(b); // the graph is symmetric: distance to b = distance from b
    const n = this.zoneNames.length;
    const starts = this.levelStarts;
    starts.fill(0, 0, total + 3);
    for (let u = 0; u < n; u++) {
      const du = fromA[u];
      if (du !== UNREACHED && du <= total && du + toB[u] === total) starts[du + 2]++;
    }
    // Counts at d + 2, prefix sums shifted by one: starts[d + 1] is where level d's zones go,
    // and advancing it while placing them leaves it at level d + 1's start.
    for (let d = 2; d <= total + 2; d++) starts[d] += starts[d - 1];
    for (let u = 0; u < n; u++) {
      const du = fromA[u];
      if (du !== UNREACHED && du <= total && du + toB[u] === total) this.pathZones[starts[du + 1]++] = u;
    }
  }

  /**
   * The crossings of the shortest paths from a to b, zone by zone (in zone order), each
   * zone's edges in their order: as a walk over every edge of every zone would list them.
   */
  crossingsBetween(a: number, b: number): Crossing[] {
    const fromA = this.distancesFrom(a);
    const total = fromA[b];
    this.fillLevels(a, b, total);
    const { pathZones: zones, levelStarts: starts } = this;
    const onPath = Array.from(zones.subarray(0, starts[total])).sort((x, y) => x - y); // levels 0 .. total - 1
    const n = this.zoneNames.length;
    const crossings: Crossing[] = [];
    for (const u of onPath) {
      const d = fromA[u];
      const found: Edge[] = [];
      for (let j = starts[d + 1]; j < starts[d + 2]; j++) {
        const between = this.edgesBetween[u * n + zones[j]];
        if (between) found.push(...between);
      }
      if (found.length > 1) found.sort((x, y) => x.rank - y.rank);
      for (const edge of found) crossings.push({ firewall: edge.firewall, from: this.zoneNames[u], to: this.zoneNames[edge.to] });
    }
    return crossings;
  }
}

/** Puts `item` at list[count] unless it is among list[0 .. count); returns the new count. */
function addOnce<T>(list: T[], count: number, item: T): number {
  for (let i = 0; i < count; i++) if (list[i] === item) return count;
  list[count] = item;
  return count + 1;
}
