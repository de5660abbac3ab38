/**
 * What a heap holds, by kind (node type and constructor name): enough to say *what* grew
 * between two points, e.g. "native:DOMTimer +1,600" for timers nobody cleared.
 * @param {import('playwright-core').CDPSession} cdp
 * @returns {Promise<Map<string, { count: number, size: number }>>}
 */
export async function heapByKind(cdp) {
  /** @type {string[]} */
  const chunks = [];
  const onChunk = (/** @type {{ chunk: string }} */ event) => chunks.push(event.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const snapshot = JSON.parse(chunks.join(''));
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  /** @type {Map<string, { count: number, size: number }>} */
  const kinds = new Map();
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = types[snapshot.nodes[i + typeAt]];
    // Strings are named by their content: group them by type only.
    const name = /string/.test(type) ? '' : String(snapshot.strings[snapshot.nodes[i + nameAt]]).slice(0, 60);
    const key = `${type}:${name}`;
    const kind = kinds.get(key) ?? { count: 0, size: 0 };
    kind.count += 1;
    kind.size += snapshot.nodes[i + sizeAt];
    kinds.set(key, kind);
  }
  return kinds;
}

/**
 * The kinds that grew most in bytes between two snapshots.
 * @param {Map<string, { count: number, size: number }>} before
 * @param {Map<string, { count: number, size: number }>} after
 */
export function topGrowth(before, after, limit = 8) {
  return [...after]
    .map(([kind, a]) => ({ kind, count: a.count - (before.get(kind)?.count ?? 0), bytes: a.size - (before.get(kind)?.size ?? 0) }))
    .filter((g) => g.bytes > 0)
    .sort((x, y) => y.bytes - x.bytes)
    .slice(0, limit);
}
