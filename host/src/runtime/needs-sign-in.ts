/**
 * Whether an API's `auth` section asks for a signed-in user's token (`{ "type": "oidc", … }`),
 * read loosely (the API layer validates the section). An API that does not can be called as a
 * widget or route mounts, so its layer is worth fetching with the MFE's code; one that does waits
 * for the sign-in. Shared by the runtime and embed.js's early fetches.
 */
export function needsSignIn(auth: unknown): boolean {
  return typeof auth === 'object' && auth !== null && (auth as { type?: unknown }).type === 'oidc';
}
