import type { AtriumProps, Session } from '@atrium/shared';
import type { ResolvedEntry } from '../manifest/index.js';

/** What the page gives every MFE instance, whatever shows it (a route, a region or a widget). */
export interface PageProps {
  readonly apis: Readonly<Record<string, unknown>>;
  readonly session: Session;
  /**
   * Further props the page adds for every MFE (the events bus, telemetry): the one extension
   * point, filled by the page runtime so the shell and widgets hand out the same things.
   */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** What only the caller knows: where this instance renders and how it navigates. */
export interface PlacementProps {
  readonly domElement: HTMLElement;
  readonly basePath: string;
  readonly region: string;
  readonly props: Readonly<Record<string, unknown>>;
  readonly navigate: (path: string) => void;
  readonly mountParcel: AtriumProps['mountParcel'];
}

/**
 * The props of one lifecycle call: the contract's fields from the entry, the placement and the
 * page's services, with the mount's signal. The one place the props are assembled.
 */
export function buildProps(entry: ResolvedEntry, signal: AbortSignal, page: PageProps, placement: PlacementProps): AtriumProps {
  return {
    ...page.extra,
    apis: page.apis,
    session: page.session,
    name: entry.name,
    version: entry.version,
    signal,
    ...placement,
  };
}
