import * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import type { components, paths } from '../test-support/fixture-paths.js';
import type { ApiClient } from './client-types.js';

type Account = components['schemas']['Account'];
declare const api: ApiClient<paths>;

describe('ApiClient<paths>', () => {
  it('types the result of a GET from the 200 response', () => {
    expectTypeOf(api.get('/accounts/{id}', { params: { path: { id: '1' } } })).resolves.toEqualTypeOf<Account>();
    expectTypeOf(api.get('/accounts')).resolves.toEqualTypeOf<Account[]>();
    expectTypeOf(api.get('/accounts/{id}/transactions', { params: { path: { id: '1' }, query: { since: '2025-01-01' } } })).resolves.toEqualTypeOf<
      { amount: number }[]
    >();
  });

  it('types optional query parameters and allows omitting options when nothing is required', () => {
    void api.get('/accounts', { params: { query: { limit: 10, status: 'open' } } });
    void api.get('/accounts/{id}', { params: { path: { id: '1' }, query: { expand: 'owner' } } });
  });

  it('rejects a wrong path', () => {
    // @ts-expect-error no such path
    void api.get('/acounts');
    // @ts-expect-error /accounts/{id} has no POST
    void api.post('/accounts/{id}', { params: { path: { id: '1' } } });
  });

  it('rejects missing, misspelt or mistyped parameters', () => {
    // @ts-expect-error path parameter id is required
    void api.get('/accounts/{id}');
    // @ts-expect-error params.path is required
    void api.get('/accounts/{id}', { params: {} });
    // @ts-expect-error misspelt path parameter
    void api.get('/accounts/{id}', { params: { path: { ids: '1' } } });
    // @ts-expect-error unknown query parameter
    void api.get('/accounts', { params: { query: { limit: 1, bogus: 2 } } });
    // @ts-expect-error limit is a number
    void api.get('/accounts', { params: { query: { limit: '10' } } });
    // @ts-expect-error status is an enum
    void api.get('/accounts', { params: { query: { status: 'pending' } } });
    // @ts-expect-error required query parameter since is missing
    void api.get('/accounts/{id}/transactions', { params: { path: { id: '1' } } });
    // @ts-expect-error /accounts declares no path parameters
    void api.get('/accounts', { params: { path: { id: '1' } } });
    // @ts-expect-error unknown option
    void api.get('/accounts', { retries: 3 });
  });

  it('types request bodies', () => {
    expectTypeOf(api.post('/accounts', { json: { name: 'Savings' }, invalidates: ['/accounts'] })).resolves.toEqualTypeOf<Account>();
    // @ts-expect-error body is required
    void api.post('/accounts');
    // @ts-expect-error name is required in the body
    void api.post('/accounts', { json: {} });
    // @ts-expect-error unknown body field
    void api.post('/accounts', { json: { name: 'x', colour: 'red' } });
    // @ts-expect-error GET takes no body
    void api.get('/accounts', { json: { name: 'x' } });
  });

  it('types a 204 DELETE as undefined', () => {
    expectTypeOf(api.delete('/accounts/{id}', { params: { path: { id: '1' } } })).resolves.toEqualTypeOf<undefined>();
  });

  it('takes the result type from a validator', () => {
    const schema = v.object({ id: v.string(), name: v.string() });
    expectTypeOf(api.get('/accounts/{id}', { params: { path: { id: '1' } }, validate: schema })).resolves.toEqualTypeOf<{ id: string; name: string }>();
    const count = (data: unknown): number => (Array.isArray(data) ? data.length : 0);
    expectTypeOf(api.get('/accounts', { validate: count })).resolves.toEqualTypeOf<number>();
  });

  it('types queries', () => {
    expectTypeOf(api.query('/accounts').state.data).toEqualTypeOf<Account[] | undefined>();
    // @ts-expect-error path parameter id is required
    void api.query('/accounts/{id}');
  });

  it('leaves the escape hatch untyped', () => {
    expectTypeOf(api.request('GET', 'https://elsewhere.example/x')).resolves.toEqualTypeOf<unknown>();
  });
});
