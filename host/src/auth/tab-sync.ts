import { createLogger } from '@atrium/shared';

const log = createLogger('host:auth');

/** What one tab tells the others of the origin about the session they share. */
export type TabMessage =
  | { readonly type: 'signed-in' }
  | { readonly type: 'signed-out'; readonly sub: string }
  | { readonly type: 'ended'; readonly sub: string; readonly message: string };

/**
 * Tabs of one origin are one session: sign-in, sign-out and session end in one tab reach the
 * others through a BroadcastChannel (same origin only; a message is not delivered to its sender).
 * No tokens travel: a tab that hears of a sign-in reads the shared store itself.
 *
 * @example
 * ```ts
 * const tabs = new TabSync('atrium-host');
 * tabs.listen((message) => message.type === 'signed-out' && forget());
 * tabs.post({ type: 'signed-out', sub });
 * ```
 */
export class TabSync {
  readonly #channel: BroadcastChannel | undefined;

  constructor(clientId: string) {
    this.#channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`atrium-session:${clientId}`) : undefined;
  }

  post(message: TabMessage): void {
    try {
      this.#channel?.postMessage(message);
    } catch (error) {
      log.warn('could not tell the other tabs about the session change', error);
    }
  }

  listen(listener: (message: TabMessage) => void): void {
    this.#channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
      const message = event.data as Partial<TabMessage> | null;
      if (message && (message.type === 'signed-in' || message.type === 'signed-out' || message.type === 'ended')) listener(message as TabMessage);
    });
  }
}
