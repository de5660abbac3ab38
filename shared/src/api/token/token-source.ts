import type { ResolvedApiAuth } from '../config/api-config.js';

/** What the API layer asks the auth module for. */
export interface AccessTokenRequest {
  /** True after the API refused the current token: return a new one, not the cached one. */
  readonly forceRefresh: boolean;
  readonly audience?: string;
  readonly resource?: string;
  readonly scopes: readonly string[];
}

/**
 * Provided by the auth module: an access token for an API, or `undefined` when the user is not
 * signed in. Called before every request, so it should answer from its own cache.
 *
 * @example
 * ```ts
 * const getAccessToken: GetAccessToken = (api, { forceRefresh, audience, scopes }) =>
 *   auth.tokenFor({ audience, scopes, forceRefresh });
 * ```
 */
export type GetAccessToken = (apiName: string, request: AccessTokenRequest) => Promise<string | undefined> | string | undefined;

/** What the API layer asks the host's DPoP signer for: one proof for one request attempt. */
export interface DpopProofRequest {
  /** The request's URL without query and fragment: the proof's `htu` (RFC 9449 §4.2). */
  readonly url: string;
  /** The request's method, upper case: the proof's `htm`. */
  readonly method: string;
  /** The token being sent, which the proof's `ath` binds. */
  readonly accessToken: string;
}

/**
 * Provided by the host for APIs with `dpop: true` (oidc-client-ts `UserManager.dpopProof`): a
 * fresh DPoP proof JWT. Called once per attempt, retries included, since a proof is single-use.
 *
 * @example
 * ```ts
 * const dpopProof: DpopProof = ({ url, method }) => userManager.dpopProof(url, user, method);
 * ```
 */
export type DpopProof = (request: DpopProofRequest) => Promise<string>;

/** A token and the refresh generation it belongs to. */
export interface IssuedToken {
  readonly token: string | undefined;
  readonly generation: number;
}

/**
 * The access tokens of one API: a single-flight refresh shared by every concurrent caller, and
 * a once-per-token failure report. Holds no token itself; tokens live in local variables only.
 */
export class TokenSource {
  readonly #apiName: string;
  readonly #auth: Extract<ResolvedApiAuth, { type: 'oidc' }>;
  readonly #getAccessToken: GetAccessToken;
  #generation = 0;
  #refreshing: Promise<IssuedToken> | undefined;
  #lastRefreshed: IssuedToken | undefined;
  #lastReported: string | undefined;

  constructor(apiName: string, auth: Extract<ResolvedApiAuth, { type: 'oidc' }>, getAccessToken: GetAccessToken) {
    this.#apiName = apiName;
    this.#auth = auth;
    this.#getAccessToken = getAccessToken;
  }

  /** The token to send now. */
  async current(): Promise<IssuedToken> {
    const generation = this.#generation;
    if (this.#refreshing !== undefined) return this.#refreshing;
    const token = await this.#getAccessToken(this.#apiName, this.#request(false));
    return { token: token ?? undefined, generation };
  }

  /**
   * A new token after `failed` was refused. Callers whose 401 arrives while a refresh runs join
   * it; callers whose 401 comes from a token older than the last refresh reuse that refresh's
   * result. Either way the auth module is asked once per wave of 401s.
   */
  refresh(failed: IssuedToken): Promise<IssuedToken> {
    if (this.#refreshing !== undefined) return this.#refreshing;
    if (this.#lastRefreshed !== undefined && failed.generation < this.#lastRefreshed.generation) {
      return Promise.resolve(this.#lastRefreshed);
    }
    const refreshing = (async (): Promise<IssuedToken> => {
      const token = await this.#getAccessToken(this.#apiName, this.#request(true));
      this.#generation += 1;
      const issued = { token: token ?? undefined, generation: this.#generation };
      this.#lastRefreshed = issued;
      return issued;
    })();
    this.#refreshing = refreshing;
    const clear = (): void => {
      if (this.#refreshing === refreshing) this.#refreshing = undefined;
    };
    refreshing.then(clear, clear);
    return refreshing;
  }

  /**
   * True the first time a given token is reported as finally refused, so 50 parallel calls
   * failing with the same token tell the host once.
   */
  shouldReportFailure(token: string | undefined): boolean {
    const key = token ?? '';
    if (this.#lastReported === key) return false;
    this.#lastReported = key;
    return true;
  }

  #request(forceRefresh: boolean): AccessTokenRequest {
    return {
      forceRefresh,
      scopes: this.#auth.scopes,
      ...(this.#auth.audience === undefined ? {} : { audience: this.#auth.audience }),
      ...(this.#auth.resource === undefined ? {} : { resource: this.#auth.resource }),
    };
  }
}

// One source per (token function, API): every client set the host creates with the same
// `getAccessToken` shares one single-flight refresh, across MFEs.
const SOURCES = new WeakMap<GetAccessToken, Map<string, TokenSource>>();

/** The shared {@link TokenSource} of an API for this token function. */
export function tokenSourceFor(apiName: string, auth: Extract<ResolvedApiAuth, { type: 'oidc' }>, getAccessToken: GetAccessToken): TokenSource {
  let byApi = SOURCES.get(getAccessToken);
  if (byApi === undefined) {
    byApi = new Map();
    SOURCES.set(getAccessToken, byApi);
  }
  let source = byApi.get(apiName);
  if (source === undefined) {
    source = new TokenSource(apiName, auth, getAccessToken);
    byApi.set(apiName, source);
  }
  return source;
}
