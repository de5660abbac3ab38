import type { ParcelConfig } from 'single-spa';

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
export interface AtriumProps<P extends MfeCustomProps = MfeCustomProps> {
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
}

/** One lifecycle step. It may return anything; only settling matters. */
export type LifecycleFn<P extends MfeCustomProps = MfeCustomProps> = (props: AtriumProps<P>) => Promise<unknown>;

/**
 * What an MFE's exposed module exports. `bootstrap` is optional; `update` is called when a
 * widget's attributes change.
 */
export interface MfeLifecycles<P extends MfeCustomProps = MfeCustomProps> {
  readonly bootstrap?: LifecycleFn<P> | readonly LifecycleFn<P>[];
  readonly mount: LifecycleFn<P> | readonly LifecycleFn<P>[];
  readonly unmount: LifecycleFn<P> | readonly LifecycleFn<P>[];
  readonly update?: LifecycleFn<P>;
}

/**
 * Identity helper that types an MFE's lifecycles against the contract.
 *
 * @example
 * ```ts
 * export const { bootstrap, mount, unmount } = defineMfe({
 *   async mount({ domElement }) { domElement.append('Hello'); },
 *   async unmount({ domElement }) { domElement.replaceChildren(); },
 * });
 * ```
 */
export function defineMfe<P extends MfeCustomProps = MfeCustomProps>(lifecycles: MfeLifecycles<P>): MfeLifecycles<P> {
  return lifecycles;
}
