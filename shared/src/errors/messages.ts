import type { ProblemDetails } from './api-errors.js';

// What a person can do about each status; the text ends the sentence built by `describeCall`.
const STATUS_HINTS: Readonly<Record<number, string>> = {
  400: 'the API rejected the request as invalid; check the parameters',
  401: 'the session is missing or expired; sign in again',
  403: 'you are not allowed to do this; ask for access',
  404: 'it does not exist (or no longer exists)',
  405: 'the API does not allow this method here; check the API version',
  408: 'the API gave up waiting for the request; try again',
  409: 'it conflicts with a change made elsewhere; reload and try again',
  410: 'it has been removed',
  412: 'it changed since it was loaded; reload and try again',
  413: 'the request is too large',
  415: 'the API does not accept this content type',
  422: 'the API could not process the data; check the input',
  429: 'too many requests; wait a moment and try again',
  500: 'the API failed; try again later and report it if it persists',
  501: 'the API does not implement this',
  502: 'the API is unavailable; try again later',
  503: 'the API is unavailable; try again later',
  504: 'the API is unavailable; try again later',
};

/** An actionable hint for an HTTP status. */
export function hintForStatus(status: number): string {
  const known = STATUS_HINTS[status];
  if (known !== undefined) return known;
  if (status >= 300 && status < 400) return 'the API answered with a redirect, which is not followed for authenticated APIs; fix the API base URL';
  if (status >= 500) return 'the API failed; try again later';
  return 'the API refused the request';
}

/** `customer-api GET /accounts` — the start of every API error message. */
export function describeCall(apiName: string, method: string, url: string): string {
  let path = url;
  try {
    // Only the path: query strings may carry personal data and make messages hard to group.
    path = new URL(url).pathname;
  } catch {
    // keep the raw value
  }
  return `${apiName} ${method} ${path}`;
}

/** `after 3 attempts` or nothing for a single attempt. */
export function describeAttempts(attempts: number): string {
  return attempts > 1 ? ` after ${attempts} attempts` : '';
}

/** Adds the problem document's own explanation when the API sent one. */
export function describeProblem(problem: ProblemDetails | undefined): string {
  if (problem === undefined) return '';
  const text = problem.detail ?? problem.title;
  return typeof text === 'string' && text !== '' ? ` (${text})` : '';
}
