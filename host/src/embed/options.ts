import * as v from 'valibot';
import { ConfigError } from '../errors.js';
import { normalizeOrigin } from '../manifest/url-policy.js';

/** The `embed` section of the host config (`atrium.config.json`). */
export interface EmbedOptions {
  /**
   * Exact origins of the pages (CMS sites) allowed to embed widgets, e.g.
   * `["https://www.northwind.example"]`. embed.js refuses to run anywhere else.
   */
  readonly allowedEmbedders: readonly string[];
}

export interface ResolvedEmbedOptions {
  readonly allowedEmbedders: ReadonlySet<string>;
}

/**
 * Identity helper for a typed `embed` section.
 *
 * @example
 * ```ts
 * const embed = defineEmbedOptions({ allowedEmbedders: ['https://www.northwind.example'] });
 * ```
 */
export function defineEmbedOptions(options: EmbedOptions): EmbedOptions {
  return options;
}

const schema = v.strictObject({ allowedEmbedders: v.array(v.string()) });

/**
 * Validates the config's `embed` section. A missing section allows no embedder: widgets are off
 * until a deployment names the pages that may show them.
 */
export function resolveEmbedOptions(raw: unknown): ResolvedEmbedOptions {
  if (raw === undefined) return { allowedEmbedders: new Set() };
  const result = v.safeParse(schema, raw);
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue ? v.getDotPath(issue) : null;
    throw new ConfigError(`host config: "embed${path ? `.${path}` : ''}" ${issue?.message ?? 'is invalid'} — write it as { "allowedEmbedders": ["https://www.example.com"] }`);
  }
  const allowedEmbedders = new Set<string>();
  for (const origin of result.output.allowedEmbedders) {
    const normalized = normalizeOrigin(origin);
    if (!normalized) throw new ConfigError(`host config: embed.allowedEmbedders contains "${origin}", which is not an exact origin — write it as "https://host[:port]" with no path or wildcard`);
    allowedEmbedders.add(normalized);
  }
  return { allowedEmbedders };
}

/** Why this page may not embed widgets, phrased as the fix; undefined when it may. */
export function embedderRefusal(options: ResolvedEmbedOptions, pageOrigin: string, configUrl: string): string | undefined {
  if (options.allowedEmbedders.has(pageOrigin)) return undefined;
  return `widgets are not allowed on ${pageOrigin} — fix: add "${pageOrigin}" to embed.allowedEmbedders in the host config (${configUrl})`;
}
