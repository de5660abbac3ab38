// @vitest-environment node
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openFileStore } from '../store/index.mjs';
import { changeMfe, deployLocal, promote, publish, readAll, rollback } from './index.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-releases-'));
let n = 0;
const fresh = () => openFileStore(path.join(dir, `s${n++}.json`));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const entry = (name: string, version: string) => ({ name, version, entry: `https://cdn.example/${name}/${version}/remoteEntry.js`, module: './app', activeWhen: `/${name}`, region: 'main' });

async function published(store: ReturnType<typeof fresh>, name: string, ...versions: string[]) {
  for (const version of versions) await changeMfe(store, name, (r) => publish(r, { version, entry: entry(name, version), by: 'ci' }));
}

describe('release rules', () => {
  it('refuses to publish a version twice, naming when and by whom it was published', async () => {
    const store = fresh();
    await published(store, 'accounts', '1.0.0');
    await expect(changeMfe(store, 'accounts', (r) => publish(r, { version: '1.0.0', entry: entry('accounts', '1.0.0'), by: 'other' })))
      .rejects.toThrow(/version 1\.0\.0 is already published \(.* by ci\); versions are immutable/);
  });

  it('promotes, canaries, rolls back a canary, then rolls back to the previous live version', async () => {
    const store = fresh();
    await published(store, 'accounts', '1.0.0', '1.1.0', '1.2.0');
    await expect(changeMfe(store, 'accounts', (r) => promote(r, { version: '1.1.0', percent: 10, by: 'ci' }))).rejects.toThrow(/no live version to run a canary against/);
    await changeMfe(store, 'accounts', (r) => promote(r, { version: '1.0.0', by: 'ci' }));
    await changeMfe(store, 'accounts', (r) => promote(r, { version: '1.1.0', by: 'ci' }));
    let { record } = await changeMfe(store, 'accounts', (r) => promote(r, { version: '1.2.0', percent: 10, by: 'ci', why: 'new chart' }));
    expect([record.live, record.canary]).toEqual(['1.1.0', { version: '1.2.0', percent: 10 }]);
    ({ record } = await changeMfe(store, 'accounts', (r) => rollback(r, { by: 'oncall' })));
    expect([record.live, record.canary]).toEqual(['1.1.0', null]);
    ({ record } = await changeMfe(store, 'accounts', (r) => rollback(r, { by: 'oncall', why: 'totals wrong' })));
    expect(record.live).toBe('1.0.0');
    await expect(changeMfe(store, 'accounts', (r) => rollback(r, { by: 'oncall' }))).rejects.toThrow(/no earlier live version/);
    expect(record.history.map((e) => `${e.action} ${e.version}${e.from ? ` from ${e.from}` : ''} by ${e.by}${e.why ? ` (${e.why})` : ''}`)).toEqual([
      'publish 1.0.0 by ci', 'publish 1.1.0 by ci', 'publish 1.2.0 by ci', 'promote 1.0.0 by ci', 'promote 1.1.0 from 1.0.0 by ci',
      'canary 1.2.0 from 1.1.0 by ci (new chart)', 'rollback 1.1.0 from 1.2.0 by oncall', 'rollback 1.0.0 from 1.1.0 by oncall (totals wrong)',
    ]);
  });

  it('refuses to promote a version that was never published, listing the published ones', async () => {
    const store = fresh();
    await published(store, 'accounts', '1.0.0');
    await expect(changeMfe(store, 'accounts', (r) => promote(r, { version: '9.9.9', by: 'ci' }))).rejects.toThrow(/no published version 9\.9\.9 \(published: 1\.0\.0\)/);
  });
});

describe('compare-and-swap on a release record', () => {
  it('lands simultaneous promotes of different MFEs, all of them', async () => {
    const store = fresh();
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (const name of names) await published(store, name, '1.0.0');
    await Promise.all(names.map((name) => changeMfe(store, name, (r) => promote(r, { version: '1.0.0', by: `ci-${name}` }))));
    const { mfes } = await readAll(store);
    expect(mfes.map((m) => `${m.record.name}@${m.record.live}`)).toEqual(names.map((name) => `${name}@1.0.0`));
  });

  it('refuses a stale write to the same MFE, naming the winner: who, when, which version', async () => {
    const store = fresh();
    await published(store, 'accounts', '1.0.0', '1.1.0');
    const { revision } = await changeMfe(store, 'accounts', (r) => promote(r, { version: '1.0.0', by: 'ci' }));
    await changeMfe(store, 'accounts', (r) => promote(r, { version: '1.1.0', by: 'pipeline-b' }), { ifRevision: revision });
    const stale = await changeMfe(store, 'accounts', (r) => rollback(r, { by: 'pipeline-a' }), { ifRevision: revision }).catch((e: unknown) => e as any);
    expect(stale.code).toBe('conflict');
    expect(stale.message).toMatch(/mfe 'accounts' changed while you were deciding: promote 1\.1\.0 by pipeline-b at \d{4}-\d\d-\d\dT.* \(revision \d+; you had read \d+\)/);
    expect(stale.winner).toMatchObject({ by: 'pipeline-b', version: '1.1.0', action: 'promote' });
  });
});

describe('deployLocal (the dev stack)', () => {
  it('makes local builds live, writes nothing when restarted unchanged, and leaves a promoted release live', async () => {
    const store = fresh();
    await deployLocal(store, [entry('accounts', '2.4.1')]);
    const first = await readAll(store);
    await deployLocal(store, [entry('accounts', '2.4.1')]);
    expect((await readAll(store)).revision).toBe(first.revision);
    await published(store, 'accounts', '3.0.0');
    await changeMfe(store, 'accounts', (r) => promote(r, { version: '3.0.0', by: 'team' }));
    await deployLocal(store, [{ ...entry('accounts', '2.4.1'), title: 'rebuilt' }]);
    const { mfes } = await readAll(store);
    expect(mfes[0]!.record.live).toBe('3.0.0');
    expect(mfes[0]!.record.versions['2.4.1']!.entry['title']).toBe('rebuilt');
  });
});
