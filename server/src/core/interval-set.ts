// Sets of integers as sorted, disjoint, non-adjacent inclusive intervals. Port sets use
// numbers; address sets use bigints (IPv6 needs 128 bits). Values are immutable.

type Scalar = number | bigint;

export class IntervalSet<T extends Scalar> {
  /** Flat [lo0, hi0, lo1, hi1, ...], sorted, disjoint and never adjacent. */
  private constructor(private readonly bounds: readonly T[], private readonly one: T) {}

  static ofNumbers(ranges: Iterable<readonly [number, number]> = []): IntervalSet<number> {
    return IntervalSet.build<number>(ranges, 1);
  }

  static ofBigints(ranges: Iterable<readonly [bigint, bigint]> = []): IntervalSet<bigint> {
    return IntervalSet.build<bigint>(ranges, 1n);
  }

  private static build<T extends Scalar>(ranges: Iterable<readonly [T, T]>, one: T): IntervalSet<T> {
    const given: readonly (readonly [T, T])[] = Array.isArray(ranges) ? ranges : [...ranges];
    if (given.length === 1) {
      const [lo, hi] = given[0];
      return new IntervalSet<T>(lo <= hi ? [lo, hi] : [], one);
    }
    // Indexed loops (here and in the other hot loops of the core): the first check of a file
    // runs before V8 optimizes anything, and there for-of over an array costs about twice as
    // much, allocating an iterator result per element.
    const list: (readonly [T, T])[] = [];
    for (let i = 0; i < given.length; i++) if (given[i][0] <= given[i][1]) list.push(given[i]);
    list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const bounds: T[] = [];
    for (let i = 0; i < list.length; i++) {
      const lo = list[i][0];
      const hi = list[i][1];
      const n = bounds.length;
      if (n > 0 && lo <= add(bounds[n - 1], one)) {
        if (hi > bounds[n - 1]) bounds[n - 1] = hi;
      } else {
        bounds.push(lo, hi);
      }
    }
    return new IntervalSet<T>(bounds, one);
  }

  private make(bounds: T[]): IntervalSet<T> {
    return new IntervalSet<T>(bounds, this.one);
  }

  get isEmpty(): boolean {
    return this.bounds.length === 0;
  }

  /** Number of intervals. */
  get intervalCount(): number {
    return this.bounds.length / 2;
  }

  ranges(): [T, T][] {
    const out: [T, T][] = [];
    for (let i = 0; i < this.bounds.length; i += 2) out.push([this.bounds[i], this.bounds[i + 1]]);
    return out;
  }

  /** The smallest member, or undefined when empty. */
  first(): T | undefined {
    return this.bounds[0];
  }

  /** The flat [lo0, hi0, lo1, hi1, ...] bounds, without copying: read only. */
  flatBounds(): readonly T[] {
    return this.bounds;
  }

  /** The only member when the set holds exactly one value, else undefined. */
  singleValue(): T | undefined {
    const b = this.bounds;
    return b.length === 2 && b[0] === b[1] ? b[0] : undefined;
  }

  contains(value: T): boolean {
    const b = this.bounds;
    let low = 0;
    let high = b.length / 2 - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (value < b[2 * mid]) high = mid - 1;
      else if (value > b[2 * mid + 1]) low = mid + 1;
      else return true;
    }
    return false;
  }

  union(other: IntervalSet<T>): IntervalSet<T> {
    if (other.isEmpty) return this;
    if (this.isEmpty) return other;
    // One merge of the two sorted bound lists (the canonical form of a set is unique).
    const a = this.bounds;
    const b = other.bounds;
    const out: T[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      let lo: T;
      let hi: T;
      if (j >= b.length || (i < a.length && a[i] <= b[j])) {
        lo = a[i];
        hi = a[i + 1];
        i += 2;
      } else {
        lo = b[j];
        hi = b[j + 1];
        j += 2;
      }
      const n = out.length;
      if (n > 0 && lo <= add(out[n - 1], this.one)) {
        if (hi > out[n - 1]) out[n - 1] = hi;
      } else {
        out.push(lo, hi);
      }
    }
    return this.make(out);
  }

  intersect(other: IntervalSet<T>): IntervalSet<T> {
    const a = this.bounds;
    const b = other.bounds;
    const out: T[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const lo = a[i] > b[j] ? a[i] : b[j];
      const hi = a[i + 1] < b[j + 1] ? a[i + 1] : b[j + 1];
      if (lo <= hi) out.push(lo, hi);
      if (a[i + 1] < b[j + 1]) i += 2;
      else j += 2;
    }
    return this.make(out);
  }

  subtract(other: IntervalSet<T>): IntervalSet<T> {
    if (this.isEmpty || other.isEmpty) return this;
    const a = this.bounds;
    const b = other.bounds;
    const out: T[] = [];
    let j = 0;
    for (let i = 0; i < a.length; i += 2) {
      let lo = a[i];
      const hi = a[i + 1];
      while (j < b.length && b[j + 1] < lo) j += 2;
      let k = j;
      while (k < b.length && b[k] <= hi) {
        if (b[k] > lo) out.push(lo, sub(b[k], this.one));
        if (b[k + 1] >= hi) {
          lo = add(hi, this.one);
          break;
        }
        lo = add(b[k + 1], this.one);
        k += 2;
      }
      if (lo <= hi) out.push(lo, hi);
    }
    return this.make(out);
  }

  intersects(other: IntervalSet<T>): boolean {
    const a = this.bounds;
    const b = other.bounds;
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      if (a[i + 1] < b[j]) i += 2;
      else if (b[j + 1] < a[i]) j += 2;
      else return true;
    }
    return false;
  }

  isSubsetOf(other: IntervalSet<T>): boolean {
    // The ranges of `other` are disjoint and never adjacent: each range of this set must lie
    // inside a single one of them (the same answer as subtract(other).isEmpty, without a set).
    const a = this.bounds;
    const b = other.bounds;
    let j = 0;
    for (let i = 0; i < a.length; i += 2) {
      const lo = a[i];
      while (j < b.length && b[j + 1] < lo) j += 2;
      if (j >= b.length || b[j] > lo || b[j + 1] < a[i + 1]) return false;
    }
    return true;
  }

  equals(other: IntervalSet<T>): boolean {
    if (this.bounds.length !== other.bounds.length) return false;
    for (let i = 0; i < this.bounds.length; i++) if (this.bounds[i] !== other.bounds[i]) return false;
    return true;
  }

  /** A canonical string, usable as a map key. */
  key(): string {
    return this.bounds.join(",");
  }
}

function add<T extends Scalar>(a: T, b: T): T {
  return ((a as number) + (b as number)) as T;
}

function sub<T extends Scalar>(a: T, b: T): T {
  return ((a as number) - (b as number)) as T;
}

export type PortSet = IntervalSet<number>;
export type AddressSet = IntervalSet<bigint>;

export const ALL_PORTS: PortSet = IntervalSet.ofNumbers([[1, 65535]]);
export const EPHEMERAL_PORTS: PortSet = IntervalSet.ofNumbers([[55000, 65535]]);
export const NO_PORTS: PortSet = IntervalSet.ofNumbers();
export const NO_ADDRESSES: AddressSet = IntervalSet.ofBigints();

export function portSet(...ranges: [number, number][]): PortSet {
  return IntervalSet.ofNumbers(ranges);
}
