import type { ResolvedEntry } from '../manifest/index.js';
import type { MfeRegistry, MfeState, SlotProvider, StatusStore } from '../registry/index.js';
import { isActive } from '../registry/index.js';
import { Slot } from '../ui/index.js';
import { renderNotFound } from './not-found.js';
import type { Regions } from './regions.js';

const FAILED = new Set(['LOAD_ERROR', 'BROKEN']);
const BUSY = new Set(['LOADING', 'MOUNTING']);

export interface LayoutOptions {
  readonly regions: Regions;
  readonly routeRegion: string;
  readonly home: string;
  readonly store: StatusStore;
  readonly onRetry: (name: string) => void;
}

/**
 * Places MFEs in their regions and shows what the user needs while they are not there yet
 * (loading), cannot be (fallback with retry) or do not exist (not found).
 */
export class Layout implements SlotProvider {
  readonly #options: LayoutOptions;
  readonly #slots = new Map<string, Slot>();
  #registry: MfeRegistry | undefined;
  #notFound: HTMLElement | undefined;

  constructor(options: LayoutOptions) {
    this.#options = options;
    options.store.subscribe((state) => this.#onState(state));
  }

  attach(registry: MfeRegistry): void {
    this.#registry = registry;
  }

  claim(entry: ResolvedEntry): HTMLElement {
    return this.#slot(entry).root;
  }

  release(entry: ResolvedEntry): void {
    this.#slots.get(entry.name)?.element.remove();
    this.#slots.delete(entry.name);
  }

  /** Brings fallbacks and the not-found view in line with the current path. */
  reconcile(pathname: string = location.pathname): void {
    const registry = this.#registry;
    if (!registry) return;
    let routeMatched = false;
    for (const entry of registry.entries()) {
      const active = isActive(entry, pathname);
      if (active && entry.routes !== 'always') routeMatched = true;
      const state = this.#options.store.get(entry.name);
      if (!state || !FAILED.has(state.status)) continue;
      if (active) this.#showFallback(entry, state);
      else this.release(entry);
    }
    this.#toggleNotFound(!routeMatched, pathname);
  }

  #slot(entry: ResolvedEntry): Slot {
    let slot = this.#slots.get(entry.name);
    if (!slot) {
      slot = new Slot(entry.name, entry.title ?? entry.name);
      this.#slots.set(entry.name, slot);
      this.#options.regions.get(entry.region).append(slot.element);
    }
    return slot;
  }

  #onState(state: MfeState): void {
    const entry = this.#registry?.entry(state.name);
    if (!entry || !isActive(entry, location.pathname)) return;
    const title = entry.title ?? entry.name;
    if (BUSY.has(state.status)) this.#slot(entry).showLoading(title);
    else if (state.status === 'MOUNTED') this.#slots.get(entry.name)?.clearStatus();
    else if (FAILED.has(state.status)) this.#showFallback(entry, state);
  }

  #showFallback(entry: ResolvedEntry, state: MfeState): void {
    this.#slot(entry).showFallback(entry.title ?? entry.name, state, () => this.#options.onRetry(entry.name));
  }

  #toggleNotFound(show: boolean, pathname: string): void {
    this.#notFound?.remove();
    this.#notFound = undefined;
    if (show) this.#notFound = renderNotFound(this.#options.regions.get(this.#options.routeRegion), pathname, this.#options.home);
  }
}
