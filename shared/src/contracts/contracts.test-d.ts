import { describe, expectTypeOf, it } from 'vitest';
import { defineMfe, standaloneProps } from '../index.js';
import type { AtriumProps, MfeLifecycles, Session } from '../index.js';
import type { DefinedMfe, LifecycleFn, ManifestDocument, ManifestEntry, MfeCustomProps } from '../internal.js';

describe('AtriumProps', () => {
  it('gives every lifecycle the host-provided fields, read-only', () => {
    expectTypeOf<AtriumProps['name']>().toEqualTypeOf<string>();
    expectTypeOf<AtriumProps['domElement']>().toEqualTypeOf<HTMLElement>();
    expectTypeOf<AtriumProps['signal']>().toEqualTypeOf<AbortSignal>();
    expectTypeOf<AtriumProps['navigate']>().toEqualTypeOf<(path: string) => void>();
    expectTypeOf<AtriumProps['session']>().toEqualTypeOf<Session>();
    expectTypeOf<AtriumProps['props']>().toEqualTypeOf<MfeCustomProps>();
    const props = {} as AtriumProps;
    // @ts-expect-error: the host owns these; an MFE cannot reassign them
    props.domElement = document.createElement('div');
  });

  it('types the manifest props and the API clients from its parameters', () => {
    expectTypeOf<AtriumProps<{ currency: 'EUR' | 'USD' }>['props']>().toEqualTypeOf<{ currency: 'EUR' | 'USD' }>();
    expectTypeOf<AtriumProps<MfeCustomProps, { rates: { get(): Promise<number> } }>['apis']['rates']>().toEqualTypeOf<{ get(): Promise<number> }>();
  });
});

describe('defineMfe', () => {
  it('infers the props type in every lifecycle and returns all of them, bootstrap included', () => {
    const mfe = defineMfe<{ greeting?: string }>({
      async mount({ props, domElement }) {
        expectTypeOf(props.greeting).toEqualTypeOf<string | undefined>();
        domElement.append(props.greeting ?? '');
      },
      async unmount({ domElement }) {
        domElement.replaceChildren();
      },
    });
    expectTypeOf(mfe).toEqualTypeOf<DefinedMfe<{ greeting?: string }>>();
    expectTypeOf(mfe.bootstrap).toEqualTypeOf<LifecycleFn<{ greeting?: string }>>();
    // What the host accepts from an exposed module.
    expectTypeOf(mfe).toMatchTypeOf<MfeLifecycles<{ greeting?: string }>>();
  });

  it('rejects a definition without unmount or with a field its props do not have', () => {
    // @ts-expect-error: unmount is required
    defineMfe({ async mount() {} });
    defineMfe<{ greeting?: string }>({
      // @ts-expect-error: no such prop
      async mount({ props }) { return props.colour; },
      async unmount() {},
    });
  });
});

describe('standaloneProps', () => {
  it('needs only a name and an element, and keeps the props type', () => {
    const props = standaloneProps<{ limit: number }>({ name: 'x', domElement: document.createElement('div'), props: { limit: 3 } });
    expectTypeOf(props).toEqualTypeOf<AtriumProps<{ limit: number }>>();
    // @ts-expect-error: domElement is required
    standaloneProps({ name: 'x' });
    // @ts-expect-error: limit is a number
    standaloneProps<{ limit: number }>({ name: 'x', domElement: document.createElement('div'), props: { limit: '3' } });
  });
});

describe('ManifestEntry', () => {
  it('requires name, entry, module, version, activeWhen and region; the rest is optional', () => {
    const entry: ManifestEntry = { name: 'accounts', entry: 'https://cdn.example.com/accounts/2.4.1/remoteEntry.js', module: './app', version: '2.4.1', activeWhen: '/accounts', region: 'main' };
    expectTypeOf(entry.title).toEqualTypeOf<string | undefined>();
    expectTypeOf<ManifestEntry['activeWhen']>().toEqualTypeOf<string | readonly string[]>();
    // @ts-expect-error: region is required
    const missing: ManifestEntry = { name: 'a', entry: 'https://x.example/remoteEntry.js', module: './app', version: '1', activeWhen: 'always' };
    void missing;
    // @ts-expect-error: exactOptionalPropertyTypes — an absent title is left out, not undefined
    const undefinedTitle: ManifestEntry = { ...entry, title: undefined };
    void undefinedTitle;
  });

  it('is what a manifest document lists, at format version 1', () => {
    expectTypeOf<ManifestDocument['version']>().toEqualTypeOf<1>();
    expectTypeOf<ManifestDocument['mfes']>().toEqualTypeOf<readonly ManifestEntry[]>();
  });
});
