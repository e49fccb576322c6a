// Pexip nodes: their interfaces, the zones those lie in, and their location; plus the
// attribute bookkeeping that nodes and peers share.
import { parseSingleAddress, type SingleAddress, type ZoneIndex } from "./model-addresses";
import { codeList, nameSpan, type ModelContext } from "./model-context";
import type { Node, NodeInterface } from "./model-types";
import type { Attribute, Identifier, NodeDeclaration, NodeRole } from "./syntax-tree";

export type AttributeKind = Attribute["kind"];
/** The attribute shapes whose kind can be one of K (a shape may cover several kinds). */
export type AttributeOf<K extends AttributeKind> = Attribute extends infer A
  ? A extends { kind: infer AK } ? ([K & AK] extends [never] ? never : A & { kind: K & AK }) : never
  : never;

/**
 * The attributes of a declaration by kind (the first of each). `refuse` returns why a kind
 * does not apply (reported as `invalid`); a repeated attribute is `invalid` and ignored.
 */
export class AttributeBag {
  private readonly byKind = new Map<AttributeKind, Attribute>();

  constructor(ctx: ModelContext, owner: string, attributes: readonly Attribute[], refuse: (kind: AttributeKind) => string | undefined) {
    for (const attribute of attributes ?? []) {
      const refusal = refuse(attribute.kind);
      if (refusal) {
        ctx.error("invalid", attribute.keyword.span, refusal);
        continue;
      }
      const earlier = this.byKind.get(attribute.kind);
      if (earlier) {
        ctx.error("invalid", attribute.keyword.span, `${owner} already has \`${attribute.kind}\`: remove one of the two (the first one counts)`, [
          { span: earlier.span, message: `the first \`${attribute.kind}\`` },
        ]);
        continue;
      }
      this.byKind.set(attribute.kind, attribute);
    }
  }

  get<K extends AttributeKind>(kind: K): AttributeOf<K> | undefined {
    return this.byKind.get(kind) as AttributeOf<K> | undefined;
  }

  has(kind: AttributeKind): boolean {
    return this.byKind.has(kind);
  }
}

/** Resolves a `zone` attribute to the name of a zone (undefined when it names none). */
export function resolveZoneAttribute(ctx: ModelContext, attribute: AttributeOf<"zone"> | undefined): string | undefined {
  if (!attribute?.zone) return undefined;
  return ctx.resolve(attribute.zone, "zone", (d) => d.kind === "zone", "a zone")?.name?.text;
}

/** Resolves location names; unknown or wrong-kind names are reported and dropped. */
export function resolveLocations(ctx: ModelContext, ids: readonly Identifier[]): string[] {
  const names: string[] = [];
  for (const id of ids ?? []) {
    const name = ctx.resolve(id, "location", (d) => d.kind === "location", "a location")?.name?.text;
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

const ROLE_TITLES: Record<NodeRole, string> = {
  management: "Management Node",
  transcoding: "Transcoding Conferencing Node",
  proxying: "Proxying Edge Node",
};

const CONFERENCING_ATTRIBUTES: readonly AttributeKind[] = ["ip", "secondary", "public", "location", "zone"];
const MANAGEMENT_ATTRIBUTES: readonly AttributeKind[] = ["ip", "zone"];

export interface BuiltNode {
  node: Node;
  /** The zone named by the node's `zone` attribute (it places the primary address). */
  explicitZone?: string;
}

export function buildNode(ctx: ModelContext, decl: NodeDeclaration, zones: ZoneIndex): BuiltNode {
  const name = decl.name?.text ?? "";
  const title = ROLE_TITLES[decl.role];
  const allowed = decl.role === "management" ? MANAGEMENT_ATTRIBUTES : CONFERENCING_ATTRIBUTES;
  const attributes = new AttributeBag(ctx, `${title} "${name}"`, decl.attributes, (kind) =>
    allowed.includes(kind)
      ? undefined
      : `A ${title} takes only ${codeList(allowed)}: remove \`${kind}\` from "${name}"`,
  );

  const node: Node = { kind: "node", name, role: decl.role, decl };
  const zoneAttribute = attributes.get("zone");
  const explicitZone = resolveZoneAttribute(ctx, zoneAttribute);

  const ip = attributes.get("ip");
  const primary = ip?.address && parseSingleAddress(ctx, ip.address, "ip");
  if (primary) {
    // An explicit zone that failed to resolve is already an error: fall back quietly.
    const zone = explicitZone ?? zones.zoneOfAddress(primary.value);
    node.primary = nodeInterface(primary, zone);
    if (zone === undefined && !zoneAttribute) reportNoZone(ctx, primary, `the address of ${name}`);
  }
  const secondaryAttribute = attributes.get("secondary");
  const secondary = secondaryAttribute?.address && parseSingleAddress(ctx, secondaryAttribute.address, "secondary");
  if (secondary) {
    const zone = zones.zoneOfAddress(secondary.value);
    node.secondary = nodeInterface(secondary, zone);
    if (zone === undefined) reportNoZone(ctx, secondary, `the secondary address of ${name}`);
  }
  const publicAttribute = attributes.get("public");
  const publicAddress = publicAttribute?.address && parseSingleAddress(ctx, publicAttribute.address, "public");
  if (publicAddress) node.publicAddress = publicAddress.value;

  const location = attributes.get("location");
  if (location) {
    const [first, ...extra] = location.locations ?? [];
    if (first) node.location = resolveLocations(ctx, [first])[0];
    for (const id of extra) {
      resolveLocations(ctx, [id]); // still a reference, for navigation
      ctx.error("invalid", id.span, `A Conferencing Node belongs to exactly one location: remove "${id.text}" from ${name}, or move the node`);
    }
  }

  if (!decl.recovered) {
    if (!ip) ctx.error("invalid", nameSpan(decl), `${title} "${name}" has no \`ip\`: give its address, e.g. \`ip 10.0.0.5\``);
    if (decl.role !== "management" && !location) {
      ctx.error("invalid", nameSpan(decl), `${title} "${name}" has no \`location\`: every Conferencing Node belongs to a system location, e.g. \`location oslo\``);
    }
  }
  return { node, explicitZone };
}

function nodeInterface(address: SingleAddress, zone: string | undefined): NodeInterface {
  const result: NodeInterface = { address: address.value, text: address.text, span: address.span };
  if (zone !== undefined) result.zone = zone;
  return result;
}

export function reportNoZone(ctx: ModelContext, address: SingleAddress, what: string): void {
  ctx.error("no-zone", address.span, `${address.text}, ${what}, lies in no zone: add a zone whose prefix holds it, a catch-all \`zone NAME any\`, or a \`zone\` attribute; until then its flows are not checked`);
}
