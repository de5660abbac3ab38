import type { SessionEvent } from '@atrium/shared/internal';
import type { GetAccessToken } from '@atrium/shared/api';
import { createLogger } from '@atrium/shared';
import type { ApiTokenTarget, ResolvedAuthOptions } from './auth-options.js';
import type { LiveSession } from './live-session.js';
import { safeReturnTo } from './return-to.js';
import { isSessionError, SessionError } from './session-error.js';
import { TabSync } from './tab-sync.js';
import type { NoticeAction } from '../ui/index.js';
import type { TabMessage } from './tab-sync.js';
import type { DpopProofRequest, OidcEngine } from './oidc/oidc-engine.js';

const log = createLogger('host:auth');

/** Seconds between attempts to resume a kept session while the sign-in service is unreachable. */
const RESUME_BACKOFF = [2, 4, 8, 15, 30];

/** A session kept by this origin that is not resolved yet: being resumed, or waiting for the IdP. */
export type PendingSession = 'resolving' | 'unreachable';

type Notify = (text: string, kind: 'error' | 'warning', action?: NoticeAction) => { remove(): void } | void;

export interface AuthControllerOptions {
  readonly options: ResolvedAuthOptions;
  /**
   * The page's one session, made by the wiring before this controller (a chunk of its own)
   * arrives: MFEs hold its read-only view from their first mount. Only this controller sets it.
   */
  readonly live: LiveSession;
  /** The OIDC engine's chunk (oidc-client-ts), imported the first time a session may exist or sign-in is asked for. */
  readonly engine: () => Promise<typeof import('./oidc/oidc-engine.js')>;
  /** Whether this origin keeps a session (IndexedDB), asked by the wiring while this chunk downloads; absent with `storage: "memory"`. */
  readonly kept?: Promise<boolean>;
  readonly targets: readonly ApiTokenTarget[];
  /** Where a sign-in that was started from `/` lands. */
  readonly home: string;
  readonly notify: Notify;
  readonly report: (error: SessionError) => void;
  /**
   * Widgets on a CMS page: the IdP answers on the site's one callback page, which relays the
   * visitor (and the answer) back to the page they started from; that page finishes the sign-in.
   */
  readonly relay?: CallbackRelay;
}

/**
 * How a sign-in comes back to a page that is not the callback (widgets on a CMS page, whose
 * session lives in that page's memory): implemented by `host/src/widgets/callback-relay.ts`.
 */
export interface CallbackRelay {
  /** On the callback page: send the visitor back to the page they started from, or say why not. */
  atCallback(callbackPath: string): Promise<void>;
  /** On any other page: the IdP's answer the callback page handed to this page, read once. */
  take(callbackPath: string): string | undefined;
  /** Before leaving for the IdP's sign-out: the page the callback page returns the visitor to. */
  leaving(returnTo: string): void;
}

/**
 * The host side of single sign-on: drives the page's one {@link LiveSession} (MFEs get a read-only
 * view), loads the OIDC engine (and oidc-client-ts) as a lazy chunk only when a session may exist
 * or sign-in is asked for, finishes sign-in on the callback route, resumes a kept session in the
 * background, keeps the origin's tabs in step, and turns every way a session can end into one
 * state change, one notice and one report.
 */
export class AuthController {
  readonly #live: LiveSession;
  readonly #o: AuthControllerOptions;
  readonly #tabs: TabSync;
  #engine: Promise<OidcEngine> | undefined;
  #loaded: OidcEngine | undefined;
  // After a failed or ended sign-in this page never redirects to the IdP on its own: no loops.
  #autoSignInSpent = false;
  #pending: PendingSession | undefined;
  #resuming: Promise<void> | undefined;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #attempts = 0;
  #offline: { notice: { remove(): void } | void } | undefined;
  readonly #userGone = new Set<(sub: string) => void>();
  readonly #pendingChange = new Set<() => void>();

  constructor(options: AuthControllerOptions) {
    this.#o = options;
    this.#live = options.live;
    this.#tabs = new TabSync(options.options.clientId);
  }

