import { afterEach, describe, expect, it } from 'vitest';
import { callbackRelay } from './callback-relay.js';
import { AFTER_SIGN_OUT, HANDED_OVER } from './callback-storage.js';

const callback = '/atrium/callback/';
const hand = (url: string, at = Date.now()) => sessionStorage.setItem(HANDED_OVER, JSON.stringify({ url, at }));

describe('callbackRelay', () => {
  afterEach(() => sessionStorage.clear());

  it('takes the answer the callback page handed over, once', () => {
    const answer = `${location.origin}${callback}?code=c&state=s`;
    hand(answer);
    expect(callbackRelay.take(callback)).toBe(answer);
    expect(callbackRelay.take(callback)).toBeUndefined();
    expect(sessionStorage.length).toBe(0);
  });

  it('drops an answer that is stale, for another callback path or another origin', () => {
    for (const [url, at] of [
      [`${location.origin}${callback}?code=c&state=s`, Date.now() - 10 * 60_000],
      [`${location.origin}/elsewhere/?code=c&state=s`, Date.now()],
      [`https://evil.example${callback}?code=c&state=s`, Date.now()],
    ] as const) {
      hand(url, at);
      expect(callbackRelay.take(callback), url).toBeUndefined();
      expect(sessionStorage.getItem(HANDED_OVER)).toBeNull();
    }
    sessionStorage.setItem(HANDED_OVER, 'not json');
    expect(callbackRelay.take(callback)).toBeUndefined();
  });

  it('remembers the page a visitor signs out on, never another site', () => {
    callbackRelay.leaving('/2026/05/rates/?x=1');
    expect(sessionStorage.getItem(AFTER_SIGN_OUT)).toBe('/2026/05/rates/?x=1');
    callbackRelay.leaving('https://evil.example/');
    expect(sessionStorage.getItem(AFTER_SIGN_OUT)).toBe('/');
  });
});
