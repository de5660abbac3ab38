export { mayCarryToken } from './token-policy.js';
export { TokenSource, tokenSourceFor } from './token-source.js';
export type { AccessTokenRequest, GetAccessToken, IssuedToken } from './token-source.js';
