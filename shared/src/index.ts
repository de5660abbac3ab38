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
export { createEventBus, defineEvents, EventPayloadError, isEventPayloadError, pageEventBus } from './events/index.js';
export type {
  AtriumEvents,
  EventBus,
  EventBusOptions,
  EventListener,
  EventMeta,
  EventName,
  EventPayload,
  EventRecord,
  EventSchema,
  EventSchemas,
  EventScope,
  EventsOf,
  OnOptions,
  PayloadArgs,
  SchemaIssue,
  ScopedEvents,
} from './events/index.js';
export { AtriumError, isAtriumError, registerAtriumErrorName } from './errors/atrium-error.js';
export { SHARED_INSTANCE, SHARED_VERSION } from './version.js';
export { createLogger, setLogLevel } from './logger/logger.js';
export type { LogLevel, Logger } from './logger/logger.js';
