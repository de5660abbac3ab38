import { describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@atrium/shared';
import { LiveSession, toSessionUser } from './live-session.js';
import { readOnlySession } from './read-only-session.js';

const alice = toSessionUser({ sub: 'alice', name: 'Alice', roles: ['customer'] });
const mallory: SessionUser = { sub: 'mallory', claims: { sub: 'mallory' } };

describe('readOnlySession', () => {
  it('reads the live session, and nothing on it can set, replace or edit the user', () => {
    const live = new LiveSession({ signIn: vi.fn(), signOut: vi.fn() });
    live.set(alice, 'signed-in');
    const session = readOnlySession(live) as unknown as Record<string, unknown>;
    expect(() => (session['user'] = mallory)).toThrow(TypeError);
    expect(() => Object.defineProperty(session, 'user', { value: mallory })).toThrow(TypeError);
    expect(() => Object.setPrototypeOf(session, { user: mallory })).toThrow(TypeError);
    expect(session['set']).toBeUndefined();
    const user = session['user'] as SessionUser;
    expect(() => ((user as unknown as Record<string, unknown>)['sub'] = 'mallory')).toThrow(TypeError);
    expect(() => (user.claims['roles'] as string[]).push('admin')).toThrow(TypeError);
    expect(live.user?.sub).toBe('alice');
    expect(live.user?.claims['roles']).toEqual(['customer']);
  });

  it('follows the live session and passes sign-in and sign-out to the host', async () => {
    const signOut = vi.fn(() => Promise.resolve());
    const live = new LiveSession({ signIn: vi.fn(), signOut });
    const session = readOnlySession(live);
    const heard = vi.fn();
    session.on('signed-in', heard);
    live.set(alice, 'signed-in');
    expect(session.isAuthenticated).toBe(true);
    expect(heard).toHaveBeenCalledWith(alice);
    await session.signOut();
    expect(signOut).toHaveBeenCalledOnce();
  });
});
