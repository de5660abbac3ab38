import * as v from 'valibot';
import type { LifecycleTimeouts, LogLevel } from '@atrium/shared';
import { ConfigError } from '../errors.js';
import { normalizeOrigin } from '../manifest/url-policy.js';

/** The host's deploy-time config, as written in `atrium.config.json`. */
export interface HostConfig {
  /** URL of the manifest. Optional when the deploy step inlines the manifest into the page. */
  readonly manifestUrl?: string;
  /** Exact origins remote code may be loaded from. */
  readonly allowedOrigins: readonly string[];
  /** Layout regions the page declares; entries name one of them. Default: header, nav, main. */
  readonly regions?: readonly string[];
  /** The region where route apps and the not-found view render. Default: main. */
  readonly routeRegion?: string;
  /** Default per-step limits in ms; entries may override. */
  readonly timeouts?: LifecycleTimeouts;
  readonly logLevel?: LogLevel;
  /** Product name shown by the shell. */
  readonly title?: string;
  /** Where `/` goes, e.g. `/overview`. Default: `/` (not found unless an entry claims it). */
  readonly home?: string;
}

/** The config with every default applied. */
export interface ResolvedHostConfig {
  readonly manifestUrl: string | undefined;
  readonly allowedOrigins: ReadonlySet<string>;
  readonly regions: ReadonlySet<string>;
  readonly routeRegion: string;
  readonly timeouts: Required<LifecycleTimeouts>;
  readonly logLevel: LogLevel;
  readonly title: string;
  readonly home: string;
  /** The `apis` section, validated by the API layer when it loads. */
  readonly apis: unknown;
  /** The `auth` section, validated by the auth module when it loads; undefined = SSO off. */
  readonly auth: unknown;
  /** The `overrides` section (developer overrides of MFE URLs); off unless enabled. */
  readonly overrides: unknown;
}

export const DEFAULT_TIMEOUTS: Required<LifecycleTimeouts> = { load: 10_000, bootstrap: 4_000, mount: 4_000, unmount: 3_000 };

/**
 * Identity helper for a typed config file.
 *
 * @example
 * ```ts
 * export default defineHostConfig({ manifestUrl: '/manifest.json', allowedOrigins: ['https://cdn.example.com'] });
 * ```
 */
export function defineHostConfig(config: HostConfig): HostConfig {
  return config;
}

const ms = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(120_000));
const schema = v.strictObject({
  manifestUrl: v.optional(v.pipe(v.string(), v.minLength(1))),
  allowedOrigins: v.array(v.string()),
  regions: v.optional(v.pipe(v.array(v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]*$/))), v.minLength(1))),
  routeRegion: v.optional(v.string()),
  timeouts: v.optional(v.strictObject({ load: v.optional(ms), bootstrap: v.optional(ms), mount: v.optional(ms), unmount: v.optional(ms) })),
  logLevel: v.optional(v.picklist(['debug', 'info', 'warn', 'error', 'silent'])),
  title: v.optional(v.string()),
  home: v.optional(v.pipe(v.string(), v.regex(/^\/[^\s]*$/, 'must be a path starting with "/"'))),
  // Read by the API and auth modules, which validate their own parts.
  apis: v.optional(v.unknown()),
  auth: v.optional(v.unknown()),
  overrides: v.optional(v.unknown()),
  embed: v.optional(v.unknown()),
});

/**
 * Validates the raw config and applies defaults. Throws a ConfigError naming the field and the fix.
 */
export function resolveHostConfig(raw: unknown, base: string = location.href): ResolvedHostConfig {
  const result = v.safeParse(schema, raw);
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue ? v.getDotPath(issue) : null;
    throw new ConfigError(`host config: ${path ? `"${path}" ` : ''}${issue?.message ?? 'is invalid'} — fix atrium.config.json (see README, "Host config")`);
  }
  const config = result.output;
  const allowedOrigins = new Set<string>();
  for (const origin of config.allowedOrigins) {
    const normalized = normalizeOrigin(origin);
    if (!normalized) {
      throw new ConfigError(`host config: allowedOrigins contains "${origin}", which is not an exact origin — write it as "https://host[:port]" with no path or wildcard`);
    }
    allowedOrigins.add(normalized);
  }
  const regions = new Set(config.regions ?? ['header', 'nav', 'main']);
  const routeRegion = config.routeRegion ?? 'main';
  if (!regions.has(routeRegion)) {
    throw new ConfigError(`host config: routeRegion "${routeRegion}" is not one of regions [${[...regions].join(', ')}] — add it to regions or pick one of them`);
  }
  return {
    manifestUrl: config.manifestUrl ? new URL(config.manifestUrl, base).href : undefined,
    allowedOrigins,
    regions,
    routeRegion,
    timeouts: {
      load: config.timeouts?.load ?? DEFAULT_TIMEOUTS.load,
      bootstrap: config.timeouts?.bootstrap ?? DEFAULT_TIMEOUTS.bootstrap,
      mount: config.timeouts?.mount ?? DEFAULT_TIMEOUTS.mount,
      unmount: config.timeouts?.unmount ?? DEFAULT_TIMEOUTS.unmount,
    },
    logLevel: config.logLevel ?? 'warn',
    title: config.title ?? 'Atrium',
    home: config.home ?? '/',
    apis: config.apis,
    auth: config.auth,
    overrides: config.overrides,
  };
}

/**
 * Reads the deploy-time config: inlined in the page as `<script type="application/json"
 * id="atrium-config">` (no round trip), else fetched from `atrium.config.json` beside the page.
 */
export async function readHostConfig(doc: Document = document): Promise<unknown> {
  const inline = doc.getElementById('atrium-config');
  if (inline?.textContent?.trim()) {
    try {
      return JSON.parse(inline.textContent);
    } catch (error) {
      throw new ConfigError(`host config inlined in the page is not valid JSON (${(error as Error).message})`);
    }
  }
  const url = new URL('atrium.config.json', doc.baseURI).href;
  const response = await fetch(url, { cache: 'no-cache' }).catch((error: unknown) => {
    throw new ConfigError(`host config ${url} could not be fetched — deploy atrium.config.json beside index.html`, { cause: error });
  });
  if (!response.ok) throw new ConfigError(`host config ${url} answered ${response.status} — deploy atrium.config.json beside index.html`);
  try {
    return await response.json();
  } catch (error) {
    throw new ConfigError(`host config ${url} is not valid JSON (${(error as Error).message})`);
  }
}
