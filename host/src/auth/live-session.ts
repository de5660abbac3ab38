import type { Session, SessionUser } from '@atrium/shared';
import type { SessionEvent } from '@atrium/shared/internal';
import { createLogger } from '@atrium/shared';

const log = createLogger('host:auth');

export interface SessionActions {
  signIn(returnTo?: string): Promise<void>;
  signOut(): Promise<void>;
}

/**
 * The page's one session, owned by the auth controller. State changes only through {@link set},
 * which tells the listeners. MFEs never see this object, only its read-only view
 * (`readOnlySession`). Methods are bound, so `const { signIn } = session` works too.
 */
export class LiveSession implements Session {
  readonly enabled = true;
  #user: SessionUser | undefined;
  readonly #listeners = new Map<SessionEvent, Set<(user: SessionUser | undefined) => void>>();
  readonly #actions: SessionActions;

  constructor(actions: SessionActions) {
    this.#actions = actions;
  }

  get isAuthenticated(): boolean {
    return this.#user !== undefined;
  }

  get user(): SessionUser | undefined {
    return this.#user;
  }

  readonly signIn = (returnTo?: string): Promise<void> => this.#actions.signIn(returnTo);

  readonly signOut = (): Promise<void> => this.#actions.signOut();

  readonly on = (event: SessionEvent, listener: (user: SessionUser | undefined) => void): (() => void) => {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  };

  /** The one place the session changes; `event` is announced after the change. */
  set(user: SessionUser | undefined, event?: SessionEvent): void {
    this.#user = user;
    if (!event) return;
    for (const listener of [...(this.#listeners.get(event) ?? [])]) {
      try {
        listener(user);
      } catch (error) {
        // One MFE's broken listener must not keep the others from hearing about the change.
        log.error(`a '${event}' listener threw`, error);
      }
    }
  }
}

/** The contract's user from ID-token claims, deeply frozen: no MFE can edit a claim (a role) in place. */
export function toSessionUser(claims: Readonly<Record<string, unknown>>): SessionUser {
  const sub = String(claims['sub'] ?? '');
  return deepFreeze({
    sub,
    ...(typeof claims['name'] === 'string' ? { name: claims['name'] } : {}),
    ...(typeof claims['email'] === 'string' ? { email: claims['email'] } : {}),
    claims: structuredClone(claims) as Record<string, unknown>,
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
