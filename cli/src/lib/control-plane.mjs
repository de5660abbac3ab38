// Where the release commands find the control plane: flags first, then the environment.
//   --store / ATRIUM_STORE            etcd://host:port,… or a state file (default .atrium/state.json)
//   --origin-dir / ATRIUM_ORIGIN_DIR  the static origin's folder publish copies into (default .atrium/origin)
//   --origin-url / ATRIUM_ORIGIN_URL  the public URL of that folder (publish needs it)
//   --by / ATRIUM_ACTOR               who is acting, for history (default user@host)
import path from 'node:path';
import { defaultActor } from '../../../servers/control-plane/releases/index.mjs';
import { isControlPlaneError, openStore } from '../../../servers/control-plane/store/index.mjs';
import { CliError, UsageError } from '../errors.mjs';

/** parseArgs options every release command takes. */
export const STORE_OPTIONS = /** @type {const} */ ({
  store: { type: 'string' },
  by: { type: 'string' },
  reason: { type: 'string' },
});

/** Text for each command's --help: where the store is. */
export const STORE_HELP = 'store: --store or ATRIUM_STORE (etcd://host:port,… | path to a state file; default .atrium/state.json); actor: --by or ATRIUM_ACTOR';

/**
 * Opens the store, runs `work`, closes the store, and turns control-plane errors into CLI errors
 * (a conflict or a refused change: exit 1; an unreachable store: exit 2).
 * @template T
 * @param {import('../main.mjs').Context} ctx
 * @param {(store: import('../../../servers/control-plane/store/store.mjs').Store, actor: string) => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function withStore(ctx, work) {
  let store;
  try {
    store = openStore(/** @type {string | undefined} */ (ctx.values['store']) ?? ctx.env['ATRIUM_STORE'], { root: process.cwd() });
  } catch (error) {
    throw new UsageError(/** @type {Error} */ (error).message);
  }
  const actor = /** @type {string | undefined} */ (ctx.values['by']) ?? defaultActor(ctx.env);
  try {
    return await work(store, actor);
  } catch (error) {
    throw asCliError(error);
  } finally {
    await store.close();
  }
}

/** @param {unknown} error */
export function asCliError(error) {
  if (error instanceof CliError) return error;
  if (error instanceof RangeError || error instanceof TypeError) return new UsageError(error.message);
  if (isControlPlaneError(error)) {
    const e = /** @type {any} */ (error);
    return new CliError(e.message, {
      code: e.code, exitCode: e.code === 'store-unavailable' ? 2 : 1, cause: error,
      details: e.winner ? { winner: e.winner } : {},
    });
  }
  return error;
}

/** The MFE name rule of the manifest format, checked before anything is touched. */
export function assertMfeName(/** @type {string | undefined} */ name) {
  if (!name || !/^[a-z][a-z0-9_-]{0,63}$/.test(name)) {
    throw new UsageError(`"${name ?? ''}" is not an MFE name: use lowercase letters, digits, "-" or "_", starting with a letter (the federation name in its vite.config.ts)`);
  }
  return name;
}

/** @param {import('../main.mjs').Context} ctx */
export function originOf(ctx) {
  const dir = /** @type {string | undefined} */ (ctx.values['origin-dir']) ?? ctx.env['ATRIUM_ORIGIN_DIR'] ?? '.atrium/origin';
  const url = /** @type {string | undefined} */ (ctx.values['origin-url']) ?? ctx.env['ATRIUM_ORIGIN_URL'];
  return { dir: path.resolve(dir), url: url?.replace(/\/+$/, '') };
}

/** @param {string} iso */
export function ago(iso) {
  const s = Math.round((Date.now() - Date.parse(iso)) / 1000);
  return s < 90 ? `${s}s ago` : s < 5400 ? `${Math.round(s / 60)}m ago` : s < 129600 ? `${Math.round(s / 3600)}h ago` : `${Math.round(s / 86400)}d ago`;
}
