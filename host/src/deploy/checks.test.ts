import { describe, expect, it } from 'vitest';
import { CHECKS_STAMP, passesConfigChecks, passesManifestChecks } from './index.js';

const entry = { name: 'accounts', entry: 'https://cdn.example.com/accounts/remoteEntry.js', module: './app', version: '1.0.0', activeWhen: '/accounts', region: 'main' };
const config = { allowedOrigins: ['https://cdn.example.com'], auth: { authority: 'https://idp.example', clientId: 'atrium-host' }, embed: { allowedEmbedders: ['https://blog.example'] } };

describe('the deploy step’s checks', () => {
  it('carry the stamp of the shell built beside them', () => {
    expect(CHECKS_STAMP).toBe('unit-test-stamp');
  });

  it('pass a config whose every section has the shell’s shape', () => {
    expect(passesConfigChecks(config)).toBe(true);
    expect(passesConfigChecks({ allowedOrigins: [] })).toBe(true);
  });

  it.each([
    ['a field of the wrong type', { ...config, devtools: 'on' }],
    ['an unknown field', { ...config, colour: 'red' }],
    ['an auth section the shell refuses (the page would run signed out, with a notice)', { ...config, auth: { authority: 'http://idp.example', clientId: 'x' } }],
    ['an embed section the shell refuses', { ...config, embed: { allowedEmbedders: 'https://blog.example' } }],
    ['no object at all', 'config'],
  ])('leave a config with %s for the browser to check and report', (_what, raw) => {
    expect(passesConfigChecks(raw)).toBe(false);
  });

  it('pass a manifest whose every entry has the shell’s shape', () => {
    expect(passesManifestChecks({ version: 1, mfes: [entry, { ...entry, name: 'nav', activeWhen: 'always', region: 'nav', boot: { module: 'assets/app-x1.js', shares: ['single-spa'] } }] })).toBe(true);
    expect(passesManifestChecks({ version: 1, mfes: [] })).toBe(true);
  });

  it.each([
    ['a broken entry among good ones', { version: 1, mfes: [entry, { ...entry, name: 'Nav' }] }],
    ['an entry with a field the format does not have', { version: 1, mfes: [{ ...entry, colour: 'red' }] }],
    ['an entry without a required field', { version: 1, mfes: [{ ...entry, region: undefined }] }],
    ['an entry that is not an object', { version: 1, mfes: ['accounts'] }],
    ['another format version', { version: 2, mfes: [entry] }],
    ['no list of entries', { version: 1 }],
  ])('leave a manifest with %s for the browser to check and report', (_what, raw) => {
    expect(passesManifestChecks(raw)).toBe(false);
  });
});
