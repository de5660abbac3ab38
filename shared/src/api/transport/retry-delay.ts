import type { ResolvedRetryPolicy } from '../config/api-config.js';

/**
 * Milliseconds a `Retry-After` header asks for: delay-seconds or an HTTP date. `undefined` when
 * absent or unparsable (then the normal backoff applies).
 *
 * @example
 * ```ts
 * parseRetryAfter('120'); // 120000
 * parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT')); // 60000
 * ```
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * How long to wait before retry number `retry` (1-based): the server's `Retry-After` cut to
 * `maxRetryAfterMs`, or exponential backoff with full jitter so that many clients failing at once
 * do not come back at once.
 */
export function retryDelay(policy: ResolvedRetryPolicy, retry: number, retryAfterMs: number | undefined, random = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  const step = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** (retry - 1));
  return Math.round(step * random());
}
