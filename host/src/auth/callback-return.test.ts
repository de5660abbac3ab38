import { OidcClient, WebStorageStateStore } from 'oidc-client-ts';
import { afterEach, describe, expect, it } from 'vitest';
import { returnPathOnSite, storedReturnTo } from './callback-return.js';
import { SIGNIN_STATE_PREFIX } from './return-to.js';

const site = 'https://blog.example';
const callback = '/atrium/callback/';

describe('returnPathOnSite', () => {
  it('keeps a page of the site with its query and hash', () => {
    expect(returnPathOnSite('/2026/05/rates/?ref=x#accounts', callback, site)).toBe('/2026/05/rates/?ref=x#accounts');
  });

  it('refuses what an attacker would plant: other sites, script URLs, protocol-relative and backslash tricks, the callback itself', () => {
    for (const evil of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', ' /x', 'data:text/html,x', `${site}/x`, callback, `${callback}?again=1`, 42, null, undefined]) {
      expect(returnPathOnSite(evil, callback, site), String(evil)).toBeUndefined();
    }
  });
});

describe('storedReturnTo', () => {
  afterEach(() => sessionStorage.clear());

  it('reads the returnTo oidc-client-ts stored with a sign-in request, by its state id', async () => {
    // The real library writes the record the callback page reads: the format is pinned here.
    const client = new OidcClient({
      authority: 'https://idp.example', client_id: 'widgets', redirect_uri: `${site}${callback}`,
      metadata: { issuer: 'https://idp.example', authorization_endpoint: 'https://idp.example/auth', token_endpoint: 'https://idp.example/token' },
      stateStore: new WebStorageStateStore({ store: sessionStorage, prefix: SIGNIN_STATE_PREFIX }),
    });
    const request = await client.createSigninRequest({ state: { returnTo: '/2026/05/rates/' } });
    const state = new URL(request.url).searchParams.get('state') ?? '';
    expect(storedReturnTo(state, sessionStorage)).toBe('/2026/05/rates/');
  });

  it('is null for a state this tab never started, undefined for a record without a return path', () => {
    expect(storedReturnTo('forged', sessionStorage)).toBeNull();
    sessionStorage.setItem(`${SIGNIN_STATE_PREFIX}s1`, '{"id":"s1"}');
    sessionStorage.setItem(`${SIGNIN_STATE_PREFIX}s2`, 'not json');
    expect(storedReturnTo('s1', sessionStorage)).toBeUndefined();
    expect(storedReturnTo('s2', sessionStorage)).toBeUndefined();
  });
});
