import os from 'node:os';
import { ConflictError, isConflictError } from '../store/errors.mjs';
import { MFE_PREFIX, emptyRecord } from './records.mjs';

/** Who is making a change: ATRIUM_ACTOR (set it in CI to the pipeline's name), else user@host. */
export function defaultActor(env = process.env) {
  return env['ATRIUM_ACTOR'] || `${os.userInfo().username}@${os.hostname()}`;
}

/**
 * Reads one MFE's record, applies `change` and writes it back as a compare-and-swap on the
 * record's revision. Changes to different MFEs never touch the same key, so they all land; a
 * writer that read a record someone else has changed since gets a conflict naming the winner.
 *
 * @example
 * ```js
 * await changeMfe(store, 'accounts', (r) => promote(r, { version: '2.5.0', by: 'ci' }));
 * ```
 * @param {import('../store/store.mjs').Store} store
 * @param {string} name
 * @param {(record: import('./records.mjs').MfeRecord) => import('./records.mjs').MfeRecord} change
 * @param {{ ifRevision?: number }} [options] `ifRevision`: the revision the caller decided on
 *   (e.g. from `atrium status`); without it, the revision just read
 */
export async function changeMfe(store, name, change, options = {}) {
  const key = `${MFE_PREFIX}${name}`;
  const current = await store.get(key);
  const expect = options.ifRevision ?? current?.revision ?? 0;
  if (options.ifRevision !== undefined && (current?.revision ?? 0) !== options.ifRevision) throw conflict(name, expect, current);
  const before = current?.value ?? emptyRecord(name);
  const next = change(before);
  // Nothing to change: no write, no revision, no history.
  if (next === before) return { record: next, revision: current?.revision ?? 0, event: undefined };
  try {
    const { revision } = await store.put(key, next, { expect });
    return { record: next, revision, event: next.history.at(-1) };
  } catch (error) {
    if (isConflictError(error)) throw conflict(name, expect, /** @type {any} */ (error).current);
    throw error;
  }
}

/**
 * @param {string} name
 * @param {number} expected
 * @param {import('../store/store.mjs').StoredEntry | undefined} current
 */
function conflict(name, expected, current) {
  /** @type {import('./records.mjs').HistoryEvent | undefined} */
  const winner = current?.value?.history?.at(-1);
  const what = winner ? `${winner.action} ${winner.version}${winner.percent ? ` at ${winner.percent} %` : ''} by ${winner.by} at ${winner.at}` : 'an unknown change';
  const error = new ConflictError(`${MFE_PREFIX}${name}`, expected, current,
    `mfe '${name}' changed while you were deciding: ${what} (revision ${current?.revision ?? 0}; you had read ${expected}) — run \`atrium status\` and decide again`);
  /** @type {any} */ (error).winner = winner ? { ...winner, revision: current?.revision } : undefined;
  return error;
}

/**
 * Every MFE's record at one store revision.
 * @param {import('../store/store.mjs').Store} store
 */
export async function readAll(store) {
  const listing = await store.list(MFE_PREFIX);
  return {
    revision: listing.revision,
    mfes: listing.entries
      .sort((a, b) => a.createRevision - b.createRevision)
      .map((e) => ({ record: /** @type {import('./records.mjs').MfeRecord} */ (e.value), revision: e.revision })),
  };
}
