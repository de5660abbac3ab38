import { changeMfe, rollback } from '../../../servers/control-plane/releases/index.mjs';
import { UsageError } from '../errors.mjs';
import { STORE_HELP, STORE_OPTIONS, assertMfeName, withStore } from '../lib/control-plane.mjs';

export const summary = 'end the running canary, or put back the previously live version';
export const usage = `atrium rollback <mfe> [--reason "…"]
  with a canary running: stops it (everyone gets the live version); else: the version live before this one
  ${STORE_HELP}`;
export const options = { ...STORE_OPTIONS };

/** @param {import('../main.mjs').Context} ctx */
export async function run(ctx) {
  const [mfe, extra] = ctx.positionals;
  assertMfeName(mfe);
  if (extra) throw new UsageError(`rollback takes one MFE name\nusage: ${usage.split('\n')[0]}`);
  return withStore(ctx, async (store, by) => {
    const why = /** @type {string | undefined} */ (ctx.values['reason']);
    const { record, revision, event } = await changeMfe(store, /** @type {string} */ (mfe), (r) => rollback(r, { by, ...(why ? { why } : {}) }));
    return { mfe, live: record.live, canary: record.canary, revision, event };
  });
}

/** @param {any} r */
export function format(r) {
  return `${r.mfe}: rolled back from ${r.event.from} — ${r.live} is live for everyone (revision ${r.revision})`;
}
