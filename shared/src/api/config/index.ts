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
} from './api-config.js';
export { defineApis, resolveApiOptions, resolveApisOptions } from './resolve-api-options.js';
