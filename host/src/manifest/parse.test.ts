import { describe, expect, it } from 'vitest';
import { formatProblem, parseManifest } from './parse.js';
import type { ManifestPolicy } from './parse.js';
import { schemaChecks } from '../validation/schemas.js';
import { trustedChecks } from '../validation/index.js';

const policy: ManifestPolicy = {
  allowedOrigins: new Set(['https://cdn.example.com', 'http://localhost:5201']),
  regions: new Set(['nav', 'main']),
  source: 'https://host.example.com/manifest.json',
  checks: schemaChecks,
};

const good = (over: Record<string, unknown> = {}) => ({
  name: 'accounts',
  entry: 'https://cdn.example.com/accounts/2.4.1/remoteEntry.js',
  module: './app',
  version: '2.4.1',
  activeWhen: '/accounts',
  region: 'main',
  ...over,
});

const doc = (...mfes: unknown[]) => JSON.stringify({ version: 1, mfes });
const messages = (text: string) => parseManifest(text, policy).problems.map(formatProblem);

describe('parseManifest', () => {
  it('accepts a valid document and normalises activation', () => {
    const { entries, problems } = parseManifest(doc(good(), good({ name: 'nav', activeWhen: 'always', region: 'nav' }), good({ name: 'multi', activeWhen: ['/a/', '/b'] })), policy);
    expect(problems).toEqual([]);
    expect(entries.map((e) => e.routes)).toEqual([['/accounts'], 'always', ['/a', '/b']]);
    expect(entries[0]?.entryUrl.href).toBe('https://cdn.example.com/accounts/2.4.1/remoteEntry.js');
  });

  it('reports malformed JSON with the source and loads nothing', () => {
    const result = parseManifest('{"version": 1, "mfes": [', policy);
    expect(result.entries).toEqual([]);
    expect(formatProblem(result.problems[0]!)).toMatch(/manifest from https:\/\/host\.example\.com\/manifest\.json is not valid JSON/);
  });

  it('accepts a document saved with a UTF-8 byte order mark', () => {
    expect(parseManifest(`\uFEFF${doc(good())}`, policy).entries).toHaveLength(1);
  });

  it('refuses an unknown format version and says which one it reads', () => {
    const result = parseManifest(JSON.stringify({ version: 2, mfes: [good()] }), policy);
    expect(result.entries).toEqual([]);
    expect(formatProblem(result.problems[0]!)).toMatch(/has version 2; this host reads version 1/);
  });

  it('refuses a document whose mfes is not an array', () => {
    expect(messages(JSON.stringify({ version: 1, mfes: {} }))[0]).toMatch(/needs "mfes": an array/);
    expect(messages('[]')[0]).toMatch(/must be a JSON object/);
  });

  it('drops an entry with wrong types, naming the entry and the field, and keeps the valid ones', () => {
    const result = parseManifest(doc(good({ name: 'broken', version: 3, activeWhen: 42 }), good({ name: 'fine' })), policy);
    expect(result.entries.map((e) => e.name)).toEqual(['fine']);
    const text = result.problems.map(formatProblem);
    expect(text).toContainEqual(expect.stringMatching(/entry 0 \("broken"\): field "version" 3 .*fix: set the deployed version/));
    expect(text).toContainEqual(expect.stringMatching(/entry 0 \("broken"\): field "activeWhen" 42 must be "always", a route prefix/));
  });

  it('names missing required fields with how to fill them', () => {
    const { module: _module, ...withoutModule } = good();
    expect(messages(doc(withoutModule))).toContainEqual(expect.stringMatching(/field "module" is missing — fix: set the exposed module/));
  });

  it('keeps the first of two entries with the same name', () => {
    const result = parseManifest(doc(good(), good({ entry: 'https://cdn.example.com/other/remoteEntry.js' })), policy);
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0]?.entry).toContain('/accounts/');
    expect(result.problems.map(formatProblem)).toContainEqual(expect.stringMatching(/entry 1 \("accounts"\): field "name" "accounts" is used by an earlier entry/));
  });

  it.each([
    ['an origin that is not allowed', 'https://evil.example.net/remoteEntry.js', /origin https:\/\/evil\.example\.net is not on the allow-list — fix: add "https:\/\/evil\.example\.net" to allowedOrigins/],
    ['a look-alike of an allowed origin', 'https://cdn.example.com.evil.net/remoteEntry.js', /not on the allow-list/],
    ['a javascript: URL', 'javascript:alert(1)', /uses javascript: — only https/],
    ['a protocol-relative URL', '//cdn.example.com/remoteEntry.js', /is protocol-relative/],
    ['plain http off localhost', 'http://cdn.example.com/remoteEntry.js', /uses http: — only https \(or http on localhost\)/],
    ['a relative URL', 'remoteEntry.js', /is not an absolute URL/],
    ['credentials in the URL', 'https://user:pw@cdn.example.com/remoteEntry.js', /carries credentials/],
    ['a data: URL', 'data:text/javascript,alert(1)', /uses data:/],
  ])('refuses %s', (_label, entry, expected) => {
    const result = parseManifest(doc(good({ entry }), good({ name: 'ok' })), policy);
    expect(result.entries.map((e) => e.name)).toEqual(['ok']);
    expect(result.problems.map(formatProblem)).toContainEqual(expect.stringMatching(expected));
  });

  it('accepts http on localhost when the origin is allowed', () => {
    expect(parseManifest(doc(good({ entry: 'http://localhost:5201/remoteEntry.js' })), policy).entries).toHaveLength(1);
  });

  it('refuses a region the host does not have, listing the ones it has', () => {
    expect(messages(doc(good({ region: 'footer' })))).toContainEqual(expect.stringMatching(/"footer" is not a region of this host — fix: use one of "nav", "main"/));
  });

  it('refuses preload files on another origin', () => {
    expect(messages(doc(good({ preload: ['https://evil.example.net/x.js'] })))).toContainEqual(expect.stringMatching(/field "preload" .* leaves the entry's origin/));
  });

  it('resolves preload files against the entry URL', () => {
    const [entry] = parseManifest(doc(good({ preload: ['assets/app-1.js'] })), policy).entries;
    expect(entry?.preloadUrls).toEqual(['https://cdn.example.com/accounts/2.4.1/assets/app-1.js']);
  });

  it('warns about unknown fields but keeps the entry', () => {
    const result = parseManifest(doc(good({ actveWhen: '/x' })), policy);
    expect(result.entries).toHaveLength(1);
    expect(result.problems).toEqual([expect.objectContaining({ severity: 'warning', field: 'actveWhen' })]);
  });

  it('refuses entries that are not objects', () => {
    const result = parseManifest(doc('accounts', null, good()), policy);
    expect(result.entries).toHaveLength(1);
    expect(result.problems.filter((p) => p.severity === 'error')).toHaveLength(2);
  });

  it('validates integrity and timeouts', () => {
    const text = messages(doc(good({ integrity: 'md5-abc', timeouts: { mount: -1 } })));
    expect(text).toContainEqual(expect.stringMatching(/field "integrity" .*must be an SRI hash/));
    expect(text).toContainEqual(expect.stringMatching(/field "timeouts"/));
  });
});

