import * as v from 'valibot';
import { MFE_NAME } from '@atrium/shared/policy';
import type { Checked, ShapeChecks } from './types.js';

// Every schema the page's config and manifest are checked against, in one module: the shell
// loads it (valibot with it) only for what the deploy step did not check with these same
// schemas (checks.ts), and the deploy step's Node build (deploy/checks.ts) runs it before stamping a page.

// ---- the host config (atrium.config.json); each section below is checked by its own resolver
const ms = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(120_000));
const configSchema = v.strictObject({
  manifestUrl: v.optional(v.pipe(v.string(), v.minLength(1))),
  allowedOrigins: v.array(v.string()),
  regions: v.optional(v.pipe(v.array(v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]*$/))), v.minLength(1))),
  routeRegion: v.optional(v.string()),
  timeouts: v.optional(v.strictObject({ load: v.optional(ms), bootstrap: v.optional(ms), mount: v.optional(ms), unmount: v.optional(ms) })),
  logLevel: v.optional(v.picklist(['debug', 'info', 'warn', 'error', 'silent'])),
  title: v.optional(v.string()),
  home: v.optional(v.pipe(v.string(), v.regex(/^\/[^\s]*$/, 'must be a path starting with "/"'))),
  devtools: v.optional(v.boolean()),
  // Each resolved by its own resolver below (the API layer's when it loads).
  apis: v.optional(v.unknown()),
  auth: v.optional(v.unknown()),
  overrides: v.optional(v.unknown()),
  embed: v.optional(v.unknown()),
  // The visitor's manifest, inlined by the resolver into the config it serves to embed.js (one
  // round trip less on CMS pages; embed/early.ts reads it). The shell's page inlines it apart.
  manifest: v.optional(v.unknown()),
  telemetry: v.optional(v.unknown()),
});

// ---- the `auth` section
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const isSecureUrl = (value: string): boolean => {
  const url = URL.parse(value);
  return url !== null && (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname)));
};
const secureUrl = v.pipe(v.string(), v.check(isSecureUrl, 'must be an absolute https URL (http only on localhost)'));
const path = v.pipe(v.string(), v.regex(/^\/(?!\/)[^\s?#]*$/, 'must be a same-origin path like "/auth/callback"'));
const seconds = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3_600));

const authSchema = v.strictObject({
  authority: secureUrl,
  clientId: v.pipe(v.string(), v.minLength(1)),
  redirectPath: v.optional(path),
  postLogoutRedirectPath: v.optional(path),
  scopes: v.optional(v.pipe(v.array(v.pipe(v.string(), v.regex(/^\S+$/, 'scopes contain no spaces'))), v.check((s) => s.includes('openid'), 'must include "openid"'))),
  issuer: v.optional(v.pipe(v.string(), v.minLength(1))),
  storage: v.optional(v.picklist(['persistent', 'memory'], 'must be "persistent" or "memory" ("session" is gone: sessions now survive reloads by default, with a DPoP-bound refresh token)')),
  endSessionAtIdp: v.optional(v.boolean()),
  extraQueryParams: v.optional(v.record(v.string(), v.string())),
  renewBeforeSeconds: v.optional(seconds),
  clockSkewSeconds: v.optional(seconds),
  embedders: v.optional(v.record(
    v.pipe(v.string(), v.check((o) => URL.parse(o)?.origin === o, 'keys must be origins like "https://blog.example"')),
    v.strictObject({ clientId: v.pipe(v.string(), v.minLength(1)), scopes: v.optional(v.array(v.pipe(v.string(), v.regex(/^\S+$/)))), callbackPath: v.optional(path) }),
  )),
});

// ---- the `embed` section
const embedSchema = v.strictObject({ allowedEmbedders: v.array(v.string()), portalUrl: v.optional(v.string()) });

// ---- one manifest entry, field by field
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
  apis: v.optional(v.pipe(v.array(v.pipe(v.string(), v.minLength(1, 'API names must not be empty'))), v.minLength(1, 'must list at least one API'))),
  auth: v.optional(
    v.strictObject({
      required: v.boolean('must be true or false'),
      claims: v.optional(v.record(v.pipe(v.string(), v.minLength(1)), v.union([v.string(), v.number(), v.boolean()], 'claim values must be a string, number or boolean'))),
    }, 'must be an object like { "required": true, "claims": { "role": "customer" } }'),
  ),
};


function checked(schema: v.GenericSchema, raw: unknown): Checked<unknown> {
  const result = v.safeParse(schema, raw);
  if (result.success) return { output: result.output };
  const issue = result.issues[0];
  const path = issue ? v.getDotPath(issue) : null;
  return { issue: { ...(path ? { path } : {}), message: issue?.message ?? 'is invalid' } };
}

/** The schemas as {@link ShapeChecks}: what the page runs on a config or manifest nobody checked before. */
export const schemaChecks: ShapeChecks = {
  config: (raw) => checked(configSchema, raw),
  auth: (raw) => checked(authSchema, raw),
  embed: (raw) => checked(embedSchema, raw),
  entryField: (field, value) => {
    const schema: v.GenericSchema | undefined = entryFields[field as keyof typeof entryFields];
    // Every field of manifest/fields.ts has a schema here (schemas.test.ts); a field without one is a bug, not bad input.
    if (!schema) throw new TypeError(`no schema for manifest field "${field}"`);
    return checked(schema, value);
  },
};
