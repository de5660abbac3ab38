import { isNetworkError as isKyNetworkError } from 'ky';
import type { HttpMethod, ResolvedApiOptions } from '../config/api-config.js';
import type { ApiError, AuthError, AuthFailureReason } from '../errors/api-errors.js';
import type { Logger } from '../../logger/logger.js';
import type { IssuedToken, TokenSource } from '../token/token-source.js';
import { sendAttempt } from './attempt.js';
import type { AttemptResult } from './attempt.js';
import { CallScope } from './call-scope.js';
import { authError, httpError, networkError, schemaError, timeoutError } from './failures.js';
import { parseRetryAfter, retryDelay } from './retry-delay.js';

/** What every call of one API shares. */
export interface ExecuteContext {
  readonly api: ResolvedApiOptions;
  readonly tokens: TokenSource | undefined;
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

function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/**
 * Runs one call to the end: attempts, the refresh-once rule on 401, retries of idempotent calls
 * with backoff, and the time budgets. Resolves with the parsed body or rejects with an
 * {@link ApiError} (or the caller's abort reason).
 */
export async function execute(context: ExecuteContext, spec: ExecuteSpec): Promise<unknown> {
  const runner = new CallRunner(context, spec);
  try {
    return await runner.run();
  } finally {
    runner.scope.dispose();
  }
}

class CallRunner {
  readonly scope: CallScope;
  readonly #context: ExecuteContext;
  readonly #spec: ExecuteSpec;
  #attempts = 0;
  #retries = 0;
  #refreshed = false;

  constructor(context: ExecuteContext, spec: ExecuteSpec) {
    this.#context = context;
    this.#spec = spec;
    this.scope = new CallScope(spec.signals, spec.totalMs);
  }

  async run(): Promise<unknown> {
    let issued = await this.#token(() => this.#context.tokens?.current());
    for (;;) {
      if (isOffline()) throw networkError(this.#errorContext(), true);
      const result = await this.#attempt(issued);
      if (result === undefined) continue; // a retryable failure already waited its delay
      if (result.status === 401 && this.#context.tokens !== undefined) {
        if (this.#refreshed) throw this.#authFailure('rejected', issued);
        this.#refreshed = true;
        const failed = issued;
        issued = await this.#token(() => this.#context.tokens?.refresh(failed ?? { token: undefined, generation: 0 }));
        continue;
      }
      if (result.ok) return this.#parse(result);
      const error = httpError(this.#errorContext(), result);
      if (result.redirected || !this.#context.api.retry.statusCodes.has(result.status)) throw error;
      await this.#retryOrThrow(error, parseRetryAfter(result.headers.get('retry-after')));
    }
  }

  async #token(get: () => Promise<IssuedToken> | undefined): Promise<IssuedToken | undefined> {
    const pending = get();
    if (pending === undefined) return undefined;
    let issued: IssuedToken;
    try {
      issued = await this.scope.race(pending);
    } catch (error) {
      throw this.#abortOr(error) ?? this.#authFailure('token-error', undefined, error);
    }
    // Fail closed: an authenticated API is never called without its token.
    if (issued.token === undefined || issued.token === '') throw this.#authFailure('no-token', issued);
    return issued;
  }

  /** Sends one attempt; `undefined` means it failed in a retryable way and the delay has passed. */
  async #attempt(issued: IssuedToken | undefined): Promise<AttemptResult | undefined> {
    const { api } = this.#context;
    const signal = this.scope.startAttempt(this.#spec.attemptMs);
    this.#attempts += 1;
    try {
      return await sendAttempt({
        method: this.#spec.method,
        url: this.#spec.url,
        headers: this.#spec.headers,
        json: this.#spec.json,
        token: issued?.token,
        origin: api.origin,
        signal,
        redirect: api.auth.type === 'none' ? 'follow' : 'manual',
        maxErrorBodyBytes: api.maxErrorBodyBytes,
        fetch: this.#context.fetch,
      });
    } catch (error) {
      const aborted = this.#abortOr(error);
      if (aborted !== undefined) throw aborted;
      if (this.scope.cause === 'attempt') {
        this.scope.settleAttempt();
        const timeout = timeoutError(this.#errorContext(), 'attempt', this.#spec.attemptMs);
        if (!api.retry.onTimeout) throw timeout;
        await this.#retryOrThrow(timeout, undefined);
        return undefined;
      }
      if (!isKyNetworkError(error) && !(error instanceof TypeError)) throw error;
      if (isOffline()) throw networkError(this.#errorContext(), true, error);
      await this.#retryOrThrow(networkError(this.#errorContext(), false, error), undefined);
      return undefined;
    } finally {
      this.scope.settleAttempt();
    }
  }

  /** Waits and returns when `error` may be retried; throws it otherwise. */
  async #retryOrThrow(error: ApiError, retryAfterMs: number | undefined): Promise<void> {
    const policy = this.#context.api.retry;
    if (!policy.methods.has(this.#spec.method) || this.#retries >= policy.limit) throw error;
    this.#retries += 1;
    const delay = retryDelay(policy, this.#retries, retryAfterMs);
    // Waiting past the deadline only to time out would hide the real failure.
    if (delay >= this.scope.remaining()) throw error;
    this.#context.log.debug(`${this.#spec.method} ${this.#spec.url}: retry ${this.#retries}/${policy.limit} in ${delay} ms after`, error.message);
    try {
      await this.scope.sleep(delay);
    } catch (abort) {
      throw this.#abortOr(abort) ?? abort;
    }
  }

  /** The error to throw when the call was aborted by its caller or its total budget. */
  #abortOr(error: unknown): unknown {
    if (this.scope.cause === 'caller') return this.scope.callerReason ?? error;
    if (this.scope.cause === 'total') return timeoutError(this.#errorContext(), 'total', this.#spec.totalMs);
    return undefined;
  }

  #authFailure(reason: AuthFailureReason, issued: IssuedToken | undefined, cause?: unknown): AuthError {
    const error = authError(this.#errorContext(), reason, cause);
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

  #parse(result: AttemptResult): unknown {
    if (this.#spec.parseAs === 'text') return result.text;
    if (result.text === '' || this.#spec.method === 'HEAD') return undefined;
    try {
      return JSON.parse(result.text) as unknown;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const type = result.headers.get('content-type') ?? 'no content type';
      throw schemaError(this.#errorContext(), [{ message, path: '' }], `${result.status} with a body that is not valid JSON (${type})`, error);
    }
  }

  #errorContext(): { apiName: string; method: string; url: string; attempts: number } {
    return { apiName: this.#context.api.name, method: this.#spec.method, url: this.#spec.url, attempts: Math.max(1, this.#attempts) };
  }
}
