/** @param {number[]} values */
export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? /** @type {number} */ (sorted[mid]) : (/** @type {number} */ (sorted[mid - 1]) + /** @type {number} */ (sorted[mid])) / 2;
}

/** @param {number[]} values */
export function summarize(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length };
}

/** @param {number} value */
export const round1 = (value) => Math.round(value * 10) / 10;

/**
 * A 95 % bootstrap interval of `median(a) / median(b)`: both samples resampled with replacement
 * `resamples` times (a seeded generator, so a run's report is reproducible from its JSON). The
 * bench's ratios are medians of about 21 cold visits each; this says how far such a ratio moves
 * when the same machine measures the same pages again, so a verdict one side of a target can be
 * told from one inside the noise.
 * @param {number[]} a
 * @param {number[]} b
 * @param {{ resamples?: number, seed?: number }} [options]
 * @returns {{ low: number, high: number }}
 */
export function ratioInterval(a, b, { resamples = 2000, seed = 1 } = {}) {
  if (a.length === 0 || b.length === 0) return { low: Number.NaN, high: Number.NaN };
  const random = mulberry32(seed);
  const pick = (/** @type {number[]} */ values) => Array.from(values, () => /** @type {number} */ (values[Math.floor(random() * values.length)]));
  const ratios = [];
  for (let i = 0; i < resamples; i++) ratios.push(median(pick(a)) / median(pick(b)));
  ratios.sort((x, y) => x - y);
  const at = (/** @type {number} */ q) => /** @type {number} */ (ratios[Math.min(ratios.length - 1, Math.floor(q * ratios.length))]);
  return { low: at(0.025), high: at(0.975) };
}

/** A small seeded PRNG (mulberry32): uniform in [0, 1). @param {number} seed */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * ✓ or ✗ against a target ratio, with "within noise" when the 95 % interval reaches across the
 * target (another run of the same code could land on the other side). Empty without a target.
 * @param {{ ratio: number, low?: number, high?: number, target?: number | undefined }} r
 */
export function verdict({ ratio, low = Number.NaN, high = Number.NaN, target }) {
  if (target === undefined) return '';
  return `${ratio <= target ? '✓' : '✗'}${low <= target && target < high ? ' (within noise)' : ''}`;
}

/** The interval as the reports print it: `1.11–1.17`. @param {{ low?: number, high?: number }} r */
export const interval = ({ low = Number.NaN, high = Number.NaN }) => (Number.isNaN(low) ? '' : `${low.toFixed(2)}–${high.toFixed(2)}`);
