// Lists of node groups as the analysis slices them: by zone, by the host firewalls that
// guard them, joined over several zones, and cut by class keys. Each slice is computed once
// per list (lists are never changed once made), so that a list met again, for another peer,
// firewall or row, costs a lookup.
import type { ClassKeys } from "./address-classes";
import { pushTo } from "./collections";
import type { Firewall, Party } from "./model-types";
import type { NodeEnd } from "./requirements";

export class NodeGroupLists {
  private readonly zonesOfEnds = new Map<readonly NodeEnd[], Map<number, NodeEnd[]>>();
  private readonly guardsOfEnds = new Map<readonly NodeEnd[], Map<Firewall, NodeEnd[]>>();
  private readonly listIds = new Map<readonly NodeEnd[], number>();
  private readonly joinedLists = new Map<string, NodeEnd[]>();
  private readonly partitions = { src: new Map<ClassKeys, Map<readonly NodeEnd[], Map<number, NodeEnd[]>>>(), dst: new Map<ClassKeys, Map<readonly NodeEnd[], Map<number, NodeEnd[]>>>() };

  /** The ends by class key (ends with one key look the same to the firewall); kept per list. */
  partition(ends: readonly NodeEnd[], keys: ClassKeys, side: "src" | "dst"): Map<number, NodeEnd[]> {
    let byList = this.partitions[side].get(keys);
    if (!byList) {
      byList = new Map();
      this.partitions[side].set(keys, byList);
    }
    let parts = byList.get(ends);
    if (!parts) {
      parts = new Map();
      for (const end of ends) pushTo(parts, keys.key(end.addressClass, side), end);
      byList.set(ends, parts);
    }
    return parts;
  }

  /** The host firewalls that protect some of the ends, each with the ends it protects (kept per list). */
  guardsOf(ends: readonly NodeEnd[]): Map<Firewall, NodeEnd[]> {
    let guards = this.guardsOfEnds.get(ends);
    if (!guards) {
      guards = new Map();
      for (const end of ends) for (const firewall of end.addressClass.protectedBy) pushTo(guards, firewall, end);
      this.guardsOfEnds.set(ends, guards);
    }
    return guards;
  }

  /** The lists as one, the same array for the same lists (so that its partitions are kept). */
  joined(lists: readonly NodeEnd[][]): NodeEnd[] {
    if (lists.length === 1) return lists[0];
    let key = "";
    for (const list of lists) {
      let id = this.listIds.get(list);
      if (id === undefined) {
        id = this.listIds.size;
        this.listIds.set(list, id);
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
  byZone(ends: readonly NodeEnd[]): Map<number, NodeEnd[]> {
    let zones = this.zonesOfEnds.get(ends);
    if (!zones) {
      zones = new Map();
      for (const end of ends) if (end.zoneIndex !== undefined) pushTo(zones, end.zoneIndex, end);
      this.zonesOfEnds.set(ends, zones);
    }
    return zones;
  }
}

/** The nodes of node groups, as one list (built once per list of groups). */
const nodeLists = new WeakMap<readonly NodeEnd[], readonly Party[]>();
export function nodesOf(ends: readonly NodeEnd[]): readonly Party[] {
  if (ends.length === 1) return ends[0].nodes;
  let nodes = nodeLists.get(ends);
  if (!nodes) {
    nodes = ends.flatMap((end) => end.nodes);
    nodeLists.set(ends, nodes);
  }
  return nodes;
}
