/** What the host reports about one MFE version in this page session. */
export type HealthKind = 'mounted' | 'load' | 'mount' | 'runtime';

export interface HealthBeaconOptions {
  /** The resolver's beacon endpoint, e.g. `/atrium/health`. */
  readonly url: string;
  /** Batches go out this long after the first unsent report (and when the page is hidden). */
  readonly flushMs?: number;
  /** Defaults to `navigator.sendBeacon`; tests pass their own. */
  readonly send?: (url: string, body: string) => boolean;
}

export interface HealthBeacon {
  record(mfe: string, version: string, kind: HealthKind): void;
  /** Sends what is pending now. */
  flush(): void;
  stop(): void;
}

/**
 * Reports each MFE version's outcome in this page session to the resolver, which rolls back a
 * canary that fails more than the live version. Batched and sent with `sendBeacon`, so it never
 * delays the page or blocks unload; each (MFE, version, outcome) is sent once per session.
 *
 * @example
 * ```ts
 * const beacon = createHealthBeacon({ url: '/atrium/health' });
 * beacon.record('accounts', '2.5.0', 'mounted');
 * ```
 */
export function createHealthBeacon(options: HealthBeaconOptions): HealthBeacon {
  const session = randomId();
  const flushMs = options.flushMs ?? 1_000;
  const send = options.send ?? ((url: string, body: string) => navigator.sendBeacon(url, body));
  const seen = new Set<string>();
  let pending: { mfe: string; version: string; kind: HealthKind }[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const events = pending.splice(0, 50);
    try {
      send(options.url, JSON.stringify({ session, events }));
    } catch {
      // Health reports are best effort: a page never fails because of them.
    }
    if (pending.length) timer = setTimeout(flush, flushMs);
  };
  const onHidden = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  document.addEventListener('visibilitychange', onHidden);
  addEventListener('pagehide', flush);

  return {
    record(mfe, version, kind) {
      const key = `${mfe}\0${version}\0${kind}`;
      if (seen.has(key)) return;
      seen.add(key);
      pending.push({ mfe, version, kind });
      timer ??= setTimeout(flush, flushMs);
    },
    flush,
    stop() {
      flush();
      document.removeEventListener('visibilitychange', onHidden);
      removeEventListener('pagehide', flush);
      pending = [];
    },
  };
}

/** The statuses a host keeps per MFE (the status store's shape, as far as health needs it). */
interface StatusSnapshot {
  readonly name: string;
  readonly status: string;
  readonly version: string;
}

export interface StatusSource {
  subscribe(listener: (state: StatusSnapshot) => void): () => void;
  /** Every MFE's state now (the shell's status store has it). */
  all?(): readonly StatusSnapshot[];
}

/**
 * Turns status changes into health reports: MOUNTED → mounted, LOAD_ERROR → load,
 * BROKEN → mount (it failed in a lifecycle step).
 *
 * @example
 * ```ts
 * const stop = reportStatuses(statusStore, createHealthBeacon({ url: '/atrium/health' }));
 * ```
 */
export function reportStatuses(source: StatusSource, beacon: HealthBeacon): () => void {
  const report = (state: StatusSnapshot) => {
    if (!state.version) return;
    const kind: HealthKind | undefined = state.status === 'MOUNTED' ? 'mounted' : state.status === 'LOAD_ERROR' ? 'load' : state.status === 'BROKEN' ? 'mount' : undefined;
    if (kind) beacon.record(state.name, state.version, kind);
  };
  // Installed after first content: what MFEs reached before counts too.
  for (const state of source.all?.() ?? []) report(state);
  return source.subscribe(report);
}

function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
