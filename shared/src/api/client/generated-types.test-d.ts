import { describe, expectTypeOf, it } from 'vitest';
import type { CustomerApiComponents, CustomerApiPaths, ThirdPartyApiPaths } from '../../openapi/index.js';
import type { ApiClients } from './client-types.js';

type Schemas = CustomerApiComponents['schemas'];
declare const apis: ApiClients<{ 'customer-api': CustomerApiPaths; 'third-party-api': ThirdPartyApiPaths }>;

describe('clients typed by the generated API types', () => {
  it('types the customer API', () => {
    const api = apis['customer-api'];
    expectTypeOf(api.get('/accounts')).resolves.toEqualTypeOf<Schemas['AccountList']>();
    expectTypeOf(api.get('/accounts/{accountId}/transactions', { params: { path: { accountId: 'NL91' }, query: { limit: 20 } } })).resolves.toEqualTypeOf<
      Schemas['TransactionPage']
    >();
    expectTypeOf(
      api.post('/transfers', { json: { fromAccountId: 'a', toIban: 'b', creditorName: 'c', amount: { value: 100, currency: 'EUR' } }, invalidates: ['/accounts'] }),
    ).resolves.toEqualTypeOf<Schemas['Transfer']>();
    // @ts-expect-error the path parameter is accountId, not id
    void api.get('/accounts/{accountId}', { params: { path: { id: 'NL91' } } });
    // @ts-expect-error amount is Money, not a number
    void api.post('/transfers', { json: { fromAccountId: 'a', toIban: 'b', creditorName: 'c', amount: 100 } });
    // @ts-expect-error transfers cannot be listed
    void api.get('/transfers');
  });

  it('keeps each API to its own paths', () => {
    void apis['third-party-api'].get('/rates');
    // @ts-expect-error /rates belongs to the third-party API
    void apis['customer-api'].get('/rates');
  });
});
