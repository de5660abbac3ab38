export { createResolver } from './resolver.mjs';
export { createHealth, healthOptionsFromEnv } from './health.mjs';
export { VISITOR_COOKIE, visitorCookie, visitorOf } from './visitor.mjs';
