import type { StateStore } from 'oidc-client-ts';
import { deleteSession, readSession, sessionKeys, writeSession } from '../session-db.js';

/**
 * The user store of a session that survives reloads and is shared by the origin's tabs: what
 * oidc-client-ts keeps of the user goes to IndexedDB *without* the access token. The refresh
 * token that stays is DPoP-bound, so a copy of it is useless without the private key, which
 * WebCrypto made non-extractable and which lives in IndexedDB next to it.
 *
 * Every read goes to IndexedDB (no cache): another tab may have rotated the refresh token since.
 */
export class PersistentUserStore implements StateStore {
  async set(key: string, value: string): Promise<void> {
    const user = JSON.parse(value) as Record<string, unknown>;
    // Access tokens live in the engine's memory only, one per API.
    await writeSession(key, JSON.stringify({ ...user, access_token: '' }));
  }

  get(key: string): Promise<string | null> {
    return readSession(key);
  }

  async remove(key: string): Promise<string | null> {
    const value = await readSession(key);
    await deleteSession(key);
    return value;
  }

  getAllKeys(): Promise<string[]> {
    return sessionKeys();
  }
}
