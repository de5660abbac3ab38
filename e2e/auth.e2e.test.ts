import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, findChrome, newPage } from './support/browser.js';
import { reservePort } from '../servers/index.mjs';
import { authSuite, clean, loginAtIdp, signInFromAccounts, tokenRequests } from './auth-helpers.js';
import { BOOT_PRELOAD_CSP } from '../scripts/lib/deploy.mjs';
import { inlineScriptHashes } from '../scripts/lib/security-headers.mjs';

// Single sign-on against the real IdP (servers/idp, oidc-provider): every test signs in through
// its login page, in Chromium, and reads what the user sees.

const suite = authSuite();
const stackWith = suite.stackWith;
let browser: Browser;
beforeAll(() => {
  browser = suite.browser();
});

async function apiRequests(url: string): Promise<{ method: string; path: string; status: number; authorization: boolean }[]> {
  const response = await fetch(`${url}/__requests`);
  return ((await response.json()) as { requests: { method: string; path: string; status: number; authorization: boolean }[] }).requests;
}

/** Watches the page for the not-found view, which must never flash while a sign-in completes. */
async function watchNotFound(page: Page): Promise<void> {
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (document.body?.textContent?.includes('Page not found')) (window as unknown as { __sawNotFound: boolean }).__sawNotFound = true;
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

describe('single sign-on', () => {
  it('signs in once through the IdP; every MFE sees the session; tokens stay out of Web Storage', async () => {
    const stack = await stackWith();
    const { page, record, context } = await newPage(browser);
    await watchNotFound(page);
    const tokens = tokenRequests(page, stack.servers.idp.url);

    await signInFromAccounts(page, stack.hostUrl);
    expect(new URL(page.url()).pathname).toBe('/accounts');
    await page.getByText('Welcome back, Alice Martin.').waitFor();
    await page.getByRole('link', { name: /Everyday account/ }).waitFor();
    // The navigation MFE got the same session.
    await page.locator('[data-mfe="navigation"]').getByText('Signed in as Alice Martin').waitFor();
    await page.locator('[data-mfe="navigation"]').getByRole('button', { name: 'Sign out' }).waitFor();

    // Real data from the customer API, which accepts only a token for its own audience.
    await page.getByRole('link', { name: /Everyday account/ }).click();
    await page.getByRole('cell', { name: 'Salary June — Northwind Consulting GmbH' }).waitFor();
    const calls = await apiRequests(stack.servers.customerApi.url);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.every((c) => c.authorization && c.status === 200)).toBe(true);

    // Third-party data through the same layer, and the user's token never goes there.
    await page.locator('[data-mfe="navigation"]').getByRole('link', { name: 'Markets' }).click();
    await page.getByRole('heading', { name: '1 EUR buys' }).waitFor();
    const fx = await apiRequests(stack.servers.thirdPartyApi.url);
    expect(fx.filter((c) => c.path.startsWith('/rates')).length).toBeGreaterThanOrEqual(1);
    expect(fx.filter((c) => c.authorization)).toEqual([]);

    // One code exchange; the signin state left sessionStorage; nothing in localStorage.
    expect(tokens.grants.filter((g) => g === 'authorization_code')).toHaveLength(1);
    await expect(page.evaluate(() => [Object.keys(sessionStorage), Object.keys(localStorage)])).resolves.toEqual([[], []]);
    await expect(page.evaluate(() => (window as unknown as { __sawNotFound?: boolean }).__sawNotFound ?? false)).resolves.toBe(false);
    clean(record);
    await context.close();
  });

  it('downloads no OIDC code without auth in the config; public MFEs work; protected ones say why', async () => {
    const stack = await stackWith({ sso: false });
    const { page, record, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/markets`);
    await page.getByRole('heading', { name: 'Markets' }).waitFor();
    await page.getByText('1 EUR buys').waitFor();
    await expect(page.locator('[data-mfe="navigation"]').getByRole('button').count()).resolves.toBe(0);

    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByText('Sign-in is not available on this site, so your accounts cannot be shown.').waitFor();
    await page.goto(`${stack.hostUrl}/vault`);
    await page.getByText('Vault needs you to be signed in').waitFor();
    await expect(page.locator('.probe').count()).resolves.toBe(0);
    expect(record.requests.filter((u) => /oidc/i.test(u))).toEqual([]);
    clean(record);
    await context.close();
  });
});

describe('route protection', () => {
  it('sends a signed-out user to sign-in and back to the URL they asked for', async () => {
    const stack = await stackWith();
    const { page, record, context } = await newPage(browser);
    await watchNotFound(page);
    await page.goto(`${stack.hostUrl}/vault?tab=2#top`);
    await loginAtIdp(page, 'alice');
    await page.locator('.probe').waitFor();
    const url = new URL(page.url());
    expect(url.pathname + url.search + url.hash).toBe('/vault?tab=2#top');
    await expect(page.evaluate(() => (window as unknown as { __sawNotFound?: boolean }).__sawNotFound ?? false)).resolves.toBe(false);
    clean(record);
    await context.close();
  });

  it('tells a signed-in user without the required claim that they have no access, without mounting', async () => {
    const stack = await stackWith();
    const { page, record, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/vault`);
    await loginAtIdp(page, 'bob');
    await page.getByText("You don't have access to Vault").waitFor();
    await page.getByText('You are signed in as Bob Schneider').waitFor();
    await expect(page.locator('.probe').count()).resolves.toBe(0);
    expect(new URL(page.url()).pathname).toBe('/vault');
    clean(record);
    await context.close();
  });
});

describe('failure modes', () => {
  it('IdP down at boot: public MFEs render; sign-in says the sign-in service is unreachable', async () => {
    const deadPort = await reservePort();
    const stack = await stackWith({ auth: { authority: `http://localhost:${deadPort}` } });
    const { page, record, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/markets`);
    await page.getByText('1 EUR buys').waitFor();
    await page.locator('[data-mfe="navigation"]').getByRole('button', { name: 'Sign in' }).click();
    const notice = page.locator('#atrium-notices').getByRole('alert');
    await notice.getByText(`the sign-in service (http://localhost:${deadPort}) is unreachable`, { exact: false }).waitFor();
    await expect(notice.getByText('session has ended', { exact: false }).count()).resolves.toBe(0);
    await notice.getByRole('button', { name: 'Try again' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/markets');
    await page.getByText('1 EUR buys').waitFor();
    // A protected route explains instead of looping or mounting.
    await page.goto(`${stack.hostUrl}/vault`);
    await page.locator('[data-auth-guard="fx_probe"]').getByText('is unreachable', { exact: false }).waitFor();
    await expect(page.locator('.probe').count()).resolves.toBe(0);
    expect(record.pageErrors).toEqual([]);
    await context.close();
  });

  it('callback with a forged, missing or replayed state: no code exchange, a clear message', async () => {
    const stack = await stackWith();
    const idp = stack.servers.idp.url;
    const message = 'This sign-in response is not valid here';

    for (const query of ['code=stolen-code&state=forged-state', 'code=stolen-code']) {
      const { page, record, context } = await newPage(browser);
      const tokens = tokenRequests(page, idp);
      await page.goto(`${stack.hostUrl}/auth/callback?${query}`);
      await page.locator('#atrium-notices').getByText(message, { exact: false }).waitFor();
      // The code left the address bar; the user lands on the start page, signed out.
      expect(new URL(page.url()).pathname).toBe('/accounts');
      expect(page.url()).not.toContain('code=');
      await page.getByText('Sign in to see your accounts').waitFor();
      expect(tokens.grants).toEqual([]);
      clean(record);
      await context.close();
    }

    // Replay: a real callback URL, used a second time in the same tab.
    const { page, record, context } = await newPage(browser);
    const tokens = tokenRequests(page, idp);
    let callback = '';
    page.on('request', (request) => {
      if (request.url().startsWith(`${stack.hostUrl}/auth/callback?`)) callback = request.url();
    });
    await signInFromAccounts(page, stack.hostUrl);
    expect(callback).toContain('code=');
    await page.goto(callback);
    await page.locator('#atrium-notices').getByText(message, { exact: false }).waitFor();
    await page.getByText('Sign in to see your accounts').waitFor();
    expect(tokens.grants.filter((g) => g === 'authorization_code')).toHaveLength(1);
    clean(record);
    await context.close();
  });

  it('Deny at the IdP: back where the user was, signed out, told so, and no redirect loop', async () => {
    const stack = await stackWith();
    const { page, record, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/vault`);
    await loginAtIdp(page, 'alice', 'Deny');
    await page.locator('#atrium-notices').getByText('Sign-in was cancelled, so you are still signed out.').waitFor();
    const note = page.locator('[data-auth-guard="fx_probe"]');
    await note.getByText('Sign in to see Vault').waitFor();
    await page.waitForTimeout(1_000);
    expect(page.url()).toBe(`${stack.hostUrl}/vault`);
    await expect(page.locator('.probe').count()).resolves.toBe(0);
    // A click (not the page) starts the next attempt.
    await note.getByRole('button', { name: 'Sign in' }).click();
    // The IdP remembers who signed in a moment ago, so it asks for consent again.
    await page.getByRole('button', { name: 'Allow' }).waitFor();
    clean(record);
    await context.close();
  });

  it('renews an expiring access token unnoticed, and retries a request refused in flight once', async () => {
    const stack = await stackWith({ accessTokenTtl: 3 });
    const api = stack.servers.customerApi.url;
    const { page, record, context } = await newPage(browser);
    const tokens = tokenRequests(page, stack.servers.idp.url);
    await signInFromAccounts(page, stack.hostUrl);

    // The token from sign-in runs out; the next call renews it first (a rotated refresh token).
    await page.waitForTimeout(3_500);
    await page.getByRole('link', { name: /Everyday account/ }).click();
    await page.getByRole('cell', { name: 'Salary June — Northwind Consulting GmbH' }).waitFor();
    expect(tokens.grants).toEqual(['authorization_code', 'refresh_token']);
    expect((await apiRequests(api)).every((r) => r.status === 200)).toBe(true);

    // Now the page believes its token is still good (its clock stands still) while the API,
    // past its 5 s leeway, refuses it: the call gets 401, the token is renewed, the call retried.
    await page.clock.setFixedTime(await page.evaluate(() => Date.now()));
    await page.waitForTimeout(9_000);
    await fetch(`${api}/__requests`, { method: 'DELETE' });
    await page.getByRole('link', { name: '← All accounts' }).click();
    await page.getByRole('link', { name: /Savings/ }).click();
    await page.getByRole('cell', { name: /Monthly savings/ }).first().waitFor();
    // Both calls of the view were refused once, shared one renewal, and were retried once.
    const calls = await apiRequests(api);
    expect(calls.map((c) => c.status).sort()).toEqual([200, 200, 401, 401]);
    expect(tokens.grants).toEqual(['authorization_code', 'refresh_token', 'refresh_token']);
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
    clean(record);
    await context.close();
  });

  it('refresh token revoked at the IdP: clean sign-out, data gone, no redirect loop', async () => {
    const stack = await stackWith({ accessTokenTtl: 2 });
    const { page, record, context } = await newPage(browser);
    await signInFromAccounts(page, stack.hostUrl);
    await page.getByRole('link', { name: /Everyday account/ }).waitFor();
    const revoked = await fetch(`${stack.servers.idp.url}/__revoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'alice' }) });
    expect(revoked.ok).toBe(true);
    await page.waitForTimeout(2_500);
    await page.getByRole('link', { name: /Everyday account/ }).click();
    const notice = page.locator('#atrium-notices');
    await notice.getByText('Your session has ended', { exact: false }).waitFor();
    await page.getByText('Sign in to see your accounts').waitFor();
    await page.locator('[data-mfe="navigation"]').getByRole('button', { name: 'Sign in' }).waitFor();
    await expect(page.getByText('Salary June', { exact: false }).count()).resolves.toBe(0);
    await page.waitForTimeout(1_000);
    expect(page.url().startsWith(stack.hostUrl)).toBe(true);
    clean(record);
    await context.close();
  });

  it('signs out here and at the IdP; every MFE updates, and the next sign-in asks for the password', async () => {
    const stack = await stackWith();
    const { page, record, context } = await newPage(browser);
    await signInFromAccounts(page, stack.hostUrl);
    await page.locator('[data-mfe="navigation"]').getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.getByText('Sign in to see your accounts').waitFor();
    expect(new URL(page.url()).pathname).toBe('/accounts');
    await page.locator('[data-mfe="accounts"]').getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Username').waitFor();
    clean(record);
    await context.close();
  });

  it('signs out without leaving the page when the IdP session is kept: MFEs hear it, tokens are gone', async () => {
    const stack = await stackWith({ auth: { endSessionAtIdp: false } });
    const { page, record, context } = await newPage(browser);
    await signInFromAccounts(page, stack.hostUrl);
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await page.locator('[data-mfe="navigation"]').getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('Sign in to see your accounts').waitFor();
    await page.locator('[data-mfe="navigation"]').getByRole('button', { name: 'Sign in' }).waitFor();
    await expect(page.getByText('Welcome back', { exact: false }).count()).resolves.toBe(0);
    await expect(page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).resolves.toBe(true);
    // Nothing reaches the customer API without a session any more.
    await fetch(`${stack.servers.customerApi.url}/__requests`, { method: 'DELETE' });
    await page.getByRole('link', { name: 'Spending insights' }).click();
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByText('Sign in to see your accounts').waitFor();
    await expect(apiRequests(stack.servers.customerApi.url)).resolves.toEqual([]);
    clean(record);
    await context.close();
  });
});

describe('content security policy', () => {
  it('runs sign-in, the MFEs and the APIs under the documented CSP: no eval, no inline script but the deploy step\'s (by hash)', async () => {
    const stack = await stackWith();
    const { servers } = stack;
    const mfeOrigins = [...Object.values(stack.urls), suite.fixturesUrl()].join(' ');
    const csp = [
      "default-src 'none'",
      `script-src 'self' ${mfeOrigins} ${BOOT_PRELOAD_CSP}`,
      // MFEs inject their own <style> elements.
      `style-src 'self' 'unsafe-inline' ${mfeOrigins}`,
      `connect-src 'self' ${mfeOrigins} ${servers.idp.url} ${servers.customerApi.url} ${servers.thirdPartyApi.url}`,
      "img-src 'self' data:",
      "font-src 'self'",
      "frame-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "object-src 'none'",
    ].join('; ');
    // The header is added by intercepting the page; Chromium then treats the page as public and
    // would block its loopback requests (Local Network Access), which a real deployment never meets.
    const lenient = await chromium.launch({
      executablePath: findChrome(),
      args: [...CHROME_ARGS, '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights'],
    });
    const { page, record, context } = await newPage(lenient);
    await page.route(`${stack.hostUrl}/**`, async (route) => {
      if (route.request().resourceType() !== 'document') return route.continue();
      const response = await route.fetch();
      // The deploy step's other inline script, the integrity import map, is allowed by its hash too.
      const hashes = inlineScriptHashes(await response.text()).join(' ');
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp.replace(BOOT_PRELOAD_CSP, hashes) } });
    });
    await page.addInitScript(() => {
      const seen: string[] = ((window as unknown as { __csp: string[] }).__csp = []);
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await signInFromAccounts(page, stack.hostUrl);
    // The IdP's redirect to the callback is not interceptable; reload (the session survives it)
    // so the signed-in page runs under the policy too.
    await page.reload();
    await page.getByText('Welcome back, Alice Martin.').waitFor();
    await page.getByRole('link', { name: /Everyday account/ }).click();
    await page.getByRole('cell', { name: 'Salary June — Northwind Consulting GmbH' }).waitFor();
    await page.getByRole('link', { name: 'Markets' }).click();
    await page.getByText('1 EUR buys').waitFor();
    await expect(page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).resolves.toEqual([]);
    // The policy is really in force: an injected inline script does not run.
    const injected = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = '(window).__injected = true';
      document.head.append(script);
      return (window as unknown as { __injected?: boolean }).__injected ?? false;
    });
    expect(injected).toBe(false);
    clean(record);
    await context.close();
    await lenient.close();
  });
});
