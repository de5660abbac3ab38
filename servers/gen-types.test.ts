// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { generateApiTypes } from './gen-types.mjs';

describe('gen-types', () => {
  it('has checked-in API types that match the OpenAPI documents', async () => {
    const results = await generateApiTypes({ write: false });
    expect(results.filter((r) => r.changed).map((r) => r.file)).toEqual([]);
  });
});
