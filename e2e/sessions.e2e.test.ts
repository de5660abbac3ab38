import { createHash, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { newPage } from './support/browser.js';
import { createDpopKey, refreshTokens } from '../servers/index.mjs';
import { embedderClientId } from '../scripts/lib/stack.mjs';
import { authSuite, clean, secondTab, signInFromAccounts, tokenRequests } from './auth-helpers.js';

// Sessions that survive reloads and tabs, with DPoP-bound tokens, against the real IdP and
// customer API in Chromium. The attacker's side is played from Node and from scripts in the page.

/** /thief: an MFE (for signed-in users) that tries every way to change who is signed in. */
const thiefEntry = (fixturesUrl: string) => ({
  name: 'fx_session_thief', entry: `${fixturesUrl}/fx_session_thief/remoteEntry.js`, module: './app', version: '1.0.0',
  activeWhen: '/thief', region: 'main', title: 'Thief', auth: { required: true },
});

const suite = authSuite((url) => [thiefEntry(url)]);
const stackWith = suite.stackWith;
let browser: Browser;
beforeAll(() => {
  browser = suite.browser();
});

const nav = (page: Page) => page.locator('[data-mfe="navigation"]');

/** Client-side navigation, as a link in the shell would do it (no reload). */
async function go(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

/** What this origin keeps at rest: the stored user (IndexedDB) and the DPoP key's properties. */
function atRest(page: Page) {
  return page.evaluate(async () => {
    const read = (db: string, store: string) => new Promise<unknown[]>((resolve, reject) => {
      const open = indexedDB.open(db);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const names = open.result.objectStoreNames;
        if (!names.contains(store)) return resolve([]);
        const all = open.result.transaction(store).objectStore(store).getAll();
        all.onsuccess = () => resolve(all.result);
      };
    });
    const [user] = (await read('atrium-session', 'user')) as string[];
    const [dpop] = (await read('oidc', 'dpop')) as { keys: CryptoKeyPair }[];
    return {
      user: user ? (JSON.parse(user) as { refresh_token?: string; access_token?: string }) : undefined,
      key: dpop ? { extractable: dpop.keys.privateKey.extractable, algorithm: (dpop.keys.privateKey.algorithm as EcKeyAlgorithm).namedCurve } : undefined,
      webStorage: [Object.keys(localStorage), Object.keys(sessionStorage)],
    };
  });
}

describe('a session that survives reloads and tabs', () => {
  it('reload and a new tab keep the session with no trip to the IdP; at rest only a DPoP-bound refresh token and a non-extractable key', async () => {
    const stack = await stackWith();
    const idp = stack.servers.idp.url;
    const first = await newPage(browser);
    await signInFromAccounts(first.page, stack.hostUrl);

    const tokens = tokenRequests(first.page, idp);
    const seen: string[] = [];
    first.page.on('request', (request) => seen.push(request.url()));
    await first.page.reload();
    await first.page.getByText('Welcome back, Alice Martin.').waitFor();
    // Data from the customer API, which takes these tokens only with a proof of the key.
    await first.page.getByRole('link', { name: /Everyday account/ }).waitFor();
    expect(seen.filter((url) => url.startsWith(`${idp}/auth`) || url.startsWith(`${idp}/interaction`))).toEqual([]);
    expect(new URL(first.page.url()).pathname).toBe('/accounts');
    expect(tokens.grants).toEqual(['refresh_token']);

    const rest = await atRest(first.page);
    expect(rest.webStorage).toEqual([[], []]);
    expect(rest.user?.refresh_token).toMatch(/\S{20,}/);
    expect(rest.user?.access_token).toBe('');
    expect(rest.key).toEqual({ extractable: false, algorithm: 'P-256' });

    const second = await secondTab(first);
    const secondSeen: string[] = [];
    second.page.on('request', (request) => secondSeen.push(request.url()));
    await second.page.goto(`${stack.hostUrl}/accounts`);
    await second.page.getByText('Welcome back, Alice Martin.').waitFor();
    await second.page.getByRole('link', { name: /Everyday account/ }).waitFor();
    expect(secondSeen.filter((url) => url.startsWith(`${idp}/auth`))).toEqual([]);
    clean(first.record);
    clean(second.record);
    await first.context.close();
  });

  it('tabs renewing at the same moment take turns: a rotated refresh token is never reused, the grant survives', async () => {
    const stack = await stackWith();
    const first = await newPage(browser);
    await signInFromAccounts(first.page, stack.hostUrl);
    const second = await secondTab(first);
    await second.page.goto(`${stack.hostUrl}/accounts`);
    await second.page.getByRole('link', { name: /Everyday account/ }).waitFor();

    const exchanges: { tab: number; start: number; end: number; status: number }[] = [];
    for (const [tab, page] of [first.page, second.page].entries()) {
      // A slow token endpoint: without turns, both tabs would present the same refresh token.
      await page.route(`${stack.servers.idp.url}/token`, async (route) => {
        const start = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 400));
        const response = await route.fetch();
        exchanges.push({ tab, start, end: Date.now(), status: response.status() });
        await route.fulfill({ response });
      });
    }
    // Both tabs reload at once, three times: each resumes the session with a refresh.
    for (let round = 0; round < 3; round += 1) {
      await Promise.all([first.page, second.page].map(async (page) => {
        await page.reload();
        await page.getByText('Welcome back, Alice Martin.').waitFor();
        await page.getByRole('link', { name: /Everyday account/ }).waitFor();
      }));
    }
    expect(exchanges).toHaveLength(6);
    expect(exchanges.every((e) => e.status === 200)).toBe(true);
    // One exchange at a time across the tabs.
    const sorted = exchanges.toSorted((x, y) => x.start - y.start);
    for (let i = 1; i < sorted.length; i += 1) expect(sorted[i]?.start ?? 0).toBeGreaterThanOrEqual(sorted[i - 1]?.end ?? Infinity);
    for (const page of [first.page, second.page]) {
      await expect(page.locator('#atrium-notices').getByText('session has ended', { exact: false }).count()).resolves.toBe(0);
    }
    clean(first.record);
    clean(second.record);
    await first.context.close();
  });

  it('sign-in and sign-out in one tab reach the other within 2 s; the sign-out revokes the refresh token', async () => {
    const stack = await stackWith();
    const first = await newPage(browser);
    await first.page.goto(`${stack.hostUrl}/markets`);
    const second = await secondTab(first);
    await second.page.goto(`${stack.hostUrl}/accounts`);
    await second.page.getByText('Sign in to see your accounts').waitFor();

    await signInFromAccounts(first.page, stack.hostUrl);
    await second.page.getByText('Welcome back, Alice Martin.').waitFor({ timeout: 2_000 });
    await second.page.getByRole('link', { name: /Everyday account/ }).waitFor();

    const revocations: number[] = [];
    first.page.on('response', (response) => {
      if (response.url().startsWith(`${stack.servers.idp.url}/token/revocation`)) revocations.push(response.status());
    });
    // Both moments by the pages' own clock: the click in A, the signed-out view in B.
    let clickedAt = Infinity;
    await first.page.exposeFunction('__clicked', (at: number) => (clickedAt = Math.min(clickedAt, at)));
    await first.page.evaluate(() => document.addEventListener('click', () => void (window as unknown as { __clicked(at: number): void }).__clicked(Date.now()), true));
    const signedOutAt = second.page.evaluate(() => new Promise<number>((resolve) => {
      const done = () => document.querySelector('[data-mfe="navigation"]')?.textContent?.includes('Sign in') === true
        && document.body.textContent?.includes('Sign in to see your accounts') === true
        && !document.body.textContent.includes('Signed in as');
      new MutationObserver(() => done() && resolve(Date.now())).observe(document.body, { subtree: true, childList: true, characterData: true });
    }));
    await nav(first.page).getByRole('button', { name: 'Sign out' }).click();
    expect((await signedOutAt) - clickedAt).toBeLessThan(2_000);
    await nav(second.page).getByRole('button', { name: 'Sign in' }).waitFor();
    await expect(second.page.getByText('Salary June', { exact: false }).count()).resolves.toBe(0);
    // The first tab went on to the IdP's sign-out page, having revoked the refresh token.
    await first.page.getByRole('button', { name: 'Yes, sign me out' }).waitFor();
    expect(revocations).toEqual([200]);
    await expect(first.page.getByText('revoke', { exact: false }).count()).resolves.toBe(0);
    await expect(atRest(second.page)).resolves.toMatchObject({ user: undefined, key: undefined });
    clean(second.record);
    await first.context.close();
  });
});

