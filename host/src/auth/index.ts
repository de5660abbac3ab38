import { isActiveAt } from '@atrium/shared/policy';
import type { Session } from '@atrium/shared';
import type { GetAccessToken } from '@atrium/shared/api';
import { createLogger } from '@atrium/shared';
import type { ConfigError } from '../errors.js';
import { loadOnce, singleSpa } from '../loader/index.js';
import { afterFirstContent } from '../observability/timing.js';
import type { ResolvedEntry } from '../manifest/index.js';
import { anonymousSession, noDpopProof } from './anonymous.js';
import type { AuthController, CallbackRelay } from './auth-controller.js';
import { tokenTargets } from './auth-options.js';
import type { ResolvedAuthOptions } from './auth-options.js';
import { LiveSession } from './live-session.js';
import type { DpopProofRequest } from './oidc/oidc-engine.js';
import { readOnlySession } from './read-only-session.js';
import { safeReturnTo } from './return-to.js';
import { hasStoredSession } from './session-db.js';
import type { RouteGuard } from './route-guard.js';
import { SessionError } from './session-error.js';
import type { NoticeAction } from '../ui/index.js';

export { anonymousSession, noDpopProof } from './anonymous.js';
export type { CallbackRelay } from './auth-controller.js';
export { defineAuthConfig, resolveAuthOptions, resolveEmbedderAuth, tokenTargets } from './auth-options.js';
export type { ApiTokenTarget, AuthConfig, EmbedderConfig, ResolvedAuthOptions } from './auth-options.js';
export type { DpopProofRequest } from './oidc/oidc-engine.js';
export { readOnlySession } from './read-only-session.js';
export { returnPathOnSite, storedReturnTo } from './callback-return.js';
export { safeReturnTo, SIGNIN_STATE_PREFIX } from './return-to.js';
export { isSessionError, SessionError } from './session-error.js';
export type { SessionErrorReason } from './session-error.js';

const log = createLogger('host:auth');

/** How long SSO waits for first content before it starts anyway (a not-found route shows none). */
const AFTER_CONTENT_MS = 1_000;

/** What boot plugs into the API layer, the registry and the page. */
export interface AuthWiring {
  /** The page's one session, read-only, handed to every MFE. */
  readonly session: Session;
  /** For the API layer only: a token for that API's resource, fresh when asked. */
  readonly getAccessToken: GetAccessToken;
  /** For the API layer only: a DPoP proof for one request to an API with `"dpop": true`. */
  readonly dpopProof: (request: DpopProofRequest) => Promise<string>;
  readonly onAuthFailure: () => void;
  /** Called with the `sub` of a user who signed out or whose session ended, before MFEs hear of it. */
  onUserGone(listener: (sub: string) => void): void;
  /** For the registry: may this entry mount for the current user? */
  readonly guard: (entry: ResolvedEntry) => boolean;
  /** Awaited before single-spa starts: finishes a sign-in on the callback route; a kept session resumes in the background. */
  start(): Promise<void>;
  /** Once the registry holds the entries: route notes, and MFEs re-evaluated on session changes. */
  attach(deps: { entries: () => readonly ResolvedEntry[]; root: HTMLElement }): void;
}

/** What wiring reads of the page's resolved host config (the config module resolves `auth` once). */
export interface AuthPageConfig {
  /** Resolved `auth` section; undefined when SSO is off or the section was invalid (reported by the runtime). */
  readonly auth: ResolvedAuthOptions | undefined;
  readonly apis: unknown;
  readonly home: string;
}

export interface WireAuthDeps {
  readonly report: (error: ConfigError | SessionError) => void;
  /** Shows a notice; what it returns (the element) is removed when the notice no longer holds. */
  readonly notify: (text: string, kind: 'error' | 'warning', action?: NoticeAction) => { remove(): void } | void;
  /** Widgets on a CMS page: sign-in returns through the site's one callback page (see {@link CallbackRelay}). */
  readonly relay?: CallbackRelay;
}

/**
 * Single sign-on for the page, from the host config's `auth` section. Without one (or with an
 * invalid one, which is reported) the page is anonymous, nothing of SSO is downloaded, and
 * protected entries say sign-in is unavailable. With one, the session object exists at once (MFEs
 * hold it from their first mount) and the controller behind it is a chunk of its own
 * (`sso.ts`): awaited on the sign-in callback, loaded in the background everywhere else, so
 * public content never waits for it; a kept session resumes once it is in.
 *
 * @example
 * ```ts
 * const auth = wireAuth(config, { report, notify: showNotice });
 * const apis = new ApiWiring({ getAccessToken: auth.getAccessToken, ... });
 * await auth.start();
 * ```
 */
