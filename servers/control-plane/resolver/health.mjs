import { changeMfe } from '../releases/change.mjs';
import { HEALTH_PREFIX, rollback } from '../releases/records.mjs';
import { isConflictError } from '../store/errors.mjs';

/**
 * @typedef {object} HealthOptions
 * @property {number} [budget] percentage points a canary's failure rate may exceed the live
 *   version's before it is rolled back (ATRIUM_HEALTH_BUDGET, default 5)
 * @property {number} [minSessions] sessions on the canary before it is judged
 *   (ATRIUM_HEALTH_MIN_SESSIONS, default 50)
 * @property {number} [flushMs] how often this instance writes its counts and judges (default 500)
 */

const KINDS = new Set(['mounted', 'load', 'mount', 'runtime']);
const MAX_SESSIONS = 100_000;

/**
 * Health of each MFE version as the hosts report it (beacons), counted per page session, written
 * to the store per resolver instance and judged over the sum of all instances: a canary whose
 * failure rate exceeds the live version's by more than the budget is rolled back, with the
 * figures as the reason in the MFE's history.
 *
 * @param {{ store: import('../store/store.mjs').Store, instance: string, snapshot: () => { mfes: { record: import('../releases/records.mjs').MfeRecord }[] } } & HealthOptions} options
 */
export function createHealth({ store, instance, snapshot, budget = 5, minSessions = 50, flushMs = 500 }) {
  /** @type {Map<string, { mfe: string, version: string, sessions: Set<string>, failed: Set<string> }>} */
  const counts = new Map();
  /** @type {Set<string>} */
  const dirty = new Set();
  let flushing = Promise.resolve();

  const timer = setInterval(() => {
    flushing = flushing.then(flush).catch(() => undefined);
  }, flushMs);
  timer.unref();

  /** Only versions that are live or canary now are counted: a beacon cannot invent MFEs. */
  function current(/** @type {string} */ mfe, /** @type {string} */ version) {
    const record = snapshot().mfes.find((m) => m.record.name === mfe)?.record;
    return record && (record.live === version || record.canary?.version === version);
  }

  async function flush() {
    const mfes = new Set();
    for (const key of [...dirty]) {
      dirty.delete(key);
      const c = counts.get(key);
      if (!c) continue;
      await store.put(`${HEALTH_PREFIX}${c.mfe}/${c.version}/${instance}`, { sessions: c.sessions.size, failed: c.failed.size });
      mfes.add(c.mfe);
    }
    for (const mfe of mfes) await judge(mfe);
  }

  async function judge(/** @type {string} */ mfe) {
    const record = snapshot().mfes.find((m) => m.record.name === mfe)?.record;
    if (!record?.canary || !record.live) return;
    const sums = await totals(mfe);
    const canary = sums.get(record.canary.version) ?? { sessions: 0, failed: 0 };
    const live = sums.get(record.live) ?? { sessions: 0, failed: 0 };
    if (canary.sessions < minSessions) return;
    const rate = (/** @type {{ sessions: number, failed: number }} */ c) => (c.sessions ? (c.failed / c.sessions) * 100 : 0);
    if (rate(canary) - rate(live) <= budget) return;
    const version = record.canary.version;
    const why = `canary ${version} failed in ${canary.failed} of ${canary.sessions} sessions (${rate(canary).toFixed(1)} %) against live ${record.live} ${live.failed} of ${live.sessions} (${rate(live).toFixed(1)} %): more than the budget of ${budget} points over at least ${minSessions} sessions`;
    try {
      await changeMfe(store, mfe, (r) => (r.canary?.version === version ? rollback(r, { by: `resolver ${instance} (health check)`, why, automatic: true }) : r));
    } catch (error) {
      // Another instance judged the same figures first: its rollback is the one in history.
      if (!isConflictError(error)) throw error;
    }
  }

  /** @param {string} mfe */
  async function totals(mfe) {
    const listing = await store.list(`${HEALTH_PREFIX}${mfe}/`);
    /** @type {Map<string, { sessions: number, failed: number }>} */
    const sums = new Map();
    for (const e of listing.entries) {
      const version = e.key.slice(`${HEALTH_PREFIX}${mfe}/`.length).split('/')[0] ?? '';
      const sum = sums.get(version) ?? { sessions: 0, failed: 0 };
      sum.sessions += Number(e.value?.sessions) || 0;
      sum.failed += Number(e.value?.failed) || 0;
      sums.set(version, sum);
    }
    return sums;
  }

  return {
    /**
     * Counts one beacon: `{ session, events: [{ mfe, version, kind }] }`, kind one of
     * mounted | load | mount | runtime. Returns how many events were counted.
     * @param {unknown} body
     */
    record(body) {
      const b = /** @type {any} */ (body);
      if (typeof b?.session !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(b.session) || !Array.isArray(b.events)) return 0;
      let counted = 0;
      for (const e of b.events.slice(0, 50)) {
        if (typeof e?.mfe !== 'string' || typeof e.version !== 'string' || !KINDS.has(e.kind) || !current(e.mfe, e.version)) continue;
        const key = `${e.mfe}@${e.version}`;
        let c = counts.get(key);
        if (!c) counts.set(key, (c = { mfe: e.mfe, version: e.version, sessions: new Set(), failed: new Set() }));
        if (c.sessions.size < MAX_SESSIONS) c.sessions.add(b.session);
        if (e.kind !== 'mounted' && c.failed.size < MAX_SESSIONS) c.failed.add(b.session);
        dirty.add(key);
        counted++;
      }
      return counted;
    },
    /** Writes and judges what is pending now (tests, shutdown). */
    flush: () => (flushing = flushing.then(flush)),
    close() {
      clearInterval(timer);
      return flushing.catch(() => undefined);
    },
  };
}

/**
 * Health options from the environment: ATRIUM_HEALTH_BUDGET, ATRIUM_HEALTH_MIN_SESSIONS.
 * @param {NodeJS.ProcessEnv} env
 * @returns {HealthOptions}
 */
export function healthOptionsFromEnv(env) {
  /** @type {HealthOptions} */
  const out = {};
  for (const [name, key] of /** @type {const} */ ([['ATRIUM_HEALTH_BUDGET', 'budget'], ['ATRIUM_HEALTH_MIN_SESSIONS', 'minSessions']])) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new RangeError(`${name} must be a number ≥ 0, got "${raw}"`);
    out[key] = n;
  }
  return out;
}
