// Address literals, host names and zones: parsing with `bad-address` diagnostics, the
// address sets of zones, and which zone an address or a subnet belongs to.
import { ALL_IPV4, ALL_IPV6, HOST_BASE, IPV6_BASE, parseAddress, type Family, type ParsedAddress } from "./addresses";
import { NO_ADDRESSES, type AddressSet } from "./interval-set";
import { nameSpan, type ModelContext } from "./model-context";
import type { Zone } from "./model-types";
import type { AddressLiteral, Declaration, Span, Target, Token, ZoneDeclaration } from "./syntax-tree";

/** One address: its place on the address line and how it was written. */
export interface SingleAddress {
  value: bigint;
  text: string;
  span: Span;
}

/** Parses an address or prefix literal; reports `bad-address` when it is malformed. */
export function parseLiteral(ctx: ModelContext, literal: AddressLiteral): ParsedAddress | undefined {
  const parsed = parseAddress(literal.text);
  if (parsed.ok) return parsed.address;
  ctx.error("bad-address", literal.span, `${capitalize(parsed.message)}: correct the address`);
  return undefined;
}

/**
 * An `ip`, `secondary` or `public` value. `10.0.0.5/24` (interface notation) is `invalid`
 * rather than `bad-address`: the address itself is fine and is used, only the length is
 * out of place, because zones give the networks.
 */
export function parseSingleAddress(ctx: ModelContext, literal: AddressLiteral, attribute: string): SingleAddress | undefined {
  const slash = literal.text.indexOf("/");
  if (slash >= 0) {
    const addressText = literal.text.slice(0, slash);
    const parsed = parseAddress(addressText);
    if (!parsed.ok) {
      parseLiteral(ctx, literal); // reports the malformed literal
      return undefined;
    }
    ctx.error("invalid", literal.span, `\`${attribute}\` takes one address, not a prefix: write ${addressText} (the zones give the networks)`);
    return { value: parsed.address.value, text: addressText, span: literal.span };
  }
  const parsed = parseLiteral(ctx, literal);
  return parsed && { value: parsed.value, text: literal.text, span: literal.span };
}

/** A `subnet` value. An address without `/N` stands for itself alone (a /32 or /128). */
export function parsePrefixLiteral(ctx: ModelContext, literal: AddressLiteral): ParsedAddress | undefined {
  return parseLiteral(ctx, literal);
}

/** What is wrong with a host name, or undefined when it is fine. */
export function hostNameProblem(host: string): string | undefined {
  if (host.includes("*")) return `host name "${host}" contains a wildcard: name one host`;
  if (host.endsWith(".")) return `host name "${host}" ends with a dot: remove the trailing dot`;
  if (!/^[A-Za-z0-9.-]+$/.test(host)) return `host name "${host}" may hold only letters, digits, "-" and "."`;
  if (parseAddress(host).ok) return `"${host}" is an address, not a host name: write \`ip ${host}\``;
  if (host.length > 253) return `host name "${host}" is longer than 253 characters`;
  for (const label of host.split(".")) {
    if (label === "") return `host name "${host}" has an empty label (two dots in a row or a leading dot)`;
    if (label.length > 63) return `host name "${host}" has a label longer than 63 characters`;
    if (label.startsWith("-") || label.endsWith("-")) return `host name "${host}" has a label that starts or ends with "-"`;
  }
  return undefined;
}

/** Validates a `host` value; reports `bad-address` when it is malformed. */
export function checkHostName(ctx: ModelContext, host: Token): void {
  const problem = hostNameProblem(host.text);
  if (problem) ctx.error("bad-address", host.span, `${capitalize(problem)}`);
}

/** Every address literal of the file, wherever it is written. */
export function* addressLiterals(declarations: readonly Declaration[]): Generator<AddressLiteral> {
  const fromTargets = function* (targets: readonly Target[] | undefined) {
    for (const target of targets ?? []) if (target.kind === "address") yield target;
  };
  for (const decl of declarations) {
    switch (decl.kind) {
      case "zone": yield* decl.prefixes ?? []; break;
      case "node":
      case "peer":
        for (const attribute of decl.attributes ?? []) if ("address" in attribute && attribute.address) yield attribute.address;
        break;
      case "group": yield* fromTargets(decl.members); break;
      case "firewall":
        for (const item of decl.items ?? []) {
          if (item.kind === "protects") yield* fromTargets(item.targets);
          if (item.kind === "rule") {
            yield* fromTargets(item.from?.targets);
            yield* fromTargets(item.to?.targets);
            yield* fromTargets(item.between?.targets);
          }
        }
        break;
      default: break;
    }
  }
}