describe('DPoP from the attacker’s side', () => {
  it('a refresh token and an access token copied out of the page are refused by the IdP and the API with a fresh key; a replayed proof is refused', async () => {
    const stack = await stackWith();
    const { page, record, context } = await newPage(browser);
    const api = stack.servers.customerApi.url;
    const sent: { url: string; method: string; authorization: string; dpop: string }[] = [];
    page.on('request', (request) => {
      const headers = request.headers();
      if (request.url().startsWith(api) && headers['dpop']) sent.push({ url: request.url(), method: request.method(), authorization: headers['authorization'] ?? '', dpop: headers['dpop'] });
    });
    await signInFromAccounts(page, stack.hostUrl);
    await page.getByRole('link', { name: /Everyday account/ }).waitFor();

    // What a script on the page could read: the stored refresh token, and a request's headers.
    const stolenRefresh = (await atRest(page)).user?.refresh_token ?? '';
    const request = sent.at(-1);
    expect(request?.authorization).toMatch(/^DPoP /);
    const accessToken = request?.authorization.slice('DPoP '.length) ?? '';
    const thief = await createDpopKey();

    // The IdP: the refresh token with the thief's own key, and with no key at all.
    await expect(refreshTokens({ idpUrl: stack.servers.idp.url, refreshToken: stolenRefresh, dpopKey: thief })).rejects.toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    await expect(refreshTokens({ idpUrl: stack.servers.idp.url, refreshToken: stolenRefresh })).rejects.toMatchObject({ status: 400 });

    // The API: the access token with a proof of the thief's key, as Bearer, and with the page's own proof again.
    const url = request?.url ?? '';
    const problem = async (headers: Record<string, string>) => {
      const res = await fetch(url, { headers });
      return `${res.status} ${((await res.json()) as { type: string }).type.replace('urn:atrium:problem:', '')}`;
    };
    await expect(problem({ Authorization: `DPoP ${accessToken}`, DPoP: await thief.proof({ htm: 'GET', htu: url, accessToken }) })).resolves.toBe('401 dpop-key-mismatch');
    await expect(problem({ Authorization: `Bearer ${accessToken}` })).resolves.toBe('401 dpop-bound-token');
    await expect(problem({ Authorization: request?.authorization ?? '', DPoP: request?.dpop ?? '' })).resolves.toBe('401 dpop-proof-replayed');

    // The user, with the key, goes on as before.
    await page.getByRole('link', { name: /Everyday account/ }).click();
    await page.getByRole('cell', { name: 'Salary June — Northwind Consulting GmbH' }).waitFor();
    clean(record);
    await context.close();
  });

  it('a script on the CMS page running its own authorization request gets no portal token, nothing silently, and at most the widget scopes after a consent page', async () => {
    const stack = await stackWith();
    const { page, context } = await newPage(browser);
    // The user is signed in at the IdP (from the portal): before, that made the attack silent.
    await signInFromAccounts(page, stack.hostUrl);
    await page.goto(stack.cmsUrl);
    const idp = stack.servers.idp.url;
    const verifier = randomBytes(32).toString('base64url');
    const authorize = (clientId: string, extra: Record<string, string> = {}) => `${idp}/auth?${new URLSearchParams({
      client_id: clientId, redirect_uri: `${stack.cmsUrl}/atrium/callback/`, response_type: 'code', state: 'attack', nonce: 'n',
      scope: 'openid profile accounts:read transfers:write', resource: stack.servers.customerApi.audience,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256', ...extra,
    })}`;
    const widgetsClient = embedderClientId(stack.cmsUrl);
    const runFromPage = (target: string) => page.evaluate((to) => location.assign(to), target);
    const landed: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && frame.url().startsWith(stack.cmsUrl)) landed.push(frame.url());
    });

    // 1. The portal's client: the CMS page is not one of its redirect URIs.
    await runFromPage(authorize('atrium-host'));
    await page.getByText('redirect_uri', { exact: false }).first().waitFor();
    expect(page.url().startsWith(idp)).toBe(true);

    // 2. The embedder's client, silently (prompt=none): refused, no code.
    await page.goto(stack.cmsUrl);
    landed.length = 0;
    await runFromPage(authorize(widgetsClient, { prompt: 'none' }));
    await expect.poll(() => landed.find((l) => l.includes('state=attack')), { timeout: 10_000 }).toContain('error=consent_required');
    expect(landed.some((l) => l.includes('code='))).toBe(false);

    // 3. The embedder's client, interactively: the user sees who asks and for what.
    landed.length = 0;
    await runFromPage(authorize(widgetsClient));
    await page.getByRole('heading', { name: `Authorize Widgets on ${stack.cmsUrl}` }).waitFor();
    await page.getByText('See your accounts and transactions').waitFor();
    await expect(page.getByText('Make transfers', { exact: false }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL((u) => u.href.startsWith(stack.cmsUrl));
    const code = new URL(landed.find((l) => l.includes('code=')) ?? 'http://x').searchParams.get('code') ?? '';
    expect(code).not.toBe('');

    // The script exchanges the code (with its own key): the token carries the widget scope only.
    const key = await createDpopKey();
    const exchanged = await fetch(`${idp}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', DPoP: await key.proof({ htm: 'POST', htu: `${idp}/token` }) },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: widgetsClient, redirect_uri: `${stack.cmsUrl}/atrium/callback/`, code_verifier: verifier, resource: stack.servers.customerApi.audience }),
    });
    const tokens = (await exchanged.json()) as { access_token: string; refresh_token: string };
    expect(exchanged.status).toBe(200);
    expect(decodeJwt(tokens.access_token)).toMatchObject({ client_id: widgetsClient, scope: 'accounts:read' });
    const wider = await refreshTokens({ idpUrl: idp, refreshToken: tokens.refresh_token, clientId: widgetsClient, dpopKey: key, resource: stack.servers.customerApi.audience });
    expect(decodeJwt(wider.access_token).scope).toBe('accounts:read');
    await context.close();
  });

  it('an MFE calling anything on `session` cannot change who is signed in', async () => {
    const stack = await stackWith();
    const { page, record, context } = await newPage(browser);
    await signInFromAccounts(page, stack.hostUrl);
    await go(page, '/thief');
    const thief = page.locator('.thief');
    await thief.waitFor();
    await expect(thief.getAttribute('data-sub-after')).resolves.toBe('alice');
    const lines = await thief.locator('li').allTextContents();
    expect(lines.length).toBeGreaterThanOrEqual(9);
    for (const line of lines) expect(line).toMatch(/user is now alice$/);
    await nav(page).getByText('Signed in as Alice Martin').waitFor();
    await go(page, '/accounts');
    await page.getByText('Welcome back, Alice Martin.').waitFor();
    await page.getByRole('link', { name: /Everyday account/ }).waitFor();
    clean(record);
    await context.close();
  });
});

describe('boot and outages', () => {
  it('a visitor with no session and no protected route downloads no OIDC code and asks the IdP nothing', async () => {
    const stack = await stackWith();
    const { page, record, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/markets`);
    await page.getByText('1 EUR buys').waitFor();
    await nav(page).getByRole('button', { name: 'Sign in' }).waitFor();
    await page.waitForTimeout(1_500);
    expect(record.requests.filter((u) => u.startsWith(stack.servers.idp.url) || /oidc/i.test(u))).toEqual([]);
    clean(record);
    await context.close();
  });

  it('public content does not wait for a session being resumed; a protected route shows loading until it is', async () => {
    const stack = await stackWith();
    const { page, record, context } = await newPage(browser);
    await signInFromAccounts(page, stack.hostUrl);
    await page.goto(`${stack.hostUrl}/markets`);
    await nav(page).getByText('Signed in as Alice Martin').waitFor();

    // The IdP holds the refresh until the test lets it go.
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`${stack.servers.idp.url}/token`, async (route) => {
      await held;
      await route.continue();
    });
    await page.reload();
    await page.getByText('1 EUR buys').waitFor();
    await go(page, '/vault');
    await page.locator('[data-auth-guard="fx_probe"]').getByText('Loading Vault…').waitFor();
    await expect(page.locator('.probe').count()).resolves.toBe(0);
    expect(new URL(page.url()).origin).toBe(stack.hostUrl);
    release();
    await page.locator('.probe').waitFor();
    await nav(page).getByText('Signed in as Alice Martin').waitFor();
    clean(record);
    await context.close();
  });

  it('IdP down at reload: "unreachable", not "ended"; public content shows; the session comes back with the IdP', async () => {
    const stack = await stackWith();
    const idp = stack.servers.idp.url;
    const outage = (down: boolean) => fetch(`${idp}/__outage`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ down }) });
    const { page, record, context } = await newPage(browser);
    await signInFromAccounts(page, stack.hostUrl);
    await page.goto(`${stack.hostUrl}/markets`);
    await page.getByText('1 EUR buys').waitFor();

    await outage(true);
    await page.reload();
    await page.getByText('1 EUR buys').waitFor();
    const notices = page.locator('#atrium-notices');
    await notices.getByText(`The sign-in service (${idp}) is unreachable`, { exact: false }).waitFor();
    await notices.getByText('you are not signed out', { exact: false }).waitFor();
    await expect(notices.getByText('session has ended', { exact: false }).count()).resolves.toBe(0);
    await go(page, '/vault');
    await page.locator('[data-auth-guard="fx_probe"]').getByText('Vault is waiting for the sign-in service').waitFor();
    // Still kept at rest: nothing was thrown away because the IdP was down.
    await expect(atRest(page).then((r) => typeof r.user?.refresh_token)).resolves.toBe('string');

    await outage(false);
    // No click: the page retries by itself, on its backoff (2, 4, 8, 15, then every 30 s). How
    // many retries the outage above took depends on how fast this machine ran it, so the next one
    // may be up to 30 s away, and an attempt already under way when the IdP came back may first
    // run out its requests (10 s each, the engine's timeout): wait past both, not a guess at the
    // current step. (40 s was not enough once on a loaded CI machine.)
    await page.locator('.probe').waitFor({ timeout: 65_000 });
    await nav(page).getByText('Signed in as Alice Martin').waitFor();
    await expect(notices.getByText('is unreachable', { exact: false }).count()).resolves.toBe(0);
    expect(record.pageErrors).toEqual([]);
    await context.close();
  }, 120_000);
});
