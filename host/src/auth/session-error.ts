import { AtriumError } from '@atrium/shared/internal';

/** Why signing in, keeping the session or signing out went wrong. */
export type SessionErrorReason =
  | 'not-configured'
  | 'idp-unreachable'
  | 'invalid-state'
  | 'access-denied'
  | 'idp-error'
  | 'id-token-invalid'
  | 'session-ended'
  | 'callback-failed';

/**
 * A sign-in or session failure, with a message a user can read (`message`) and what an operator
 * needs (`reason`, `cause`).
 */
export class SessionError extends AtriumError {
  static override readonly errorKind = 'SessionError';
  override name = 'SessionError';
  constructor(
    readonly reason: SessionErrorReason,
    message: string,
    options?: ErrorOptions & { returnTo?: string },
  ) {
    super(message, options);
    this.returnTo = options?.returnTo;
  }
  /** Where the user was going when sign-in failed, when the IdP's answer tells us. */
  readonly returnTo: string | undefined;
}

/** True for a {@link SessionError}, also one from another bundle. @example `if (isSessionError(e)) show(e.message)` */
export function isSessionError(value: unknown): value is SessionError {
  return value instanceof SessionError || (value instanceof Error && value.name === 'SessionError');
}
