/** The store revision the resolver pinned in this page's inlined manifest, if it served it. */
export function pinnedRevision(doc: Document = document): number | undefined {
  // The resolver writes `{"version":1,"revision":N,…`: read the head, not the whole manifest.
  const head = doc.getElementById('atrium-manifest')?.textContent?.slice(0, 80) ?? '';
  const match = /^\s*\{\s*"version"\s*:\s*1\s*,\s*"revision"\s*:\s*(\d+)/.exec(head);
  return match ? Number(match[1]) : undefined;
}
