import { timingSafeEqual, createHash } from 'node:crypto';

/**
 * The IdP's users: a small fixed in-memory store so logins are deterministic. The `sub` is the
 * username, which the customer API uses to seed each user's accounts.
 */

/**
 * @typedef {object} User
 * @property {string} username  Also the `sub`.
 * @property {string} password
 * @property {string} name
 * @property {string} givenName
 * @property {string} familyName
 * @property {string} email
 */

/** @type {User[]} */
export const DEFAULT_USERS = [
  { username: 'alice', password: 'alice', name: 'Alice Martin', givenName: 'Alice', familyName: 'Martin', email: 'alice.martin@example.com' },
  { username: 'bob', password: 'bob', name: 'Bob Schneider', givenName: 'Bob', familyName: 'Schneider', email: 'bob.schneider@example.com' },
];

/** @param {string} value */
const digest = (value) => createHash('sha256').update(value).digest();

/** @param {User[]} users */
export function createAccountStore(users) {
  if (!Array.isArray(users) || users.length === 0) throw new TypeError('idp: option "users" must be a non-empty array');
  const byName = new Map(users.map((u) => [u.username, u]));

  return {
    /**
     * Returns the user when the password matches (compared in constant time).
     * @param {string} username @param {string} password
     */
    authenticate(username, password) {
      const user = byName.get(username);
      const expected = digest(user?.password ?? '\0no-such-user');
      return timingSafeEqual(expected, digest(password)) && user ? user : undefined;
    },

    /** oidc-provider's `findAccount`. @param {unknown} _ctx @param {string} sub */
    async findAccount(_ctx, sub) {
      const user = byName.get(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            name: user.name,
            given_name: user.givenName,
            family_name: user.familyName,
            email: user.email,
            email_verified: true,
          };
        },
      };
    },

    /** @param {string} sub */
    nameOf: (sub) => byName.get(sub)?.name,
  };
}
