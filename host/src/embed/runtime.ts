import type { ModuleFederation } from '@module-federation/runtime';
import type { LifecycleTimeouts, MfeLifecycles, Session } from '@atrium/shared';
import { createLogger, setLogLevel } from '@atrium/shared';
import { addErrorHandler } from 'single-spa';
import { resolveHostConfig } from '../config/config.js';
import type { ResolvedHostConfig } from '../config/config.js';
import { ConfigError, describeError, ManifestError } from '../errors.js';
import { createFederation, loadMfe, preloadEntry } from '../loader/index.js';
import { formatProblem, parseManifest, readManifest } from '../manifest/index.js';
import type { ResolvedEntry } from '../manifest/index.js';
import { ApiWiring } from '../api/api-wiring.js';
import { anonymousSession } from '../auth/anonymous.js';
import { AuthController } from '../auth/auth-controller.js';
import { resolveAuthOptions, tokenTargets } from '../auth/auth-options.js';
import type { SessionError } from '../auth/session-error.js';
import { ErrorReporter } from '../observability/errors.js';
import type { EmbedApi } from './api.js';
import type { EarlyManifest } from './early.js';
import { embedderRefusal, resolveEmbedOptions } from './options.js';
import { Widget } from './widget.js';
import type { WidgetView } from './widget.js';
import { WidgetStore } from './widget-store.js';

const log = createLogger('host:embed');

export interface EmbedRuntimeInit {
  /** Where the config came from (the script's `data-config`), for messages and relative URLs. */
  readonly configUrl: string;
  /** The config response, requested by embed.js before this chunk arrived. */
  readonly config: Promise<Response>;
  /** The manifest request embed.js started as soon as the config arrived, if it did. */
  readonly manifest?: Promise<EarlyManifest | undefined>;
  /** The origin of the page embedding the widgets. */
  readonly pageOrigin: string;
}

/** What a widget needs from the page's runtime to load and mount its MFE. */
export interface WidgetServices {
  readonly entry: ResolvedEntry;
  readonly timeouts: Required<LifecycleTimeouts>;
  readonly session: Session;
  /** The MFE's lifecycles, loaded once per page whatever the number of widgets showing it. */
  lifecycles(): Promise<MfeLifecycles>;
  /** After a failed load: the next `lifecycles()` reloads under a cache-busting URL. */
  reload(): void;
  apisFor(signal: AbortSignal): Readonly<Record<string, unknown>>;
  /** Opens a path of the full app (the host's origin): a CMS page has no routes of ours. */
  navigate(path: string): void;
}

interface Setup {
  readonly config: ResolvedHostConfig;
  readonly entries: ReadonlyMap<string, ResolvedEntry>;
  readonly federation: ModuleFederation;
  readonly apis: ApiWiring;
  readonly session: Session;
}

/**
 * The page's one Atrium runtime for embedded widgets: one config and manifest fetch, one Module
 * Federation instance, one API cache and one session, however many widgets the page shows.
 */
export class EmbedRuntime {
  readonly store = new WidgetStore();
  readonly errors = new ErrorReporter();
  readonly ready: Promise<void>;
  readonly #init: EmbedRuntimeInit;
  readonly #setup: Promise<Setup>;
  readonly #loads = new Map<string, { attempt: number; failed: boolean; promise: Promise<MfeLifecycles> }>();
  readonly #attempts = new Map<string, number>();
  readonly #ids = new Map<string, number>();
  readonly #resources = { parcels: 0, liveSignals: 0 };

  constructor(init: EmbedRuntimeInit) {
    this.#init = init;
    // Parcel failures are contained and reported by the widgets; without a handler single-spa
    // would rethrow each of them as an uncaught error on the CMS page.
    addErrorHandler((error) => log.debug('single-spa reported', error.message));
    this.#setup = this.#start();
    this.ready = this.#setup.then(() => undefined);
    this.ready.catch(() => undefined);
  }

