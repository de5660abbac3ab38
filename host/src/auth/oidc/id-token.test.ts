import { describe, expect, it } from 'vitest';
import { isSessionError } from '../session-error.js';
import { checkIdToken } from './id-token.js';

const b64 = (value: unknown) => btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value)))).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const jwt = (claims: Record<string, unknown>) => `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.sig`;
const now = 1_750_000_000;
const expected = { issuer: 'https://idp.example', clientId: 'atrium-host', clockSkewSeconds: 60, now };
const good = { iss: 'https://idp.example', aud: 'atrium-host', sub: 'alice', exp: now + 300, iat: now, name: 'Alice Ü' };

function refusal(claims: Record<string, unknown>, options = expected): string {
  try {
    checkIdToken(jwt(claims), options);
  } catch (error) {
    expect(isSessionError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('checkIdToken', () => {
  it('returns the claims of a token for this client from the configured issuer, UTF-8 intact', () => {
    expect(checkIdToken(jwt(good), expected)).toMatchObject({ sub: 'alice', name: 'Alice Ü' });
    expect(checkIdToken(jwt({ ...good, aud: ['atrium-host', 'other'], azp: 'atrium-host' }), expected)['sub']).toBe('alice');
  });

  it('refuses another issuer, naming both', () => {
    expect(refusal({ ...good, iss: 'https://evil.example' })).toMatch(/issued by "https:\/\/evil\.example", not the configured issuer "https:\/\/idp\.example"/);
  });

  it('refuses a token for another client', () => {
    expect(refusal({ ...good, aud: 'someone-else' })).toMatch(/is for "someone-else", not this client/);
  });

  it('requires azp with several audiences, and azp must be this client', () => {
    expect(refusal({ ...good, aud: ['atrium-host', 'other'] })).toMatch(/several audiences but no authorized party/);
    expect(refusal({ ...good, azp: 'other' })).toMatch(/issued to "other" \(azp\)/);
  });

  it('refuses an expired token beyond the clock skew, and accepts one within it', () => {
    expect(refusal({ ...good, exp: now - 61 })).toMatch(/expired at/);
    expect(checkIdToken(jwt({ ...good, exp: now - 59 }), expected)['sub']).toBe('alice');
    expect(checkIdToken(jwt({ ...good, exp: now - 9_999 }), { ...expected, checkExpiry: false })['sub']).toBe('alice');
  });

  it('refuses a missing token, garbage, or a token without sub or exp', () => {
    expect(() => checkIdToken(undefined, expected)).toThrow(/no readable ID token/);
    expect(() => checkIdToken('a.%%%.c', expected)).toThrow(/no readable ID token/);
    expect(refusal({ ...good, sub: undefined })).toMatch(/no subject/);
    expect(refusal({ ...good, exp: undefined })).toMatch(/no expiry/);
  });
});
