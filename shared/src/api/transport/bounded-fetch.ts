import type { FailedResponse } from '../../errors/api-failures.js';

/** A success body, read whole and within its limit. */
export interface ReadBody {
  readonly status: number;
  readonly contentType: string | null;
  readonly text: string;
}

/** The byte limits of one API, and where each attempt's body goes once read. */
export interface BodyBounds {
  /** Most bytes kept of an error body; the rest is cancelled. */
  readonly maxErrorBodyBytes: number;
  /** Largest success body accepted. */
  readonly maxBodyBytes: number;
  /** The error a too-large success body fails with (`declared`: its Content-Length, if sent). */
  readonly tooLarge: (declared: number | undefined) => Error;
  /** Receives a successful attempt's body. */
  readonly onBody: (body: ReadBody) => void;
  /** Receives a failed attempt's response, its body read up to the cap. */
  readonly onFailure: (failure: FailedResponse) => void;
  /** The caller's signals (MFE unmount, the call's own); they abort the attempt as ky's timeout does. */
  readonly signals: readonly AbortSignal[];
}

/**
 * Wraps `fetch` so that each attempt reads its body inside the attempt, bounded: ky's
 * per-attempt timeout and its retries then cover a body that stalls, and no body is read past its
 * limit. ky gets the response back with the body already taken (or, on failure, a copy holding the
 * capped error text for its `HTTPError`). A `fetch` wrapper rather than an `afterResponse` hook: ky hands hooks a
 * clone of every response, a tee of every body, which each call would pay.
 */
export function boundedFetch(fetch: typeof globalThis.fetch, bounds: BodyBounds): typeof globalThis.fetch {
  return async (input, init) => {
    const follow = followCaller(input, init, bounds.signals);
    try {
      const response = await fetch(input, follow.init);
      if (!response.ok) return await readFailure(response, bounds);
      const text = await readLimited(response, bounds.maxBodyBytes, bounds.tooLarge);
      bounds.onBody({ status: response.status, contentType: response.headers.get('content-type'), text });
      // Its body is consumed; ky only looks at the status and headers of a successful response.
      return response;
    } finally {
      follow.dispose();
    }
  };
}

/**
 * The caller's signals join ky's per-attempt signal here, with plain listeners, instead of being
 * handed to ky: ky would tie them to its own through `AbortSignal.any` on every call (measured:
 * a tenth of a call's cost on loopback), and an MFE's mount signal lives for hours.
 */
function followCaller(input: RequestInfo | URL, init: RequestInit | undefined, signals: readonly AbortSignal[]): { init: RequestInit | undefined; dispose: () => void } {
  if (signals.length === 0) return { init, dispose: () => undefined };
  const attempt = init?.signal ?? (input instanceof Request ? input.signal : undefined);
  const all = attempt === undefined || attempt === null ? signals : [...signals, attempt];
  const controller = new AbortController();
  const onAbort = (event: Event): void => controller.abort((event.target as AbortSignal).reason);
  const aborted = all.find((signal) => signal.aborted);
  if (aborted !== undefined) controller.abort(aborted.reason);
  else for (const signal of all) signal.addEventListener('abort', onAbort);
  return {
    init: { ...init, signal: controller.signal },
    dispose: () => {
      for (const signal of all) signal.removeEventListener('abort', onAbort);
    },
  };
}

/** Reads the capped error body, then hands ky a response with that short body for its `HTTPError`. */
async function readFailure(response: Response, bounds: BodyBounds): Promise<Response> {
  const redirected = response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
  const { text, truncated } = await readCapped(response, bounds.maxErrorBodyBytes);
  bounds.onFailure({ status: response.status, statusText: response.statusText, headers: response.headers, redirected, text, truncated });
  // An opaque redirect (status 0) cannot be rebuilt and has no body to bound.
  if (response.status < 200) return response;
  return new Response(text === '' ? null : text, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/**
 * Reads a body up to `maxBytes` and cancels the rest, which tells the network layer to drop it
 * instead of downloading it (a 20 MB error page costs 64 KB and no waiting).
 */
async function readCapped(response: Response, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  const body = response.body;
  if (body === null) return { text: '', truncated: false };
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), truncated: false };
    const room = maxBytes - bytes;
    if (value.byteLength > room) {
      text += decoder.decode(value.subarray(0, room));
      void reader.cancel().catch(() => undefined);
      return { text, truncated: true };
    }
    bytes += value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
}

/**
 * Reads a success body, refusing one over `maxBytes`: at once when its Content-Length says so,
 * otherwise at the first byte past the limit while counting. The count is kept even when a
 * Content-Length was sent: a compressed body's Content-Length is its compressed size, and
 * browsers hide `Content-Encoding` from cross-origin scripts.
 */
async function readLimited(response: Response, maxBytes: number, tooLarge: (declared: number | undefined) => Error): Promise<string> {
  const header = response.headers.get('content-length');
  const declared = header === null ? undefined : Number(header);
  if (declared !== undefined && declared > maxBytes) {
    void response.body?.cancel().catch(() => undefined);
    throw tooLarge(declared);
  }
  const { text, truncated } = await readCapped(response, maxBytes);
  if (truncated) throw tooLarge(declared);
  return text;
}
