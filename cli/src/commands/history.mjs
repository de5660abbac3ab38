import { MFE_PREFIX } from '../../../servers/control-plane/releases/index.mjs';
import { CliError, UsageError } from '../errors.mjs';
import { STORE_OPTIONS, assertMfeName, withStore } from '../lib/control-plane.mjs';
import { integerOption } from './promote.mjs';

export const summary = 'who changed an MFE, when, what and why (automatic rollbacks included)';
export const usage = 'atrium history <mfe> [--limit N]\n  newest first; --limit defaults to 20';
export const options = { store: STORE_OPTIONS.store, limit: { type: 'string' } };

/** @param {import('../main.mjs').Context} ctx */
export async function run(ctx) {
  const [mfe, extra] = ctx.positionals;
  assertMfeName(mfe);
  if (extra) throw new UsageError(`history takes one MFE name\nusage: ${usage.split('\n')[0]}`);
  const limit = integerOption(ctx.values['limit'], '--limit') ?? 20;
  return withStore(ctx, async (store) => {
    const entry = await store.get(`${MFE_PREFIX}${mfe}`);
    if (!entry) throw new CliError(`no MFE named '${mfe}' in ${store.description} — \`atrium status\` lists them`, { code: 'unknown-mfe' });
    /** @type {import('../../../servers/control-plane/releases/records.mjs').MfeRecord} */
    const record = entry.value;
    return { mfe, live: record.live, canary: record.canary, revision: entry.revision, events: record.history.slice(-limit).reverse() };
  });
}

/** @param {any} r */
export function format(r) {
  const lines = r.events.map((/** @type {any} */ e) => {
    const what = e.action === 'canary' ? `canary ${e.version} at ${e.percent} %`
      : e.action === 'publish' ? `publish ${e.version}`
      : `${e.action} ${e.from ? `${e.from} → ` : ''}${e.version}`;
    return `${e.at}  ${what.padEnd(32)} by ${e.by}${e.why ? `\n${' '.repeat(26)}why: ${e.why}` : ''}`;
  });
  return [`${r.mfe}: live ${r.live ?? '—'}${r.canary ? `, canary ${r.canary.version} @ ${r.canary.percent} %` : ''} (revision ${r.revision})`, ...lines].join('\n');
}