/** True when some well-formed literal of the file is IPv6: `any` then covers IPv6 too. */
export function hasIpv6Literal(declarations: readonly Declaration[]): boolean {
  // The literals of addressLiterals(), walked without a generator (this runs on every check).
  // Only a literal with a ":" can parse as IPv6 (parseAddress decides the family by it).
  const isIpv6 = (literal: AddressLiteral | undefined): boolean => {
    if (!literal || !literal.text.includes(":")) return false;
    const parsed = parseAddress(literal.text);
    return parsed.ok && parsed.address.family === 6;
  };
  const inTargets = (targets: readonly Target[] | undefined): boolean => {
    if (targets) for (const target of targets) if (target.kind === "address" && isIpv6(target)) return true;
    return false;
  };
  for (const decl of declarations) {
    switch (decl.kind) {
      case "zone":
        for (const literal of decl.prefixes ?? []) if (isIpv6(literal)) return true;
        break;
      case "node":
      case "peer":
        for (const attribute of decl.attributes ?? []) if ("address" in attribute && attribute.address && isIpv6(attribute.address)) return true;
        break;
      case "group":
        if (inTargets(decl.members)) return true;
        break;
      case "firewall":
        for (const item of decl.items ?? []) {
          if (item.kind === "protects" && inTargets(item.targets)) return true;
          if (item.kind === "rule" && (inTargets(item.from?.targets) || inTargets(item.to?.targets) || inTargets(item.between?.targets))) return true;
        }
        break;
      default:
        break;
    }
  }
  return false;
}

export interface ZonePrefix {
  zone: string;
  address: ParsedAddress;
  literal: AddressLiteral;
}

/** Zone prefixes of one family and length, by network. */
interface PrefixBucket {
  base: bigint;
  hostBits: bigint;
  byNetwork: Map<bigint, ZonePrefix>;
}

/** Longest-prefix lookup of zones; falls back to the `any` zone. */
export class ZoneIndex {
  /** Per family, buckets from the longest prefix length down: one map lookup per length. */
  private readonly buckets: { 4: PrefixBucket[]; 6: PrefixBucket[] } = { 4: [], 6: [] };

  constructor(readonly prefixes: readonly ZonePrefix[], readonly anyZone?: string) {
    const byLength = new Map<string, PrefixBucket & { family: Family; length: number }>();
    for (const prefix of prefixes) {
      const { family, prefixLength } = prefix.address;
      const id = `${family}/${prefixLength}`;
      let bucket = byLength.get(id);
      if (!bucket) {
        const bits = (family === 4 ? 32 : 128) - prefixLength;
        bucket = { family, length: prefixLength, base: family === 4 ? 0n : IPV6_BASE, hostBits: BigInt(bits), byNetwork: new Map() };
        byLength.set(id, bucket);
      }
      // Two zones never share a prefix (buildZones rejects the second), so the first is the one.
      if (!bucket.byNetwork.has(prefix.address.value)) bucket.byNetwork.set(prefix.address.value, prefix);
    }
    for (const bucket of [...byLength.values()].sort((a, b) => b.length - a.length)) this.buckets[bucket.family].push(bucket);
  }

  /** The zone of one address: longest prefix holding it, else the `any` zone. */
  zoneOfAddress(value: bigint): string | undefined {
    // Host pseudo-addresses lie above every IPv6 address: no prefix holds them.
    const buckets = value < IPV6_BASE ? this.buckets[4] : value < HOST_BASE ? this.buckets[6] : [];
    for (const { base, hostBits, byNetwork } of buckets) {
      const network = base + (((value - base) >> hostBits) << hostBits);
      const prefix = byNetwork.get(network);
      if (prefix) return prefix.zone;
    }
    return this.anyZone;
  }

