// Types generated from the servers' OpenAPI documents (servers/gen-types.mjs). Each API keeps its
// own `paths`/`components`, re-exported here under API-specific names.
export type {
  paths as CustomerApiPaths,
  components as CustomerApiComponents,
  operations as CustomerApiOperations,
} from './customer-api.js';
export type {
  paths as ThirdPartyApiPaths,
  components as ThirdPartyApiComponents,
  operations as ThirdPartyApiOperations,
} from './third-party-api.js';
