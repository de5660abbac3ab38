import type { MfeLifecycles, Session } from '@atrium/shared';
import { createLogger } from '@atrium/shared';
import { setLogLevel } from '@atrium/shared/internal';
import { resolveHostConfig } from '../config/config.js';
import type { ConfigContext, ResolvedHostConfig } from '../config/config.js';
import { ConfigError, describeError } from '../errors.js';
import { inBootGraph, loadMfe, loadOnce, preloadEntry } from '../loader/index.js';
import type { FederationSource } from '../loader/index.js';
import type { ManifestResult, ResolvedEntry } from '../manifest/index.js';
import { wireAuth } from '../auth/index.js';
import type { AuthWiring, CallbackRelay } from '../auth/index.js';
import type { PageProps } from '../lifecycle/index.js';
import { ErrorReporter } from '../observability/errors.js';
import { ApiWiring } from './api-wiring.js';
import { pageHooks } from './hooks.js';
import type { PageHooks } from './hooks.js';
import { loadManifest } from './manifest.js';
import type { ChecksSource } from '../validation/index.js';
import type { EarlyManifest } from './manifest.js';
import type { NoticeAction } from '../ui/index.js';

const log = createLogger('host:runtime');

type Notify = (text: string, kind: 'error' | 'warning', action?: NoticeAction) => void;

export interface PageRuntimeInit {
  /** The raw config, as the entry point reads it (inlined in the shell's page, fetched by embed.js). */
  readonly config: Promise<unknown>;
  /** Where the config came from and where the page is. */
  readonly context: ConfigContext;
  /**
   * The shape checks for a config or manifest with a stamp (or none): the shell's `pageChecks`
   * trusts what the deploy step checked with this build's schemas; embed.js runs the schemas.
   */
  readonly checks: ChecksSource;
  /** The stamp of the inlined config (`data-checked`), when the deploy step checked it. */
  readonly configStamp?: string | undefined;
  /** The page's error reporter, made first so a config that cannot be used is reported too. */
  readonly errors?: ErrorReporter;
  /** Refuses the page before anything else is set up: returns why, in words for whoever fixes it. */
  readonly admit?: (config: ResolvedHostConfig) => string | undefined;
  /** A manifest request already under way, used when it is for the configured URL. */
  readonly manifest?: Promise<EarlyManifest | undefined>;
  /** Messages for the visitor (the shell's notice area; a CMS page has none of ours). */
  readonly notify: Notify;
  /** Where a sign-in that started from `/` lands; default the config's `home`. */
  readonly home?: string;
  /** Widgets on a CMS page: sign-in returns through the site's one callback page. */
  readonly relay?: CallbackRelay;
  /** Which manifest entries to validate before the page starts; the rest wait for `manifest.rest()` (the shell: what the URL shows). */
  readonly validateNow?: (config: ResolvedHostConfig) => ((raw: Readonly<Record<string, unknown>>) => boolean) | undefined;
  /** What the entry point plugs in once the config is known (e.g. the shell's releases hooks). */
  readonly hooks?: (config: ResolvedHostConfig) => PageHooks;
}

/**
 * Everything a page needs to run MFEs, created once however many MFEs it shows: the resolved
 * config, the error reporter, one Module Federation instance, the session and API clients, and
 * the validated manifest. The shell adds routing and regions on top; embed.js adds the custom
 * element. Nothing else differs between them.
 */
export interface PageRuntime {
  readonly config: ResolvedHostConfig;
  readonly errors: ErrorReporter;
  readonly auth: AuthWiring;
  readonly session: Session;
  readonly apis: ApiWiring;
  readonly hooks: PageHooks;
  /** Settles once a sign-in on the callback has finished (URL replaced) or a session restored. */
  readonly signingIn: Promise<void>;
  /** The manifest, read and validated once; its problems are already reported. */
  readonly manifest: Promise<ManifestResult & { readonly unreadable?: Error }>;
  /** Loads an entry's lifecycles within its load limit, through the page's one federation instance. */
  load(entry: ResolvedEntry, attempt: number, options?: { readonly styles?: ParentNode | false }): Promise<MfeLifecycles>;
  /** Starts downloading an entry's files before anything asks for them (and the API layer, for an entry that declares `apis` it may call at once). */
  preload(entry: ResolvedEntry): void;
  /** What every MFE instance receives from the page, for a mount with this signal. */
  pageProps(entry: ResolvedEntry, signal: AbortSignal): PageProps;
}

