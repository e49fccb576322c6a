// The client's pexnet.* settings as the server uses them: the default export platform and
// the severity overrides. Read with workspace/configuration (per document, cached until
// workspace/didChangeConfiguration) when the client supports it, else from the settings a
// didChangeConfiguration notification carries, else the defaults.
import type { Severity } from "../core/diagnostics";

export type SeverityOverride = Severity | "off";
export const SEVERITY_OVERRIDES: readonly SeverityOverride[] = ["error", "warning", "information", "hint", "off"];

export interface PexnetSettings {
  /** Generator id for the generate actions; unknown ids fall back to nftables where used. */
  defaultPlatform: string;
  /** Diagnostic code -> severity, or "off" to drop the code's diagnostics. */
  severityOverrides: Record<string, SeverityOverride>;
}

export const DEFAULT_PLATFORM = "nftables";
export const DEFAULT_SETTINGS: PexnetSettings = { defaultPlatform: DEFAULT_PLATFORM, severityOverrides: {} };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The `pexnet` section as any client sends it (nested `{ export: { defaultPlatform } }` as
 * VS Code does, or flat dotted keys `{ "export.defaultPlatform": ... }`) -> settings.
 * Invalid values are ignored, never thrown on.
 */
export function parseSettings(section: unknown): PexnetSettings {
  if (!isRecord(section)) return { ...DEFAULT_SETTINGS, severityOverrides: {} };
  const exportSection = isRecord(section.export) ? section.export : {};
  const diagnosticsSection = isRecord(section.diagnostics) ? section.diagnostics : {};
  const platform = exportSection.defaultPlatform ?? section["export.defaultPlatform"];
  const overrides = diagnosticsSection.severityOverrides ?? section["diagnostics.severityOverrides"];
  const severityOverrides: Record<string, SeverityOverride> = {};
  if (isRecord(overrides)) {
    for (const [code, value] of Object.entries(overrides)) {
      if (typeof value === "string" && (SEVERITY_OVERRIDES as readonly string[]).includes(value)) {
        severityOverrides[code] = value as SeverityOverride;
      }
    }
  }
  return {
    defaultPlatform: typeof platform === "string" && platform.trim() !== "" ? platform.trim() : DEFAULT_PLATFORM,
    severityOverrides,
  };
}

export type ConfigurationReader = (scopeUri: string) => Promise<unknown>;

/** Settings per document: pulled once, kept until the configuration changes. */
export class SettingsCache {
  private readonly byUri = new Map<string, Promise<PexnetSettings>>();
  private pushed: PexnetSettings = { ...DEFAULT_SETTINGS, severityOverrides: {} };

  /** `read` is undefined when the client cannot answer workspace/configuration. */
  constructor(private read: ConfigurationReader | undefined) {}

  setReader(read: ConfigurationReader | undefined): void {
    this.read = read;
    this.byUri.clear();
  }

  /** workspace/didChangeConfiguration: forget what was pulled; keep pushed settings, if any. */
  changed(pushedSettings: unknown): void {
    this.byUri.clear();
    if (isRecord(pushedSettings) && isRecord(pushedSettings.pexnet)) this.pushed = parseSettings(pushedSettings.pexnet);
  }

  get(uri: string): Promise<PexnetSettings> {
    if (!this.read) return Promise.resolve(this.pushed);
    let settings = this.byUri.get(uri);
    if (!settings) {
      const read = this.read;
      settings = read(uri).then(parseSettings, () => this.pushed);
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
