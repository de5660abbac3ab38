import type { StateStore } from 'oidc-client-ts';

/**
 * The default user store: tokens live in this page's memory only, never in Web Storage, so
 * nothing outlives the page or is readable from another one.
 */
export class MemoryStateStore implements StateStore {
  readonly #items = new Map<string, string>();

  set(key: string, value: string): Promise<void> {
    this.#items.set(key, value);
    return Promise.resolve();
  }

  get(key: string): Promise<string | null> {
    return Promise.resolve(this.#items.get(key) ?? null);
  }

  remove(key: string): Promise<string | null> {
    const value = this.#items.get(key) ?? null;
    this.#items.delete(key);
    return Promise.resolve(value);
  }

  getAllKeys(): Promise<string[]> {
    return Promise.resolve([...this.#items.keys()]);
  }
}