  /** The zone of a subnet: the most specific zone prefix holding all of it, else `any`. */
  zoneOfSet(set: AddressSet): string | undefined {
    let best: ZonePrefix | undefined;
    for (const prefix of this.prefixes) {
      if (set.isSubsetOf(prefix.address.set) && (!best || prefix.address.prefixLength > best.address.prefixLength)) best = prefix;
    }
    return best?.zone ?? this.anyZone;
  }
}

export interface ZoneBuild {
  zones: Map<string, Zone>;
  anyZone?: Zone;
  index: ZoneIndex;
}

/**
 * Zones of the model (`decls`: first declarations only). A prefix written in two zones is
 * `invalid` and stays with the first zone. A second `any` zone is `invalid` and holds nothing.
 */
export function buildZones(ctx: ModelContext, decls: readonly ZoneDeclaration[], ipv6: boolean): ZoneBuild {
  const prefixes: ZonePrefix[] = [];
  const ownPrefixes = new Map<string, ZonePrefix[]>();
  let anyDecl: ZoneDeclaration | undefined;
  for (const decl of decls) {
    const name = decl.name?.text ?? "";
    const own: ZonePrefix[] = [];
    ownPrefixes.set(name, own);
    if (decl.any) {
      if (anyDecl) {
        ctx.error("invalid", decl.any, `Only one zone can be \`any\`, and "${anyDecl.name?.text}" already is: give zone "${name}" its prefixes instead`, [
          { span: anyDecl.any ?? nameSpan(anyDecl), message: `"${anyDecl.name?.text}" is the \`any\` zone` },
        ]);
      } else {
        anyDecl = decl;
      }
      if ((decl.prefixes ?? []).length > 0) {
        ctx.error("invalid", decl.prefixes[0].span, `Zone "${name}" is \`any\` and cannot list prefixes as well: keep either \`any\` or the prefixes`);
      }
      continue;
    }
    if ((decl.prefixes ?? []).length === 0 && !decl.recovered) {
      ctx.error("invalid", nameSpan(decl), `Zone "${name}" has no prefixes: list them (\`zone ${name} 10.0.0.0/16\`) or write \`any\` for the catch-all zone`);
    }
    for (const literal of decl.prefixes ?? []) {
      const address = parseLiteral(ctx, literal);
      if (!address) continue;
      const twin = prefixes.find((p) => p.address.value === address.value && p.address.prefixLength === address.prefixLength);
      if (twin && twin.zone !== name) {
        ctx.error("invalid", literal.span, `Prefix ${address.canonical} is already in zone "${twin.zone}", so its addresses would be in two zones at once: keep it in one zone`, [
          { span: twin.literal.span, message: `${address.canonical} in zone "${twin.zone}"` },
        ]);
        continue;
      }
      if (twin) continue; // written twice in the same zone: harmless
      const prefix = { zone: name, address, literal };
      prefixes.push(prefix);
      own.push(prefix);
    }
  }

  const everything = ipv6 ? ALL_IPV4.union(ALL_IPV6) : ALL_IPV4;
  let claimed = NO_ADDRESSES;
  for (const prefix of prefixes) claimed = claimed.union(prefix.address.set);

  const zones = new Map<string, Zone>();
  for (const decl of decls) {
    const name = decl.name?.text ?? "";
    const isAny = decl === anyDecl;
    let addresses = isAny ? everything.subtract(claimed) : NO_ADDRESSES;
    for (const prefix of ownPrefixes.get(name) ?? []) addresses = addresses.union(ownedPart(prefix, prefixes));
    zones.set(name, { name, decl, isAny, addresses });
  }
  return { zones, anyZone: anyDecl && zones.get(anyDecl.name?.text ?? ""), index: new ZoneIndex(prefixes, anyDecl?.name?.text) };
}

/** A prefix minus the more specific prefixes of other zones inside it. */
function ownedPart(prefix: ZonePrefix, all: readonly ZonePrefix[]): AddressSet {
  let set = prefix.address.set;
  for (const other of all) {
    if (other.zone !== prefix.zone && other.address.prefixLength > prefix.address.prefixLength) set = set.subtract(other.address.set);
  }
  return set;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
