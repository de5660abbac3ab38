export { defineMfe, disabledSession, MANIFEST_VERSION, standaloneProps } from './contracts/index.js';
export type {
  Activation,
  ApisOf,
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
  RouteAuth,
  Session,
  SessionEvent,
  SessionUser,
} from './contracts/index.js';
export { AtriumError, isAtriumError, registerAtriumErrorName } from './errors/atrium-error.js';
export { SHARED_INSTANCE, SHARED_VERSION } from './version.js';
export { createLogger, setLogLevel } from './logger/logger.js';
export type { LogLevel, Logger } from './logger/logger.js';
