import type { AppProps, LifeCycles } from 'single-spa';
import type { AtriumProps, MfeLifecycles } from '@atrium/shared';
import type { LifecycleFn, LifecycleStep, LifecycleTimeouts } from '@atrium/shared/internal';
import { createLogger } from '@atrium/shared';
import { describeError, LifecycleError } from '../errors.js';
import type { ResolvedEntry } from '../manifest/index.js';
import { timed } from '../observability/timing.js';
import { StepTimeout, withTimeout } from './timeout.js';

const log = createLogger('host:lifecycle');

/** The steps the runner drives (loading is the loader's). */
export type RunStep = Exclude<LifecycleStep, 'load'>;

/** Told around every step: the place for telemetry and lifecycle events. */
export interface StepHooks {
  /**
   * Steps wait for it before they run (outside their time limit): what the page must have before
   * MFE code runs, e.g. the development check of event payloads. Undefined in production.
   */
  readonly ready?: Promise<unknown>;
  readonly onStepStart?: (event: { readonly instance: string; readonly mfe: string; readonly step: RunStep }) => void;
  readonly onStepEnd?: (event: { readonly instance: string; readonly mfe: string; readonly step: RunStep; readonly ms: number; readonly error?: LifecycleError }) => void;
}

export interface LifecycleRunnerOptions {
  readonly entry: ResolvedEntry;
  readonly lifecycles: MfeLifecycles;
  /** The page's default limits; the entry's own `timeouts` win. */
  readonly timeouts: Required<LifecycleTimeouts>;
  /** This instance's name in timings and messages: the MFE's name, or a widget id like `markets#2`. */
  readonly instance: string;
  /** Builds the props of one call; `signal` is the live signal of the current mount. */
  readonly props: (signal: AbortSignal, spaProps: AppProps) => AtriumProps;
  /** The one error path: every failed step comes here once (mark, show, report), then rejects. */
  readonly onFailure: (error: LifecycleError) => void;
  readonly onTiming?: (step: RunStep, ms: number) => void;
  readonly hooks?: StepHooks;
}

const VERB: Record<RunStep, string> = { bootstrap: 'bootstrapping', mount: 'mounting', unmount: 'unmounting', update: 'updating' };

/**
 * Drives one MFE instance's lifecycles, for single-spa applications and widget parcels alike:
 * every step runs within its timeout, receives a signal that is live from bootstrap until the
 * instance unmounts (then aborted; the next mount gets a fresh one), and fails through one path
 * with a message that names the MFE, the step and the fix.
 */
export class LifecycleRunner {
  readonly #o: LifecycleRunnerOptions;
  #controller: AbortController | undefined;

  constructor(options: LifecycleRunnerOptions) {
    this.#o = options;
  }

