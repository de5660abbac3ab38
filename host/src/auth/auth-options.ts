import { ConfigError } from '../errors.js';
import type { ShapeChecks } from '../validation/index.js';

/**
 * The `auth` section of the host config: any OpenID Connect provider, by configuration alone.
 *
 * @example
 * ```json
 * { "authority": "https://login.example.com/realms/bank", "clientId": "atrium-host", "scopes": ["openid", "profile", "email"] }
 * ```
 */
export interface AuthConfig {
  /** The IdP's issuer URL; its discovery document is `<authority>/.well-known/openid-configuration`. */
  readonly authority: string;
  /** The public client registered for this host (no secret: a browser cannot keep one). */
  readonly clientId: string;
  /** Same-origin path the IdP redirects back to. Default `/auth/callback`; register it exactly. */
  readonly redirectPath?: string;
  /** Where the IdP sends the user after sign-out. Default `/`. */
  readonly postLogoutRedirectPath?: string;
  /** Identity scopes asked for at sign-in; each OIDC API's scopes are added. Default openid profile email. */
  readonly scopes?: readonly string[];
  /** The `iss` the ID token must carry. Default: `authority` exactly as written. */
  readonly issuer?: string;
  /**
   * Where the session lives: `persistent` (default: the DPoP-bound refresh token in IndexedDB, so
   * reloads and every tab of the origin keep it) or `memory` (this page only; gone on reload).
   */
  readonly storage?: 'persistent' | 'memory';
  /** Also end the session at the IdP on sign-out (RP-initiated logout redirect). Default true. */
  readonly endSessionAtIdp?: boolean;
  /** Extra authorization-request parameters some IdPs need (e.g. Auth0's `audience`). */
  readonly extraQueryParams?: Readonly<Record<string, string>>;
  /** Renew an access token this many seconds before it expires (at most a quarter of its life). Default 30. */
  readonly renewBeforeSeconds?: number;
  /** Clock skew tolerated when checking the ID token's `exp`. Default 60. */
  readonly clockSkewSeconds?: number;
  /**
   * Sites that embed widgets, by origin: each signs in with its own public client (never the
   * portal's), with at most `scopes` of the APIs (default: the APIs' `…:read` scopes).
   */
  readonly embedders?: Readonly<Record<string, EmbedderConfig>>;
}

/** One embedding site's client. @example `{ "clientId": "atrium-widgets-blog", "scopes": ["accounts:read"] }` */
export interface EmbedderConfig {
  readonly clientId: string;
  readonly scopes?: readonly string[];
  /**
   * The site's one callback page: the only redirect and post-logout URI its client registers.
   * Every page of the site signs in through it and comes back to itself. Default `/atrium/callback/`.
   */
  readonly callbackPath?: string;
}

/** Where an embedding site's callback page is, unless its `auth.embedders` entry says otherwise. */
export const DEFAULT_EMBEDDER_CALLBACK = '/atrium/callback/';

export interface ResolvedAuthOptions {
  readonly authority: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly redirectPath: string;
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
  readonly scopes: readonly string[];
  readonly storage: 'persistent' | 'memory';
  readonly endSessionAtIdp: boolean;
  readonly extraQueryParams: Readonly<Record<string, string>>;
  readonly renewBeforeSeconds: number;
  readonly clockSkewSeconds: number;
  /** The only API scopes this client may ask for (an embedder's client); undefined: every API's. */
  readonly apiScopes?: readonly string[];
}

/** What the auth module needs to know of an OIDC API: which token to ask the IdP for. */
export interface ApiTokenTarget {
  readonly name: string;
  readonly resource?: string;
  readonly audience?: string;
  readonly scopes: readonly string[];
}

/** Identity helper for a typed auth section. @example `auth: defineAuthConfig({ authority, clientId })` */
export function defineAuthConfig(config: AuthConfig): AuthConfig {
  return config;
}

/**
 * Validates the `auth` section and applies defaults. Throws a ConfigError naming the field.
 *
 * @example
 * ```ts
 * const options = resolveAuthOptions(config.auth, location.origin, schemaChecks);
 * ```
 */
