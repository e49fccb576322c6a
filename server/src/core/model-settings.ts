// The deployment block: version, port ranges and features (spec section 4), with the
// `port-range` checks on the media and signaling ranges.
import { FEATURE_DEFAULTS, FEATURES, type Feature } from "./catalog-types";
import { closestName, nameSpan, type ModelContext } from "./model-context";
import type { DeploymentSettings } from "./model-types";
import { EPHEMERAL_RANGE } from "./services";
import type { DeploymentDeclaration, DeploymentSetting, Identifier, PortRangeItem } from "./syntax-tree";

export const DEFAULT_MEDIA_RANGE: [number, number] = [40000, 49999];
export const DEFAULT_SIGNALING_RANGE: [number, number] = [33000, 39999];

/** Pexip's configuration API accepts a media range only inside this span. */
const MEDIA_ADVISED: [number, number] = [10000, 49999];
const MEDIA_MIN_PORTS = 100;

type RangeSetting = Extract<DeploymentSetting, { kind: "media-ports" | "signaling-ports" }>;

export function defaultSettings(): DeploymentSettings {
  return { media: [...DEFAULT_MEDIA_RANGE], signaling: [...DEFAULT_SIGNALING_RANGE], features: { ...FEATURE_DEFAULTS } };
}

/** Settings of the first deployment block; later blocks are reported and ignored. */
export function buildSettings(ctx: ModelContext, deployments: readonly DeploymentDeclaration[]): DeploymentSettings {
  const settings = defaultSettings();
  const [deployment, ...extra] = deployments;
  for (const other of extra) {
    const first = deployment.name ? ` "${deployment.name.text}"` : "";
    ctx.error("invalid", nameSpan(other), `A file describes one deployment, and this is a second \`deployment\` block; its settings are ignored: merge them into the first one${first}`, [
      { span: nameSpan(deployment), message: "the first deployment block" },
    ]);
  }
  if (!deployment) return settings;

  const seen = new Map<string, DeploymentSetting>();
  const featureMentions = new Map<Feature, { enabled: boolean; id: Identifier }>();
  let media: RangeSetting | undefined;
  let signaling: RangeSetting | undefined;
  for (const setting of deployment.settings ?? []) {
    if (setting.kind === "enable" || setting.kind === "disable") {
      applyFeatures(ctx, setting.kind === "enable", setting.features ?? [], settings, featureMentions);
      continue;
    }
    const earlier = seen.get(setting.kind);
    if (earlier) {
      ctx.error("invalid", setting.keyword.span, `\`${setting.kind}\` is already set in this deployment; remove one of the two (the first one counts)`, [
        { span: earlier.span, message: `the first \`${setting.kind}\`` },
      ]);
      continue;
    }
    seen.set(setting.kind, setting);
    if (setting.kind === "version") settings.version = setting.number;
    else if (isRangeSetting(setting)) {
      if (setting.kind === "media-ports") media = setting;
      else signaling = setting;
    }
  }
  applyPortRanges(ctx, settings, media, signaling);
  return settings;
}

function isRangeSetting(setting: DeploymentSetting): setting is RangeSetting {
  return setting.kind === "media-ports" || setting.kind === "signaling-ports";
}

function applyFeatures(
  ctx: ModelContext, enabled: boolean, ids: readonly Identifier[], settings: DeploymentSettings,
  mentions: Map<Feature, { enabled: boolean; id: Identifier }>,
): void {
  const verb = enabled ? "enable" : "disable";
  for (const id of ids) {
    // Features are built in: the reference has no declaration but tells completion what fits.
    ctx.references.push({ name: id.text, span: id.span, expects: "feature" });
    if (!(FEATURES as readonly string[]).includes(id.text)) {
      const suggestion = closestName(id.text, FEATURES);
      const hint = suggestion ? `did you mean "${suggestion}"?` : `the features are ${FEATURES.join(", ")}`;
      ctx.error("invalid", id.span, `"${id.text}" is not a feature that \`${verb}\` can switch: ${hint}`);
      continue;
    }
    const feature = id.text as Feature;
    const earlier = mentions.get(feature);
    if (earlier && earlier.enabled !== enabled) {
      ctx.error("invalid", id.span, `Feature "${feature}" is both enabled and disabled in this deployment; keep one of the two (the first one counts)`, [
        { span: earlier.id.span, message: `"${feature}" ${earlier.enabled ? "enabled" : "disabled"} here` },
      ]);
      continue;
    }
    if (!earlier) mentions.set(feature, { enabled, id });
    settings.features[feature] = enabled;
  }
}

/**
 * Checks the written ranges and stores the usable ones. A reversed range, or one with a
 * port outside 1-65535, cannot be used: the default stays in force behind its error.
 */
function applyPortRanges(ctx: ModelContext, settings: DeploymentSettings, media?: RangeSetting, signaling?: RangeSetting): void {
  const written: { label: "media" | "signaling"; range: PortRangeItem }[] = [];
  if (media) written.push({ label: "media", range: media.range });
  if (signaling) written.push({ label: "signaling", range: signaling.range });

  const ownError = { media: false, signaling: false };
  let unusable = false;
  for (const { label, range } of written) {
    const { from, to } = range;
    if (from > to) {
      ctx.error("port-range", range.span, `The ${label} range ${from}-${to} is reversed: write the lower port first (${to}-${from})`);
      ownError[label] = true;
      unusable = true;
      continue;
    }
    if (from < 1024 || to > 65535) {
      ctx.error("port-range", range.span, `The ${label} range ${from}-${to} must lie within 1024-65535: ports below 1024 are reserved for well-known services and ports above 65535 do not exist`);
      ownError[label] = true;
      if (from < 1 || to > 65535) {
        unusable = true;
        continue;
      }
    } else if (to >= EPHEMERAL_RANGE[0]) {
      ctx.error("port-range", range.span, `The ${label} range ${from}-${to} overlaps ${EPHEMERAL_RANGE[0]}-${EPHEMERAL_RANGE[1]}, the ports Pexip nodes open their own connections from: end it below ${EPHEMERAL_RANGE[0]}`);
      ownError[label] = true;
    }
    settings[label] = [from, to];
  }

  // Compare only ranges that are in force as written, not a default standing in for an error.
  const [m, s] = [settings.media, settings.signaling];
  if (!unusable && written.length > 0 && m[0] <= s[1] && s[0] <= m[1]) {
    const later = written.reduce((a, b) => (b.range.span.start > a.range.span.start ? b : a));
    ctx.error("port-range", later.range.span, `The media range ${m[0]}-${m[1]} and the signaling range ${s[0]}-${s[1]} overlap: move one of them so that they share no port`);
  }

  if (!media || ownError.media) return;
  const [from, to] = settings.media;
  if (from < MEDIA_ADVISED[0] || to > MEDIA_ADVISED[1]) {
    ctx.warning("port-range", media.range.span, `Pexip's configuration accepts a media range only inside ${MEDIA_ADVISED[0]}-${MEDIA_ADVISED[1]}; ${from}-${to} lies outside it: choose a range within those bounds`);
  }
  if (to - from + 1 < MEDIA_MIN_PORTS) {
    ctx.warning("port-range", media.range.span, `The media range ${from}-${to} has only ${to - from + 1} ports; Pexip's configuration needs at least ${MEDIA_MIN_PORTS} (every call takes several, ICE 4 per media line): widen it`);
  }
}
