// @atrium/shared/internal — what the host (and Atrium's own tools) need beyond the MFE-facing
// index: manifest and lifecycle types, statuses, the page's event bus, version stamps, and the
// error base class to extend. MFEs import from '@atrium/shared' instead; nothing here is a
// promise to them.

/** The manifest format: its version, a document, one entry, an entry's activation, routes and step timeouts. */
export { MANIFEST_VERSION } from './contracts/manifest.js';
export type { Activation, BootPlan, LifecycleTimeouts, ManifestDocument, ManifestEntry, RouteAuth } from './contracts/manifest.js';
/** Lifecycle plumbing the host's runner needs: one step's function, the step names, a definition's props. */
export type { ApisOf, DefinedMfe, LifecycleFn, MfeCustomProps, MfeDefinition } from './contracts/lifecycle.js';
/** An MFE's statuses (NOT_LOADED … BROKEN) and lifecycle step names. */
export type { LifecycleStep, MfeStatus } from './contracts/status.js';
/** The session of a page without sign-in, and what a session reports to listeners. */
export { disabledSession } from './contracts/session.js';
export type { SessionEvent } from './contracts/session.js';
/** The base class every Atrium error extends (with a `static errorKind`), and the brand reader. */
export { AtriumError, ERROR_BRAND, hasErrorKind } from './errors/atrium-error.js';
/** Sets the page's log level; the level type. */
export { setLogLevel } from './logger/logger.js';
export type { LogLevel } from './logger/logger.js';
/** The shared packages' declared versions (versions.json), this package's version, and this copy's stamp. */
export { SHARED_INSTANCE, SHARED_VERSION, SINGLETON_VERSIONS } from './version.js';
/** The page's event bus, which the host scopes per MFE, and the types around it. */
export { createEventBus } from './events/bus.js';
export { pageEventBus } from './events/page-bus.js';
export { loadPayloadCheck } from './events/load-check.js';
export { EventPayloadError } from './events/errors.js';
export type { EventBus, EventBusOptions, EventScope, PayloadCheck, PayloadCheckModule } from './events/bus.js';
export type { EventListener, EventMeta, EventName, EventPayload, EventRecord, EventSchema, EventSchemas, OnOptions, PayloadArgs, SchemaIssue as EventSchemaIssue } from './events/contract.js';