export function wireAuth(config: AuthPageConfig, deps: WireAuthDeps): AuthWiring {
  const { auth: options } = config;
  const sso = lazySso();
  const controller = options ? lazyController(options, config, deps, sso) : undefined;
  const live = controller?.live;
  const session = live ? readOnlySession(live) : anonymousSession;
  let guard: RouteGuard | undefined;
  // The controller starts (resumes a kept session) once: at once where the page waits for it,
  // otherwise after first content — its chunk is then not on the path to first content at all.
  let starting: Promise<void> | undefined;
  const begin = (handed?: string): Promise<void> => {
    if (!controller) return Promise.resolve();
    // A chunk that failed to download is asked for again the next time.
    starting ??= controller.get().then(
      (c) => c.start(handed),
      (error: unknown) => {
        starting = undefined;
        throw error;
      },
    );
    return starting;
  };
  // Reported and shown once, however many callers asked (the start after first content, a protected route).
  let failedOnce = false;
  const failed = (error: unknown) => {
    if (failedOnce) return;
    failedOnce = true;
    const failure = new SessionError('idp-unreachable', `Sign-in could not start (${error instanceof Error ? error.message : String(error)}). The page stays signed out; reload to try again.`, { cause: error });
    deps.report(failure);
    deps.notify(failure.message, 'warning', { label: 'Reload', run: () => location.reload() });
  };
  return {
    session,
    getAccessToken: async (api, request) => (controller && live?.isAuthenticated ? (await controller.get()).getAccessToken(api, request) : undefined),
    dpopProof: controller ? async (request) => (await controller.get()).dpopProof(request) : noDpopProof,
    onAuthFailure: () => log.warn('an API refused the access token, also after a refresh — check the API\'s resource/audience and scopes'),
    onUserGone: (listener) => controller?.onUserGone(listener),
    // Until the route guard is in, a protected entry does not mount (its region stays empty).
    guard: (entry) => guard?.permits(entry) ?? !entry.auth?.required,
    start() {
      if (!options) return Promise.resolve();
      // The callback route, or a sign-in the site's callback page handed to this page (widgets
      // on a CMS page), finishes before any route runs.
      if (location.pathname === options.redirectPath) return begin();
      const handed = deps.relay?.take(options.redirectPath);
      if (handed) return begin(handed);
      void afterFirstContent(AFTER_CONTENT_MS).then(() => begin()).catch(failed);
      return Promise.resolve();
    },
    attach({ entries, root }) {
      const check = () => guard?.check();
      // Protected MFEs mount or unmount as the session changes; every MFE hears the event itself.
      const reroute = () => void singleSpa().then((spa) => spa.triggerAppChange()).then(check, check);
      for (const event of ['signed-in', 'signed-out', 'expired'] as const) session.on(event, reroute);
      // The guard's notes (sign in, resuming, no access, unavailable) come with the SSO chunk: at
      // once on a protected route (with SSO on, which also starts the controller), otherwise after
      // first content — with SSO off only once a protected entry is registered at all.
      const protectedHere = () => entries().some((entry) => entry.auth?.required === true && isActiveAt(entry.routes, location.pathname));
      let asked = false;
      const need = () => {
        if (asked || (!options && !entries().some((entry) => entry.auth?.required))) return;
        asked = true;
        if (options) void begin().catch(failed);
        sso().then((m) => {
          const current = () => controller?.loaded();
          guard = new m.RouteGuard({
            session,
            entries,
            region: (name) => root.querySelector<HTMLElement>(`[data-atrium-region="${CSS.escape(name)}"]`),
            mayAutoSignIn: () => current()?.mayAutoSignIn ?? false,
            pending: () => (current() ? current()?.pending : options ? 'resolving' : undefined),
            retry: () => void current()?.retryResume(),
          });
          void controller?.get().then((c) => c.onPendingChange(check), () => undefined);
          reroute();
        }, (error: unknown) => {
          asked = false;
          log.warn('the route guard could not be loaded; protected parts of the page stay hidden', error);
        });
      };
      window.addEventListener('single-spa:routing-event', () => (guard ? check() : protectedHere() && need()));
      if (protectedHere()) need();
      else void afterFirstContent(AFTER_CONTENT_MS).then(need);
    },
  };
}

/** The SSO chunk, imported once; a failed download is tried again on the next call. */
function lazySso(): () => Promise<typeof import('./sso.js')> {
  return loadOnce(() => import('./sso.js'));
}

/**
 * The page's one session and the controller behind it, made when the SSO chunk arrives. The
 * session exists at once: MFEs hold its read-only view from their first mount.
 */
function lazyController(options: ResolvedAuthOptions, config: AuthPageConfig, deps: WireAuthDeps, sso: ReturnType<typeof lazySso>) {
  let made: Promise<AuthController> | undefined;
  let loaded: AuthController | undefined;
  const gone = new Set<(sub: string) => void>();
  // A return URL an MFE passes is made a same-origin path here, at the boundary (the controller's
  // own sign-in buttons pass paths that already are).
  const live = new LiveSession({ signIn: async (returnTo) => (await get()).signIn(safeReturnTo(returnTo ?? location.pathname + location.search + location.hash)), signOut: async () => (await get()).signOut() });
  const get = (): Promise<AuthController> => (made ??= make());
  const make = (): Promise<AuthController> => {
    // Whether a session is kept is asked while the SSO chunk downloads (the store is the OIDC
    // engine's too, so it stays in the shell's chunk rather than in one the two lazy chunks share).
    const kept = options.storage === 'persistent' ? hasStoredSession(options.authority, options.clientId) : undefined;
    return sso().then(
      (m) => {
        // The engine's import stays here, in the shell's chunk: the SSO chunk then imports nothing
        // lazily itself, and the bundler keeps the modules the two share in the shell's chunk.
        loaded = new m.AuthController({ options, live, engine: () => import('./oidc/oidc-engine.js'), ...(kept ? { kept } : {}), targets: tokenTargets(config.apis, options.apiScopes), home: config.home, notify: deps.notify, report: deps.report, ...(deps.relay ? { relay: deps.relay } : {}) });
        for (const listener of gone) loaded.onUserGone(listener);
        return loaded;
      },
      (error: unknown) => {
        // Not remembered: the next call asks for the chunk again.
        made = undefined;
        throw error;
      },
    );
  };
  return {
    live,
    get,
    loaded: () => loaded,
    onUserGone(listener: (sub: string) => void) {
      gone.add(listener);
      loaded?.onUserGone(listener);
    },
  };
}
