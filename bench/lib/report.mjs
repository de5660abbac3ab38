/** @typedef {ReturnType<typeof import('./boot-suite.mjs').summarizeBoot>} BootSummary */
import { interval, verdict } from './stats.mjs';

const ms = (/** @type {number} */ v) => `${Math.round(v)} ms`;
const kb = (/** @type {number} */ v) => (v / 1024).toFixed(1);
const signed = (/** @type {number} */ v) => `${v >= 0 ? '+' : ''}${v}`;
const range = (/** @type {{ min: number, max: number }} */ s) => (s.min === s.max ? String(s.min) : `${s.min}–${s.max}`);

/**
 * A plain-text table: columns padded to their widest cell, numbers right-aligned.
 * @param {string[]} head
 * @param {string[][]} rows
 * @param {boolean[]} [right]
 */
export function table(head, rows, right = []) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (/** @type {string[]} */ cells) => cells.map((c, i) => (right[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * @param {BootSummary[]} boot
 * @param {{ scenario?: string, network: string, ratio: number, low?: number, high?: number, target: number | undefined }[]} ratios
 */
export function bootReport(boot, ratios) {
  const rows = boot.map((b) => [
    b.scenario, b.network, ms(b.firstContent.median), `${Math.round(b.firstContent.min)}–${Math.round(b.firstContent.max)}`,
    range(b.roundTrips), range(b.requests), kb(b.jsBytes),
    Object.entries(b.jsBytesByOrigin).map(([o, bytes]) => `${o} ${kb(bytes)}`).join(' · '),
  ]);
  for (const r of ratios) {
    const bounds = interval(r);
    const target = r.target === undefined ? '' : `  ${verdict(r)} target ≤ ${r.target}×`;
    rows.push([`${r.scenario ?? 'atrium'} ÷ monolith`, r.network, `${r.ratio.toFixed(2)}×${bounds ? ` (95 %: ${bounds})` : ''}${target}`, '', '', '', '', '']);
  }
  const out = [table(['scenario', 'network', 'first content (median)', 'min–max ms', 'round trips', 'requests', 'JS KB', 'JS KB by origin (compressed)'], rows, [false, false, true, true, true, true, true, false])];
  for (const b of boot) {
    out.push('', `critical path, ${b.scenario} ${b.network} (run nearest the median; depth: url  start→end ms):`);
    for (const link of b.criticalPath) out.push(`  ${String(link.depth).padStart(2)}: ${link.url}  ${Math.round(link.start)}→${Math.round(link.end)}`);
    if (b.pageErrors.length) out.push(`  page errors: ${b.pageErrors.join(' | ')}`);
    if (b.failures.length) out.push(`  ${b.failures.length} failed visit(s), left out of the figures (messages in the JSON)`);
    if (b.notQuiet) out.push(`  ${b.notQuiet} visit(s) started on a busy machine (its CPUs were never quiet within 3 s): the spread includes other work`);
  }
  return out.join('\n');
}

/** @param {Awaited<ReturnType<typeof import('./memory.mjs').measureMemory>>} m */
export function memoryReport(m) {
  const detached = (/** @type {import('./memory.mjs').MemorySnapshot} */ s) => (s.detachedNodes === undefined ? 'n/a' : `${s.detachedNodes} in ${s.detachedRoots} trees`);
  const rows = [
    ['JS heap used (after GC)', `${kb(m.before.heapUsed)} KB`, `${kb(m.after.heapUsed)} KB`, `${m.heapGrowthKB >= 0 ? '+' : ''}${m.heapGrowthKB.toFixed(1)} KB`, m.heapGrowthKB < 1024 ? '✓ < 1 MB' : '✗ target < 1 MB'],
    ['JS heap used, User Timing cleared (after GC)', `${kb(m.before.heapUsed)} KB`, `${kb(m.cleared.heapUsed)} KB`, `${m.heapGrowthWithoutUserTimingKB >= 0 ? '+' : ''}${m.heapGrowthWithoutUserTimingKB.toFixed(1)} KB`, ''],
    ['detached DOM nodes (DOM.getDetachedDomNodes)', detached(m.before), detached(m.after), m.detachedGrowth === undefined ? 'n/a' : `${m.detachedGrowth >= 0 ? '+' : ''}${m.detachedGrowth}`, ''],
    ['HTMLElement objects alive (Runtime.queryObjects)', String(m.before.elements), String(m.after.elements), signed(m.elementGrowth), ''],
    ['elements in the document', String(m.before.attached), String(m.after.attached), signed(m.after.attached - m.before.attached), ''],
    ['User Timing marks + measures', String(m.before.userTiming), String(m.after.userTiming), signed(m.after.userTiming - m.before.userTiming), ''],
  ];
  return [
    `memory: ${m.cycles} mount/unmount cycles (alternating /insights and /accounts) after ${m.warmup} warm-up cycles, ${(m.elapsedMs / 1000).toFixed(1)} s, mean switch ${m.meanSwitchMs.toFixed(1)} ms`,
    table(['measure', `after ${m.warmup}`, `after +${m.cycles}`, 'growth', ''], rows, [false, true, true, true, false]),
    `grew most (heap snapshots, self size): ${m.topGrowth.map((g) => `${g.kind} ${signed(g.count)} (${kb(g.bytes)} KB)`).join(', ')}`,
    ...(m.errors.length ? [`errors: ${m.errors.slice(0, 5).join(' | ')}`] : []),
  ].join('\n');
}

/**
 * @param {{ entries: number, boot: BootSummary, switchMs: { median: number, min: number, max: number } }[]} sizes
 * @param {{ firstContentMs: number, afterHtmlMs: number }} diff
 */
export function scaleReport(sizes, diff) {
  const rows = sizes.map((s) => [
    `${s.entries} entries`, ms(s.boot.firstContent.median), `${Math.round(s.boot.firstContent.min)}–${Math.round(s.boot.firstContent.max)}`,
    ms(s.boot.htmlEnd.median), ms(s.boot.afterHtml.median), kb(s.boot.htmlBytes), `${s.switchMs.median.toFixed(1)} ms`, `${s.switchMs.min.toFixed(1)}–${s.switchMs.max.toFixed(1)}`,
    s.switchMs.median < 16 ? '✓ < 16 ms' : '✗ target < 16 ms',
  ]);
  const verdict = (/** @type {number} */ d) => (d <= 10 ? '✓ target ≤ 10 ms' : '✗ target ≤ 10 ms');
  return [
    'scale (unthrottled): boot with a 5- vs a 500-entry manifest, route switch between two loaded MFEs',
    table(['manifest', 'first content', 'min–max ms', 'HTML end', 'after HTML end', 'HTML KB', 'route switch (median)', 'min–max', ''], rows, [false, true, true, true, true, true, true, true, false]),
    `difference in first content: ${diff.firstContentMs >= 0 ? '+' : ''}${diff.firstContentMs.toFixed(1)} ms  ${verdict(diff.firstContentMs)}`,
    `difference after the HTML has arrived (excludes the server compressing and sending a bigger page): ${diff.afterHtmlMs >= 0 ? '+' : ''}${diff.afterHtmlMs.toFixed(1)} ms  ${verdict(diff.afterHtmlMs)}`,
  ].join('\n');
}

/** @param {Awaited<ReturnType<typeof import('./resolver.mjs').measureResolver>>} r */
export function resolverReport(r) {
  const rows = r.rows.map((row) => [row.scenario, Math.round(row.requestsPerSecond).toLocaleString('en'), row.all.join(' · '), `${row.p50} ms`, `${row.p99} ms`]);
  return [
    `resolver: GET /accounts (the host page with the visitor's manifest inlined, ${r.mfes} MFEs, one 10 % canary, ${kb(r.pageBytes)} KB before brotli), ${r.connections} connections, ${r.rounds} interleaved rounds of ${r.seconds} s (median), loopback; one process = one core`,
    table(['server', 'requests/s', 'rounds', 'p50', 'p99'], rows, [false, true, true, true, true]),
    `added server time per page: ${r.renderMicros.toFixed(1)} µs in process (resolve versions + page cache), ${r.addedMicros.toFixed(0)} µs per request from the throughput difference`,
  ].join('\n');
}
