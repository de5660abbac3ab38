// Whether an inline <script> (the integrity import map) can run on this page, asked before one
// is added: on a page whose Content-Security-Policy refuses it, the attempt fails anyway and
// Chromium logs two "Executing inline script violates…" errors a site owner then has to look
// into — on every page of a CMS site that follows the README's policy. Such a page gets its
// files verified by preloads instead (enforceIntegrity), as secure for what a load can reach.

/** Per tab: a refused import map on one page of this origin is assumed for the next ones. */
const MEMO = 'atrium:import-map-refused';

/**
 * False when the page's own `<meta http-equiv="Content-Security-Policy">` refuses a script element
 * added now (no `'unsafe-inline'` in effect, no nonce this page's scripts carry for us to reuse),
 * or when an earlier page of this origin in this tab found it refused (a policy sent as a header
 * cannot be read from the page). True otherwise: then the attempt tells.
 */
export function inlineScriptsAllowed(doc: Document, nonce: string | undefined): boolean {
  if (readMemo()) return false;
  for (const meta of doc.querySelectorAll<HTMLMetaElement>('meta[http-equiv]')) {
    if (meta.httpEquiv.toLowerCase() !== 'content-security-policy') continue;
    if (!policyAllowsInline(meta.content, nonce)) return false;
  }
  return true;
}

/** After the browser refused one (a header policy): later pages of this origin skip the attempt. */
export function rememberInlineScriptsRefused(): void {
  try {
    sessionStorage.setItem(MEMO, '1');
  } catch {
    // Storage off: each page finds out again.
  }
}

function readMemo(): boolean {
  try {
    return sessionStorage.getItem(MEMO) === '1';
  } catch {
    return false;
  }
}

/**
 * Whether one policy lets a script element inserted by script run: the directive that governs
 * it (`script-src-elem`, else `script-src`, else `default-src`; none: allowed) must have
 * `'unsafe-inline'` without a nonce, hash or `'strict-dynamic'` (any of which switch it off), or
 * a nonce equal to the one we set on the element.
 */
export function policyAllowsInline(policy: string, nonce: string | undefined): boolean {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), values);
  }
  const sources = directives.get('script-src-elem') ?? directives.get('script-src') ?? directives.get('default-src');
  if (!sources) return true;
  const lower = sources.map((s) => s.toLowerCase());
  if (nonce && sources.includes(`'nonce-${nonce}'`)) return true;
  const disabling = lower.some((s) => s.startsWith("'nonce-") || s.startsWith("'sha256-") || s.startsWith("'sha384-") || s.startsWith("'sha512-") || s === "'strict-dynamic'");
  return lower.includes("'unsafe-inline'") && !disabling;
}
