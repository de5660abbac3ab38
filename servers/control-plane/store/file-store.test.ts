// @vitest-environment node
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openFileStore } from './file-store.mjs';
import { openStore } from './index.mjs';
import { describeStoreContract } from './store-contract.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-file-store-'));
let n = 0;
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describeStoreContract('file store', () => openFileStore(path.join(dir, `state-${n++}.json`)));

describe('file store', () => {
  it('keeps its state across processes reading the same file (a second open sees the first write)', async () => {
    const file = path.join(dir, 'shared.json');
    const a = openFileStore(file);
    const b = openFileStore(file);
    const { revision } = await a.put('/k', { from: 'a' }, { expect: 0 });
    await expect(b.put('/k', { from: 'b' }, { expect: 0 })).rejects.toThrow(/changed since it was read/);
    expect(await b.get('/k')).toMatchObject({ value: { from: 'a' }, revision });
  });

  it('names the file and the fix when it holds something else', async () => {
    const file = path.join(dir, 'broken.json');
    fs.writeFileSync(file, '{"not":"state"}');
    await expect(openFileStore(file).get('/k')).rejects.toThrow(/is not a state document .* delete it to start empty/);
  });
});

describe('openStore', () => {
  it('refuses a store spec it does not know, naming the accepted forms', () => {
    expect(() => openStore('redis://x:1')).toThrow(/etcd:\/\/host:port/);
    expect(() => openStore('etcd://nohost')).toThrow(/is not host:port/);
  });
});