describe('parseManifest: route protection (auth)', () => {
  it('keeps an entry that requires sign-in, with or without claims', () => {
    const { entries, problems } = parseManifest(
      doc(good({ auth: { required: true } }), good({ name: 'admin', activeWhen: '/admin', auth: { required: true, claims: { role: 'admin', level: 2, staff: true } } })),
      policy,
    );
    expect(problems).toEqual([]);
    expect(entries.map((e) => e.auth)).toEqual([{ required: true }, { required: true, claims: { role: 'admin', level: 2, staff: true } }]);
  });

  it('leaves auth undefined when the field is absent (a public entry)', () => {
    expect(parseManifest(doc(good()), policy).entries[0]?.auth).toBeUndefined();
  });

  it('drops an entry with a malformed auth field, naming the field and the fix, and keeps the others', () => {
    const result = parseManifest(doc(good({ name: 'vault', auth: { required: 'yes' } }), good({ name: 'fine' })), policy);
    expect(result.entries.map((e) => e.name)).toEqual(['fine']);
    expect(result.problems.map(formatProblem)).toContainEqual(expect.stringMatching(/entry 0 \("vault"\): field "auth" .*fix: write \{ "required": true \}/));
  });

  it('refuses unknown keys and non-scalar claim values inside auth', () => {
    expect(messages(doc(good({ auth: { required: true, role: 'admin' } })))[0]).toMatch(/field "auth"/);
    expect(messages(doc(good({ auth: { required: true, claims: { roles: ['a', 'b'] } } })))[0]).toMatch(/field "auth"/);
    expect(messages(doc(good({ auth: true })))[0]).toMatch(/field "auth" true must be an object/);
  });
});