  /** True while this page may still send a signed-out user to the IdP without a click. */
  get mayAutoSignIn(): boolean {
    return !this.#autoSignInSpent && this.#pending === undefined;
  }

  /** A kept session not resolved yet (protected routes wait for it), or undefined. */
  get pending(): PendingSession | undefined {
    return this.#pending;
  }

  /** Called with the `sub` of a user who signed out or whose session ended, before MFEs hear of it. */
  onUserGone(listener: (sub: string) => void): void {
    this.#userGone.add(listener);
  }

  /** Called when {@link pending} changes. */
  onPendingChange(listener: () => void): void {
    this.#pendingChange.add(listener);
  }

  isCallback(pathname: string = location.pathname): boolean {
    return pathname === this.#o.options.redirectPath;
  }

  /**
   * Starts the controller (the wiring calls it once: at once on the callback route or with a
   * handed-over sign-in, otherwise after first content). On the callback route it finishes the
   * sign-in (awaited: the URL is then replaced by where the user was going); `handed` is the IdP's
   * answer the site's callback page handed to this page (the wiring takes it from the relay).
   * Otherwise it returns at once: a session this origin keeps is resumed in the background.
   */
  async start(handed?: string): Promise<void> {
    this.#tabs.listen((message) => this.#fromOtherTab(message));
    window.addEventListener('online', () => this.#pending === 'unreachable' && void this.retryResume());
    const { relay } = this.#o;
    if (this.isCallback()) return relay ? relay.atCallback(this.#o.options.redirectPath) : this.#completeSignIn(location.href);
    if (handed) return this.#completeSignIn(handed, true);
    const { kept } = this.#o;
    if (!kept) return;
    this.#setPending('resolving');
    void kept.then((found) => (found ? this.retryResume() : this.#setPending(undefined)));
  }

  readonly getAccessToken: GetAccessToken = async (api, request) => {
    if (!this.#live.isAuthenticated) return undefined;
    const engine = await this.#loadEngine();
    return engine.accessToken(api, request);
  };

  /** For the API layer: a DPoP proof of this session's key for one request. */
  readonly dpopProof = async (request: DpopProofRequest): Promise<string> => (await this.#loadEngine()).dpopProof(request);

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
    // Every tab and MFE hears it at once; revoking at the IdP takes a round trip or two.
    this.#tabs.post({ type: 'signed-out', sub: user.sub });
    this.#userLeft(user.sub, 'signed-out');
    let endSessionUrl: string | undefined;
    try {
      endSessionUrl = await (await this.#loadEngine()).signOut();
    } catch (error) {
      log.warn('sign-out at the sign-in service failed; signed out here', error);
    }
    if (!endSessionUrl) return;
    this.#o.relay?.leaving(location.pathname + location.search + location.hash);
    location.assign(endSessionUrl);
  }

  /** Tries now to resume the kept session (boot, a retry, the network or another tab is back). */
  retryResume(): Promise<void> {
    clearTimeout(this.#retry);
    this.#resuming ??= this.#resume().finally(() => (this.#resuming = undefined));
    return this.#resuming;
  }

  async #resume(): Promise<void> {
    if (this.#pending !== 'unreachable') this.#setPending('resolving');
    try {
      const user = await (await this.#loadEngine()).resume();
      this.#online();
      if (user) this.#live.set(user, 'signed-in');
      this.#setPending(undefined);
    } catch (error) {
      const failure = asSessionError(error, this.#o.options.authority);
      if (failure.reason === 'idp-unreachable') return this.#unreachable(failure);
      this.#online();
      this.#setPending(undefined);
      this.#autoSignInSpent = true;
      this.#o.report(failure);
      this.#tabs.post({ type: 'ended', sub: '', message: failure.message });
      this.#o.notify(failure.message, 'warning', { label: 'Sign in', run: () => void this.signIn().catch(() => undefined) });
    }
  }

  #unreachable(failure: SessionError): void {
    this.#setPending('unreachable');
    if (!this.#offline) {
      // Once per outage: the retries are quiet.
      this.#o.report(failure);
      const text = `The sign-in service (${this.#o.options.authority}) is unreachable, so your session is not resumed yet — you are not signed out. It resumes by itself when the service is back.`;
      // The button waits for the attempt (a hung IdP can hold one for the engine's request
      // timeout): a click during one joins it and says so, instead of seeming to do nothing.
      this.#offline = { notice: this.#o.notify(text, 'warning', { label: 'Try again', run: () => this.retryResume() }) };
    }
    const delay = RESUME_BACKOFF[Math.min(this.#attempts, RESUME_BACKOFF.length - 1)] ?? 30;
    this.#attempts += 1;
    this.#retry = setTimeout(() => void this.retryResume(), delay * 1_000);
  }

  #online(): void {
    this.#attempts = 0;
    this.#offline?.notice?.remove();
    this.#offline = undefined;
  }

  async #fromOtherTab(message: TabMessage): Promise<void> {
    if (message.type === 'signed-in') {
      if (this.#live.user) return;
      const user = await (await this.#loadEngine()).stored().catch(() => undefined);
      if (!user) return;
      this.#online();
      clearTimeout(this.#retry);
      this.#live.set(user, 'signed-in');
      this.#setPending(undefined);
      return;
    }
    const user = this.#live.user;
    // A tab that was still resuming (or waiting for the IdP) stops: the session is gone.
    clearTimeout(this.#retry);
    this.#online();
    this.#setPending(undefined);
    if (!user) return;
    this.#loaded?.forget();
    if (message.type === 'signed-out') return this.#userLeft(user.sub, 'signed-out');
    this.#userLeft(user.sub, 'expired');
    this.#o.notify(message.message, 'warning', { label: 'Sign in', run: () => void this.signIn().catch(() => undefined) });
  }

  /** Finishes a sign-in with the IdP's answer: this page's URL, or the one a callback page handed over. */
  async #completeSignIn(url: string, handedOver = false): Promise<void> {
    let target = '/';
    try {
      const { user, returnTo } = await (await this.#loadEngine()).completeSignIn(url);
      this.#live.set(user, 'signed-in');
      this.#tabs.post({ type: 'signed-in' });
      target = returnTo;
    } catch (error) {
      const failure = asSessionError(error, this.#o.options.authority);
      this.#autoSignInSpent = true;
      target = failure.returnTo ?? '/';
      this.#o.report(failure);
      this.#o.notify(failure.message, failure.reason === 'access-denied' ? 'warning' : 'error');
    }
    // The code and state leave the address bar and the history entry (a handed-over answer never was in it).
    if (!handedOver) history.replaceState(null, '', target === '/' ? this.#o.home : target);
  }

  #ended(error: SessionError): void {
    const user = this.#live.user;
    if (!user) return;
    this.#autoSignInSpent = true;
    this.#o.report(error);
    this.#tabs.post({ type: 'ended', sub: user.sub, message: error.message });
    this.#userLeft(user.sub, 'expired');
    this.#o.notify(error.message, 'warning', { label: 'Sign in', run: () => void this.signIn().catch(() => undefined) });
  }

  #userLeft(sub: string, event: SessionEvent): void {
    this.#autoSignInSpent = true;
    for (const listener of this.#userGone) listener(sub);
    this.#live.set(undefined, event);
  }

  #setPending(pending: PendingSession | undefined): void {
    if (this.#pending === pending) return;
    this.#pending = pending;
    for (const listener of this.#pendingChange) listener();
  }

  #loadEngine(): Promise<OidcEngine> {
    if (!this.#engine) {
      const { options, targets } = this.#o;
      this.#engine = this.#o.engine().then((m) => (this.#loaded = new m.OidcEngine(options, targets, { onEnded: (error) => this.#ended(error) })));
      // A chunk that failed to download (offline) may be fetched again on the next attempt.
      this.#engine.catch(() => (this.#engine = undefined));
    }
    return this.#engine;
  }
}

function asSessionError(error: unknown, authority: string): SessionError {
  if (isSessionError(error)) return error;
  return new SessionError('idp-unreachable', `Sign-in is not available right now (${error instanceof Error ? error.message : String(error)}). Please try again in a moment; the sign-in service is ${authority}.`, { cause: error });
}
