import ky, { isHTTPError, isNetworkError as isKyNetworkError, isTimeoutError as isKyTimeoutError } from 'ky';
import type { BeforeRetryState, Options, ShouldRetryState } from 'ky';
import type { AuthError, AuthFailureReason } from '../../errors/api-errors.js';
import { authError, bodyTooLargeError, httpError, networkError, schemaError, timeoutError } from '../../errors/api-failures.js';
import type { FailedResponse } from '../../errors/api-failures.js';
import { isApiError } from '../../errors/guards.js';
import type { Logger } from '../../logger/logger.js';
import type { HttpMethod, ResolvedApiOptions } from '../config/api-config.js';
import { authorize } from '../token/authorize.js';
import type { DpopProof, IssuedToken, TokenSource } from '../token/token-source.js';
import { boundedFetch } from './bounded-fetch.js';
import type { ReadBody } from './bounded-fetch.js';
import { followWithSignals } from './follow-signals.js';

/** What every call of one API shares. */
export interface ExecuteContext {
  readonly api: ResolvedApiOptions;
  readonly tokens: TokenSource | undefined;
  /** Set for an API with `dpop: true`. */
  readonly dpopProof: DpopProof | undefined;
  readonly onAuthFailure: ((error: AuthError) => void) | undefined;
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly log: Logger;
}

/** One call. */
export interface ExecuteSpec {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly json: unknown;
  readonly signals: readonly AbortSignal[];
  readonly attemptMs: number;
  readonly totalMs: number;
  readonly parseAs: 'json' | 'text';
}

// ky checks the method before it asks `shouldRetry`; the 401 refresh applies to every method, so
// ky sees them all and `shouldRetry` applies the API's idempotent-only rule itself.
const EVERY_METHOD = ['get', 'head', 'put', 'delete', 'options', 'post', 'patch'];

function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

// A network failure while a body streams surfaces from the body read, not from ky's fetch.
function isRawNetworkError(error: unknown): boolean {
  return error instanceof TypeError && /fetch|network|terminated|load failed/i.test(error.message);
}

/**
 * Runs one call through ky: ky owns attempts, retries (idempotent methods, `Retry-After`, backoff
 * with full jitter), per-attempt and total timeouts; this adds what is Atrium's own — the token
 * on the exact origin only, the refresh-once rule on 401, DPoP proofs, bounded bodies — and maps
 * every failure into the {@link ApiError} family (or rejects with the caller's abort reason).
 */
export async function execute(context: ExecuteContext, spec: ExecuteSpec): Promise<unknown> {
  const call = new Call(context, spec);
  try {
    if (isOffline()) throw networkError(call.errorContext(0), true);
    // Rejects at once when a caller aborts, also while ky waits before a retry.
    await followWithSignals(ky(spec.url, call.options()), spec.signals, () => undefined);
    return call.parse();
  } catch (error) {
    throw call.toApiError(error, undefined);
  }
}

class Call {
  readonly #context: ExecuteContext;
  readonly #spec: ExecuteSpec;
  readonly #started = performance.now();
  #issued: IssuedToken | undefined;
  #refreshed = false;
  #skipBackoff = false;
  #retries = 0;
  #failure: FailedResponse | undefined;
  #body: ReadBody | undefined;

  constructor(context: ExecuteContext, spec: ExecuteSpec) {
    this.#context = context;
    this.#spec = spec;
  }