/**
 * Creates the page runtime: resolves the config (rejecting, after reporting it, when the page
 * cannot run), then sets up auth, the API layer and the manifest read in parallel.
 *
 * @example
 * ```ts
 * const runtime = await createPageRuntime({ config: readHostConfig(), context: { base: location.href, origin: location.origin }, notify: showNotice });
 * const { entries } = await runtime.manifest;
 * ```
 */
export async function createPageRuntime(init: PageRuntimeInit): Promise<PageRuntime> {
  const errors = init.errors ?? new ErrorReporter();
  let config: ResolvedHostConfig;
  try {
    config = resolveHostConfig(await init.config, init.context, await init.checks(init.configStamp));
    const refusal = init.admit?.(config);
    if (refusal) throw new ConfigError(refusal);
  } catch (error) {
    const failure = error instanceof ConfigError ? error : new ConfigError(describeError(error), { cause: error });
    errors.report({ mfe: undefined, step: 'config', error: failure });
    throw failure;
  }
  setLogLevel(config.logLevel);
  for (const problem of config.problems) {
    errors.report({ mfe: undefined, step: 'config', error: problem });
    init.notify('Sign-in is not available: this site is misconfigured.', 'error');
  }

  const hooks: PageHooks = { ...pageHooks(config, errors), ...init.hooks?.(config) };
  const federation = lazyFederation();
  const auth = wireAuth(
    { auth: config.auth, apis: config.apis, home: init.home ?? config.home },
    { report: (error) => errors.report({ mfe: undefined, step: 'auth', error }), notify: init.notify, ...(init.relay ? { relay: init.relay } : {}) },
  );
  const session = auth.session;
  const apis = new ApiWiring({
    config: config.apis,
    getAccessToken: auth.getAccessToken,
    dpopProof: auth.dpopProof,
    getUserKey: () => session.user?.sub,
    onAuthFailure: auth.onAuthFailure,
    onConfigError: (error) => errors.report({ mfe: undefined, step: 'config', error }),
  });
  // Nothing cached for a user is served after they sign out.
  auth.onUserGone((sub) => apis.cache?.clearUser(sub));
  // Signed-in pages call APIs: fetch the layer now rather than on the first call.
  session.on('signed-in', () => apis.warm());
  // On the callback this finishes the sign-in and replaces the URL before any route runs.
  const signingIn = auth.start().catch((error: unknown) => log.warn('sign-in could not be finished', error));
  const now = init.validateNow?.(config);
  const manifest = loadManifest(config, errors, init.checks, init.manifest, now ? { now } : {});

  return Object.freeze({
    config,
    errors,
    auth,
    session,
    apis,
    hooks,
    signingIn,
    manifest,
    load: (entry: ResolvedEntry, attempt: number, options: { readonly styles?: ParentNode | false } = {}) =>
      loadMfe(federation, entry, attempt, entry.timeouts?.load ?? config.timeouts.load, {
        ...options,
        ...(hooks.onLoadFailure ? { onLoadFailure: hooks.onLoadFailure } : {}),
      }),
    // What the page's boot graph imports, the page fetches already (with its preload links).
    preload: (entry: ResolvedEntry) => {
      if (!entry.bootUrl || !inBootGraph(entry.bootUrl.href)) void preloadEntry(entry).catch(() => undefined);
      // An MFE that calls an API as it mounts gets the API layer with its own code.
      if (entry.apis) apis.warmFor(entry.apis);
    },
    pageProps: (entry: ResolvedEntry, signal: AbortSignal): PageProps => ({
      apis: apis.clientsFor(signal, hooks.fetch?.(entry)),
      session,
      ...(hooks.props ? { extra: hooks.props(entry, signal) } : {}),
    }),
  });
}

/** The page's one Module Federation instance, loaded (a chunk of its own) the first time an entry needs it. */
function lazyFederation(): FederationSource {
  // A failed download is not remembered: the next load (a retry) asks again.
  return loadOnce(() =>
    import('../loader/federation.js').then((module) => ({ federation: module.createFederation(), takeSharedVersionViolation: module.takeSharedVersionViolation })),
  );
}