  /** Creates the widget behind one element; it starts loading at once. */
  createWidget(name: string, view: WidgetView, props: Readonly<Record<string, string>>): Widget {
    const count = (this.#ids.get(name) ?? 0) + 1;
    this.#ids.set(name, count);
    return new Widget({ id: `${name}#${count}`, name, view, props, runtime: this });
  }

  /** The services for one MFE; rejects when the page may not embed or the name is unknown. */
  async services(name: string): Promise<WidgetServices> {
    const setup = await this.#setup;
    const entry = setup.entries.get(name);
    if (!entry) {
      throw new ManifestError(`no MFE named "${name}" in the manifest — fix: set the element's name to one of ${[...setup.entries.keys()].map((n) => `"${n}"`).join(', ') || '(none: the manifest has no valid entries)'}`);
    }
    return {
      entry,
      timeouts: setup.config.timeouts,
      session: setup.session,
      lifecycles: () => this.#lifecycles(setup, entry),
      reload: () => this.#reload(entry),
      apisFor: (signal) => setup.apis.clientsFor(signal),
      navigate: (path) => location.assign(new URL(path, this.#init.configUrl).href),
    };
  }

  /** Bookkeeping the leak checks read: every parcel and signal taken must be given back. */
  track(kind: 'parcels' | 'liveSignals', delta: 1 | -1): void {
    this.#resources[kind] += delta;
  }

  api(): EmbedApi {
    return {
      version: '0.1.0',
      widgets: () => this.store.all(),
      onError: (listener) => this.errors.on(listener),
      onWidgetChange: (listener) => this.store.subscribe(listener),
      errors: () => this.errors.history(),
      resources: () => ({ ...this.#resources }),
      ready: this.ready,
    };
  }

  #lifecycles(setup: Setup, entry: ResolvedEntry): Promise<MfeLifecycles> {
    const existing = this.#loads.get(entry.name);
    if (existing) return existing.promise;
    const attempt = this.#attempts.get(entry.name) ?? 0;
    const timeout = entry.timeouts?.load ?? setup.config.timeouts.load;
    // Stylesheets are each widget's business: every shadow root gets its own links.
    const load = { attempt, failed: false, promise: loadMfe(setup.federation, entry, attempt, timeout, { styles: false }) };
    load.promise.catch(() => (load.failed = true));
    this.#loads.set(entry.name, load);
    return load.promise;
  }

  #reload(entry: ResolvedEntry): void {
    const load = this.#loads.get(entry.name);
    // Only a failed load is thrown away (once, however many widgets retry); a working one stays shared.
    if (!load?.failed) return;
    this.#loads.delete(entry.name);
    this.#attempts.set(entry.name, load.attempt + 1);
  }

  async #start(): Promise<Setup> {
    const { configUrl, pageOrigin } = this.#init;
    const raw = await readEmbedConfig(this.#init.config, configUrl);
    const config = resolveHostConfig(raw, configUrl);
    setLogLevel(config.logLevel);
    const refusal = embedderRefusal(resolveEmbedOptions((raw as { embed?: unknown }).embed), pageOrigin, configUrl);
    if (refusal) throw new ConfigError(refusal);

    const federation = createFederation();
    const auth = createPageAuth(config, (error) => this.errors.report({ mfe: undefined, step: 'auth', error }));
    const session = auth?.session ?? anonymousSession;
    const apis = new ApiWiring({
      config: config.apis,
      getAccessToken: auth?.getAccessToken ?? (() => undefined),
      getUserKey: () => session.user?.sub,
      onAuthFailure: () => log.warn('an API refused the access token, also after a refresh'),
      onConfigError: (error) => this.errors.report({ mfe: undefined, step: 'config', error }),
    });
    // Nothing cached for a user is served after they sign out.
    auth?.onUserGone((sub) => apis.cache?.clearUser(sub));
    // Back from the IdP on this page: finish the sign-in (and clean the address bar) first.
    const [entries] = await Promise.all([this.#readEntries(config), auth?.start()]);
    return { config, entries, federation, apis, session };
  }

  async #readEntries(config: ResolvedHostConfig): Promise<ReadonlyMap<string, ResolvedEntry>> {
    const early = await this.#init.manifest;
    const { source, text } = early && early.url === config.manifestUrl ? await readEarlyManifest(early) : await readManifest(config.manifestUrl);
    const result = parseManifest(text, { allowedOrigins: config.allowedOrigins, regions: config.regions, source });
    for (const problem of result.problems) {
      if (problem.severity === 'warning') log.warn(formatProblem(problem));
      else this.errors.report({ mfe: undefined, step: 'manifest', error: new ManifestError(formatProblem(problem)) });
    }
    // Fetch the code of every MFE the page shows at once, before each widget asks for its own.
    const names = new Set([...document.querySelectorAll('atrium-widget')].map((element) => element.getAttribute('name')));
    for (const entry of result.entries) if (names.has(entry.name)) void preloadEntry(entry).catch(() => undefined);
    return new Map(result.entries.map((entry) => [entry.name, entry]));
  }
}

/**
 * The page's session, shared by every widget. SSO for widgets is not wired yet (host/src/auth is
 * being built): widgets get the anonymous session, whose signIn explains that SSO is off.
 */
/**
 * Single sign-on for the widgets of this page, when the host config has `auth`. The CMS page is
 * its own callback: the IdP sends the user back to the page they signed in from (that exact URL
 * must be a registered redirect URI), and tokens stay in this page's memory. Without `auth`, the
 * widgets share the anonymous session.
 */
function createPageAuth(config: ResolvedHostConfig, report: (error: ConfigError | SessionError) => void): AuthController | undefined {
  if (typeof config.auth !== 'object' || config.auth === null) return undefined;
  try {
    const options = resolveAuthOptions({ ...config.auth, redirectPath: location.pathname, postLogoutRedirectPath: location.pathname }, location.origin);
    return new AuthController({
      options,
      targets: tokenTargets(config.apis),
      home: location.pathname,
      // A page we do not own has no notice area of ours: the widget shows the signed-out state.
      notify: (text) => log.warn(text),
      report,
      callbackNeedsParams: true,
    });
  } catch (error) {
    report(error instanceof ConfigError ? error : new ConfigError(describeError(error), { cause: error }));
    return undefined;
  }
}

/** The manifest embed.js fetched early, with the messages readManifest gives. */
async function readEarlyManifest(early: EarlyManifest): Promise<{ source: string; text: string }> {
  let response: Response;
  try {
    response = await early.response;
  } catch (error) {
    throw new ManifestError(`the manifest at ${early.url} could not be fetched (network or CORS) — check the URL and that its server allows this origin`, { cause: error });
  }
  if (!response.ok) throw new ManifestError(`the manifest at ${early.url} answered ${response.status} ${response.statusText} — check manifestUrl in the host config`);
  return { source: early.url, text: await response.text() };
}

/** Reads the config named by the script's `data-config`, with messages a CMS author can act on. */
async function readEmbedConfig(request: Promise<Response>, url: string): Promise<unknown> {
  let response: Response;
  try {
    response = await request;
  } catch (error) {
    throw new ConfigError(`host config ${url} could not be fetched (network or CORS) — check data-config on the embed script, and that the host sends Access-Control-Allow-Origin for this page`, { cause: error });
  }
  if (!response.ok) throw new ConfigError(`host config ${url} answered ${response.status} — check data-config on the embed script`);
  try {
    return await response.json();
  } catch (error) {
    throw new ConfigError(`host config ${url} is not valid JSON (${describeError(error)})`);
  }
}
