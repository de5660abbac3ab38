// The API layer's error factories: each failure worded once, as a sentence a person can act on.
import { ApiError, AuthError, HttpError, NetworkError, SchemaError, TimeoutError } from './api-errors.js';
import type { ApiErrorContext, AuthFailureReason, ProblemDetails, SchemaIssue } from './api-errors.js';
import { describeAttempts, describeCall, describeProblem, hintForStatus } from './messages.js';

/** A failed response as the transport read it: the body capped at the API's error-body limit. */
export interface FailedResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  /** A redirect the API answered with while redirects are not followed. */
  readonly redirected: boolean;
  readonly text: string;
  readonly truncated: boolean;
}

/** True for `application/json`, `application/problem+json`, `application/vnd.x+json`. */
export function isJsonContentType(contentType: string | null): boolean {
  if (contentType === null) return false;
  const mime = (contentType.split(';', 1)[0] ?? '').trim().toLowerCase();
  return /^[a-z]+\/(?:[^;]*[+.])?json$/.test(mime);
}

function isProblemContentType(contentType: string | null): boolean {
  return contentType !== null && contentType.toLowerCase().includes('problem+json');
}

function parseErrorBody(result: FailedResponse): { body: unknown; problem: ProblemDetails | undefined } {
  if (result.text === '') return { body: undefined, problem: undefined };
  const contentType = result.headers.get('content-type');
  if (result.truncated || !isJsonContentType(contentType)) return { body: result.text, problem: undefined };
  try {
    const body: unknown = JSON.parse(result.text);
    const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
    return { body, problem: isObject && isProblemContentType(contentType) ? (body as ProblemDetails) : undefined };
  } catch {
    return { body: result.text, problem: undefined };
  }
}

/** `customer-api GET /accounts failed with 503 Service Unavailable after 3 attempts: …`. */
export function httpError(context: ApiErrorContext, result: FailedResponse, note = ''): HttpError {
  const { body, problem } = parseErrorBody(result);
  const status = result.redirected && result.status === 0 ? 'a redirect' : `${result.status}${result.statusText === '' ? '' : ` ${result.statusText}`}`;
  const message = `${describeCall(context.apiName, context.method, context.url)} failed with ${status}${describeAttempts(context.attempts ?? 1)}${describeProblem(problem)}: ${hintForStatus(result.status === 0 ? 300 : result.status)}${note}`;
  return new HttpError(message, { ...context, status: result.status, statusText: result.statusText, problem, body, bodyTruncated: result.truncated });
}

export function timeoutError(context: ApiErrorContext, kind: 'attempt' | 'total', timeoutMs: number): TimeoutError {
  const call = describeCall(context.apiName, context.method, context.url);
  const message =
    kind === 'attempt'
      ? `${call} timed out: no complete answer within ${timeoutMs} ms${describeAttempts(context.attempts ?? 1)}; the API is slow or unreachable, try again later`
      : `${call} did not finish within its total budget of ${timeoutMs} ms${describeAttempts(context.attempts ?? 1)}; the API is slow or unreachable, try again later`;
  return new TimeoutError(message, { ...context, kind, timeoutMs });
}

export function networkError(context: ApiErrorContext, offline: boolean, cause?: unknown): NetworkError {
  const call = describeCall(context.apiName, context.method, context.url);
  const reason = cause instanceof Error && cause.cause instanceof Error ? ` (${cause.cause.message})` : '';
  const message = offline
    ? `${call} was not sent: the browser is offline; reads are retried when the connection returns`
    : `${call} failed${describeAttempts(context.attempts ?? 1)}: the API could not be reached${reason}; check the connection, or the API's address and CORS settings`;
  return new NetworkError(message, { ...context, offline }, cause === undefined ? undefined : { cause });
}

export function schemaError(context: ApiErrorContext, issues: readonly SchemaIssue[], what: string, cause?: unknown): SchemaError {
  const first = issues[0];
  const detail = first === undefined ? '' : ` (${first.path === '' ? '' : `${first.path}: `}${first.message}${issues.length > 1 ? `, and ${issues.length - 1} more` : ''})`;
  const message = `${describeCall(context.apiName, context.method, context.url)} returned ${what}${detail}: the API broke its contract; report it to the API owners`;
  return new SchemaError(message, { ...context, issues }, cause === undefined ? undefined : { cause });
}

const AUTH_HINTS: Readonly<Record<AuthFailureReason, string>> = {
  'no-token': 'no access token is available (not signed in); sign in again',
  'token-error': 'the access token could not be obtained; sign in again',
  'proof-error': 'the DPoP proof for the access token could not be made; sign in again',
  rejected: 'the API refused the access token, also after a refresh; sign in again',
};

export function authError(context: ApiErrorContext, reason: AuthFailureReason, cause?: unknown): AuthError {
  const message = `${describeCall(context.apiName, context.method, context.url)} failed: ${AUTH_HINTS[reason]}`;
  return new AuthError(message, { ...context, reason }, cause === undefined ? undefined : { cause });
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return bytes === 1 ? '1 byte' : `${bytes} bytes`;
}

/** A success body larger than the API's `maxBodyBytes`; `declared` is its Content-Length, if sent. */
export function bodyTooLargeError(context: ApiErrorContext, limit: number, declared: number | undefined): ApiError {
  let where = context.url;
  try {
    const url = new URL(context.url);
    // Origin and path, never the query: it may carry personal data.
    where = url.origin + url.pathname;
  } catch {
    // keep the raw value
  }
  const size = declared === undefined ? `more than ${formatBytes(limit)} (no Content-Length; stopped reading at the limit)` : `${formatBytes(declared)} (Content-Length)`;
  const message = `${context.apiName} ${context.method} ${where} answered with a body of ${size}, over the limit of ${formatBytes(limit)} for API '${context.apiName}': the body was not read further and nothing was cached; ask the API for less (paging, fields), or raise apis.${context.apiName}.maxBodyBytes`;
  return new ApiError(message, context);
}
