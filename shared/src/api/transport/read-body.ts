/** A body read up to a byte cap. */
export interface CappedBody {
  readonly text: string;
  readonly truncated: boolean;
}

/**
 * Reads at most `maxBytes` of a body and cancels the rest, so a 20 MB error page costs 64 KB of
 * memory and no waiting for the remainder.
 */
export async function readCapped(response: Response, maxBytes: number): Promise<CappedBody> {
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
      // Cancelling tells the network layer to drop the rest instead of downloading it.
      void reader.cancel().catch(() => undefined);
      return { text, truncated: true };
    }
    bytes += value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
}

/** True for `application/json`, `application/problem+json`, `application/vnd.x+json`. */
export function isJsonContentType(contentType: string | null): boolean {
  if (contentType === null) return false;
  const mime = (contentType.split(';', 1)[0] ?? '').trim().toLowerCase();
  return /^[a-z]+\/(?:[^;]*[+.])?json$/.test(mime);
}
