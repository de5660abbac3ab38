import { readText } from '../http/respond.mjs';
import { PAGE_HEADERS, loginPage, consentPage, errorPage } from './pages.mjs';

/**
 * Login and consent pages for oidc-provider's interactions (`interactions.url` points here):
 *
 *   GET  /interaction/:uid          the login or consent page, whichever prompt is pending
 *   POST /interaction/:uid/login    username + password (form)
 *   POST /interaction/:uid/confirm  grants what the client asked for
 *   POST /interaction/:uid/abort    access_denied back to the client
 */

/** @typedef {import('oidc-provider').default} Provider */
/** @typedef {ReturnType<typeof import('./accounts.mjs').createAccountStore>} AccountStore */

const PATH = /^\/interaction\/([\w-]+)(?:\/(login|confirm|abort))?$/;

/**
 * @param {{ provider: Provider, accounts: AccountStore, loginHint: string | undefined, log: (m: string) => void }} deps
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>}
 *   resolves true when it answered the request
 */
export function createInteractionHandler({ provider, accounts, loginHint, log }) {
  return async (req, res) => {
    const match = PATH.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (!match) return false;
    const [, uid = '', action] = match;
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== uid) throw new Error('interaction does not match this browser session');
      const client = await provider.Client.find(String(details.params.client_id));
      const clientName = client?.clientName ?? String(details.params.client_id);

      if (req.method === 'GET' && !action) {
        if (details.prompt.name === 'login') return send(res, 200, loginPage({ uid, clientName, hint: loginHint }));
        const sub = String(details.session?.accountId ?? '');
        return send(res, 200, consentPage({ uid, clientName, userName: accounts.nameOf(sub) ?? sub, scopes: await requestedScopes(provider, details) }));
      }
      if (req.method !== 'POST' || !action) return send(res, 405, errorPage({ error: 'method not allowed' }));

      const form = new URLSearchParams(await readText(req, 16 * 1024));
      if (action === 'abort') {
        await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false });
        return true;
      }
      if (action === 'login') {
        const username = form.get('username') ?? '';
        const user = accounts.authenticate(username, form.get('password') ?? '');
        if (!user) return send(res, 401, loginPage({ uid, clientName, username, hint: loginHint, error: 'Wrong username or password.' }));
        await provider.interactionFinished(req, res, { login: { accountId: user.username } }, { mergeWithLastSubmission: false });
        return true;
      }
      await provider.interactionFinished(req, res, { consent: { grantId: await grantConsent(provider, details) } }, { mergeWithLastSubmission: true });
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`interaction ${uid} failed: ${message}`);
      return send(res, 400, errorPage({ error: 'invalid_request', error_description: `${message}. Start the sign-in again from the application.` }));
    }
  };
}

/**
 * Records the user's consent on the grant: exactly what the pending consent prompt reports missing.
 * @param {Provider} provider
 * @param {Awaited<ReturnType<Provider['interactionDetails']>>} details
 */
async function grantConsent(provider, details) {
  if (details.prompt.name !== 'consent') throw new Error(`expected the consent prompt, the pending prompt is ${details.prompt.name}`);
  const { grantId, session, params } = details;
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: String(session?.accountId), clientId: String(params.client_id) });
  if (!grant) throw new Error('grant not found');
  const missing = /** @type {{ missingOIDCScope?: string[], missingOIDCClaims?: string[], missingResourceScopes?: Record<string, string[]> }} */ (details.prompt.details);
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
  return grant.save();
}

/**
 * What the consent page lists: the scopes not yet granted, or (a client that asks every time)
 * everything its grant holds.
 * @param {Provider} provider
 * @param {Awaited<ReturnType<Provider['interactionDetails']>>} details
 */
async function requestedScopes(provider, details) {
  const missing = /** @type {{ missingOIDCScope?: string[], missingResourceScopes?: Record<string, string[]> }} */ (details.prompt.details);
  const scopes = new Set(missing.missingOIDCScope ?? []);
  for (const list of Object.values(missing.missingResourceScopes ?? {})) for (const s of list) scopes.add(s);
  if (scopes.size === 0 && details.grantId) {
    const grant = await provider.Grant.find(details.grantId);
    for (const s of (grant?.getOIDCScope() ?? '').split(' ')) scopes.add(s);
    for (const indicator of Object.keys(grant?.resources ?? {})) for (const s of (grant?.getResourceScope(indicator) ?? '').split(' ')) scopes.add(s);
  }
  scopes.delete('');
  return [...scopes];
}

/** @param {import('node:http').ServerResponse} res @param {number} status @param {string} html */
function send(res, status, html) {
  res.writeHead(status, PAGE_HEADERS);
  res.end(html);
  return true;
}
