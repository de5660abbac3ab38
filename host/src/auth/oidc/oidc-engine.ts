import { ErrorResponse, IndexedDbDPoPStore, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { User } from 'oidc-client-ts';
import type { SessionUser } from '@atrium/shared';
import type { AccessTokenRequest } from '@atrium/shared/api';
import { createLogger } from '@atrium/shared';
import type { ApiTokenTarget, ResolvedAuthOptions } from '../auth-options.js';
import { toSessionUser } from '../live-session.js';
import { SIGNIN_STATE_PREFIX } from '../return-to.js';
import { isSessionError, SessionError } from '../session-error.js';
import { callbackError, returnToFrom, unreachable } from './callback-errors.js';
import { checkIdToken } from './id-token.js';
import { MemoryStateStore } from './memory-store.js';
import { PersistentUserStore } from './persistent-user-store.js';
import { REFRESH_LOCK, RefreshQueue } from './refresh-queue.js';

const log = createLogger('host:auth');


/** One API's access token, held in memory only. */
interface HeldToken {
  readonly token: string;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
  readonly lifetime: number;
}

export interface EngineHooks {
  /** The IdP no longer accepts the session (refresh token revoked, reused or expired; bad ID token). */
  readonly onEnded: (error: SessionError) => void;
}

/** What the API layer asks for each request to a DPoP API (see README, "Session model"). */
export interface DpopProofRequest {
  readonly url: string;
  readonly method: string;
  readonly accessToken: string;
}

/**
 * OpenID Connect through oidc-client-ts: Authorization Code + PKCE by redirect, every token
 * DPoP-bound (RFC 9449) to a non-extractable key in IndexedDB, the refresh token in IndexedDB
 * (so reloads and tabs keep the session) and access tokens in memory, one per API, obtained with
 * the rotating refresh token (RFC 8707 `resource`). Refreshes are serialised across tabs by a
 * Web Lock, so a rotated refresh token is never presented twice. No hidden iframe. This module
 * and the library load only when a session may exist or the user asks to sign in.
 */
export class OidcEngine {
  readonly #options: ResolvedAuthOptions;
  readonly #targets: readonly ApiTokenTarget[];
  readonly #hooks: EngineHooks;
  readonly #manager: UserManager;
  readonly #signinState = new WebStorageStateStore({ store: sessionStorage, prefix: SIGNIN_STATE_PREFIX });
  readonly #tokens = new Map<string, HeldToken>();
  readonly #queue: RefreshQueue;

  constructor(options: ResolvedAuthOptions, targets: readonly ApiTokenTarget[], hooks: EngineHooks) {
    this.#options = options;
    this.#targets = targets;
    this.#hooks = hooks;
    this.#queue = new RefreshQueue(`${REFRESH_LOCK}:${options.clientId}`);
    const apiScopes = targets.flatMap((t) => t.scopes);
    this.#manager = new UserManager({
      authority: options.authority,
      client_id: options.clientId,
      redirect_uri: options.redirectUri,
      post_logout_redirect_uri: options.postLogoutRedirectUri,
      response_type: 'code',
      scope: unique([...options.scopes, ...apiScopes]).join(' '),
      // Profile claims come in the ID token; userinfo would not accept an API's access token.
      loadUserInfo: false,
      // Renewal uses the refresh token on demand, never a hidden iframe.
      automaticSilentRenew: false,
      monitorSession: false,
      filterProtocolClaims: false,
      userStore: options.storage === 'memory' ? new MemoryStateStore() : new PersistentUserStore(),
      stateStore: this.#signinState,
      // The key pair is generated non-extractable; the code is bound to it too (dpop_jkt).
      dpop: { bind_authorization_code: true, store: new IndexedDbDPoPStore() },
      extraQueryParams: { ...options.extraQueryParams },
      staleStateAgeInSeconds: 600,
      requestTimeoutInSeconds: 10,
      revokeTokenTypes: ['refresh_token'],
    });
  }

  /**
   * Resumes the session this origin keeps (a reload, a new tab): one refresh proves the grant
   * is alive and yields the first API's token. Resolves undefined when there is none; throws a
   * SessionError `idp-unreachable` (session kept, try later) or `session-ended` (session gone).
   */
  async resume(): Promise<SessionUser | undefined> {
    const user = await this.stored();
    if (!user) return undefined;
    const first = this.#initialTarget();
    try {
      await this.#queue.run(() => this.#refresh(first?.name, { forceRefresh: true, scopes: first?.scopes ?? [], ...(first?.resource ? { resource: first.resource } : {}) }));
    } catch (error) {
      if (!isSessionError(error) || error.reason !== 'idp-unreachable') await this.#manager.removeUser();
      throw error;
    }
    return user;
  }

  /** The user of the session this origin keeps, read without asking the IdP (another tab signed in). */
  async stored(): Promise<SessionUser | undefined> {
    const user = await this.#manager.getUser();
    if (!user?.refresh_token) return undefined;
    try {
      // Expiry is not checked: the ID token describes the sign-in event, the refresh token decides.
      return toSessionUser(checkIdToken(user.id_token, { ...this.#expectations(), checkExpiry: false }));
    } catch (error) {
      log.warn('dropping a stored session whose ID token does not check out', error);
      await this.#manager.removeUser();
      return undefined;
    }
  }

  /** Forgets this page's access tokens (another tab signed out; the shared store is gone already). */
  forget(): void {
    this.#tokens.clear();
  }

  /** Redirects to the IdP; settles only if the redirect cannot start. */
  async signIn(returnTo: string): Promise<void> {
    const resources = unique(this.#targets.flatMap((t) => (t.resource ? [t.resource] : [])));
    const first = this.#initialTarget();
    try {
      await this.#manager.signinRedirect({
        state: { returnTo },
        ...(resources.length > 0 ? { resource: resources } : {}),
        // The code exchange then yields the first API's token, saving one refresh.
        ...(first?.resource ? { extraTokenParams: { resource: first.resource } } : {}),
      });
    } catch (error) {
      throw unreachable(error, this.#options.authority) ?? new SessionError('callback-failed', `Sign-in could not start (${describe(error)}).`, { cause: error });
    }
  }

  /** Finishes the sign-in on the callback URL. The code is exchanged at most once. */
  async completeSignIn(url: string): Promise<{ user: SessionUser; returnTo: string }> {
    try {
      // Reads and deletes the matching state first: a replayed or forged response finds none.
      const user = await this.#queue.run(() => this.#manager.signinRedirectCallback(url));
      const claims = checkIdToken(user.id_token, this.#expectations());
      const first = this.#initialTarget();
      if (first) this.#hold(first.name, user);
      return { user: toSessionUser(claims), returnTo: returnToFrom(user.state) };
    } catch (error) {
      await this.#manager.removeUser();
      throw callbackError(error, this.#options.authority);
    } finally {
      await this.#dropSigninState();
    }
  }

  /**
   * An access token for one API only, from memory while it has time left, else from a refresh
   * with that API's resource. `forceRefresh` (after a 401) always gets a new one.
   */
  async accessToken(api: string, request: AccessTokenRequest): Promise<string | undefined> {
    const seen = this.#tokens.get(api);
    if (!request.forceRefresh && seen && this.#fresh(seen)) return seen.token;
    return this.#queue.run(async () => {
      const now = this.#tokens.get(api);
      // Someone refreshed this API's token while we waited for our turn.
      if (now && now !== seen && this.#fresh(now)) return now.token;
      try {
        return await this.#refresh(api, request);
      } catch (error) {
        if (isSessionError(error) && error.reason !== 'idp-unreachable') return this.#end(error);
        throw error;
      }
    });
  }

  /**
   * A DPoP proof for one API request, signed by the session's key (oidc-client-ts makes it:
   * `htm`, `htu` without query or fragment, `iat`, a fresh `jti`, and `ath` of the token).
   */
  async dpopProof({ url, method, accessToken }: DpopProofRequest): Promise<string> {
    const htu = new URL(url, location.href);
    htu.search = '';
    htu.hash = '';
    // The library reads only the access token of the user it is given (for `ath`).
    const proof = await this.#manager.dpopProof(htu.href, { access_token: accessToken } as User, method.toUpperCase());
    if (!proof) throw new SessionError('session-ended', 'Your session has ended: its key is gone (signed out in another tab?). Sign in again to continue.');
    return proof;
  }

  /**
   * Forgets the session here and in the shared store (key included), revokes the refresh token,
   * and returns the IdP's end-session URL.
   */
  async signOut(): Promise<string | undefined> {
    const user = await this.#manager.getUser();
    this.#tokens.clear();
    if (user?.refresh_token) {
      await this.#queue.run(() => this.#manager.revokeTokens(['refresh_token'])).catch((error: unknown) => {
        // The session is gone here either way; the refresh token then dies with its key.
        log.info('the identity provider did not confirm the revocation of the refresh token', error);
      });
    }
    await this.#manager.removeUser();
    if (!this.#options.endSessionAtIdp) return undefined;
    const endpoint = await this.#manager.metadataService.getEndSessionEndpoint().catch(() => undefined);
    if (!endpoint) return undefined;
    const url = new URL(endpoint);
    if (user?.id_token) url.searchParams.set('id_token_hint', user.id_token);
    url.searchParams.set('client_id', this.#options.clientId);
    url.searchParams.set('post_logout_redirect_uri', this.#options.postLogoutRedirectUri);
    return url.href;
  }

  /** One refresh-token exchange; call inside the queue. Throws `idp-unreachable` or `session-ended`. */
  async #refresh(api: string | undefined, request: AccessTokenRequest): Promise<string> {
    const stored = await this.#manager.getUser();
    if (!stored?.refresh_token) throw new SessionError('session-ended', 'Your session has ended (signed out here or in another tab). Sign in again to continue.');
    let user: User | null;
    try {
      user = await this.#manager.signinSilent({
        ...(request.resource ? { resource: request.resource } : {}),
        extraTokenParams: {
          scope: unique([...this.#options.scopes, ...request.scopes]).join(' '),
          ...(request.audience && !request.resource ? { audience: request.audience } : {}),
        },
      });
    } catch (error) {
      const offline = unreachable(error, this.#options.authority);
      if (offline) throw offline;
      const reason = error instanceof ErrorResponse ? `${error.error}${error.error_description ? `: ${error.error_description}` : ''}` : describe(error);
      throw new SessionError('session-ended', `Your session has ended (the sign-in service refused to renew it: ${reason}). Sign in again to continue.`, { cause: error });
    }
    if (!user?.access_token) throw new SessionError('session-ended', 'Your session has ended: the sign-in service returned no access token. Sign in again to continue.');
    if (user.id_token !== stored.id_token) checkIdToken(user.id_token, this.#expectations());
    if (api) this.#hold(api, user);
    return user.access_token;
  }

  #end(error: SessionError): undefined {
    this.#tokens.clear();
    void this.#manager.removeUser();
    this.#hooks.onEnded(error);
    return undefined;
  }

  #hold(api: string, user: User): void {
    const lifetime = user.expires_in ?? 0;
    this.#tokens.set(api, { token: user.access_token, expiresAt: user.expires_at ?? 0, lifetime });
  }

  #fresh(held: HeldToken): boolean {
    const margin = Math.min(this.#options.renewBeforeSeconds, held.lifetime / 4);
    return held.expiresAt - Date.now() / 1000 > margin;
  }

  #initialTarget(): ApiTokenTarget | undefined {
    return this.#targets.find((t) => t.resource !== undefined);
  }

  #expectations() {
    return { issuer: this.#options.issuer, clientId: this.#options.clientId, clockSkewSeconds: this.#options.clockSkewSeconds };
  }

  async #dropSigninState(): Promise<void> {
    const keys = await this.#signinState.getAllKeys().catch(() => []);
    await Promise.all(keys.map((key) => this.#signinState.remove(key).catch(() => null)));
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
