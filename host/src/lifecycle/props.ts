import type { AtriumProps, ScopedEvents, Session } from '@atrium/shared';
import type { ResolvedEntry } from '../manifest/index.js';

/** What the page gives every MFE instance, whatever shows it (a route, a region or a widget). */
export interface PageProps {
  readonly apis: Readonly<Record<string, unknown>>;
  readonly session: Session;
  /**
   * Further props the page adds for every MFE (`events`, its scope of the page's bus): the one
   * extension point, filled by the page hooks so the shell and widgets hand out the same things.
   */
  readonly extra?: Readonly<Record<string, unknown>> & { readonly events?: ScopedEvents };
}

// A page without a runtime (a registry on its own, in tests) has no bus: say so to whoever emits.
const noBus = (): never => {
  throw new TypeError('this page has no event bus: props.events needs the page runtime');
};
const NO_EVENTS: ScopedEvents = { source: '', emit: noBus, on: noBus, declare: noBus };

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
    events: page.extra?.events ?? NO_EVENTS,
    apis: page.apis,
    session: page.session,
    name: entry.name,
    version: entry.version,
    signal,
    ...placement,
  };
}