describe('parseManifest with entries left for later (the shell validates what the URL shows first)', () => {
  const onlyAccounts = { now: (raw: Readonly<Record<string, unknown>>) => raw['activeWhen'] === '/accounts' };

  it('validates only what `now` picks, and the rest (with their problems) once, on rest()', () => {
    const result = parseManifest(doc(good(), good({ name: 'insights', activeWhen: '/insights' }), good({ name: 'broken', activeWhen: '/broken', region: 'nowhere' })), policy, onlyAccounts);
    expect(result.entries.map((e) => e.name)).toEqual(['accounts']);
    expect(result.problems).toEqual([]);
    const rest = result.rest?.();
    expect(rest?.entries.map((e) => e.name)).toEqual(['insights']);
    expect(rest?.problems.map(formatProblem)).toEqual([expect.stringContaining('entry 2 ("broken"): field "region" "nowhere" is not a region of this host')]);
    expect(result.rest?.()).toBe(rest);
  });

  it('keeps "the first entry of a name wins" when the first one waits and a later one is shown now', () => {
    const result = parseManifest(doc(good({ activeWhen: '/elsewhere', version: 'first' }), good({ version: 'second' })), policy, onlyAccounts);
    expect(result.entries).toEqual([]);
    const rest = result.rest?.();
    expect(rest?.entries.map((e) => e.version)).toEqual(['first']);
    expect(rest?.problems.map(formatProblem)).toEqual([expect.stringContaining('"accounts" is used by an earlier entry; this one is ignored')]);
  });

  it('has no rest when every entry was validated now', () => {
    expect(parseManifest(doc(good()), policy, onlyAccounts).rest).toBeUndefined();
    expect(parseManifest(doc(good(), good({ name: 'insights', activeWhen: '/insights' })), policy).rest).toBeUndefined();
  });
});

describe('a manifest the deploy step stamped (its shape is not checked again)', () => {
  const stamped: ManifestPolicy = { ...policy, checks: trustedChecks };

  it('still refuses what the page\'s policy forbids: another origin, a preload off the origin, an unknown region, a repeated name', () => {
    const result = parseManifest(doc(
      good({ name: 'evil', entry: 'https://evil.example/remoteEntry.js' }),
      good({ name: 'leaky', preload: ['https://evil.example/x.js'] }),
      good({ name: 'lost', region: 'sidebar' }),
      good(),
      good(),
    ), stamped);
    expect(result.entries.map((e) => e.name)).toEqual(['accounts']);
    expect(result.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/entry 0 \("evil"\): field "entry" .*evil\.example/),
      expect.stringMatching(/entry 1 \("leaky"\): field "preload" .*leaves the entry's origin/),
      expect.stringMatching(/entry 2 \("lost"\): field "region" "sidebar" is not a region of this host/),
      expect.stringMatching(/entry 4 \("accounts"\): field "name" "accounts" is used by an earlier entry/),
    ]);
  });

  it('takes the fields as they are: the schemas ran at deploy time', () => {
    const [entry] = parseManifest(doc(good({ title: 'Accounts' })), stamped).entries;
    expect(entry).toMatchObject({ name: 'accounts', title: 'Accounts', entryUrl: new URL('https://cdn.example.com/accounts/2.4.1/remoteEntry.js') });
  });
});
