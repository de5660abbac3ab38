/**
 * Whether any of `names` (an MFE's manifest `apis`) is an API of the host config's `apis` section
 * that can be called without a signed-in user — its `auth` is not `{ "type": "oidc", … }`. Read
 * loosely: the API layer validates the section. Such an API can be called as the MFE mounts, so
 * the layer is worth fetching with the MFE's code; one that needs sign-in waits for it. The one
 * rule for the runtime (`ApiWiring.warmFor`) and embed.js's early fetches.
 */
export function callsPublicApi(apis: unknown, names: readonly string[]): boolean {
  if (apis === null || typeof apis !== 'object' || Array.isArray(apis)) return false;
  const section = apis as Record<string, { auth?: unknown } | null | undefined>;
  return names.some((name) => Object.hasOwn(section, name) && !needsSignIn(section[name]?.auth));
}

function needsSignIn(auth: unknown): boolean {
  return typeof auth === 'object' && auth !== null && (auth as { type?: unknown }).type === 'oidc';
}
