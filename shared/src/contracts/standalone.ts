import type { AtriumProps, MfeCustomProps } from './lifecycle.js';
import { loadPayloadCheck } from '../events/load-check.js';
import { pageEventBus } from '../events/page-bus.js';
import { disabledSession } from './session.js';

const signedOut = disabledSession('single sign-on is not available when the MFE runs alone');

/**
 * Props for running an MFE alone (its dev server page, a test), without a host: a real element,
 * a fresh abort signal, no APIs unless given, SSO off, and the page's event bus (so two MFEs run
 * alone on one dev page, or in one test, hear each other; payloads checked in development).
 *
 * @example
 * ```ts
 * await mount(standaloneProps({ name: 'accounts', domElement: document.getElementById('root')! }));
 * ```
 */
export function standaloneProps<P extends object = MfeCustomProps, A extends object = Readonly<Record<string, unknown>>>(
  overrides: Partial<AtriumProps<P, A>> & Pick<AtriumProps<P, A>, 'name' | 'domElement'>,
): AtriumProps<P, A> {
  const signal = overrides.signal ?? new AbortController().signal;
  return {
    basePath: '',
    region: 'main',
    version: 'dev',
    props: {} as P,
    signal,
    mountParcel: () => {
      throw new Error('mountParcel needs a host');
    },
    navigate: (path: string) => history.pushState(null, '', path),
    apis: {} as A,
    session: signedOut,
    // Payloads checked on the MFE's dev server (the check's chunk is not in production builds).
    events: pageEventBus({ validate: import.meta.env?.DEV ? loadPayloadCheck : false }).scope(overrides.name, { signal }),
    ...overrides,
  };
}
