import { triggerAppChange } from 'single-spa';
import type { Session } from '@atrium/shared';
import type { ApiCache, GetAccessToken } from '@atrium/shared/api';
import { createLogger } from '@atrium/shared';
import type { ResolvedHostConfig } from '../config/config.js';
import { ConfigError, describeError } from '../errors.js';
import type { ResolvedEntry } from '../manifest/index.js';
import { anonymousSession } from './anonymous.js';
import { AuthController } from './auth-controller.js';
import { resolveAuthOptions, tokenTargets } from './auth-options.js';
import { RouteGuard } from './route-guard.js';
import type { SessionError } from './session-error.js';

export { anonymousSession } from './anonymous.js';
export { defineAuthConfig, resolveAuthOptions, tokenTargets } from './auth-options.js';
export type { ApiTokenTarget, AuthConfig, ResolvedAuthOptions } from './auth-options.js';
export { allows, RouteGuard } from './route-guard.js';
export { isSessionError, SessionError } from './session-error.js';
export type { SessionErrorReason } from './session-error.js';

const log = createLogger('host:auth');

/** What boot plugs into the API layer, the registry and the page. */
export interface AuthWiring {
  /** The page's one session, handed to every MFE. */
  readonly session: Session;
  /** For the API layer only: a token for that API's resource, fresh when asked. */
  readonly getAccessToken: GetAccessToken;
  readonly onAuthFailure: () => void;
  /** For the registry: may this entry mount for the current user? */
  readonly guard: (entry: ResolvedEntry) => boolean;
  /** Awaited before single-spa starts: finishes a sign-in on the callback route, or restores one. */
  start(): Promise<void>;
  /** Once the registry holds the entries: route notes, and MFEs re-evaluated on session changes. */
  attach(deps: { entries: () => readonly ResolvedEntry[]; cache: () => ApiCache | undefined; root: HTMLElement }): void;
}

export interface WireAuthDeps {
  readonly report: (error: ConfigError | SessionError) => void;
  readonly notify: (text: string, kind: 'error' | 'warning', action?: { label: string; run: () => void }) => void;
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
export function wireAuth(config: ResolvedHostConfig, deps: WireAuthDeps): AuthWiring {
  let controller: AuthController | undefined;
  if (config.auth !== undefined) {
    try {
      const options = resolveAuthOptions(config.auth, location.origin);
      controller = new AuthController({ options, targets: tokenTargets(config.apis), home: config.home, notify: deps.notify, report: deps.report });
    } catch (error) {
      const failure = error instanceof ConfigError ? error : new ConfigError(describeError(error), { cause: error });
      deps.report(failure);
      deps.notify('Sign-in is not available: this site is misconfigured.', 'error');
    }
  }
  const session = controller?.session ?? anonymousSession;
  let guard: RouteGuard | undefined;
  return {
    session,
    getAccessToken: controller?.getAccessToken ?? (() => undefined),
    onAuthFailure: () => log.warn('an API refused the access token, also after a refresh — check the API\'s resource/audience and scopes'),
    guard: (entry) => guard?.permits(entry) ?? !entry.auth?.required,
    start: () => controller?.start() ?? Promise.resolve(),
    attach({ entries, cache, root }) {
      guard = new RouteGuard({
        session,
        entries,
        region: (name) => root.querySelector<HTMLElement>(`[data-atrium-region="${CSS.escape(name)}"]`),
        mayAutoSignIn: () => controller?.mayAutoSignIn ?? false,
      });
      const check = () => guard?.check();
      window.addEventListener('single-spa:routing-event', check);
      controller?.onUserGone((sub) => cache()?.clearUser(sub));
      // Protected MFEs mount or unmount as the session changes; every MFE hears the event itself.
      const reroute = () => void triggerAppChange().then(check, check);
      for (const event of ['signed-in', 'signed-out', 'expired'] as const) session.on(event, reroute);
    },
  };
}