export function resolveAuthOptions(raw: unknown, origin: string, checks: ShapeChecks): ResolvedAuthOptions {
  const { output, issue } = checks.auth(raw);
  if (issue) {
    throw new ConfigError(`host config "auth${issue.path ? `.${issue.path}` : ''}": ${issue.message} — fix the auth section of atrium.config.json (see README, "Single sign-on and security model")`);
  }
  const config = output as AuthConfig;
  const redirectPath = config.redirectPath ?? '/auth/callback';
  return {
    authority: config.authority,
    issuer: config.issuer ?? config.authority,
    clientId: config.clientId,
    redirectPath,
    redirectUri: origin + redirectPath,
    postLogoutRedirectUri: origin + (config.postLogoutRedirectPath ?? '/'),
    scopes: config.scopes ?? ['openid', 'profile', 'email'],
    storage: config.storage ?? 'persistent',
    endSessionAtIdp: config.endSessionAtIdp ?? true,
    extraQueryParams: config.extraQueryParams ?? {},
    renewBeforeSeconds: config.renewBeforeSeconds ?? 30,
    clockSkewSeconds: config.clockSkewSeconds ?? 60,
  };
}

/**
 * Sign-in for the widgets on an embedding page: the embedder's own client (from `embedders`,
 * by the page's origin), the site's one callback page as redirect and post-logout URI, and API
 * scopes narrowed to what the deployment allows widgets. Throws a ConfigError when the origin
 * has no client: widgets then stay signed out rather than borrow the portal's.
 *
 * @example
 * ```ts
 * const options = resolveEmbedderAuth(config.auth, config.apis, location.origin, schemaChecks);
 * options.redirectUri; // 'https://blog.example/atrium/callback/'
 * ```
 */
export function resolveEmbedderAuth(raw: unknown, apis: unknown, origin: string, checks: ShapeChecks): ResolvedAuthOptions {
  const portal = resolveAuthOptions(raw, origin, checks);
  const embedder = (raw as AuthConfig).embedders?.[origin];
  if (!embedder) {
    throw new ConfigError(`host config "auth.embedders": no client for widgets on ${origin}, so they cannot sign in — register a public client for this site at the IdP (redirect URI ${origin}${DEFAULT_EMBEDDER_CALLBACK}) and add it as "auth.embedders": { "${origin}": { "clientId": "…" } }`);
  }
  const apiScopes = embedder.scopes ?? tokenTargets(apis).flatMap((t) => t.scopes).filter((s) => s.endsWith(':read'));
  const callback = embedder.callbackPath ?? DEFAULT_EMBEDDER_CALLBACK;
  return {
    ...portal,
    // A site we do not own: the widgets' session lives in the page's memory and ends with it.
    storage: 'memory',
    clientId: embedder.clientId,
    redirectPath: callback,
    redirectUri: origin + callback,
    postLogoutRedirectUri: origin + callback,
    apiScopes: [...new Set(apiScopes)],
  };
}

/**
 * The OIDC APIs of the `apis` section (validated by the API layer itself; read loosely here),
 * each with its scopes narrowed to `allowed` when given (an embedder's client).
 *
 * @example
 * ```ts
 * tokenTargets({ 'customer-api': { baseUrl, auth: { type: 'oidc', resource: 'https://api.x' } } });
 * ```
 */
export function tokenTargets(apis: unknown, allowed?: readonly string[]): ApiTokenTarget[] {
  if (typeof apis !== 'object' || apis === null) return [];
  const targets: ApiTokenTarget[] = [];
  for (const [name, api] of Object.entries(apis as Record<string, unknown>)) {
    const auth = (api as { auth?: unknown } | null)?.auth as { type?: unknown; resource?: unknown; audience?: unknown; scopes?: unknown } | undefined;
    if (typeof auth !== 'object' || auth === null || auth.type !== 'oidc') continue;
    const scopes = Array.isArray(auth.scopes) ? auth.scopes.filter((s): s is string => typeof s === 'string' && (!allowed || allowed.includes(s))) : [];
    targets.push({
      name,
      scopes,
      ...(typeof auth.resource === 'string' ? { resource: auth.resource } : {}),
      ...(typeof auth.audience === 'string' ? { audience: auth.audience } : {}),
    });
  }
  return targets;
}
