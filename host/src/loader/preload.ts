/**
 * Starts fetching a remote's files in parallel with a `modulepreload` link. The runtime's later
 * `import()` of the same URL reuses the fetch, so the remote's chunks do not load one after the
 * other. With `integrity`, the browser verifies the bytes before any of them run; the promise
 * settles with the link, so a mismatch fails the load before the module is imported.
 */
export function preloadModule(href: string, integrity?: string, doc: Document = document): Promise<void> {
  const key = `${href} ${integrity ?? ''}`;
  const pending = preloads.get(key);
  if (pending) return pending;
  const link = doc.createElement('link');
  link.rel = 'modulepreload';
  link.crossOrigin = 'anonymous';
  if (integrity) link.integrity = integrity;
  link.href = href;
  const settled = new Promise<void>((resolve, reject) => {
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => reject(new Error(`preload of ${href} failed`)), { once: true });
  });
  doc.head.append(link);
  preloads.set(key, settled);
  return settled;
}

// One link per URL: the boot preload and the loader's later call share the same outcome.
const preloads = new Map<string, Promise<void>>();
