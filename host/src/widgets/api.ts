import type { ShellErrorEvent, ShellErrorListener } from '../observability/errors.js';
import type { WidgetListener, WidgetState } from './widget-store.js';

/**
 * What embed.js offers the CMS page (monitoring snippets, tests) as `window.atriumEmbed`: one per
 * page, however many widgets it shows.
 *
 * @example
 * ```ts
 * window.atriumEmbed?.onError(({ mfe, step, error }) => monitoring.capture(error, { mfe, step }));
 * ```
 */
export interface EmbedApi {
  readonly version: string;
  /** Every widget element on the page and its state; removed elements are not listed. */
  widgets(): WidgetState[];
  /** Called for every contained error; returns the unsubscribe function. */
  onError(listener: ShellErrorListener): () => void;
  /** Called when a widget's state changes (undefined: the element was removed). */
  onWidgetChange(listener: WidgetListener): () => void;
  /** Contained errors so far. */
  errors(): readonly ShellErrorEvent[];
  /** Counts of what the page holds for its widgets: live parcels and live mounts (abort signals not yet fired). */
  resources(): { readonly parcels: number; readonly liveSignals: number };
  /** Resolves once the config and manifest are read (rejects when this page may not embed). */
  readonly ready: Promise<void>;
}

declare global {
  interface Window {
    atriumEmbed?: EmbedApi;
  }
}
