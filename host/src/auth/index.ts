import { triggerAppChange } from 'single-spa';
import type { Session } from '@atrium/shared';
import type { GetAccessToken } from '@atrium/shared/api';
import { createLogger } from '@atrium/shared';
import type { ConfigError } from '../errors.js';
import type { ResolvedEntry } from '../manifest/index.js';
import { anonymousSession, noDpopProof } from './anonymous.js';
import { AuthController } from './auth-controller.js';
import type { CallbackRelay } from './auth-controller.js';
import { tokenTargets } from './auth-options.js';
import type { ResolvedAuthOptions } from './auth-options.js';
import type { DpopProofRequest } from './oidc/oidc-engine.js';
import { RouteGuard } from './route-guard.js';
import type { SessionError } from './session-error.js';

export { anonymousSession, noDpopProof } from './anonymous.js';
export type { CallbackRelay } from './auth-controller.js';
export { defineAuthConfig, resolveAuthOptions, resolveEmbedderAuth, tokenTargets } from './auth-options.js';
export type { ApiTokenTarget, AuthConfig, EmbedderConfig, ResolvedAuthOptions } from './auth-options.js';
export type { DpopProofRequest } from './oidc/oidc-engine.js';
export { readOnlySession } from './read-only-session.js';
export { returnPathOnSite, storedReturnTo } from './callback-return.js';
export { safeReturnTo, SIGNIN_STATE_PREFIX } from './return-to.js';
export { allows, RouteGuard } from './route-guard.js';
export { isSessionError, SessionError } from './session-error.js';
export type { SessionErrorReason } from './session-error.js';

const log = createLogger('host:auth');

/** What boot plugs into the API layer, the registry and the page. */
export interface AuthWiring {
  /** The page's one session, read-only, handed to every MFE. */
  readonly session: Session;
  /** For the API layer only: a token for that API's resource, fresh when asked. */
  readonly getAccessToken: GetAccessToken;
  /** For the API layer only: a DPoP proof for one request to an API with `"dpop": true`. */
  readonly dpopProof: (request: DpopProofRequest) => Promise<string>;
  readonly onAuthFailure: () => void;
  /** The controller behind the session; undefined when SSO is off. */
  readonly controller: AuthController | undefined;
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
  readonly notify: (text: string, kind: 'error' | 'warning', action?: { label: string; run: () => void }) => { remove(): void } | void;
  /** Widgets on a CMS page: sign-in returns through the site's one callback page (see {@link CallbackRelay}). */
  readonly relay?: CallbackRelay;
}

/**
 * Single sign-on for the page, from the host config's `auth` section. Without one (or with an
 * invalid one, which is reported) the page is anonymous, nothing of OIDC is downloaded, and
 * protected entries say sign-in is unavailable.
 *
 * @example
 * ```ts
 * const auth = wireAuth(config, { report, notify: showNotice });
 * const apis = new ApiWiring({ getAccessToken: auth.getAccessToken, ... });
 * await auth.start();
 * ```
 */
export function wireAuth(config: AuthPageConfig, deps: WireAuthDeps): AuthWiring {
  const controller = config.auth
    ? new AuthController({ options: config.auth, targets: tokenTargets(config.apis, config.auth.apiScopes), home: config.home, notify: deps.notify, report: deps.report, ...(deps.relay ? { relay: deps.relay } : {}) })
    : undefined;
  const session = controller?.session ?? anonymousSession;
  let guard: RouteGuard | undefined;
  return {
    session,
    getAccessToken: controller?.getAccessToken ?? (() => undefined),
    controller,
    dpopProof: controller?.dpopProof ?? noDpopProof,
    onAuthFailure: () => log.warn('an API refused the access token, also after a refresh — check the API\'s resource/audience and scopes'),
    guard: (entry) => guard?.permits(entry) ?? !entry.auth?.required,
    start: () => controller?.start() ?? Promise.resolve(),
    attach({ entries, root }) {
      guard = new RouteGuard({
        session,
        entries,
        region: (name) => root.querySelector<HTMLElement>(`[data-atrium-region="${CSS.escape(name)}"]`),
        mayAutoSignIn: () => controller?.mayAutoSignIn ?? false,
        pending: () => controller?.pending,
        retry: () => void controller?.retryResume(),
      });
      const check = () => guard?.check();
      window.addEventListener('single-spa:routing-event', check);
      controller?.onPendingChange(check);
      // Protected MFEs mount or unmount as the session changes; every MFE hears the event itself.
      const reroute = () => void triggerAppChange().then(check, check);
      for (const event of ['signed-in', 'signed-out', 'expired'] as const) session.on(event, reroute);
    },
  };
}
