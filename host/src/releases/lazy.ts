import type { ResolvedHostConfig } from '../config/config.js';
import type { PageHooks } from '../runtime/index.js';
import type { StatusSource } from './health-beacon.js';
import { pinnedRevision } from './revision.js';

/**
 * Releases for the shell, off the boot path: on a page a resolver served, the health beacon and
 * skew protection are a lazy chunk, fetched once first content is up (`start`) — or at once
 * when a load fails before that (the re-resolve is needed then). The beacon reports the states
 * MFEs reached before it arrived too.
 *
 * @example
 * ```ts
 * const releases = lazyReleases(statusStore);
 * createPageRuntime({ …, hooks: (config) => releases.hooks(config) });
 * void firstContent.then(() => releases.start());
 * ```
 */
export function lazyReleases(statuses: StatusSource): { hooks(config: ResolvedHostConfig): PageHooks; start(): void } {
  let config: ResolvedHostConfig | undefined;
  let loading: ReturnType<typeof load> | undefined;
  const load = (c: ResolvedHostConfig) => import('./install.js').then((m) => m.installReleases(c, statuses));
  const releases = () => (config ? (loading ??= load(config)) : Promise.resolve(undefined));
  return {
    hooks(c) {
      if (pinnedRevision() === undefined) return {};
      config = c;
      return { onLoadFailure: (entry, error) => releases().then((r) => r?.onLoadFailure(entry, error)) };
    },
    start: () => void releases().catch(() => undefined),
  };
}
