import crypto from 'node:crypto';

/**
 * A visitor's bucket for one MFE, 0 ≤ b < 100: a hash of (visitor, MFE), so the same visitor
 * gets the same answer on every instance and every reload, and canaries of different MFEs pick
 * independent groups of visitors.
 * @param {string} visitor
 * @param {string} mfe
 */
export function bucket(visitor, mfe) {
  const digest = crypto.createHash('sha256').update(`${visitor}\0${mfe}`).digest();
  return (digest.readUInt32BE(0) / 0x1_0000_0000) * 100;
}

/**
 * The version of one MFE a visitor gets: the canary when their bucket is under its percent.
 * @param {import('./records.mjs').MfeRecord} record
 * @param {string} visitor
 * @returns {string | null}
 */
export function versionFor(record, visitor) {
  if (record.canary && bucket(visitor, record.name) < record.canary.percent) return record.canary.version;
  return record.live;
}

/**
 * The manifest a visitor gets: every MFE with a live version, at the version resolved for
 * them, and the store revision it was read at (the page pins it).
 * @param {{ revision: number, mfes: { record: import('./records.mjs').MfeRecord }[] }} snapshot
 * @param {string} visitor
 */
export function resolveManifest(snapshot, visitor) {
  /** @type {Record<string, unknown>[]} */
  const mfes = [];
  for (const { record } of snapshot.mfes) {
    const version = versionFor(record, visitor);
    const entry = version ? record.versions[version]?.entry : undefined;
    if (entry) mfes.push(entry);
  }
  return { version: 1, revision: snapshot.revision, mfes };
}
