import { originOf, originSet } from '@atrium/shared/policy';
import { ConfigError } from '../errors.js';
import type { ShapeChecks } from '../validation/index.js';

/** The `embed` section of the host config (`atrium.config.json`). */
export interface EmbedOptions {
  /**
   * Exact origins of the pages (CMS sites) allowed to embed widgets, e.g.
   * `["https://www.northwind.example"]`. embed.js refuses to run anywhere else.
   */
  readonly allowedEmbedders: readonly string[];
  /**
   * Where links that leave a widget go: the full app (the portal) of this deployment, e.g.
   * `"https://bank.northwind.example"`. Default: the origin the config is served from.
   */
  readonly portalUrl?: string;
}

export interface ResolvedEmbedOptions {
  readonly allowedEmbedders: ReadonlySet<string>;
  /** Origin of the full app, for links and `navigate()` calls that leave a widget. */
  readonly portalOrigin: string;
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


/**
 * Validates the config's `embed` section. A missing section allows no embedder: widgets are off
 * until a deployment names the pages that may show them. `base` is where the config came from.
 */
export function resolveEmbedOptions(raw: unknown, base: string, checks: ShapeChecks): ResolvedEmbedOptions {
  const fallbackPortal = originOf(base) ?? '';
  if (raw === undefined) return { allowedEmbedders: new Set(), portalOrigin: fallbackPortal };
  const { output, issue } = checks.embed(raw);
  if (issue) {
    throw new ConfigError(`host config: "embed${issue.path ? `.${issue.path}` : ''}" ${issue.message} — write it as { "allowedEmbedders": ["https://www.example.com"] }`);
  }
  const options = output as EmbedOptions;
  let allowedEmbedders: ReadonlySet<string>;
  try {
    allowedEmbedders = originSet(options.allowedEmbedders, 'embed.allowedEmbedders');
  } catch (error) {
    throw new ConfigError(`host config: ${(error as Error).message}`);
  }
  const portal = options.portalUrl;
  const portalOrigin = portal === undefined ? fallbackPortal : originOf(portal);
  if (portalOrigin === undefined) throw new ConfigError(`host config: embed.portalUrl "${portal}" is not an absolute URL — write the full app's address, e.g. "https://bank.example.com"`);
  return { allowedEmbedders, portalOrigin };
}

/**
 * Why this page may not embed widgets, in words for the embedder (origin, option, deployment,
 * fix); undefined when it may.
 */
export function embedderRefusal(options: ResolvedEmbedOptions, pageOrigin: string, deployment: string): string | undefined {
  if (options.allowedEmbedders.has(pageOrigin)) return undefined;
  return `origin ${pageOrigin} is not in \`embed.allowedEmbedders\` of deployment ${deployment} — fix: add "${pageOrigin}" to embed.allowedEmbedders in that host config (or run \`atrium embed add ${pageOrigin}\`)`;
}
