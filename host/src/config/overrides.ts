/** The `overrides` section of the host config. Off unless a deployment turns it on. */
export interface OverridesOptions {
  readonly enabled: boolean;
  /** Origins an override may point at: exact origins, or `http://localhost:*` for any local port. */
  readonly allowedOrigins: readonly string[];
}

/** Reads the `overrides` section; anything malformed means off (a developer aid fails closed). */
export function resolveOverridesOptions(raw: unknown): OverridesOptions {
  if (typeof raw !== 'object' || raw === null) return { enabled: false, allowedOrigins: [] };
  const record = raw as { enabled?: unknown; allowedOrigins?: unknown };
  const origins = Array.isArray(record.allowedOrigins) ? record.allowedOrigins.filter((o): o is string => typeof o === 'string') : [];
  return { enabled: record.enabled === true, allowedOrigins: Object.freeze(origins) };
}
