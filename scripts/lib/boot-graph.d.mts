/** The id of the inline module script that holds the boot graph. */
export const BOOT_GRAPH_ID: string;
/** `Symbol.for(BOOT_HANDOFF_KEY)` on globalThis: where the graph hands its modules to the shell. */
export const BOOT_HANDOFF_KEY: string;
/** The shared packages a chunk in the graph may read: the shell puts them in place synchronously. */
export const GRAPH_SHARES: readonly string[];
/** Shared packages that are chunks of the shell's own, named in its page (`<meta name="atrium:<package>">`); the graph imports them first. */
export const CHUNK_SHARES: readonly string[];

export interface BootFiles {
  readonly graph: readonly string[];
  readonly preload: readonly { readonly href: string; readonly integrity?: string }[];
  /** The {@link CHUNK_SHARES} the graph's planned chunks read. */
  readonly shares?: readonly string[];
}

/** True when a manifest entry's `activeWhen` shows it at `path` (the shell's rule). */
export function activeAt(when: unknown, path: string): boolean;
/** What the page at `pathname` imports in its boot graph and preloads. */
export function bootFiles(
  config: { allowedOrigins?: readonly string[]; home?: string; overrides?: { enabled?: boolean } },
  manifest: { mfes?: readonly unknown[] },
  pathname: string,
): BootFiles;
/** Renders the boot graph into a built host page (unchanged when it has no shell script). */
export function renderBootGraph(html: string, files: BootFiles): string;
