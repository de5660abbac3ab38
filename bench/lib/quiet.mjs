import fs from 'node:fs';

/** Busy share of all CPUs over one sample below which the machine counts as quiet. */
const QUIET_SHARE = 0.15;
const SAMPLE_MS = 100;
/** Quiet samples in a row before a visit starts. */
const QUIET_SAMPLES = 2;
/** A visit starts after this long even on a machine that never quietens (reported by the caller). */
const LIMIT_MS = 3_000;
/** Where /proc/stat is missing (not Linux): a pause that covered a context's teardown here. */
const FALLBACK_MS = 600;

/**
 * Waits until the machine's CPUs are quiet, so a cold visit is not measured while the previous
 * one is still being torn down: closing a browser context returns before its renderer process
 * has exited, and on a 2-core machine that teardown took CPU from the next visit's boot. With
 * this wait, the throttled monolith's interquartile range went from 29–44 ms to 11–19 ms and
 * its median from ≈ 310 to ≈ 280 ms (bench/README.md, How it measures).
 * @returns {Promise<{ waitedMs: number, quiet: boolean }>}
 */
export async function untilQuiet() {
  const started = Date.now();
  if (!fs.existsSync('/proc/stat')) {
    await sleep(FALLBACK_MS);
    return { waitedMs: Date.now() - started, quiet: true };
  }
  let quietSamples = 0;
  let before = cpuTimes();
  while (Date.now() - started < LIMIT_MS) {
    await sleep(SAMPLE_MS);
    const now = cpuTimes();
    const total = now.total - before.total;
    const busy = total > 0 ? (now.busy - before.busy) / total : 0;
    before = now;
    quietSamples = busy <= QUIET_SHARE ? quietSamples + 1 : 0;
    if (quietSamples >= QUIET_SAMPLES) return { waitedMs: Date.now() - started, quiet: true };
  }
  return { waitedMs: Date.now() - started, quiet: false };
}

/** Jiffies of all CPUs together: busy (everything but idle and iowait) and total. */
function cpuTimes() {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** @param {number} ms */
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
