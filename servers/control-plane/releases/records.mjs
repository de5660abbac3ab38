// What a release change does to one MFE's record, as pure functions: the store, the CLI and the
// resolver's health check all change records through these, so the rules live in one place.
import { ControlPlaneError } from '../store/errors.mjs';

/** Keys in the store: one record per MFE (so different MFEs never conflict), health per version. */
export const MFE_PREFIX = '/atrium/mfes/';
export const HEALTH_PREFIX = '/atrium/health/';
const HISTORY_KEPT = 200;

/**
 * @typedef {'publish' | 'promote' | 'canary' | 'rollback' | 'auto-rollback'} Action
 *
 * @typedef {object} HistoryEvent
 * @property {string} at ISO time
 * @property {string} by who (CI job, person, or "resolver <id>" for automatic rollbacks)
 * @property {Action} action
 * @property {string} version the version this event made live, canary or published
 * @property {string} [from] the version it replaced
 * @property {number} [percent] canary share
 * @property {string} [why] the reason given, or the health figures of an automatic rollback
 * @property {number} [revision] store revision of the write (filled in when read back)
 *
 * @typedef {object} MfeRecord
 * @property {string} name
 * @property {Record<string, { entry: Record<string, unknown>, publishedAt: string, publishedBy: string }>} versions
 * @property {string | null} live
 * @property {{ version: string, percent: number } | null} canary
 * @property {string[]} previous versions that were live before, most recent last (rollback pops)
 * @property {HistoryEvent[]} history oldest first, the last HISTORY_KEPT
 */

/** A release rule was broken (unknown version, nothing to roll back…): exit code 1 in the CLI. */
export class ReleaseError extends ControlPlaneError {
  /** @param {string} message @param {string} [code] */
  constructor(message, code = 'refused') {
    super(message, { code });
    this.name = 'ReleaseError';
  }
}

/** @param {string} name @returns {MfeRecord} */
export function emptyRecord(name) {
  return { name, versions: {}, live: null, canary: null, previous: [], history: [] };
}

/**
 * @param {MfeRecord} record
 * @param {{ version: string, entry: Record<string, unknown>, by: string, why?: string, replace?: boolean }} change
 *   `replace`: a local build registered again under the same version (the dev stack only)
 */
export function publish(record, { version, entry, by, why, replace = false }) {
  if (record.versions[version] && !replace) {
    throw new ReleaseError(`mfe '${record.name}' version ${version} is already published (${record.versions[version]?.publishedAt} by ${record.versions[version]?.publishedBy}); versions are immutable — bump the version and publish again`, 'version-exists');
  }
  const at = new Date().toISOString();
  return withEvent({ ...record, versions: { ...record.versions, [version]: { entry, publishedAt: at, publishedBy: by } } }, { at, by, action: 'publish', version, ...(why ? { why } : {}) });
}

/**
 * Live for everyone (`percent` 100 or absent), or a canary for `percent` % of visitors.
 * @param {MfeRecord} record
 * @param {{ version: string, percent?: number, by: string, why?: string }} change
 */
export function promote(record, { version, percent = 100, by, why }) {
  if (!record.versions[version]) {
    const known = Object.keys(record.versions);
    throw new ReleaseError(`mfe '${record.name}' has no published version ${version}${known.length ? ` (published: ${known.join(', ')})` : ''} — run \`atrium publish ${record.name} <dist> --version ${version}\` first`, 'unknown-version');
  }
  if (!Number.isInteger(percent) || percent < 1 || percent > 100) throw new RangeError(`--percent must be a whole number from 1 to 100, got ${percent}`);
  const at = new Date().toISOString();
  const reason = why ? { why } : {};
  if (percent < 100) {
    if (!record.live) throw new ReleaseError(`mfe '${record.name}' has no live version to run a canary against — promote one fully first (\`atrium promote ${record.name} <version>\`)`, 'no-live-version');
    if (record.live === version) throw new ReleaseError(`mfe '${record.name}' ${version} is already live for everyone — a canary needs a different version`, 'already-live');
    return withEvent({ ...record, canary: { version, percent } }, { at, by, action: 'canary', version, from: record.live, percent, ...reason });
  }
  if (record.live === version && !record.canary) throw new ReleaseError(`mfe '${record.name}' ${version} is already live`, 'already-live');
  const previous = record.live && record.live !== version ? [...record.previous, record.live].slice(-50) : record.previous;
  return withEvent({ ...record, live: version, canary: null, previous }, { at, by, action: 'promote', version, ...(record.live ? { from: record.live } : {}), ...reason });
}

/**
 * Ends a running canary, or else puts back the version that was live before the current one.
 * @param {MfeRecord} record
 * @param {{ by: string, why?: string, automatic?: boolean }} change
 */
export function rollback(record, { by, why, automatic = false }) {
  const at = new Date().toISOString();
  const action = automatic ? 'auto-rollback' : 'rollback';
  const reason = why ? { why } : {};
  if (record.canary) {
    return withEvent({ ...record, canary: null }, { at, by, action, version: /** @type {string} */ (record.live), from: record.canary.version, ...reason });
  }
  if (automatic) throw new ReleaseError(`mfe '${record.name}' has no canary to roll back`, 'nothing-to-roll-back');
  const target = record.previous.at(-1);
  if (!target || !record.live) throw new ReleaseError(`mfe '${record.name}' has no earlier live version to roll back to${record.live ? ` (${record.live} is the first)` : ''}`, 'nothing-to-roll-back');
  return withEvent({ ...record, live: target, previous: record.previous.slice(0, -1) }, { at, by, action, version: target, from: record.live, ...reason });
}

/** @param {MfeRecord} record @param {HistoryEvent} event @returns {MfeRecord} */
function withEvent(record, event) {
  return { ...record, history: [...record.history, event].slice(-HISTORY_KEPT) };
}
