export { createApiClient } from './api-client.js';
export type { ApiClientDeps } from './api-client.js';
export type {
  ApiClient,
  ApiClients,
  CallOptions,
  ReadExtras,
  ReadOptions,
  UntypedOptions,
  UntypedPaths,
  WriteExtras,
  WriteOptions,
} from './client-types.js';
export { createApiClients } from './create-api-clients.js';
export type { CreateApiClientsOptions } from './create-api-clients.js';
export type {
  BodyOption,
  InitArgs,
  OperationMethod,
  OperationOf,
  ParamsOf,
  ParamsOption,
  PathsWithMethod,
  RequestBodyOf,
  RequiredKeys,
  SuccessData,
} from './openapi-types.js';
