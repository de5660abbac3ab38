import { AtriumError } from './atrium-error.js';

/** Where a failed call was going: enough for a person to find it in logs and dashboards. */
export interface ApiErrorContext {
  readonly apiName: string;
  readonly method: string;
  /** The full request URL (with query string). */
  readonly url: string;
  /** Network attempts made, retries included. */
  readonly attempts?: number;
}

/** A parsed `application/problem+json` body (RFC 9457). Unknown members are kept. */
export interface ProblemDetails {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly [member: string]: unknown;
}

/**
 * Base of every error the API layer raises. `message` already reads as a sentence a person can
 * act on; the fields are for code.
 *
 * @example
 * ```ts
 * try { await api.get('/accounts'); } catch (e) { if (isApiError(e)) log.warn(e.apiName, e.url); }
 * ```
 */
export class ApiError extends AtriumError {
  static override readonly errorKind: string = 'ApiError';
  override name = 'ApiError';
  readonly apiName: string;
  readonly method: string;
  readonly url: string;
  readonly attempts: number;

  constructor(message: string, context: ApiErrorContext, options?: ErrorOptions) {
    super(message, options);
    this.apiName = context.apiName;
    this.method = context.method;
    this.url = context.url;
    this.attempts = context.attempts ?? 1;
  }
}

/**
 * The API answered with a non-2xx status (or a redirect an authenticated API refuses to follow).
 *
 * @example
 * ```ts
 * if (isHttpError(e) && e.status === 404) showEmpty();
 * ```
 */
export class HttpError extends ApiError {
  static override readonly errorKind: string = 'HttpError';
  override name = 'HttpError';
  readonly status: number;
  readonly statusText: string;
  /** The problem document, when the body was `application/problem+json`. */
  readonly problem: ProblemDetails | undefined;
  /** The (possibly truncated) body: parsed JSON, text, or undefined when empty or unreadable. */
  readonly body: unknown;
  /** True when the body was larger than the read cap and was cut. */
  readonly bodyTruncated: boolean;

  constructor(
    message: string,
    context: ApiErrorContext & {
      readonly status: number;
      readonly statusText: string;
      readonly problem?: ProblemDetails | undefined;
      readonly body?: unknown;
      readonly bodyTruncated?: boolean;
    },
    options?: ErrorOptions,
  ) {
    super(message, context, options);
    this.status = context.status;
    this.statusText = context.statusText;
    this.problem = context.problem;
    this.body = context.body;
    this.bodyTruncated = context.bodyTruncated ?? false;
  }
}

/** Which budget ran out: one attempt's, or the whole call's (retries and waits included). */
export type TimeoutKind = 'attempt' | 'total';

/**
 * A call ran out of time.
 *
 * @example
 * ```ts
 * if (isTimeoutError(e)) showRetryButton();
 * ```
 */
export class TimeoutError extends ApiError {
  static override readonly errorKind: string = 'TimeoutError';
  override name = 'TimeoutError';
  readonly kind: TimeoutKind;
  readonly timeoutMs: number;

  constructor(message: string, context: ApiErrorContext & { readonly kind: TimeoutKind; readonly timeoutMs: number }, options?: ErrorOptions) {
    super(message, context, options);
    this.kind = context.kind;
    this.timeoutMs = context.timeoutMs;
  }
}

/**
 * The request never got an HTTP answer: offline, DNS, refused connection, CORS, reset.
 *
 * @example
 * ```ts
 * if (isNetworkError(e) && e.offline) showOfflineBanner();
 * ```
 */
export class NetworkError extends ApiError {
  static override readonly errorKind: string = 'NetworkError';
  override name = 'NetworkError';
  /** True when the browser reported itself offline. */
  readonly offline: boolean;

  constructor(message: string, context: ApiErrorContext & { readonly offline: boolean }, options?: ErrorOptions) {
    super(message, context, options);
    this.offline = context.offline;
  }
}

/** One problem found while validating a response. */
export interface SchemaIssue {
  readonly message: string;
  /** Dotted path into the response, e.g. `items.0.id`; empty for the root. */
  readonly path: string;
}

/**
 * A 2xx response whose body was not what the endpoint promised: invalid JSON, or rejected by
 * the endpoint's validator.
 *
 * @example
 * ```ts
 * if (isSchemaError(e)) log.error(e.issues);
 * ```
 */
export class SchemaError extends ApiError {
  static override readonly errorKind: string = 'SchemaError';
  override name = 'SchemaError';
  readonly issues: readonly SchemaIssue[];

  constructor(message: string, context: ApiErrorContext & { readonly issues: readonly SchemaIssue[] }, options?: ErrorOptions) {
    super(message, context, options);
    this.issues = context.issues;
  }
}

/**
 * Why authentication failed: no token to send, the token source threw, the DPoP proof could not
 * be made, or the API refused the token twice.
 */
export type AuthFailureReason = 'no-token' | 'token-error' | 'proof-error' | 'rejected';

/**
 * The user must sign in again. `onAuthFailure` has already been told.
 *
 * @example
 * ```ts
 * if (isAuthError(e)) return; // the host shows its "sign in again" state
 * ```
 */
export class AuthError extends ApiError {
  static override readonly errorKind: string = 'AuthError';
  override name = 'AuthError';
  readonly reason: AuthFailureReason;

  constructor(message: string, context: ApiErrorContext & { readonly reason: AuthFailureReason }, options?: ErrorOptions) {
    super(message, context, options);
    this.reason = context.reason;
  }
}

