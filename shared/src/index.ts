// @atrium/shared — what an MFE codes against, and nothing else. The other entries:
//   @atrium/shared/api        the API layer (the host creates clients; views for MFEs), a lazy chunk
//   @atrium/shared/api-types  paths types generated from the demo APIs' OpenAPI documents
//   @atrium/shared/vite       the MFE build preset (defineMfeConfig)
//   @atrium/shared/internal   what only the host needs (manifest types, statuses, the event bus…)

// ── Defining an MFE ──────────────────────────────────────────────────────────────────────────
/** Declares an MFE's lifecycles with typed props: the one call an MFE's entry makes. */
export { defineMfe } from './contracts/lifecycle.js';
/** Props to run an MFE alone (its dev server, its tests): a session, a signal, its APIs. */
export { standaloneProps } from './contracts/standalone.js';
/** What every lifecycle receives: name, domElement, signal, session, apis, events. */
export type { AtriumProps } from './contracts/lifecycle.js';
/** The bootstrap/mount/unmount/update functions an MFE exports. */
export type { MfeLifecycles } from './contracts/lifecycle.js';
/** The signed-in user as MFEs see it (never a token), and the user's claims. */
export type { Session, SessionUser } from './contracts/session.js';

// ── Calling APIs ─────────────────────────────────────────────────────────────────────────────
/** One client per configured API, typed by its OpenAPI `paths`: `props.apis['customer-api']`. */
export type { ApiClient, ApiClients } from './api/client/client-types.js';

// ── Errors: one family; the guards read a brand, so errors from another bundled copy match ──
/** True for any error Atrium raises. */
export { isAtriumError } from './errors/atrium-error.js';
/** True for any error of an API call; `isHttpError` etc. for each kind, `isAbortError` for aborts. */
export { isAbortError, isApiError, isAuthError, isHttpError, isNetworkError, isSchemaError, isTimeoutError } from './errors/guards.js';
/** The error types the guards narrow to: the base, an API call's, and a non-2xx answer's. */
export type { AtriumError } from './errors/atrium-error.js';
export type { ApiError, HttpError } from './errors/api-errors.js';

// ── Events between MFEs ──────────────────────────────────────────────────────────────────────
/** Declares typed events from Standard Schemas (checked in development). */
export { defineEvents } from './events/define.js';
/** True for an event refused because its payload breaks its declaration. */
export { isEventPayloadError } from './events/guard.js';
/** `AtriumEvents`: extend it to type events; `EventsOf<typeof x>`: the events `defineEvents` declared; `ScopedEvents`: `props.events`. */
export type { AtriumEvents, EventsOf, ScopedEvents } from './events/contract.js';

// ── Logging and diagnostics ──────────────────────────────────────────────────────────────────
/** A level-gated logger with a `[scope]` prefix, silent by default in production. */
export { createLogger } from './logger/logger.js';
export type { Logger } from './logger/logger.js';
/** Identifies this copy of the package on the page; two values on one page mean a duplicated singleton. */
export { SHARED_INSTANCE } from './version.js';
