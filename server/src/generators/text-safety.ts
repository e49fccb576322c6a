// What keeps names, comments and host names from breaking out of the generated text: every
// generator builds identifiers and comments through these helpers, and quotes strings with
// its platform's rules on top. A .pexnet name is already tame, but host names and comments
// are free text, and the generators are also called directly (property tests do).
import type { ExportPolicy } from "../core/export-policy";
import type { GeneratorOptions } from "./generator";

/** Control characters (newlines included), line and paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** One line of text for a comment: no control characters, runs of spaces collapsed, bounded length. */
export function commentText(text: string, maxLength = 240): string {
  const flat = text.replace(CONTROL, " ").replace(/\s+/g, " ").trim();
  return flat.length <= maxLength ? flat : `${flat.slice(0, maxLength - 3)}...`;
}

/**
 * Comment text limited to characters that are inert in every platform's strings and
 * shells: letters, digits, space and `-_.,:/+()@#=`. Quotes, `$`, backticks, `;`, `\`,
 * `<>`, `{}` and `|&` become spaces or are dropped.
 */
export function plainText(text: string, maxLength = 240): string {
  return commentText(text.replace(/[^A-Za-z0-9 \-_.,:/+()@#=]/g, " "), maxLength);
}

/**
 * An identifier for platforms that allow only [A-Za-z0-9_] (or a few more `extra`
 * characters): other characters become `_`, a leading digit or `_` gets a prefix, and a
 * name longer than `maxLength` is cut and keeps a short hash of the whole so that two long
 * names stay distinct.
 */
export function identifier(name: string, maxLength = 63, extra = "", prefix = "x"): string {
  const allowed = new RegExp(`[^A-Za-z0-9_${extra.replace(/[-\]\\^]/g, "\\$&")}]`, "g");
  let id = name.replace(allowed, "_");
  if (!/^[A-Za-z]/.test(id)) id = `${prefix}${id}`;
  if (id.length > maxLength) {
    const hash = shortHash(name);
    id = `${id.slice(0, maxLength - hash.length - 1)}_${hash}`;
  }
  return id;
}

/** Six base-36 characters of a 32-bit FNV-1a hash: stable across runs and machines. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, "0").slice(-6);
}

/** A host name as the platforms' FQDN objects accept it, or undefined when it is not one. */
export function fqdn(host: string): string | undefined {
  return /^(?=.{1,253}$)([A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)*\.?$/.test(host) ? host : undefined;
}

/** A file name stem from the firewall name: safe on every file system. */
export function fileStem(policy: ExportPolicy): string {
  return identifier(policy.firewall.name, 100, "-.", "fw-").replace(/^\.+/, "");
}

/** The header every output starts with (each platform prefixes its comment marker). */
export function headerLines(policy: ExportPolicy, options: GeneratorOptions, platform: string): string[] {
  const { firewall, scope } = policy;
  const what = scope === "complete"
    ? "complete policy: drops by default, lets replies through, allows exactly the required flows"
    : "only the required flows this firewall drops today, to add to its existing policy";
  return [
    plainText(`pexnet export for ${platform}: ${firewall.kind} firewall ${firewall.name}${options.sourceName ? ` from ${options.sourceName}` : ""}`),
    plainText(`Scope ${scope}: ${what}.`),
    plainText(`${policy.rules.length} rules for ${policy.flowCount} required flow groups. Each rule names the Pexip flows it serves.`),
  ];
}
