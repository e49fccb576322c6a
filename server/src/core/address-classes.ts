// Classes of single addresses that no firewall can tell apart: same zone, and inside or
// outside of every rule's source set, every rule's destination set and every host
// firewall's `protects`. Flows between members of two classes meet exactly the same rules
// on exactly the same path, so the analysis evaluates one representative per class and
// expands to the members only where something is missing. This is what keeps a
// thousand-node mesh (a million node pairs) cheap without giving up exactness.
import type { AddressSet } from "./interval-set";
import type { Firewall } from "./model-types";

export interface AddressClass {
  id: number;
  /** One member address; every member behaves the same. */
  address: bigint;
  zone: string;
  /** Host firewalls whose `protects` holds the class's addresses. */
  protectedBy: Firewall[];
}

interface FirewallColumns {
  src: number[];
  dst: number[];
  protects?: number;
}

export class AddressClasses {
  private readonly classes: AddressClass[] = [];
  private readonly byKey = new Map<string, AddressClass>();
  /** Per zone, per address (bigint keys: no string conversion of the addresses). */
  private readonly byZoneAndAddress = new Map<string, Map<bigint, AddressClass>>();
  private readonly columnsOf: FirewallColumns[] = [];
  /** Per address, its membership in every column as bits (16 columns per entry). */
  private readonly memberships = new Map<bigint, Uint16Array>();
  /** Per firewall: keys of classes over all its rules. */
  private readonly wholeKeys: ClassKeys[] = [];
  /** keysAmong's results, by firewall and rule list. */
  private readonly subsetKeys = new Map<string, ClassKeys>();

  constructor(firewalls: readonly Firewall[], ends: readonly { address: bigint; zone: string }[]) {
    // One column per distinct set object: rules naming the same group, zone or `any` share
    // their set, and equal columns would only repeat the same bits.
    const columns: AddressSet[] = [];
    const columnOf = new Map<AddressSet, number>();
    const column = (set: AddressSet): number => {
      let index = columnOf.get(set);
      if (index === undefined) {
        index = columns.push(set) - 1;
        columnOf.set(set, index);
      }
      return index;
    };
    for (const fw of firewalls) {
      const entry: FirewallColumns = { src: [], dst: [] };
      for (const rule of fw.rules) {
        entry.src.push(column(rule.src));
        entry.dst.push(column(rule.dst));
      }
      if (fw.kind === "host") entry.protects = column(fw.protects);
      this.columnsOf.push(entry);
    }

    const addresses = [...new Set(ends.map((e) => e.address))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const words = Math.ceil(columns.length / 16);
    const rows = addresses.map(() => new Uint16Array(words));
    columns.forEach((set, column) => markMembers(set, addresses, rows, column));
    addresses.forEach((address, i) => this.memberships.set(address, rows[i]));

    for (const end of ends) {
      let ofZone = this.byZoneAndAddress.get(end.zone);
      if (!ofZone) {
        ofZone = new Map();
        this.byZoneAndAddress.set(end.zone, ofZone);
      }
      if (ofZone.has(end.address)) continue;
      const row = this.memberships.get(end.address)!;
      const key = `${end.zone}\u0000${String.fromCharCode.apply(null, row as unknown as number[])}#${columns.length}`;
      let cls = this.byKey.get(key);
      if (!cls) {
        const protectedBy = firewalls.filter((_, f) => this.columnsOf[f].protects !== undefined && hasBit(row, this.columnsOf[f].protects!));
        cls = { id: this.classes.length, address: end.address, zone: end.zone, protectedBy };
        this.classes.push(cls);
        this.byKey.set(key, cls);
      }
      ofZone.set(end.address, cls);
    }
  }

  get count(): number {
    return this.classes.length;
  }

  /** The class of an address registered with the constructor. */
  classOf(address: bigint, zone: string): AddressClass {
    const cls = this.byZoneAndAddress.get(zone)?.get(address);
    if (!cls) throw new Error(`address class asked for an unregistered address ${address}`);
    return cls;
  }

  /**
   * Keys of classes over only the rules of firewalls[f] at `ruleIndices` (those that can
   * match some flow's protocol and ports): equal keys, the same rules among those met as a
   * source (or destination). The fewer the rules, the fewer the keys, and classes with equal
   * keys need one evaluation. Equal rule lists share one ClassKeys.
   */
  keysAmong(f: number, ruleIndices: readonly number[]): ClassKeys {
    const id = `${f}|${ruleIndices.join(",")}`;
    let keys = this.subsetKeys.get(id);
    if (keys) return keys;
    const columns = this.columnsOf[f];
    const srcColumns = ruleIndices.map((i) => columns.src[i]);
    const dstColumns = ruleIndices.map((i) => columns.dst[i]);
    // Classes that meet the same rules of the whole firewall meet the same among these:
    // the bits are packed once per key of the whole firewall, not once per class.
    const whole = (this.wholeKeys[f] ??= new ClassKeys(this.classes.length, (cls, side) => this.signature(cls, side === "src" ? columns.src : columns.dst)));
    const byWhole = { src: new Map<number, string>(), dst: new Map<number, string>() };
    keys = new ClassKeys(this.classes.length, (cls, side) => {
      const wholeKey = whole.key(cls, side);
      let signature = byWhole[side].get(wholeKey);
      if (signature === undefined) {
        signature = this.signature(cls, side === "src" ? srcColumns : dstColumns);
        byWhole[side].set(wholeKey, signature);
      }
      return signature;
    });
    this.subsetKeys.set(id, keys);
    return keys;
  }

  /** The class's membership in each of `columns`, packed into a string. */
  private signature(cls: AddressClass, columns: readonly number[]): string {
    return packColumns(this.memberships.get(cls.address)!, columns);
  }
}

/** Small integer keys of classes (each below the number of classes), computed once per class. */
export class ClassKeys {
  private readonly memo: { src: Int32Array; dst: Int32Array };
  private readonly ids = { src: new Map<string, number>(), dst: new Map<string, number>() };

