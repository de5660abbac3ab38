import { changeMfe } from './change.mjs';
import { promote, publish } from './records.mjs';

/** Who the dev stack's own deployments are recorded as. */
export const LOCAL_ACTOR = 'npm start (local build)';

/**
 * The dev stack's deploy step: records each locally built MFE's entry under its package version
 * and makes it live — unless someone promoted another version of that MFE (then theirs stays
 * live). A local build may be registered again under the same version (it is rebuilt in place);
 * an unchanged one writes nothing, so restarts do not fill the history.
 * @param {import('../store/store.mjs').Store} store
 * @param {Record<string, unknown>[]} entries manifest entries, each with name and version
 */
export async function deployLocal(store, entries) {
  // Different MFEs are different keys: all at once (the file store writes them in one go).
  await Promise.all(entries.map((entry) => {
    const name = String(entry['name']);
    const version = String(entry['version']);
    return changeMfe(store, name, (record) => {
      const known = record.versions[version];
      const same = known && JSON.stringify(known.entry) === JSON.stringify(entry);
      if (known && !same && known.publishedBy !== LOCAL_ACTOR) return record;
      let next = same ? record : publish(record, { version, entry, by: LOCAL_ACTOR, replace: true });
      const localIsLive = !next.live || next.live === version || next.versions[next.live]?.publishedBy === LOCAL_ACTOR;
      if (localIsLive && next.live !== version) next = promote(next, { version, by: LOCAL_ACTOR });
      return next;
    });
  }));
}
