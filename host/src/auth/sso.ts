// What single sign-on needs beyond the session object: a chunk of its own (auth/index.ts imports
// it lazily), so a page without SSO never downloads it, and a page with SSO compiles and runs it
// after first content unless the URL is the sign-in callback. The OIDC engine (oidc-client-ts)
// is a further chunk, loaded only when a session may exist or sign-in is asked for.
export { AuthController } from './auth-controller.js';
export { RouteGuard } from './route-guard.js';
