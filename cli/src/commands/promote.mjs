import { changeMfe, promote } from '../../../servers/control-plane/releases/index.mjs';
import { UsageError } from '../errors.mjs';
import { STORE_HELP, STORE_OPTIONS, assertMfeName, withStore } from '../lib/control-plane.mjs';

export const summary = 'make a published version live for everyone, or a canary for N % of visitors';
export const usage = `atrium promote <mfe> <version> [--percent N] [--reason "…"] [--if-revision R]
  --percent N       canary: N % of visitors (1–99), sticky per visitor; 100 or absent: everyone
  --if-revision R   only if the MFE's record is still at revision R (from \`atrium status\`)
  ${STORE_HELP}`;
export const options = {
  ...STORE_OPTIONS,
  percent: { type: 'string' },
  'if-revision': { type: 'string' },
};

/** @param {import('../main.mjs').Context} ctx */
export async function run(ctx) {
  const [mfe, version, extra] = ctx.positionals;
  assertMfeName(mfe);
  if (!version || extra) throw new UsageError(`give the MFE and one version\nusage: ${usage.split('\n')[0]}`);
  const percent = ctx.values['percent'] === undefined ? 100 : Number(ctx.values['percent']);
  if (!Number.isInteger(percent) || percent < 1 || percent > 100) throw new UsageError(`--percent must be a whole number from 1 to 100, got "${ctx.values['percent']}"`);
  const ifRevision = integerOption(ctx.values['if-revision'], '--if-revision');
  return withStore(ctx, async (store, by) => {
    const why = /** @type {string | undefined} */ (ctx.values['reason']);
    const { record, revision, event } = await changeMfe(store, /** @type {string} */ (mfe),
      (r) => promote(r, { version, percent, by, ...(why ? { why } : {}) }), ifRevision === undefined ? {} : { ifRevision });
    return { mfe, live: record.live, canary: record.canary, revision, event };
  });
}

/** @param {unknown} value @param {string} name */
export function integerOption(value, name) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} must be a whole number, got "${value}"`);
  return n;
}

/** @param {any} r */
export function format(r) {
  return r.canary
    ? `${r.mfe}: canary ${r.canary.version} for ${r.canary.percent} % of visitors, live ${r.live} for the rest (revision ${r.revision})`
    : `${r.mfe}: ${r.live} is live for everyone${r.event?.from ? ` (was ${r.event.from})` : ''} (revision ${r.revision})`;
}