  options(): Options {
    const { api, tokens } = this.#context;
    const { retry } = api;
    return {
      method: this.#spec.method,
      ...(this.#spec.headers === undefined ? {} : { headers: this.#spec.headers }),
      ...(this.#spec.json === undefined ? {} : { json: this.#spec.json }),
      // A redirect must never carry the token anywhere: authenticated APIs do not follow them.
      redirect: api.auth.type === 'none' ? 'follow' : 'manual',
      timeout: this.#spec.attemptMs,
      totalTimeout: this.#spec.totalMs,
      retry: {
        // One more than configured when a token may need its one refresh (`shouldRetry` counts).
        limit: retry.limit + (tokens === undefined ? 0 : 1),
        methods: EVERY_METHOD,
        statusCodes: [...retry.statusCodes],
        afterStatusCodes: [...retry.statusCodes],
        maxRetryAfter: retry.maxRetryAfterMs,
        backoffLimit: retry.maxBackoffMs,
        delay: (attempt) => (this.#takeSkipBackoff() ? 0 : retry.backoffMs * 2 ** (attempt - 1)),
        jitter: true,
        retryOnTimeout: retry.onTimeout,
        shouldRetry: (state) => this.#shouldRetry(state),
      },
      fetch: boundedFetch(this.#context.fetch ?? globalThis.fetch, {
        maxErrorBodyBytes: api.maxErrorBodyBytes,
        maxBodyBytes: api.maxBodyBytes,
        tooLarge: (declared) => bodyTooLargeError(this.errorContext(this.#retries), api.maxBodyBytes, declared),
        onBody: (body) => {
          this.#body = body;
        },
        onFailure: (failure) => {
          this.#failure = failure;
        },
        signals: this.#spec.signals,
      }),
      hooks: {
        // Only authenticated APIs have work to do before the first attempt: each hook is an await.
        beforeRequest: tokens === undefined ? [] : [({ request }) => this.#beforeAttempt(request)],
        beforeRetry: [(state) => this.#beforeRetry(state)],
        beforeError: [({ error, retryCount }) => this.toApiError(error, retryCount) as Error],
      },
    };
  }

  /** The parsed body of the successful attempt. */
  parse(): unknown {
    const body = this.#body;
    if (body === undefined) return undefined;
    if (this.#spec.parseAs === 'text') return body.text;
    if (body.text === '' || this.#spec.method === 'HEAD') return undefined;
    try {
      return JSON.parse(body.text) as unknown;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const what = `${body.status} with a body that is not valid JSON (${body.contentType ?? 'no content type'})`;
      throw schemaError(this.errorContext(this.#retries), [{ message, path: '' }], what, error);
    }
  }

  /** The error a failure rejects with: the caller's abort reason, an ApiError, or (a bug) itself. */
  toApiError(error: unknown, retryCount: number | undefined): unknown {
    const aborted = this.#aborted();
    if (aborted !== undefined) return aborted.reason;
    if (isApiError(error)) return error;
    const context = this.errorContext(retryCount ?? this.#retries);
    if (isHTTPError(error)) {
      if (error.response.status === 401 && this.#context.tokens !== undefined) return this.#authFailure('rejected', this.#issued);
      const { response } = error;
      return httpError(context, this.#failure ?? { status: response.status, statusText: response.statusText, headers: response.headers, redirected: false, text: '', truncated: false });
    }
    if (isKyTimeoutError(error)) {
      const total = performance.now() - this.#started >= this.#spec.totalMs - 1;
      return timeoutError(context, total ? 'total' : 'attempt', total ? this.#spec.totalMs : this.#spec.attemptMs);
    }
    if (isKyNetworkError(error) || isRawNetworkError(error)) return networkError(context, isOffline(), error);
    return error;
  }

  async #beforeAttempt(request: Request): Promise<void> {
    const { tokens } = this.#context;
    if (tokens === undefined) return;
    this.#issued ??= await this.#token(() => tokens.current());
    await this.#authorize(request);
  }

  async #beforeRetry({ request, error, retryCount }: BeforeRetryState): Promise<void> {
    this.#retries = retryCount;
    this.#context.log.debug(`${this.#spec.method} ${this.#spec.url}: retry ${retryCount} after`, error.message);
    if (isOffline()) throw networkError(this.errorContext(retryCount), true, error);
    // A fresh token after a refresh, and a fresh DPoP proof for every attempt.
    if (this.#context.tokens !== undefined) await this.#authorize(request);
  }

  async #shouldRetry({ error, retryCount }: ShouldRetryState): Promise<boolean | undefined> {
    if (isApiError(error) || this.#aborted() !== undefined) return false;
    const { tokens, api } = this.#context;
    if (tokens !== undefined && isHTTPError(error) && error.response.status === 401) {
      // Refresh once per call; a second 401 ends in an AuthError (see toApiError).
      if (this.#refreshed) return false;
      this.#refreshed = true;
      const failed = this.#issued ?? { token: undefined, generation: 0 };
      this.#issued = await this.#token(() => tokens.refresh(failed));
      this.#skipBackoff = true;
      return true;
    }
    // POST and PATCH are never retried; other methods only as configured.
    if (!api.retry.methods.has(this.#spec.method)) return false;
    if (retryCount - (this.#refreshed ? 1 : 0) > api.retry.limit) return false;
    if (isOffline()) return false;
    return undefined; // ky's own rules: status codes, Retry-After, timeouts, network errors
  }

  #aborted(): AbortSignal | undefined {
    return this.#spec.signals.find((signal) => signal.aborted);
  }

  #takeSkipBackoff(): boolean {
    const skip = this.#skipBackoff;
    this.#skipBackoff = false;
    return skip;
  }

  async #authorize(request: Request): Promise<void> {
    const token = this.#issued?.token;
    if (token === undefined) return;
    try {
      await authorize(request, token, { origin: this.#context.api.origin, dpopProof: this.#context.dpopProof });
    } catch (error) {
      throw this.#authFailure('proof-error', this.#issued, error);
    }
  }

  async #token(get: () => Promise<IssuedToken> | undefined): Promise<IssuedToken> {
    let issued: IssuedToken | undefined;
    try {
      issued = await get();
    } catch (error) {
      throw this.#authFailure('token-error', undefined, error);
    }
    // Fail closed: an authenticated API is never called without its token.
    if (issued?.token === undefined || issued.token === '') throw this.#authFailure('no-token', issued);
    return issued;
  }

  #authFailure(reason: AuthFailureReason, issued: IssuedToken | undefined, cause?: unknown): AuthError {
    const error = authError(this.errorContext(this.#retries), reason, cause);
    const { tokens, onAuthFailure, log } = this.#context;
    if (tokens?.shouldReportFailure(issued?.token) === true && onAuthFailure !== undefined) {
      try {
        onAuthFailure(error);
      } catch (hostError) {
        log.error('onAuthFailure threw', hostError);
      }
    }
    return error;
  }

  /** Where the call was going, for error messages. */
  errorContext(retryCount: number): { apiName: string; method: string; url: string; attempts: number } {
    return { apiName: this.#context.api.name, method: this.#spec.method, url: this.#spec.url, attempts: retryCount + 1 };
  }
}
