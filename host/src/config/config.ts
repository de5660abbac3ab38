import type { LifecycleTimeouts, LogLevel } from '@atrium/shared/internal';
import { originSet } from '@atrium/shared/policy';
import { ConfigError, describeError } from '../errors.js';
import { resolveAuthOptions, resolveEmbedderAuth } from '../auth/auth-options.js';
import type { ResolvedAuthOptions } from '../auth/auth-options.js';
import { resolveEmbedOptions } from './embed.js';
import type { ResolvedEmbedOptions } from './embed.js';
import { resolveOverridesOptions } from './overrides.js';
import type { OverridesOptions } from './overrides.js';
import { telemetrySection } from './telemetry.js';
import type { ShapeChecks } from '../validation/index.js';
import type { TelemetryConfig, TelemetrySection } from './telemetry.js';

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
  /** Allow the devtools overlay (`?atrium-devtools`, Ctrl+Shift+D). Default false: off in production. */
  readonly devtools?: boolean;
  readonly apis?: unknown;
  readonly auth?: unknown;
  readonly overrides?: unknown;
  readonly embed?: unknown;
  /** Per-MFE OpenTelemetry spans; off unless it names an `endpoint`. */
  readonly telemetry?: TelemetryConfig;
}

/**
 * The config with every section resolved and every default applied, frozen: the one object the
 * page runtime and everything built on it read (nothing re-parses a section later).
 */
export interface ResolvedHostConfig {
  /** Where the config came from: names this deployment in messages. */
  readonly source: string;
  readonly manifestUrl: string | undefined;
  readonly allowedOrigins: ReadonlySet<string>;
  readonly regions: ReadonlySet<string>;
  readonly routeRegion: string;
  readonly timeouts: Required<LifecycleTimeouts>;
  readonly logLevel: LogLevel;
  readonly title: string;
  readonly home: string;
  readonly devtools: boolean;
  /**
   * The `apis` section. The API layer (with ky) is a lazy chunk: it validates this once when it
   * arrives, before any MFE mounts, and reports a bad section as a config error.
   */
  readonly apis: unknown;
  /** Single sign-on; undefined = SSO off (no section, or an invalid one listed in `problems`). */
  readonly auth: ResolvedAuthOptions | undefined;
  /** Developer overrides of MFE URLs; off unless the deployment enables them. */
  readonly overrides: OverridesOptions;
  /** Which pages may embed widgets, and where links leaving a widget go. */
  readonly embed: ResolvedEmbedOptions;
  /**
   * Per-MFE telemetry: undefined when off (no `telemetry.endpoint`). Like `apis`, the section is
   * validated by its lazy chunk (the recorder, after first content), which reports a bad one.
   */
  readonly telemetry: TelemetrySection | undefined;
  /** Sections that are wrong but leave the page usable (e.g. `auth`: the page runs signed out). */
  readonly problems: readonly ConfigError[];
}

/** Where the page is: relative URLs resolve against `base`, OIDC redirects return to `origin`. */
export interface ConfigContext {
  readonly base: string;
  readonly origin: string;
  /** A page embedding widgets: it signs in with its site's own client, through the site's one callback page. */
  readonly embedded?: boolean;
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


/**
 * Validates the raw config (its shape with `checks`: the schemas, or nothing for a config the
 * deploy step checked) and applies defaults. Throws a ConfigError naming the field and the fix.
 */
export function resolveHostConfig(raw: unknown, context: ConfigContext, checks: ShapeChecks): ResolvedHostConfig {
  const { base } = context;
  const { output, issue } = checks.config(raw);
  if (issue) {
    throw new ConfigError(`host config: ${issue.path ? `"${issue.path}" ` : ''}${issue.message} — fix atrium.config.json (see README, "Host config")`);
  }
  const config = output as HostConfig;
  let allowedOrigins: ReadonlySet<string>;
  try {
    allowedOrigins = originSet(config.allowedOrigins, 'allowedOrigins');
  } catch (error) {
    throw new ConfigError(`host config: ${describeError(error)}`);
  }
  const regions = new Set(config.regions ?? ['header', 'nav', 'main']);
  const routeRegion = config.routeRegion ?? 'main';
  if (!regions.has(routeRegion)) {
    throw new ConfigError(`host config: routeRegion "${routeRegion}" is not one of regions [${[...regions].join(', ')}] — add it to regions or pick one of them`);
  }
  const problems: ConfigError[] = [];
  let auth: ResolvedAuthOptions | undefined;
  if (config.auth !== undefined) {
    try {
      // Widgets on an embedding page sign in with that site's own client, never the portal's.
      auth = context.embedded ? resolveEmbedderAuth(config.auth, config.apis, context.origin, checks) : resolveAuthOptions(config.auth, context.origin, checks);
    } catch (error) {
      problems.push(error instanceof ConfigError ? error : new ConfigError(describeError(error), { cause: error }));
    }
  }
  return deepFreeze({
    source: base,
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
    devtools: config.devtools ?? false,
    apis: config.apis,
    auth,
    overrides: resolveOverridesOptions(config.overrides),
    embed: resolveEmbedOptions(config.embed, base, checks),
    telemetry: telemetrySection(config.telemetry),
    problems,
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value) && !(value instanceof Set) && !(value instanceof Error)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
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
      throw new ConfigError(`host config inlined in the page is not valid JSON (${describeError(error)})`);
    }
  }
  const url = new URL('atrium.config.json', doc.baseURI).href;
  return readConfigResponse(fetch(url, { cache: 'no-cache' }), url, 'deploy atrium.config.json beside index.html');
}

/**
 * Reads a fetched config (the shell's fallback, embed.js's `data-config`) with messages that
 * say what to check: `fix` is the advice for a missing or unreachable file.
 */
export async function readConfigResponse(request: Promise<Response>, url: string, fix: string): Promise<unknown> {
  let response: Response;
  try {
    response = await request;
  } catch (error) {
    throw new ConfigError(`host config ${url} could not be fetched (network or CORS) — ${fix}`, { cause: error });
  }
  if (!response.ok) throw new ConfigError(`host config ${url} answered ${response.status} — ${fix}`);
  try {
    return await response.json();
  } catch (error) {
    throw new ConfigError(`host config ${url} is not valid JSON (${describeError(error)})`);
  }
}
