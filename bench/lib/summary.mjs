import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { interval, verdict } from './stats.mjs';

// The README's performance table and a chart of the ratios, both from one bench run's results:
// `npm run bench` writes them to bench/results/ (table.md, ratios.svg); `--readme` also puts the
// table into README.md between its bench markers, so the README's figures are always a run's.

const START = '<!-- bench:table (npm run bench -- --readme writes this block) -->';
const END = '<!-- /bench:table -->';

/** Gzipped size of the shell's entry chunk (what runs before first content), from the host build. @param {string} hostDist */
export function shellSize(hostDist) {
  const html = fs.readFileSync(path.join(hostDist, 'index.html'), 'utf8');
  const src = /<script type="module"[^>]*src="\/?([^"]+)"/.exec(html)?.[1];
  if (!src) return undefined;
  const code = fs.readFileSync(path.join(hostDist, src));
  return { file: src, raw: code.length, gzip: zlib.gzipSync(code, { level: 9 }).length };
}

/**
 * @param {any} results bench results (bench/results/latest.json)
 * @returns {string} a markdown table
 */
export function markdownTable(results) {
  const rows = [['', 'network', 'first content', '÷ monolith', 'target', 'requests', 'round trips', 'JS before first content (br)']];
  const boot = results.boot;
  for (const s of boot?.scenarios ?? []) {
    const ratio = boot.ratios.find((/** @type {any} */ r) => r.scenario === s.scenario && r.network === s.network);
    const mono = boot.scenarios.find((/** @type {any} */ m) => m.scenario === 'monolith' && m.network === s.network);
    rows.push([
      s.scenario, s.network, `${Math.round(s.firstContent.median)} ms`,
      ratio ? `**${ratio.ratio.toFixed(2)}×**${interval(ratio) ? ` (${interval(ratio)})` : ''}` : '', ratio?.target ? `≤ ${ratio.target}× ${verdict(ratio)}` : '',
      `${span(s.requests)}${mono && !s.scenario.startsWith('monolith') && !s.scenario.startsWith('CMS') ? ` (monolith + ${s.requests.median - mono.requests.median})` : ''}`,
      span(s.roundTrips), `${(s.jsBytes / 1024).toFixed(1)} KB`,
    ]);
  }
  const out = [rows.map((r, i) => `| ${r.join(' | ')} |${i === 0 ? `\n|${r.map(() => ' --- |').join('')}` : ''}`).join('\n')];
  const extra = [];
  if (results.shell) extra.push(`| shell chunk before first content | ${(results.shell.gzip / 1024).toFixed(1)} KB gz (${(results.shell.raw / 1024).toFixed(1)} KB raw) | ≤ 30 KB gz ${results.shell.gzip <= 30 * 1024 ? '✓' : '✗'} |`);
  if (results.scale) extra.push(`| 500- vs 5-entry manifest, first content | ${signedMs(results.scale.diff.firstContentMs)} (after the HTML: ${signedMs(results.scale.diff.afterHtmlMs)}) | ≤ +10 ms ${results.scale.diff.afterHtmlMs <= 10 ? '✓' : '✗'} |`);
  if (results.scale) extra.push(`| route switch between loaded MFEs | ${results.scale.sizes.map((/** @type {any} */ s) => `${s.switchMs.median.toFixed(1)} ms (${s.entries} entries)`).join(', ')} | < 16 ms |`);
  if (results.memory) extra.push(`| heap growth, ${results.memory.cycles} mount/unmount cycles | ${results.memory.heapGrowthKB >= 0 ? '+' : ''}${results.memory.heapGrowthKB.toFixed(0)} KB | < 1 MB ${results.memory.heapGrowthKB < 1024 ? '✓' : '✗'} |`);
  if (extra.length) out.push(['| | measured | target |', '| --- | --- | --- |', ...extra].join('\n'));
  const meta = results.meta ?? {};
  out.push(`<sub>${meta.date?.slice(0, 10) ?? ''}, commit ${String(meta.commit ?? '?').slice(0, 7)}, Chromium ${meta.chromium ?? '?'}, ${meta.cpus ?? '?'} CPUs, load average ${Number(meta.loadAverageAtStart ?? NaN).toFixed(1)} → ${Number(meta.loadAverageAtEnd ?? NaN).toFixed(1)}, median of ${meta.runs ?? '?'} cold runs per scenario (min–max in bench/results/latest.json); beside each ratio, its 95 % bootstrap interval.</sub>`);
  return out.join('\n\n');
}

/** Replaces the bench block of a README with `table`; throws when the markers are missing. @param {string} file @param {string} table */
export function writeReadmeTable(file, table) {
  const text = fs.readFileSync(file, 'utf8');
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${file} has no bench block: add the lines\n${START}\n${END}\nwhere the table goes`);
  fs.writeFileSync(file, `${text.slice(0, a + START.length)}\n${table}\n${text.slice(b)}`);
}

/**
 * An SVG bar chart of every shell variant's first-content ratio to the monolith, per network
 * condition, with the targets drawn in.
 * @param {any} results
 */
export function ratioChart(results) {
  const ratios = /** @type {{ scenario: string, network: string, ratio: number, target?: number }[]} */ (results.boot?.ratios ?? []);
  const barH = 22;
  const gap = 8;
  const left = 250;
  const width = 760;
  const max = Math.max(2, ...ratios.map((r) => r.ratio)) * 1.05;
  const x = (/** @type {number} */ v) => left + ((width - left - 40) * v) / max;
  const top = 40;
  const height = top + ratios.length * (barH + gap) + 60;
  const esc = (/** @type {string} */ s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="12" y="24" font-size="15" font-weight="600">First content ÷ the monolith (median of ${results.meta?.runs ?? '?'} cold runs; lower is better)</text>`,
  ];
  ratios.forEach((r, i) => {
    const y = top + i * (barH + gap);
    const ok = r.target === undefined || r.ratio <= r.target;
    parts.push(`<text x="${left - 8}" y="${y + 15}" text-anchor="end">${esc(`${r.scenario}, ${r.network}`)}</text>`);
    parts.push(`<rect x="${left}" y="${y}" width="${Math.max(1, x(r.ratio) - left)}" height="${barH}" fill="${ok ? '#2e7d32' : '#c62828'}"/>`);
    parts.push(`<text x="${x(r.ratio) + 6}" y="${y + 15}">${r.ratio.toFixed(2)}×</text>`);
    if (r.target !== undefined) parts.push(`<line x1="${x(r.target)}" x2="${x(r.target)}" y1="${y - 2}" y2="${y + barH + 2}" stroke="#000" stroke-dasharray="3 2"/>`);
  });
  const axisY = top + ratios.length * (barH + gap) + 8;
  parts.push(`<line x1="${x(1)}" x2="${x(1)}" y1="${top - 6}" y2="${axisY}" stroke="#888"/><text x="${x(1)}" y="${axisY + 16}" text-anchor="middle" fill="#555">1× (the monolith)</text>`);
  parts.push(`<text x="${left}" y="${axisY + 36}" fill="#555">bars start at 0×; dashed: the target (≤ 1.5× unthrottled, ≤ 1.15× throttled)</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}

const span = (/** @type {{ min: number, max: number, median: number }} */ s) => (s.min === s.max ? String(s.median) : `${s.median} (${s.min}–${s.max})`);
const signedMs = (/** @type {number} */ v) => `${v >= 0 ? '+' : ''}${v.toFixed(1)} ms`;
