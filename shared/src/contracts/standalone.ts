import type { AtriumProps, MfeCustomProps } from './lifecycle.js';
import { disabledSession } from './session.js';

const signedOut = disabledSession('single sign-on is not available when the MFE runs alone');

/**
 * Props for running an MFE alone (its dev server page, a test), without a host: a real element,
 * a fresh abort signal, no APIs unless given, SSO off.
 *
 * @example
 * ```ts
 * await mount(standaloneProps({ name: 'accounts', domElement: document.getElementById('root')! }));
 * ```
 */
export function standaloneProps<P extends object = MfeCustomProps, A extends object = Readonly<Record<string, unknown>>>(
  overrides: Partial<AtriumProps<P, A>> & Pick<AtriumProps<P, A>, 'name' | 'domElement'>,
): AtriumProps<P, A> {
  return {
    basePath: '',
    region: 'main',
    version: 'dev',
    props: {} as P,
    signal: new AbortController().signal,
    mountParcel: () => {
      throw new Error('mountParcel needs a host');
    },
    navigate: (path: string) => history.pushState(null, '', path),
    apis: {} as A,
    session: signedOut,
    ...overrides,
  };
}