  constructor(classCount: number, private readonly signature: (cls: AddressClass, side: "src" | "dst") => string) {
    this.memo = { src: new Int32Array(classCount).fill(-1), dst: new Int32Array(classCount).fill(-1) };
  }

  key(cls: AddressClass, side: "src" | "dst"): number {
    const memo = this.memo[side];
    let id = memo[cls.id];
    if (id >= 0) return id;
    const signature = this.signature(cls, side);
    const ids = this.ids[side];
    id = ids.get(signature) ?? ids.size;
    ids.set(signature, id);
    memo[cls.id] = id;
    return id;
  }
}

function hasBit(row: Uint16Array, column: number): boolean {
  return (row[column >> 4] & (1 << (column & 15))) !== 0;
}

/** Sets the bit of `column` in rows[i] for every sorted address that the set holds. */
function markMembers(set: AddressSet, addresses: bigint[], rows: Uint16Array[], column: number): void {
  const bounds = set.flatBounds();
  const word = column >> 4;
  const bit = 1 << (column & 15);
  let i = 0;
  for (let k = 0; k < bounds.length; k += 2) {
    const lo = bounds[k];
    const hi = bounds[k + 1];
    i = lowerBound(addresses, lo, i);
    if (i >= addresses.length) return;
    // The first address above hi, by binary search: no bigint comparison per member.
    const end = hi === lo ? (addresses[i] === lo ? i + 1 : i) : upperBound(addresses, hi, i);
    for (; i < end; i++) rows[i][word] |= bit;
  }
}

function lowerBound(sorted: bigint[], value: bigint, from: number): number {
  let low = from;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The first index at or after `from` whose address is above `value`. */
function upperBound(sorted: bigint[], value: bigint, from: number): number {
  let low = from;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The bits of `columns` in `row`, 16 to a character, and their count (so that lists of
 * different lengths never share a key). One pass, no array of bits in between: signatures
 * are computed for every class and rule list in the first check, which runs unoptimized.
 */
function packColumns(row: Uint16Array, columns: readonly number[]): string {
  let packed = "";
  for (let start = 0; start < columns.length; start += 16) {
    const end = Math.min(start + 16, columns.length);
    let code = 0;
    for (let i = start; i < end; i++) if (hasBit(row, columns[i])) code |= 1 << (i - start);
    packed += String.fromCharCode(code);
  }
  return `${packed}#${columns.length}`;
}
