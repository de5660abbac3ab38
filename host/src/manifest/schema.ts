import * as v from 'valibot';
import { MFE_NAME } from '@atrium/shared/policy';

const EXPOSED = /^\.\/[A-Za-z0-9_./-]+$/;
const INTEGRITY = /^(sha256|sha384|sha512)-[A-Za-z0-9+/]+={0,2}$/;

// Relative to the entry, so a stylesheet always comes from the entry's (allowed) origin: no scheme,
// no leading slash or backslash (a URL parser reads `\\host` as `//host`).
const RELATIVE_FILE = /^(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?![/\\])[^\\\s]+$/;

const positiveMs = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(120_000));
const routePrefix = v.pipe(v.string(), v.regex(/^\/[^\s?#]*$/, 'must start with "/" and contain no spaces, "?" or "#"'));

/** Fields of one entry, each validated on its own so the problem names the field. */
export const entryFields = {
  name: v.pipe(v.string(), v.regex(MFE_NAME, 'must be lowercase letters, digits, "-" or "_", starting with a letter')),
  entry: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  module: v.pipe(v.string(), v.regex(EXPOSED, 'must be an exposed module path like "./app"')),
  version: v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(64)),
  activeWhen: v.union(
    [v.literal('always'), routePrefix, v.pipe(v.array(routePrefix), v.minLength(1, 'must list at least one prefix'))],
    'must be "always", a route prefix like "/accounts", or a list of prefixes',
  ),
  region: v.pipe(v.string(), v.minLength(1)),
  integrity: v.optional(v.pipe(v.string(), v.regex(INTEGRITY, 'must be an SRI hash like "sha384-…"'))),
  files: v.optional(v.pipe(
    v.record(v.pipe(v.string(), v.regex(RELATIVE_FILE, 'keys must be file paths relative to the entry')), v.pipe(v.string(), v.regex(INTEGRITY, 'values must be SRI hashes like "sha384-…"'))),
    v.check((files) => Object.keys(files).length > 0, 'must list at least one file'),
  )),
  props: v.optional(v.record(v.string(), v.unknown())),
  preload: v.optional(v.array(v.pipe(v.string(), v.minLength(1)))),
  css: v.optional(v.array(v.pipe(v.string(), v.regex(RELATIVE_FILE, 'must be file paths relative to the entry, like "assets/app-x1.css"')))),
  timeouts: v.optional(
    v.strictObject({
      load: v.optional(positiveMs),
      bootstrap: v.optional(positiveMs),
      mount: v.optional(positiveMs),
      unmount: v.optional(positiveMs),
    }),
  ),
  title: v.optional(v.pipe(v.string(), v.maxLength(80))),
  boot: v.optional(v.strictObject({
    module: v.pipe(v.string(), v.regex(RELATIVE_FILE, 'module must be a file path relative to the entry'), v.regex(/\.m?js$/, 'module must be a .js file')),
    shares: v.array(v.picklist(['single-spa', '@atrium/shared', '@atrium/shared/api'], 'shares may only name packages this host provides')),
    lazy: v.optional(v.array(v.pipe(v.string(), v.regex(RELATIVE_FILE, 'lazy must list file paths relative to the entry')))),
  }, 'must be { "module": "assets/app-x1.js", "shares": [...] } as the deploy step writes it')),
  auth: v.optional(
    v.strictObject({
      required: v.boolean('must be true or false'),
      claims: v.optional(v.record(v.pipe(v.string(), v.minLength(1)), v.union([v.string(), v.number(), v.boolean()], 'claim values must be a string, number or boolean'))),
    }, 'must be an object like { "required": true, "claims": { "role": "customer" } }'),
  ),
} as const;

export type EntryField = keyof typeof entryFields;

export const REQUIRED_FIELDS: readonly EntryField[] = ['name', 'entry', 'module', 'version', 'activeWhen', 'region'];

/** How to fix a missing or wrong field, in the words a person editing the manifest needs. */
export const FIELD_FIXES: Record<EntryField, string> = {
  name: 'give the entry a unique lowercase name matching the remote\'s federation name, e.g. "accounts"',
  entry: 'set the absolute URL of the remote entry, e.g. "https://cdn.example.com/accounts/1.4.2/remoteEntry.js"',
  module: 'set the exposed module that exports the lifecycles, e.g. "./app"',
  version: 'set the deployed version, e.g. "1.4.2"',
  activeWhen: 'set "always" or a route prefix such as "/accounts"',
  region: 'set one of the regions declared in the host config',
  integrity: 'set the SRI hash of the remote entry ("sha384-…"), or remove the field',
  files: 'map each JS/CSS file (path relative to the entry) to its SRI hash — the deploy step writes it (scripts/lib/integrity.mjs), or remove the field',
  props: 'make props a JSON object',
  preload: 'list file paths relative to the entry URL',
  css: 'list the stylesheets of the exposed module, relative to the entry URL (the deploy step copies them from mf-manifest.json)',
  timeouts: 'use milliseconds between 1 and 120000 for load, bootstrap, mount or unmount',
  title: 'use a short display title (at most 80 characters)',
  boot: 'redeploy the entry with the deploy step (`atrium publish`), which writes the plan, or remove the field (the MFE then loads through remoteEntry.js)',
  auth: 'write { "required": true } and optionally "claims": { "role": "customer" } with string, number or boolean values, or remove the field',
};
