import { describe, expect, it } from 'vitest';
import type { SessionUser } from '@atrium/shared';
import { allows } from './route-guard.js';

const user = (claims: Record<string, unknown>): SessionUser => ({ sub: String(claims['sub'] ?? 'alice'), claims });

describe('allows', () => {
  it('lets anyone see an entry without auth, or with required false', () => {
    expect(allows(undefined, undefined)).toBe(true);
    expect(allows({ required: false }, undefined)).toBe(true);
  });

  it('requires a signed-in user', () => {
    expect(allows({ required: true }, undefined)).toBe(false);
    expect(allows({ required: true }, user({ sub: 'alice' }))).toBe(true);
  });

  it('requires every listed claim: equal values, or contained in a list claim', () => {
    const rule = { required: true, claims: { role: 'customer', tier: 2 } };
    expect(allows(rule, user({ role: 'customer', tier: 2 }))).toBe(true);
    expect(allows(rule, user({ role: ['staff', 'customer'], tier: 2 }))).toBe(true);
    expect(allows(rule, user({ role: 'customer', tier: '2' }))).toBe(false);
    expect(allows(rule, user({ role: 'staff', tier: 2 }))).toBe(false);
    expect(allows(rule, user({ tier: 2 }))).toBe(false);
  });
});
