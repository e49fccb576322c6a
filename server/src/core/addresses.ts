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

const DOTTED_DECIMAL = /^(0|[1-9][0-9]{0,2})(\.(0|[1-9][0-9]{0,2})){3}$/;

/** Parses an address or prefix as the language writes it; the message says what is wrong. */
export function parseAddress(text: string): AddressParse {
  const slash = text.indexOf("/");
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const lengthText = slash < 0 ? undefined : text.slice(slash + 1);
  const family: Family | undefined = addressText.includes(":") ? 6 : /^[0-9.]+$/.test(addressText) ? 4 : undefined;
  if (family === undefined) return { ok: false, message: `"${text}" is not an IPv4 or IPv6 address` };

  let value: bigint;
  if (family === 4) {
    if (!DOTTED_DECIMAL.test(addressText) || addressText.split(".").some((part) => Number(part) > 255)) {
      return { ok: false, message: `"${addressText}" is not an IPv4 address in dotted decimal (four numbers 0-255, no leading zeros)` };
    }
    value = bytesToBigint(ipaddr.IPv4.parse(addressText).toByteArray());
  } else {
    if (addressText.includes("%") || !ipaddr.IPv6.isValid(addressText)) {
      return { ok: false, message: `"${addressText}" is not a valid IPv6 address` };
    }
    value = IPV6_BASE + bytesToBigint(ipaddr.IPv6.parse(addressText).toByteArray());
  }

  const maxLength = family === 4 ? 32 : 128;
  let prefixLength = maxLength;
  if (lengthText !== undefined) {
    if (!/^(0|[1-9][0-9]*)$/.test(lengthText) || Number(lengthText) > maxLength) {
      return { ok: false, message: `prefix length "/${lengthText}" must be a number from 0 to ${maxLength}` };
    }
    prefixLength = Number(lengthText);
  }
  const base = family === 4 ? 0n : IPV6_BASE;
  const hostBits = BigInt(maxLength - prefixLength);
  const size = 1n << hostBits;
  const offset = (value - base) % size;
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
  if (family === 4) return ipaddr.fromByteArray(bigintToBytes(value, 4)).toString();
  return ipaddr.fromByteArray(bigintToBytes(value - IPV6_BASE, 16)).toString();
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
