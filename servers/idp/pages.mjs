/**
 * The IdP's HTML pages: plain, self-contained (no fonts or other network requests), accessible
 * labels so e2e tests can find fields by role and name.
 */

/** @param {unknown} value */
export function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
};

const STYLE = `body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f3f4f6;color:#111827;margin:0}
main{max-width:22rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:.5rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}
h1{font-size:1.4rem;margin:0 0 1rem}label{display:block;margin:.75rem 0 .25rem;font-weight:600}
input{width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #9ca3af;border-radius:.25rem;font:inherit}
button{font:inherit;padding:.55rem 1rem;border-radius:.25rem;border:1px solid #1d4ed8;background:#1d4ed8;color:#fff;cursor:pointer;margin-top:1rem}
button.secondary{background:#fff;color:#1d4ed8}.error{color:#b91c1c;font-weight:600}.hint{color:#4b5563;font-size:.875rem}
ul{padding-left:1.2rem}`;

/** @param {string} title @param {string} body */
export function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/**
 * @param {{ uid: string, clientName: string, error?: string | undefined, username?: string | undefined, hint?: string | undefined }} locals
 */
export function loginPage({ uid, clientName, error, username, hint }) {
  const base = `/interaction/${encodeURIComponent(uid)}`;
  return page('Sign in', `<h1>Sign in</h1>
<p class="hint">to continue to ${escapeHtml(clientName)}</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${base}/login" autocomplete="off">
<label for="username">Username</label><input id="username" name="username" required autofocus value="${escapeHtml(username ?? '')}">
<label for="password">Password</label><input id="password" name="password" type="password" required>
<button type="submit">Sign in</button>
</form>
<form method="post" action="${base}/abort"><button type="submit" class="secondary">Cancel</button></form>
${hint ? `<p class="hint">${escapeHtml(hint)}</p>` : ''}`);
}

/** What each scope lets the client do, in the user's words. */
const SCOPE_TEXT = /** @type {Record<string, string>} */ ({
  'openid': 'Know who you are',
  'profile': 'See your name',
  'email': 'See your email address',
  'offline_access': 'Stay signed in when you are away',
  'accounts:read': 'See your accounts and transactions',
  'transfers:write': 'Make transfers from your accounts',
});

/**
 * @param {{ uid: string, clientName: string, userName: string, scopes: string[] }} locals
 */
export function consentPage({ uid, clientName, userName, scopes }) {
  const base = `/interaction/${encodeURIComponent(uid)}`;
  const items = scopes.map((s) => `<li>${escapeHtml(SCOPE_TEXT[s] ?? s)}</li>`).join('');
  return page('Authorize', `<h1>Authorize ${escapeHtml(clientName)}</h1>
<p>Signed in as <strong>${escapeHtml(userName)}</strong>. ${escapeHtml(clientName)} would like to:</p>
<ul>${items}</ul>
<form method="post" action="${base}/confirm"><button type="submit">Allow</button></form>
<form method="post" action="${base}/abort"><button type="submit" class="secondary">Deny</button></form>`);
}

/** @param {Record<string, unknown>} out */
export function errorPage(out) {
  const rows = Object.entries(out).map(([k, v]) => `<p><strong>${escapeHtml(k)}</strong>: ${escapeHtml(v)}</p>`).join('');
  return page('Sign-in error', `<h1>Something went wrong</h1>${rows}`);
}

/** @param {string} form oidc-provider's hidden logout form (id op.logoutForm) */
export function logoutPage(form) {
  return page('Sign out', `<h1>Sign out?</h1>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Yes, sign me out</button>
<button type="submit" form="op.logoutForm" class="secondary">No, stay signed in</button>`);
}

export function loggedOutPage() {
  return page('Signed out', '<h1>You are signed out</h1><p>You can close this window.</p>');
}
