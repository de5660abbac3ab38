// @atrium/shared/api — the API layer. The host imports it lazily (its own chunk and Module
// Federation singleton: ky comes with it) to give each MFE mount its clients; MFEs use the types
// through '@atrium/shared' and may declare shared views here. Everything else in this folder is
// internal to the layer.

/** A client per configured API for one MFE mount (host), or for an MFE running alone. */
export { createApiClients } from './client/create-api-clients.js';
export type { CreateApiClientsOptions } from './client/create-api-clients.js';
/** The page's one cache of GET responses (dedupe, stale-while-revalidate, per user); cleared on sign-out. */
export { ApiCache, createApiCache } from './cache/api-cache.js';
/** Validates the `apis` section of the host config; bad values throw naming the option. */
export { resolveApisOptions } from './config/resolve-api-options.js';
/** The deploy-time config of one API and of all of them. */
export type { ApiConfig, ApisConfig } from './config/api-config.js';
/** The token rule: a request may carry the API's token only to the API's exact origin. */
export { mayCarryToken } from './token/token-policy.js';
/** What the auth module provides: an access token per API, and a DPoP proof per attempt. */
export type { AccessTokenRequest, DpopProof, DpopProofRequest, GetAccessToken } from './token/token-source.js';
/** The typed clients, and the options of their calls. */
export type { ApiClient, ApiClients, ReadOptions, UntypedPaths, WriteOptions } from './client/client-types.js';
/** A reactive read (`api.query(...)`) and its state. */
export type { Query, QueryState } from './cache/query.js';
/** A run-time response check: a Standard Schema (valibot, zod…) or a function. */
export type { ResponseValidator } from './validation/validate-response.js';
/** A view model declared once from several calls and used by every MFE. */
export { defineView } from './views/define-view.js';
export type { ApiView, ViewContext } from './views/define-view.js';
