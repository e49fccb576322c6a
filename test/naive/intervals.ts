// Sets of integers as sorted, disjoint, merged inclusive intervals: used for ports and for
// addresses (IPv4 as 0..2^32-1; `host` peers as pseudo-addresses 2^32 + k, which no
// literal or prefix contains). Written for obviousness, not speed.

export type Interval = [number, number];

export const IPV4_MAX = 2 ** 32 - 1;
export const HOST_BASE = 2 ** 32;
export const ALL_PORTS: Interval[] = [[1, 65535]];
export const EPHEMERAL: Interval[] = [[55000, 65535]];

export function normalize(list: Interval[]): Interval[] {
  const sorted = list.filter(([lo, hi]) => lo <= hi).map(([lo, hi]) => [lo, hi] as Interval);
  sorted.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Interval[] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

export function union(...lists: Interval[][]): Interval[] {
  return normalize(lists.flat());
}

export function intersect(a: Interval[], b: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const [alo, ahi] of a) {
    for (const [blo, bhi] of b) {
      const lo = Math.max(alo, blo);
      const hi = Math.min(ahi, bhi);
      if (lo <= hi) out.push([lo, hi]);
    }
  }
  return normalize(out);
}

export function subtract(a: Interval[], b: Interval[]): Interval[] {
  let rest = normalize(a);
  for (const [blo, bhi] of normalize(b)) {
    const next: Interval[] = [];
    for (const [lo, hi] of rest) {
      if (hi < blo || lo > bhi) {
        next.push([lo, hi]);
        continue;
      }
      if (lo < blo) next.push([lo, blo - 1]);
      if (hi > bhi) next.push([bhi + 1, hi]);
    }
    rest = next;
  }
  return rest;
}

export function contains(list: Interval[], x: number): boolean {
  return list.some(([lo, hi]) => lo <= x && x <= hi);
}

export function containsAll(outer: Interval[], inner: Interval[]): boolean {
  return subtract(inner, outer).length === 0;
}

export function isEmpty(list: Interval[]): boolean {
  return list.length === 0;
}

/** Every boundary of the lists: each interval's start and the point after its end. */
export function boundaries(lists: Interval[][]): number[] {
  const points = new Set<number>();
  for (const list of lists) {
    for (const [lo, hi] of list) {
      points.add(lo);
      points.add(hi + 1);
    }
  }
  return [...points].sort((a, b) => a - b);
}

/**
 * `set` cut at every cut point: within one piece, every list whose boundaries are among
 * the cut points is either wholly present or wholly absent.
 */
export function pieces(set: Interval[], cuts: number[]): Interval[] {
  const out: Interval[] = [];
  for (const [lo, hi] of set) {
    let start = lo;
    for (const cut of cuts) {
      if (cut <= start) continue;
      if (cut > hi) break;
      out.push([start, cut - 1]);
      start = cut;
    }
    out.push([start, hi]);
  }
  return out;
}

export function parseIPv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

export function formatIPv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** "a.b.c.d" or "a.b.c.d/n" as an interval; throws on anything else (the generator's bug). */
export function ipv4Interval(text: string): Interval {
  const [address, lengthText] = text.split("/");
  const base = parseIPv4(address);
  if (base === undefined) throw new Error(`not an IPv4 literal: ${text}`);
  if (lengthText === undefined) return [base, base];
  const length = Number(lengthText);
  const size = 2 ** (32 - length);
  if (base % size !== 0) throw new Error(`host bits set: ${text}`);
  return [base, base + size - 1];
}

export function prefixLength(text: string): number {
  const slash = text.indexOf("/");
  return slash < 0 ? 32 : Number(text.slice(slash + 1));
}
