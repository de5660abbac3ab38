import { AuthError, HttpError, NetworkError, SchemaError, TimeoutError } from '../errors/api-errors.js';
import type { ApiErrorContext, AuthFailureReason, ProblemDetails, SchemaIssue } from '../errors/api-errors.js';
import { describeAttempts, describeCall, describeProblem, hintForStatus } from '../errors/messages.js';
import { isJsonContentType } from './read-body.js';
import type { AttemptResult } from './attempt.js';

function isProblemContentType(contentType: string | null): boolean {
  return contentType !== null && contentType.toLowerCase().includes('problem+json');
}

function parseErrorBody(result: AttemptResult): { body: unknown; problem: ProblemDetails | undefined } {
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
export function httpError(context: ApiErrorContext, result: AttemptResult, note = ''): HttpError {
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
  rejected: 'the API refused the access token, also after a refresh; sign in again',
};

export function authError(context: ApiErrorContext, reason: AuthFailureReason, cause?: unknown): AuthError {
  const message = `${describeCall(context.apiName, context.method, context.url)} failed: ${AUTH_HINTS[reason]}`;
  return new AuthError(message, { ...context, reason }, cause === undefined ? undefined : { cause });
}
