import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findImportCycles } from './import-cycles.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const find = findImportCycles as (roots: string[]) => string[];

describe('folder import cycles', () => {
  it('finds a cycle between two folders, type-only imports included', () => {
    const fixture = path.join(here, 'fixtures/import-cycle');
    expect(find([fixture])).toEqual([
      'fixtures/import-cycle: folders import each other: layout/ → registry/ → layout/',
      'fixtures/import-cycle: files import each other: layout/layout.ts → registry/registry.ts → layout/layout.ts',
    ]);
  });

  it('finds none in host/src and shared/src: dependencies point one way', () => {
    expect(find([path.join(root, 'host/src'), path.join(root, 'shared/src')])).toEqual([]);
  });
});
