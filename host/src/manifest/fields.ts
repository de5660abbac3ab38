/** How to fix a missing or wrong field of a manifest entry, in the words a person editing the manifest needs. */
export const FIELD_FIXES = {
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
  apis: 'list the APIs the MFE calls when it mounts, by their names in the host config\'s "apis", e.g. ["fx-rates"], or remove the field',
  auth: 'write { "required": true } and optionally "claims": { "role": "customer" } with string, number or boolean values, or remove the field',
} as const;

/** The fields of a manifest entry (what `validation/schemas.ts` checks, one schema each). */
export type EntryField = keyof typeof FIELD_FIXES;

export const REQUIRED_FIELDS: readonly EntryField[] = ['name', 'entry', 'module', 'version', 'activeWhen', 'region'];
