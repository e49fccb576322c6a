// Addresses and prefixes on one bigint line, so that sets of mixed families are plain
// interval sets: IPv4 a -> a; IPv6 x -> 2^32 + x; the k-th `host` peer -> HOST_BASE + k
// (a pseudo-address: no literal or prefix can ever contain it). Parsing and
// normalisation are ipaddr.js's; this file only validates the forms the language allows.
import * as ipaddr from "ipaddr.js";
import { IntervalSet, type AddressSet } from "./interval-set";

export const IPV6_BASE = 1n << 32n;
export const HOST_BASE = IPV6_BASE + (1n << 128n);

export const ALL_IPV4: AddressSet = IntervalSet.ofBigints([[0n, IPV6_BASE - 1n]]);
export const ALL_IPV6: AddressSet = IntervalSet.ofBigints([[IPV6_BASE, HOST_BASE - 1n]]);

export type Family = 4 | 6;

export interface ParsedAddress {
  family: Family;
  /** First address of the prefix (the address itself when it is no prefix). */
  value: bigint;
  /** Prefix length; 32 or 128 for a single address written without `/`. */
  prefixLength: number;
  /** True when written with `/N`. */
  isPrefix: boolean;
  /** Every address the literal covers. */
  set: AddressSet;
  /** Canonical text (`2001:db8::/32`, `10.0.0.5`). */
  canonical: string;
}

export type AddressParse = { ok: true; address: ParsedAddress } | { ok: false; message: string };

/** Parses an address or prefix as the language writes it; the message says what is wrong. */
export function parseAddress(text: string): AddressParse {
  const slash = text.indexOf("/");
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const lengthText = slash < 0 ? undefined : text.slice(slash + 1);
  const family: Family | undefined = addressText.includes(":") ? 6 : /^[0-9.]+$/.test(addressText) ? 4 : undefined;
  if (family === undefined) return { ok: false, message: `"${text}" is not an IPv4 or IPv6 address` };

  if (family === 4) return parseIpv4(text, addressText, lengthText);
  if (addressText.includes("%") || !ipaddr.IPv6.isValid(addressText)) {
    return { ok: false, message: `"${addressText}" is not a valid IPv6 address` };
  }
  const value = IPV6_BASE + bytesToBigint(ipaddr.IPv6.parse(addressText).toByteArray());

  let prefixLength = 128;
  if (lengthText !== undefined) {
    if (!/^(0|[1-9][0-9]*)$/.test(lengthText) || Number(lengthText) > 128) {
      return { ok: false, message: `prefix length "/${lengthText}" must be a number from 0 to 128` };
    }
    prefixLength = Number(lengthText);
  }
  const hostBits = BigInt(128 - prefixLength);
  const size = 1n << hostBits;
  const offset = (value - IPV6_BASE) % size;
  if (offset !== 0n) {
    const network = formatAddress(value - offset);
    return { ok: false, message: `prefix "${text}" has host bits set; the network is ${network}/${prefixLength}` };
  }
  return {
    ok: true,
    address: {
      family,
      value,
      prefixLength,
      isPrefix: lengthText !== undefined,
      set: IntervalSet.ofBigints([[value, value + size - 1n]]),
      canonical: formatAddress(value) + (lengthText !== undefined ? `/${prefixLength}` : ""),
    },
  };
}

/** The IPv4 branch of parseAddress, in plain numbers (no bigint arithmetic until the result). */
function parseIpv4(text: string, addressText: string, lengthText: string | undefined): AddressParse {
  const n = dottedQuad(addressText);
  if (n < 0) {
    return { ok: false, message: `"${addressText}" is not an IPv4 address in dotted decimal (four numbers 0-255, no leading zeros)` };
  }
  let prefixLength = 32;
  if (lengthText !== undefined) {
    if (!/^(0|[1-9][0-9]*)$/.test(lengthText) || Number(lengthText) > 32) {
      return { ok: false, message: `prefix length "/${lengthText}" must be a number from 0 to 32` };
    }
    prefixLength = Number(lengthText);
  }
  const size = 2 ** (32 - prefixLength);
  const offset = n % size;
  if (offset !== 0) {
    return { ok: false, message: `prefix "${text}" has host bits set; the network is ${formatIpv4(BigInt(n - offset))}/${prefixLength}` };
  }
  const value = BigInt(n);
  return {
    ok: true,
    address: {
      family: 4,
      value,
      prefixLength,
      isPrefix: lengthText !== undefined,
      set: IntervalSet.ofBigints([[value, size === 1 ? value : BigInt(n + size - 1)]]),
      canonical: formatIpv4(value) + (lengthText !== undefined ? `/${prefixLength}` : ""),
    },
  };
}

