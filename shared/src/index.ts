export { defineMfe, MANIFEST_VERSION } from './contracts/index.js';
export type {
  Activation,
  AtriumProps,
  DefinedMfe,
  MfeDefinition,
  LifecycleFn,
  LifecycleStep,
  LifecycleTimeouts,
  ManifestDocument,
  ManifestEntry,
  MfeCustomProps,
  MfeLifecycles,
  MfeStatus,
} from './contracts/index.js';
export { AtriumError, isAtriumError, registerAtriumErrorName } from './errors/atrium-error.js';
export { SHARED_INSTANCE, SHARED_VERSION } from './version.js';
export { createLogger, setLogLevel } from './logger/logger.js';
export type { LogLevel, Logger } from './logger/logger.js';
export {
  ApiCache,
  ApiError,
  AuthError,
  createApiCache,
  createApiClients,
  defineApis,
  defineView,
  HttpError,
  isAbortError,
  isApiError,
  isAuthError,
  isHttpError,
  isNetworkError,
  isSchemaError,
  isTimeoutError,
  NetworkError,
  resolveApiOptions,
  resolveApisOptions,
  SchemaError,
  TimeoutError,
} from './api/index.js';
export type {
  AccessTokenRequest,
  ApiClient,
  ApiClients,
  ApiConfig,
  ApisConfig,
  ApiView,
  CreateApiClientsOptions,
  GetAccessToken,
  Query,
  QueryState,
  ResolvedApiOptions,
} from './api/index.js';
