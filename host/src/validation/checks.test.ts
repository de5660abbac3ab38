import { describe, expect, it, vi } from 'vitest';
import { FIELD_FIXES } from '../manifest/fields.js';
import { CHECKS_STAMP, inlineStamp, pageChecks, trustedChecks } from './index.js';
import { entryFields, schemaChecks } from './schemas.js';

describe('pageChecks', () => {
  it('trusts only a page stamped with this build’s checks: a value is then taken as it is', async () => {
    expect(CHECKS_STAMP).toBe('unit-test-stamp');
    const checks = await pageChecks(CHECKS_STAMP);
    expect(checks).toBe(trustedChecks);
    expect(checks.config({ allowedOrigins: 'not a list' })).toEqual({ output: { allowedOrigins: 'not a list' } });
  });

  it.each([undefined, '', 'stamp-of-another-build'])('runs the schemas for a page stamped %j', async (stamp) => {
    const checks = await pageChecks(stamp);
    expect(checks).toBe(schemaChecks);
    expect(checks.config({ allowedOrigins: 'not a list' }).issue).toMatchObject({ path: 'allowedOrigins' });
    expect(checks.entryField('name', 'Accounts').issue?.message).toMatch(/lowercase/);
    expect(checks.auth({ authority: 'http://idp.example', clientId: 'x' }).issue).toMatchObject({ path: 'authority', message: expect.stringMatching(/https/) });
  });

  it('says a failed download of the schemas is a connection problem, and asks again the next time', async () => {
    vi.resetModules();
    vi.doMock('./schemas.js', () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    const fresh = (await import('./checks.js')).pageChecks;
    await expect(fresh(undefined)).rejects.toThrow(/the page's validation code could not be downloaded \(.+\) — check the connection and reload/);
    vi.doUnmock('./schemas.js');
    await expect(fresh(undefined)).resolves.toHaveProperty('entryField');
  });

  it('reads the stamp the deploy step put on an inlined config', () => {
    document.body.innerHTML = '<script type="application/json" id="atrium-config" data-checked="abc123">{}</script><script type="application/json" id="atrium-manifest">{}</script>';
    expect(inlineStamp('atrium-config')).toBe('abc123');
    expect(inlineStamp('atrium-manifest')).toBeUndefined();
    expect(inlineStamp('missing')).toBeUndefined();
  });
});

describe('schemaChecks', () => {
  it('has a schema for every manifest field, and no other', () => {
    expect(Object.keys(entryFields).sort()).toEqual(Object.keys(FIELD_FIXES).sort());
  });

  it('refuses a field it has no schema for (a bug, not bad input)', () => {
    expect(() => schemaChecks.entryField('colour', 'red')).toThrow(/no schema for manifest field "colour"/);
  });
});
