/** The manifest format version this host understands. */
export const MANIFEST_VERSION = 1;

/** When an MFE is active: on every route, or when the path starts with one of the prefixes. */
export type Activation = 'always' | string | readonly string[];

/** Per-step time limits in milliseconds. */
export interface LifecycleTimeouts {
  readonly load?: number;
  readonly bootstrap?: number;
  readonly mount?: number;
  readonly unmount?: number;
}

/**
 * Who may see an MFE. `required` sends a signed-out user to sign-in (and back to the URL they
 * asked for); `claims` must all match the ID-token claims (a list claim matches when it
 * contains the value), e.g. `{ "role": "customer" }`.
 */
export interface RouteAuth {
  readonly required: boolean;
  readonly claims?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * One MFE in the manifest. Deploying a new version of an MFE means changing its entry: the
 * host is never rebuilt for it.
 */
export interface ManifestEntry {
  /** Unique name; also the Module Federation container name the remote was built with. */
  readonly name: string;
  /** Absolute URL of the remote entry (`remoteEntry.js`), https or localhost. */
  readonly entry: string;
  /** The exposed module holding the lifecycles, e.g. `./app`. */
  readonly module: string;
  /** The deployed version, for display and support. */
  readonly version: string;
  /** `'always'`, a route prefix (`'/accounts'`), or several prefixes. */
  readonly activeWhen: Activation;
  /** Layout region the MFE renders in; must be declared in the host config. */
  readonly region: string;
  /** Subresource Integrity of the remote entry (`sha384-…`); when present it is enforced. */
  readonly integrity?: string;
  /**
   * Subresource Integrity of every JS and CSS file the browser may fetch for this MFE, keyed by
   * path relative to `entry` (`{ "assets/app-x1.js": "sha384-…" }`). When present the host has
   * the browser verify each file before it runs, and refuses the MFE on any mismatch.
   */
  readonly files?: Readonly<Record<string, string>>;
  /** Static props handed to the MFE. */
  readonly props?: Readonly<Record<string, unknown>>;
  /** Files (relative to `entry`) the host preloads in parallel with the entry. */
  readonly preload?: readonly string[];
  /**
   * Stylesheets of the exposed module (relative to `entry`). The host attaches them where the MFE
   * renders: the document for the shell, the widget's shadow root for an embedded widget.
   */
  readonly css?: readonly string[];
  /** Overrides of the host's default lifecycle timeouts. */
  readonly timeouts?: LifecycleTimeouts;
  /** Display title for navigation and fallbacks. */
  readonly title?: string;
  /** Route protection: a signed-in user (and claims) required before it mounts. */
  readonly auth?: RouteAuth;
  /**
   * The APIs (keys of the host config's `apis`) the MFE calls as soon as it mounts. The host then
   * fetches the API layer together with the MFE's own code instead of on its first call — for an
   * API anyone may call at once; one that needs a signed-in user waits for the sign-in.
   */
  readonly apis?: readonly string[];
  /**
   * The deploy-time plan (written by the deploy step, never by hand): the chunk holding the
   * exposed module, relative to `entry`, and the host-provided packages it reads. The host
   * imports that chunk directly instead of going through `remoteEntry.js` and the Module
   * Federation runtime; without it (or on a retry) it takes the runtime path.
   */
  readonly boot?: BootPlan;
}

/** See {@link ManifestEntry.boot}. */
export interface BootPlan {
  readonly module: string;
  readonly shares: readonly ('single-spa' | '@atrium/shared' | '@atrium/shared/api')[];
  /** Chunks the module may import later (dynamic imports), relative to `entry`: verified with it where a page admits no import map. */
  readonly lazy?: readonly string[];
}

/** The manifest document the host reads at boot. */
export interface ManifestDocument {
  readonly version: typeof MANIFEST_VERSION;
  readonly mfes: readonly ManifestEntry[];
}
