import { readAll } from '../../../servers/control-plane/releases/index.mjs';
import { UsageError } from '../errors.mjs';
import { STORE_HELP, STORE_OPTIONS, ago, withStore } from '../lib/control-plane.mjs';

export const summary = 'every MFE: live version, canary and percent, revision';
export const usage = `atrium status\n  ${STORE_HELP}`;
export const options = { store: STORE_OPTIONS.store };

/** @param {import('../main.mjs').Context} ctx */
export async function run(ctx) {
  if (ctx.positionals.length) throw new UsageError(`status takes no arguments\nusage: atrium status`);
  return withStore(ctx, async (store) => {
    const { revision, mfes } = await readAll(store);
    return {
      store: store.description,
      revision,
      mfes: mfes.map(({ record, revision: r }) => ({
        name: record.name, live: record.live, canary: record.canary, revision: r,
        versions: Object.keys(record.versions).length, last: record.history.at(-1) ?? null,
      })),
    };
  });
}

/** @param {any} r */
export function format(r) {
  if (r.mfes.length === 0) return `no MFEs in ${r.store} (revision ${r.revision}) — publish one with \`atrium publish\``;
  const rows = r.mfes.map((/** @type {any} */ m) => [
    m.name, m.live ?? '—', m.canary ? `${m.canary.version} @ ${m.canary.percent} %` : '—', String(m.revision),
    m.last ? `${m.last.action} ${m.last.version} by ${m.last.by}, ${ago(m.last.at)}` : '',
  ]);
  const head = ['MFE', 'LIVE', 'CANARY', 'REVISION', 'LAST CHANGE'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (/** @type {string[]} */ cells) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [`${r.store}, revision ${r.revision}`, line(head), ...rows.map(line)].join('\n');
}
