// The one policy module: origins, URLs, routes and names. Host, embed, manifest, overrides,
// devtools and the API layer all decide through these functions; each rule is written once.
export { isLoopbackHost, isSameOrigin, isSecureUrl, matchesOriginPattern, normalizeOrigin, originOf, originSet, parseUrl } from './origins.js';
export { checkRemoteUrl, isUrlRefusal, resolveOnOrigin, sameOriginPath } from './urls.js';
export type { UrlRefusal } from './urls.js';
export { isActiveAt, matchesPrefix, routesOf, trimSlash } from './routes.js';
export type { Routes } from './routes.js';
export { isMfeName, MFE_NAME } from './names.js';