/**
 * The value of four dotted decimal numbers 0-255 without leading zeros (`^(0|[1-9][0-9]{0,2})(\.(0|[1-9][0-9]{0,2})){3}$`,
 * each part at most 255), else -1.
 */
function dottedQuad(text: string): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3 || part > 255) return -1;
      value = value * 256 + part;
      dots++;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits === 3 || (digits === 1 && part === 0)) return -1; // too long, or a leading zero
      part = part * 10 + (c - 48);
      digits++;
    } else {
      return -1;
    }
  }
  if (digits === 0 || dots !== 3 || part > 255) return -1;
  return value * 256 + part;
}

export function familyOf(value: bigint): Family | "host" {
  return value < IPV6_BASE ? 4 : value < HOST_BASE ? 6 : "host";
}

/** The pseudo-address of the k-th host peer. */
export function hostAddress(index: number): bigint {
  return HOST_BASE + BigInt(index);
}

/** Text of one address on the line (IPv4 dotted, IPv6 compressed, `host#k` for pseudo). */
export function formatAddress(value: bigint): string {
  const family = familyOf(value);
  if (family === "host") return `host#${value - HOST_BASE}`;
  if (family === 4) return formatIpv4(value);
  return ipaddr.fromByteArray(bigintToBytes(value - IPV6_BASE, 16)).toString();
}

/** Dotted decimal of an IPv4 address on the line (what ipaddr.js's toString gives). */
function formatIpv4(value: bigint): string {
  const n = Number(value);
  return `${Math.floor(n / 16777216) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** The fewest CIDR prefixes covering exactly [lo, hi] of one family (for exports). */
export function rangeToPrefixes(lo: bigint, hi: bigint): string[] {
  const family = familyOf(lo);
  if (family === "host" || familyOf(hi) !== family) throw new Error("rangeToPrefixes: range must lie in one family");
  const base = family === 4 ? 0n : IPV6_BASE;
  const maxLength = family === 4 ? 32 : 128;
  const out: string[] = [];
  let start = lo - base;
  const end = hi - base;
  while (start <= end) {
    let bits = 0n;
    while (bits < BigInt(maxLength) && start % (1n << (bits + 1n)) === 0n && start + (1n << (bits + 1n)) - 1n <= end) bits++;
    out.push(`${formatAddress(start + base)}/${maxLength - Number(bits)}`);
    start += 1n << bits;
  }
  return out;
}

/** Every prefix of a set, family by family; pseudo-addresses of host peers are skipped. */
export function setToPrefixes(set: AddressSet): string[] {
  const out: string[] = [];
  for (const [lo, hi] of set.ranges()) {
    if (familyOf(lo) === 4) {
      const top = hi < IPV6_BASE ? hi : IPV6_BASE - 1n;
      out.push(...rangeToPrefixes(lo, top));
      if (hi >= IPV6_BASE) out.push(...rangeToPrefixes(IPV6_BASE, hi < HOST_BASE ? hi : HOST_BASE - 1n));
    } else if (familyOf(lo) === 6) {
      out.push(...rangeToPrefixes(lo, hi < HOST_BASE ? hi : HOST_BASE - 1n));
    }
  }
  return out;
}

function bytesToBigint(bytes: number[]): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function bigintToBytes(value: bigint, length: number): number[] {
  const bytes = new Array<number>(length);
  for (let i = length - 1; i >= 0; i--) {
    bytes[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return bytes;
}
