import fs from 'node:fs';
import path from 'node:path';

/**
 * Watches built folders: a copy taken while someone rebuilt one would mix two builds (the page's
 * HTML naming files of another build), so the copy is taken again.
 * @param {string[]} dirs absolute dist folders
 */
export function guardBuilds(dirs) {
  /** @type {string | undefined} */
  let changed;
  const watchers = dirs.map((dir) => fs.watch(dir, { recursive: true }, (_event, file) => {
    changed ??= path.join(dir, String(file ?? ''));
  }));
  return {
    /** Throws when a served file changed since the guard started. */
    check() {
      if (changed) throw new Error(`${changed} changed (a rebuild in progress?)`);
    },
    async close() {
      for (const watcher of watchers) watcher.close();
    },
  };
}

/**
 * A file the static server meant to send vanished mid-run (deleted under it): sirv then emits an
 * error nobody handles. Turn that into a clear message and a clean stop.
 * @param {() => Promise<void>} stop closes everything the bench started
 */
export function stopOnVanishedFiles(stop) {
  process.on('uncaughtException', (error) => {
    const vanished = /** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT';
    console.error(vanished
      ? `bench failed: ${/** @type {NodeJS.ErrnoException} */ (error).path} vanished while it was being served; rerun`
      : `bench failed: ${error.stack ?? error.message}`);
    void stop().finally(() => process.exit(1));
  });
}
