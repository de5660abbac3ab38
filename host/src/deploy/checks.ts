import { MANIFEST_VERSION } from '@atrium/shared/internal';
import { entryShape } from '../manifest/index.js';
import type { ManifestProblem } from '../manifest/index.js';
import { CHECKS_STAMP } from '../validation/stamp.js';
import { schemaChecks } from '../validation/schemas.js';

// What the deploy step runs, in Node (built to host/dist/.node/checks.mjs with the same stamp as
// the shell it deploys): the shell's own schemas, so a config or manifest that passes here is
// stamped (`data-checked`) and the browser does not check its shape again before first content.
// Anything that does not pass is left unstamped: the browser checks it and shows what is wrong,
// exactly as before — the deploy step never decides what a visitor sees.

export { CHECKS_STAMP };

/**
 * Whether a host config has the shape the shell's schemas ask for, its `auth` and `embed`
 * sections included (`apis` and `telemetry` are checked by their own chunks, in the browser).
 *
 * @example
 * ```ts
 * passesConfigChecks({ allowedOrigins: [] }); // true
 * ```
 */
export function passesConfigChecks(raw: unknown): boolean {
  if (schemaChecks.config(raw).issue) return false;
  const { auth, embed } = raw as { auth?: unknown; embed?: unknown };
  return (auth === undefined || !schemaChecks.auth(auth).issue) && (embed === undefined || !schemaChecks.embed(embed).issue);
}

/**
 * Whether every entry of a manifest has the shape the shell's schemas ask for: no unknown or
 * missing field, every field valid. URL policy, regions and unique names are the page's to check.
 *
 * @example
 * ```ts
 * passesManifestChecks({ version: 1, mfes: [] }); // true
 * ```
 */
export function passesManifestChecks(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const { version, mfes } = raw as { version?: unknown; mfes?: unknown };
  if (version !== MANIFEST_VERSION || !Array.isArray(mfes)) return false;
  // The page's own per-entry check: any problem, even an unknown field's warning, leaves the
  // manifest unstamped, so the page shows it.
  return mfes.every((entry: unknown, index) => {
    const problems: ManifestProblem[] = [];
    return entryShape(entry, index, schemaChecks, problems) !== undefined && problems.length === 0;
  });
}
