import type { ParcelConfig } from 'single-spa';
import type { ScopedEvents } from '../events/contract.js';
import type { Session } from './session.js';

/** The props bag an MFE author declares in the manifest entry's `props`. */
export type MfeCustomProps = Readonly<Record<string, unknown>>;

/**
 * What the host passes to every lifecycle call of an MFE.
 *
 * single-spa hands a new object on every call: key per-instance state by `name` or
 * `domElement`, never by the props object itself.
 *
 * @example
 * ```ts
 * export async function mount({ domElement, props }: AtriumProps<{ greeting: string }>) {
 *   domElement.textContent = props.greeting;
 * }
 * ```
 */
export interface AtriumProps<P extends object = MfeCustomProps, A extends object = ApisOf> {
  /** The MFE's name from the manifest (also its single-spa application name). */
  readonly name: string;
  /** The element this MFE owns. Render only inside it; it is emptied by the host after unmount. */
  readonly domElement: HTMLElement;
  /** Route prefix the MFE is active under, without a trailing slash ('' for always-on MFEs). */
  readonly basePath: string;
  /** Layout region the MFE renders in (e.g. 'header', 'main'). */
  readonly region: string;
  /** Version from the manifest entry, for logs and support. */
  readonly version: string;
  /** The manifest entry's `props`, plus attributes when mounted as an embedded widget. */
  readonly props: P;
  /** Aborted when this mount ends: pass it to fetches, listeners and timers. */
  readonly signal: AbortSignal;
  /** single-spa's own parcel mounting, bound to this application. */
  readonly mountParcel: (config: ParcelConfig, props: Record<string, unknown> & { domElement: HTMLElement }) => unknown;
  /** Client-side navigation that keeps the shell alive (no full reload). */
  readonly navigate: (path: string) => void;
  /**
   * One API client per API in the host config, created for this mount (aborted with `signal`).
   * Type it with the API layer's `ApiClients<{ 'customer-api': CustomerApiPaths }>`.
   */
  readonly apis: A;
  /** The page's single sign-on session (signed out and disabled when SSO is off). */
  readonly session: Session;
  /**
   * Typed events between the MFEs and widgets of the page, scoped to this MFE: emits carry its
   * name, and its listeners are removed when it unmounts. Declare events by merging into
   * `AtriumEvents`.
   */
  readonly events: ScopedEvents;
}

/** One lifecycle step. It may return anything; only settling matters. */
export type LifecycleFn<P extends object = MfeCustomProps, A extends object = ApisOf> = (props: AtriumProps<P, A>) => Promise<unknown>;

/** The default type of `props.apis`: narrow it with the API layer's `ApiClients<…>`. */
export type ApisOf = Readonly<Record<string, unknown>>;

/**
 * What an MFE's exposed module exports. `bootstrap` is optional; `update` is called when a
 * widget's attributes change.
 */
export interface MfeLifecycles<P extends object = MfeCustomProps> {
  readonly bootstrap?: LifecycleFn<P> | readonly LifecycleFn<P>[];
  readonly mount: LifecycleFn<P> | readonly LifecycleFn<P>[];
  readonly unmount: LifecycleFn<P> | readonly LifecycleFn<P>[];
  readonly update?: LifecycleFn<P>;
}

/** The lifecycles as an MFE writes them with {@link defineMfe}: single functions. */
export interface MfeDefinition<P extends object = MfeCustomProps, A extends object = ApisOf> {
  readonly bootstrap?: LifecycleFn<P, A>;
  readonly mount: LifecycleFn<P, A>;
  readonly unmount: LifecycleFn<P, A>;
  readonly update?: LifecycleFn<P, A>;
}

/** What {@link defineMfe} returns: every lifecycle present, ready to export. */
export interface DefinedMfe<P extends object = MfeCustomProps, A extends object = ApisOf> {
  readonly bootstrap: LifecycleFn<P, A>;
  readonly mount: LifecycleFn<P, A>;
  readonly unmount: LifecycleFn<P, A>;
  readonly update?: LifecycleFn<P, A>;
}

/**
 * Types an MFE's lifecycles against the contract and fills in a no-op `bootstrap`.
 *
 * @example
 * ```ts
 * export const { bootstrap, mount, unmount } = defineMfe<{ greeting: string }>({
 *   async mount({ domElement, props }) { domElement.append(props.greeting); },
 *   async unmount({ domElement }) { domElement.replaceChildren(); },
 * });
 * // With typed API clients: defineMfe<MyProps, ApiClients<{ 'customer-api': CustomerApiPaths }>>({ … })
 * ```
 */
export function defineMfe<P extends object = MfeCustomProps, A extends object = ApisOf>(definition: MfeDefinition<P, A>): DefinedMfe<P, A> {
  return { bootstrap: async () => undefined, ...definition };
}