  /** The signal of the current mount: live until {@link abort}, then a fresh one is made. */
  get signal(): AbortSignal {
    if (!this.#controller || this.#controller.signal.aborted) this.#controller = new AbortController();
    return this.#controller.signal;
  }

  /** True while the signal handed to the MFE is live. */
  get live(): boolean {
    return this.#controller !== undefined && !this.#controller.signal.aborted;
  }

  /** Ends the current mount's signal (the host calls it as unmount starts). */
  abort(): void {
    this.#controller?.abort(new DOMException(`mfe '${this.#o.entry.name}' unmounted`, 'AbortError'));
  }

  limit(step: RunStep): number {
    const key = step === 'update' ? 'mount' : step;
    return (step === 'update' ? undefined : this.#o.entry.timeouts?.[key]) ?? this.#o.timeouts[key];
  }

  /** Runs a step; a failure goes to `onFailure` and rejects with the LifecycleError. */
  async run(step: RunStep, spaProps: AppProps): Promise<void> {
    const fn = step === 'update' ? this.#o.lifecycles.update : this.#o.lifecycles[step];
    if (!fn) return;
    if (this.#o.hooks?.ready) await this.#o.hooks.ready;
    const props = this.#o.props(this.#signalFor(step), spaProps);
    const { instance, entry } = this.#o;
    const ms = this.limit(step);
    this.#o.hooks?.onStepStart?.({ instance, mfe: entry.name, step });
    let took = 0;
    try {
      await timed(instance, step, () => withTimeout(runAll(fn, props), ms), (t) => {
        took = t;
        this.#o.onTiming?.(step, t);
      });
      this.#o.hooks?.onStepEnd?.({ instance, mfe: entry.name, step, ms: took });
    } catch (error) {
      const failure = this.#failure(step, ms, error);
      this.#o.hooks?.onStepEnd?.({ instance, mfe: entry.name, step, ms: took, error: failure });
      this.#o.onFailure(failure);
      throw failure;
    }
  }

  /** Runs unmount after a failure: the MFE may clean up, nothing more is reported. */
  async cleanUp(spaProps: AppProps): Promise<void> {
    const props = this.#o.props(this.#signalFor('unmount'), spaProps);
    await withTimeout(Promise.resolve().then(() => runAll(this.#o.lifecycles.unmount, props)), this.limit('unmount')).catch((error: unknown) =>
      log.warn(`${this.#subject()} also failed to unmount after a failed step`, error),
    );
  }

  /**
   * The lifecycles single-spa calls (for an application or a parcel). single-spa rewrites the
   * message of an error it is given, so it gets a copy; the original stays in our reports.
   * `wrap` lets the caller add its own bookkeeping (statuses) around each step.
   */
  forSingleSpa(wrap: (step: RunStep, run: (props: AppProps) => Promise<void>) => (props: AppProps) => Promise<void> = (_, run) => run): LifeCycles {
    const step = (name: RunStep) =>
      wrap(name, (props) => this.run(name, props)) as (props: AppProps) => Promise<void>;
    const guarded = (name: RunStep) => (props: AppProps) => step(name)(props).catch((error: unknown) => Promise.reject(forSingleSpa(error)));
    // single-spa's own timers only warn; ours decide. It never clears them and each holds the
    // call's closures until it fires: keep them just past ours so nothing is retained for long.
    const after = (ms: number) => ({ millis: ms + 1_000, dieOnTimeout: false, warningMillis: ms + 1_000 });
    return {
      bootstrap: guarded('bootstrap'),
      mount: guarded('mount'),
      unmount: guarded('unmount'),
      ...(this.#o.lifecycles.update ? { update: guarded('update') } : {}),
      timeouts: { bootstrap: after(this.limit('bootstrap')), mount: after(this.limit('mount')), unmount: after(this.limit('unmount')), unload: after(this.limit('unmount')) },
    } as LifeCycles;
  }

  // Unmount ends the mount's signal before the MFE's unmount runs, and hands it that same
  // (aborted) signal; every other step gets the live one.
  #signalFor(step: RunStep): AbortSignal {
    if (step !== 'unmount') return this.signal;
    this.abort();
    return this.#controller?.signal ?? AbortSignal.abort();
  }

  #subject(): string {
    const { instance, entry } = this.#o;
    return instance === entry.name ? `mfe '${entry.name}'` : `widget ${instance}: mfe '${entry.name}'`;
  }

  #failure(step: RunStep, ms: number, error: unknown): LifecycleError {
    const timedOut = error instanceof StepTimeout;
    const message = timedOut
      ? `${this.#subject()} did not finish ${VERB[step]} within ${ms} ms — make ${step} settle faster, or raise timeouts.${step === 'update' ? 'mount' : step} in its manifest entry`
      : `${this.#subject()} died while ${VERB[step]}: ${describeError(error)}`;
    return new LifecycleError(this.#o.entry.name, step, timedOut, message, { cause: error });
  }
}

async function runAll(fn: LifecycleFn | readonly LifecycleFn[] | undefined, props: AtriumProps): Promise<void> {
  for (const each of [fn ?? []].flat() as LifecycleFn[]) await each(props);
}

function forSingleSpa(error: unknown): Error {
  return error instanceof Error ? new Error(error.message, { cause: error }) : new Error(describeError(error));
}
