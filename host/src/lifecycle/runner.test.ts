import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppProps } from 'single-spa';
import { disabledSession } from '@atrium/shared/internal';
import type { AtriumProps, MfeLifecycles } from '@atrium/shared';
import { parseManifest } from '../manifest/index.js';
import type { LifecycleError } from '../errors.js';
import { buildProps } from './props.js';
import { LifecycleRunner } from './runner.js';
import type { StepHooks } from './runner.js';
import { schemaChecks } from '../validation/schemas.js';

const [entry] = parseManifest(
  { version: 1, mfes: [{ name: 'probe', entry: 'https://cdn.example.com/probe/remoteEntry.js', module: './app', version: '1', activeWhen: '/p', region: 'main', timeouts: { mount: 50 } }] },
  { allowedOrigins: new Set(['https://cdn.example.com']), regions: new Set(['main']), source: 'test', checks: schemaChecks },
).entries;

const spaProps = { name: 'probe', mountParcel: () => undefined, singleSpa: {} } as unknown as AppProps;
const session = disabledSession('test');

function runner(lifecycles: MfeLifecycles, failures: LifecycleError[] = [], instance = 'probe', hooks?: StepHooks) {
  return new LifecycleRunner({
    ...(hooks ? { hooks } : {}),
    entry: entry!,
    lifecycles,
    timeouts: { load: 100, bootstrap: 100, mount: 100, unmount: 100 },
    instance,
    props: (signal) => buildProps(entry!, signal, { apis: {}, session }, { domElement: document.createElement('div'), basePath: '/p', region: 'main', props: {}, navigate: () => undefined, mountParcel: (() => undefined) as AtriumProps['mountParcel'] }),
    onFailure: (error) => failures.push(error),
  });
}

afterEach(() => vi.useRealTimers());

describe('LifecycleRunner', () => {
  it('runs no MFE code before the page\'s hooks are ready (the dev payload check), and does not count the wait against the step', async () => {
    let ready!: () => void;
    const failures: LifecycleError[] = [];
    const ran: string[] = [];
    const run = runner({ bootstrap: async (props) => void ran.push(`bootstrap with events of '${props.events.source || 'no bus'}'`), mount: async () => undefined, unmount: async () => undefined }, failures, 'probe', { ready: new Promise<void>((resolve) => (ready = resolve)) });
    const step = run.run('bootstrap', spaProps);
    await new Promise((resolve) => setTimeout(resolve, 150)); // longer than the 100 ms bootstrap limit
    expect(ran).toEqual([]);
    ready();
    await step;
    expect(ran).toEqual(["bootstrap with events of 'no bus'"]);
    expect(failures).toEqual([]);
  });

  it('hands bootstrap a live signal, the same one mount gets, and aborts it when unmount starts', async () => {
    const seen: Record<string, { signal: AbortSignal; aborted: boolean }> = {};
    const record = (step: string) => async (props: AtriumProps) => void (seen[step] = { signal: props.signal, aborted: props.signal.aborted });
    const run = runner({ bootstrap: record('bootstrap'), mount: record('mount'), unmount: record('unmount') });
    await run.run('bootstrap', spaProps);
    await run.run('mount', spaProps);
    expect(seen['bootstrap']?.aborted).toBe(false);
    expect(seen['mount']?.signal).toBe(seen['bootstrap']?.signal);
    await run.run('unmount', spaProps);
    expect(seen['unmount']?.aborted).toBe(true);
    expect(seen['mount']?.signal.aborted).toBe(true);
  });

  it('gives the next mount a fresh live signal', async () => {
    const signals: AbortSignal[] = [];
    const run = runner({ mount: async (props) => void signals.push(props.signal), unmount: async () => undefined });
    await run.run('mount', spaProps);
    await run.run('unmount', spaProps);
    await run.run('mount', spaProps);
    expect(signals[0]?.aborted).toBe(true);
    expect(signals[1]?.aborted).toBe(false);
  });

  it('times a step out with the entry\'s own limit, through the one failure path', async () => {
    const failures: LifecycleError[] = [];
    const run = runner({ mount: () => new Promise(() => undefined), unmount: async () => undefined }, failures);
    await expect(run.run('mount', spaProps)).rejects.toThrow("mfe 'probe' did not finish mounting within 50 ms — make mount settle faster, or raise timeouts.mount in its manifest entry");
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ mfe: 'probe', step: 'mount', timedOut: true });
  });

  it('names a widget instance in its messages, and reports a throwing step once', async () => {
    const failures: LifecycleError[] = [];
    const run = runner({ mount: async () => undefined, unmount: async () => undefined, update: async () => { throw new Error('kaput'); } }, failures, 'probe#2');
    await expect(run.run('update', spaProps)).rejects.toThrow("widget probe#2: mfe 'probe' died while updating: kaput");
    expect(failures.map((f) => f.step)).toEqual(['update']);
  });

  it('gives single-spa a copy of the error and timers just past its own', async () => {
    const failures: LifecycleError[] = [];
    const spa = runner({ mount: async () => { throw new Error('no'); }, unmount: async () => undefined }, failures).forSingleSpa();
    const error = await (spa.mount as (p: AppProps) => Promise<void>)(spaProps).catch((e: unknown) => e as Error);
    expect(error).not.toBe(failures[0]);
    expect((error as Error).cause).toBe(failures[0]);
    expect((spa as { timeouts?: { mount?: unknown } }).timeouts?.mount).toMatchObject({ millis: 1_050, dieOnTimeout: false });
  });
});
