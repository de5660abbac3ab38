import type { Session } from '@atrium/shared';
import type { SessionEvent } from '@atrium/shared/internal';
import type { GetAccessToken } from '@atrium/shared/api';
import { createLogger } from '@atrium/shared';
import type { ApiTokenTarget, ResolvedAuthOptions } from './auth-options.js';
import { LiveSession } from './live-session.js';
import { readOnlySession } from './read-only-session.js';
import { safeReturnTo } from './return-to.js';
import { isSessionError, SessionError } from './session-error.js';
import type { OidcEngine } from './oidc/oidc-engine.js';

const log = createLogger('host:auth');

export interface AuthControllerOptions {
  readonly options: ResolvedAuthOptions;
  readonly targets: readonly ApiTokenTarget[];
  /** Where a sign-in that was started from `/` lands. */
  readonly home: string;
  readonly notify: (text: string, kind: 'error' | 'warning', action?: { label: string; run: () => void }) => void;
  readonly report: (error: SessionError) => void;
  /**
   * The callback is the page itself (a widget's CMS page): only a visit carrying the IdP's answer
   * (`state` with `code` or `error`) is a callback, every other visit is the page as usual.
   */
  readonly callbackNeedsParams?: boolean;
}

/**
 * The host side of single sign-on: owns the page's one {@link LiveSession}, loads the OIDC
 * engine (and oidc-client-ts) as a lazy chunk, finishes sign-in on the callback route, and
 * turns every way a session can end into one state change, one notice and one report.
 */
export class AuthController {
  /** What MFEs get: reads and sign-in/out, no way to set the user. */
  readonly session: Session;
  readonly #live: LiveSession;
  readonly #o: AuthControllerOptions;
  #engine: Promise<OidcEngine> | undefined;
  // After a failed or ended sign-in this page never redirects to the IdP on its own: no loops.
  #autoSignInSpent = false;
  readonly #userGone = new Set<(sub: string) => void>();

  constructor(options: AuthControllerOptions) {
    this.#o = options;
    this.#live = new LiveSession({ signIn: (returnTo) => this.signIn(returnTo), signOut: () => this.signOut() });
    this.session = readOnlySession(this.#live);
  }

  /** True while this page may still send a signed-out user to the IdP without a click. */
  get mayAutoSignIn(): boolean {
    return !this.#autoSignInSpent;
  }

  /** Called with the `sub` of a user who signed out or whose session ended, before MFEs hear of it. */
  onUserGone(listener: (sub: string) => void): void {
    this.#userGone.add(listener);
  }

  isCallback(pathname: string = location.pathname, search: string = location.search): boolean {
    if (pathname !== this.#o.options.redirectPath) return false;
    if (!this.#o.callbackNeedsParams) return true;
    const params = new URLSearchParams(search);
    return params.has('state') && (params.has('code') || params.has('error'));
  }

  /**
   * Boot step, awaited before single-spa starts: finishes a sign-in on the callback route (the
   * URL is then replaced by where the user was going), or restores a session kept in
   * sessionStorage. With in-memory tokens there is nothing to restore.
   */
  async start(): Promise<void> {
    if (this.isCallback()) return this.#completeSignIn();
    if (this.#o.options.storage === 'session') {
      const user = await this.#loadEngine()
        .then((engine) => engine.restore())
        .catch((error: unknown) => log.warn('could not restore the session', error));
      if (user) this.#live.set(user, 'signed-in');
      return;
    }
    // Warm up so a sign-in click does not wait for the library — but only once the page shows
    // content: the main thread is idle while remotes download, and an idle callback then would
    // put the OIDC chunk and the IdP's discovery document on the boot's critical path.
    afterFirstContent(() => void this.#loadEngine().then((engine) => engine.prefetch(), () => undefined));
  }

  readonly getAccessToken: GetAccessToken = async (api, request) => {
    if (!this.#live.isAuthenticated) return undefined;
    const engine = await this.#loadEngine();
    return engine.accessToken(api, request);
  };

  async signIn(returnTo?: string): Promise<void> {
    const target = safeReturnTo(returnTo ?? location.pathname + location.search + location.hash);
    this.#autoSignInSpent = true;
    try {
      const engine = await this.#loadEngine();
      await engine.signIn(target);
    } catch (error) {
      const failure = asSessionError(error, this.#o.options.authority);
      this.#o.report(failure);
      this.#o.notify(failure.message, 'error', { label: 'Try again', run: () => void this.signIn(target).catch(() => undefined) });
      throw failure;
    }
  }

  async signOut(): Promise<void> {
    const user = this.#live.user;
    if (!user) return;
    let endSessionUrl: string | undefined;
    try {
      endSessionUrl = await (await this.#loadEngine()).signOut();
    } catch (error) {
      log.warn('sign-out at the identity provider failed; signed out here', error);
    }
    this.#userLeft(user.sub, 'signed-out');
    if (endSessionUrl) location.assign(endSessionUrl);
  }

  async #completeSignIn(): Promise<void> {
    let target = '/';
    try {
      const { user, returnTo } = await (await this.#loadEngine()).completeSignIn(location.href);
      this.#live.set(user, 'signed-in');
      target = returnTo;
    } catch (error) {
      const failure = asSessionError(error, this.#o.options.authority);
      this.#autoSignInSpent = true;
      target = failure.returnTo ?? '/';
      this.#o.report(failure);
      this.#o.notify(failure.message, failure.reason === 'access-denied' ? 'warning' : 'error');
    }
    // The code and state leave the address bar and the history entry.
    history.replaceState(null, '', target === '/' ? this.#o.home : target);
  }

  #ended(error: SessionError): void {
    const user = this.#live.user;
    if (!user) return;
    this.#autoSignInSpent = true;
    this.#o.report(error);
    this.#userLeft(user.sub, 'expired');
    this.#o.notify(error.message, 'warning', { label: 'Sign in', run: () => void this.signIn().catch(() => undefined) });
  }

  #userLeft(sub: string, event: SessionEvent): void {
    this.#autoSignInSpent = true;
    for (const listener of this.#userGone) listener(sub);
    this.#live.set(undefined, event);
  }

  #loadEngine(): Promise<OidcEngine> {
    if (!this.#engine) {
      const { options, targets } = this.#o;
      this.#engine = import('./oidc/oidc-engine.js').then((m) => new m.OidcEngine(options, targets, { onEnded: (error) => this.#ended(error) }));
      // A chunk that failed to download (offline) may be fetched again on the next attempt.
      this.#engine.catch(() => (this.#engine = undefined));
    }
    return this.#engine;
  }
}

function asSessionError(error: unknown, authority: string): SessionError {
  if (isSessionError(error)) return error;
  return new SessionError('idp-unreachable', `Sign-in is not available right now (${error instanceof Error ? error.message : String(error)}). Please try again in a moment; the identity provider is ${authority}.`, { cause: error });
}

/** Runs `work` when the browser is idle after the first route MFE has mounted (or after 5 s). */
function afterFirstContent(work: () => void): void {
  const idle = (fn: () => void) => (globalThis.requestIdleCallback ? globalThis.requestIdleCallback(fn, { timeout: 2_000 }) : setTimeout(fn, 200));
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    idle(work);
  };
  window.addEventListener('single-spa:first-mount', run, { once: true });
  setTimeout(run, 5_000);
}
