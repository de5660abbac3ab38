/**
 * A load that runs once and is shared by every caller; a failed one is forgotten, so the next
 * call asks again (a chunk whose download failed may come back). The page's lazy chunks go
 * through it: single-spa, the Module Federation runtime, the SSO controller.
 *
 * @example
 * ```ts
 * const sso = loadOnce(() => import('./sso.js'));
 * const { RouteGuard } = await sso();
 * ```
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
