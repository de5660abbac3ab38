export { ApiCache, createApiCache, createQuery } from './cache/index.js';
export type { ApiCacheOptions, CachedState, CachedValue, CacheStamp, Query, QueryLoader, QueryState, QueryStatus, ReadKey, UserKey } from './cache/index.js';
export { createApiClient, createApiClients } from './client/index.js';
export type {
  ApiClient,
  ApiClientDeps,
  ApiClients,
  BodyOption,
  CallOptions,
  CreateApiClientsOptions,
  InitArgs,
  OperationMethod,
  OperationOf,
  ParamsOf,
  ParamsOption,
  PathsWithMethod,
  ReadExtras,
  ReadOptions,
  RequestBodyOf,
  RequiredKeys,
  SuccessData,
  UntypedOptions,
  UntypedPaths,
  WriteExtras,
  WriteOptions,
} from './client/index.js';
export { defineApis, resolveApiOptions, resolveApisOptions } from './config/index.js';
export type {
  ApiAuthConfig,
  ApiCacheConfig,
  ApiConfig,
  ApiRetryConfig,
  ApisConfig,
  ApiTimeoutConfig,
  EndpointCacheConfig,
  HttpMethod,
  IdempotentMethod,
  ResolvedApiAuth,
  ResolvedApiOptions,
  ResolvedApisOptions,
  ResolvedCachePolicy,
  ResolvedRetryPolicy,
} from './config/index.js';
export {
  ApiError,
  AuthError,
  HttpError,
  isAbortError,
  isApiError,
  isAuthError,
  isHttpError,
  isNetworkError,
  isSchemaError,
  isTimeoutError,
  NetworkError,
  SchemaError,
  TimeoutError,
} from './errors/index.js';
export type { ApiErrorContext, AuthFailureReason, ProblemDetails, SchemaIssue, TimeoutKind } from './errors/index.js';
export { mayCarryToken } from './token/index.js';
export type { AccessTokenRequest, GetAccessToken } from './token/index.js';
export { parseRetryAfter } from './transport/index.js';
export type { QueryValue } from './transport/index.js';
export { validateResponse } from './validation/index.js';
export type { ResponseValidator, StandardSchemaV1, ValidationOutcome } from './validation/index.js';
export { defineView } from './views/index.js';
export type { ApiView, ViewContext } from './views/index.js';
