// What the two netfilter generators (nftables, iptables) share: the comment a rule carries
// into the kernel's ruleset, and the merging of tcp and udp rules that differ only in protocol.
import type { AddressObject, PolicyRule, PortRange } from "../core/export-policy";
import { plainText } from "./text-safety";

/**
 * The rule's reason with its catalog rows, in at most `maxLength` inert characters (nft
 * keeps 128 bytes, the iptables comment match 255). The reason gives way first; the rows
 * keep up to half the room, as many whole ids as fit and "+N more" for the rest (the `#`
 * line above the rule has them all).
 */
export function ruleComment(comments: readonly string[], rows: readonly string[], maxLength: number): string {
  const reason = plainText([...new Set(comments)].join(" + "), maxLength);
  const all = plainText(`rows ${rows.join(", ")}`, maxLength);
  if (reason.length + all.length + 3 <= maxLength) return `${reason} (${all})`;
  const half = Math.floor(maxLength / 2) - 3;
  let rowsText = plainText(all, half);
  for (let k = rows.length; k >= 1; k--) {
    const candidate = plainText(`rows ${rows.slice(0, k).join(", ")}${k < rows.length ? ` +${rows.length - k} more` : ""}`, maxLength);
    if (candidate.length <= half) {
      rowsText = candidate;
      break;
    }
  }
  return `${plainText(reason, maxLength - rowsText.length - 3)} (${rowsText})`;
}

/** The full reason for a `#` line above the rule: every flow and every row. */
export function ruleNote(comments: readonly string[], rows: readonly string[]): string {
  return plainText(`${[...new Set(comments)].join(" + ")} (pexnet rows: ${rows.join(", ")})`, 2000);
}

/** Rules of one address pair and ports; `protocols` has both tcp and udp when two rules merged. */
export interface MergedRule {
  rules: PolicyRule[];
  protocols: ("tcp" | "udp" | "esp")[];
  source: AddressObject;
  destination: AddressObject;
  dstPorts: PortRange[];
  srcPorts?: PortRange[];
}

/**
 * A tcp rule and a udp rule with the same addresses and ports (DNS, SIP on 5060) become one,
 * at the place of the first; everything else stays as the policy has it.
 */
export function mergeTcpUdp(rules: readonly PolicyRule[]): MergedRule[] {
  const out: MergedRule[] = [];
  const open = new Map<string, MergedRule>();
  const ports = (r?: PortRange[]) => (r ? r.map(([lo, hi]) => `${lo}-${hi}`).join(",") : "*");
  const ids = new Map<AddressObject, number>();
  const id = (o: AddressObject) => ids.get(o) ?? (ids.set(o, ids.size), ids.size - 1);
  for (const rule of rules) {
    const key = `${id(rule.source)}|${id(rule.destination)}|${ports(rule.dstPorts)}|${ports(rule.srcPorts)}|${rule.fromZone ?? ""}|${rule.toZone ?? ""}`;
    const partner = rule.protocol === "esp" ? undefined : open.get(key);
    if (partner && !partner.protocols.includes(rule.protocol)) {
      partner.rules.push(rule);
      partner.protocols = ["tcp", "udp"];
      open.delete(key);
      continue;
    }
    const merged: MergedRule = { rules: [rule], protocols: [rule.protocol], source: rule.source, destination: rule.destination, dstPorts: rule.dstPorts, srcPorts: rule.srcPorts };
    if (rule.protocol !== "esp") open.set(key, merged);
    out.push(merged);
  }
  return out;
}

export const rowsOf = (merged: MergedRule): string[] => [...new Set(merged.rules.flatMap((r) => r.rows))];
export const commentsOf = (merged: MergedRule): string[] => merged.rules.map((r) => r.comment);
