import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// What decides whether a config or manifest passes: the schemas, the manifest's field list, the
// deploy step's checks and the validator library's version. A change to any of them changes the
// stamp, so a page stamped by another build's checks is checked again in the browser.
const SOURCES = ['host/src/validation/schemas.ts', 'host/src/manifest/fields.ts', 'host/src/deploy/checks.ts', 'shared/src/policy/names.ts'];

/**
 * The stamp of this tree's config and manifest checks: the shell build and the deploy step's
 * Node build of the checks both carry it (`__ATRIUM_CHECKS__`), and the shell trusts a page's
 * `data-checked` only when it is the same.
 * @returns {string} 16 hex characters
 * @example checksStamp() // → '3f9a…'
 */
export function checksStamp() {
  const hash = crypto.createHash('sha256');
  for (const file of SOURCES) hash.update(fs.readFileSync(path.join(ROOT, file)));
  hash.update(JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/valibot/package.json'), 'utf8')).version);
  return hash.digest('hex').slice(0, 16);
}
