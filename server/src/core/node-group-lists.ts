// Lists of node groups as the analysis slices them: by zone, by the host firewalls that
// guard them, joined over several zones, and cut by class keys. Each slice is computed once
// per list (lists are never changed once made), so that a list met again, for another peer,
// firewall or row, costs a lookup. Slices come as arrays, walked with indexed loops: the
// first check of a file runs before V8 optimizes anything, and there a for-of over a Map
// allocates an entry and an iterator result per step.
import type { ClassKeys } from "./address-classes";
import type { Firewall, Party } from "./model-types";
import type { NodeEnd } from "./requirements";

/** Some of a list's node groups, under what they share (a zone index, a class key, a guard). */
export interface Slice<K> {
  key: K;
  ends: NodeEnd[];
}

export class NodeGroupLists {
  private readonly zonesOfEnds = new Map<readonly NodeEnd[], Slice<number>[]>();
  private readonly guardsOfEnds = new Map<readonly NodeEnd[], Slice<Firewall>[]>();
  private readonly listIds = new Map<readonly NodeEnd[], number>();
  private readonly joinedLists = new Map<string, NodeEnd[]>();
  private readonly partitions = { src: new Map<ClassKeys, Map<readonly NodeEnd[], Slice<number>[]>>(), dst: new Map<ClassKeys, Map<readonly NodeEnd[], Slice<number>[]>>() };

  /** The ends by class key (ends with one key look the same to the firewall); kept per list. */
  partition(ends: readonly NodeEnd[], keys: ClassKeys, side: "src" | "dst"): Slice<number>[] {
    let byList = this.partitions[side].get(keys);
    if (!byList) {
      byList = new Map();
      this.partitions[side].set(keys, byList);
    }
    let parts = byList.get(ends);
    if (!parts) {
      parts = sliced(ends, (end) => keys.key(end.addressClass, side));
      byList.set(ends, parts);
    }
    return parts;
  }

  /** The host firewalls that protect some of the ends, each with the ends it protects (kept per list). */
  guardsOf(ends: readonly NodeEnd[]): Slice<Firewall>[] {
    let guards = this.guardsOfEnds.get(ends);
    if (!guards) {
      const byGuard = new Map<Firewall, Slice<Firewall>>();
      guards = [];
      for (let i = 0; i < ends.length; i++) {
        const protectedBy = ends[i].addressClass.protectedBy;
        for (let j = 0; j < protectedBy.length; j++) addTo(byGuard, guards, protectedBy[j], ends[i]);
      }
      this.guardsOfEnds.set(ends, guards);
    }
    return guards;
  }

  /** The lists as one, the same array for the same lists (so that its partitions are kept). */
  joined(lists: readonly NodeEnd[][]): NodeEnd[] {
    if (lists.length === 1) return lists[0];
    let key = "";
    for (let i = 0; i < lists.length; i++) {
      let id = this.listIds.get(lists[i]);
      if (id === undefined) {
        id = this.listIds.size;
        this.listIds.set(lists[i], id);
      }
      key += `${id},`;
    }
    let joined = this.joinedLists.get(key);
    if (!joined) {
      joined = lists.flat();
      this.joinedLists.set(key, joined);
    }
    return joined;
  }

  /** A block side's ends by the index of their zone (ends in no known zone are left out: no route is known for them). */
  byZone(ends: readonly NodeEnd[]): Slice<number>[] {
    let zones = this.zonesOfEnds.get(ends);
    if (!zones) {
      zones = sliced(ends.filter((end) => end.zoneIndex !== undefined), (end) => end.zoneIndex!);
      this.zonesOfEnds.set(ends, zones);
    }
    return zones;
  }
}

/** The ends by `keyOf`, in the order each key first appears. */
function sliced<K>(ends: readonly NodeEnd[], keyOf: (end: NodeEnd) => K): Slice<K>[] {
  const byKey = new Map<K, Slice<K>>();
  const slices: Slice<K>[] = [];
  for (let i = 0; i < ends.length; i++) addTo(byKey, slices, keyOf(ends[i]), ends[i]);
  return slices;
}

function addTo<K>(byKey: Map<K, Slice<K>>, slices: Slice<K>[], key: K, end: NodeEnd): void {
  const slice = byKey.get(key);
  if (slice) slice.ends.push(end);
  else {
    const created = { key, ends: [end] };
    byKey.set(key, created);
    slices.push(created);
  }
}

/** The nodes of node groups, as one list (built once per list of groups). */
const nodeLists = new WeakMap<readonly NodeEnd[], readonly Party[]>();
export function nodesOf(ends: readonly NodeEnd[]): readonly Party[] {
  if (ends.length === 1) return ends[0].nodes;
  let nodes = nodeLists.get(ends);
  if (!nodes) {
    // Sized once: grown by push, the lists of a large mesh would be copied again and again.
    let total = 0;
    for (let i = 0; i < ends.length; i++) total += ends[i].nodes.length;
    const flat = new Array<Party>(total);
    let k = 0;
    for (let i = 0; i < ends.length; i++) {
      const of = ends[i].nodes;
      for (let j = 0; j < of.length; j++) flat[k++] = of[j];
    }
    nodes = flat;
    nodeLists.set(ends, nodes);
  }
  return nodes;
}
