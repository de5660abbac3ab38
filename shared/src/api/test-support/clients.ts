import { createApiClients } from '../client/create-api-clients.js';
import type { CreateApiClientsOptions } from '../client/create-api-clients.js';
import type { ApiClient } from '../client/client-types.js';
import type { ApiConfig } from '../config/api-config.js';
import type { paths } from './fixture-paths.js';

/** A `customer-api` client against a test server, fast retries unless overridden. */
export function customerApi(baseUrl: string, config: Partial<ApiConfig> = {}, options: CreateApiClientsOptions = {}): ApiClient<paths> {
  const apis = createApiClients<{ 'customer-api': paths }>(
    { 'customer-api': { baseUrl, retry: { backoffMs: 5, maxBackoffMs: 20 }, ...config } },
    options,
  );
  return apis['customer-api'];
}

/** Settles `promise` and returns what it rejected with (fails the test if it resolved). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
