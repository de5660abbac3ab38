import { afterEach, describe, expect, it } from 'vitest';
import { inlineScriptsAllowed, policyAllowsInline, rememberInlineScriptsRefused } from './inline-scripts.js';

afterEach(() => {
  sessionStorage.clear();
  for (const meta of document.querySelectorAll('meta[http-equiv]')) meta.remove();
});

describe('policyAllowsInline', () => {
  it('reads the directive that governs a script element, as the browser does', () => {
    // What the README tells a CMS page to send: no inline script.
    expect(policyAllowsInline("default-src 'none'; script-src https://app.example https://cdn.example; style-src https://cdn.example", undefined)).toBe(false);
    expect(policyAllowsInline("script-src 'self' 'unsafe-inline'", undefined)).toBe(true);
    // A hash, a nonce or 'strict-dynamic' switches 'unsafe-inline' off.
    expect(policyAllowsInline("script-src 'unsafe-inline' 'sha256-abc='", undefined)).toBe(false);
    expect(policyAllowsInline("script-src 'unsafe-inline' 'nonce-xyz'", undefined)).toBe(false);
    expect(policyAllowsInline("script-src 'unsafe-inline' 'strict-dynamic'", undefined)).toBe(false);
    // The page's own nonce, which the import map then carries.
    expect(policyAllowsInline("script-src 'nonce-xyz'", 'xyz')).toBe(true);
    // script-src-elem first, then script-src, then default-src; none of them: no restriction.
    expect(policyAllowsInline("script-src 'unsafe-inline'; script-src-elem 'self'", undefined)).toBe(false);
    expect(policyAllowsInline("default-src 'self'", undefined)).toBe(false);
    expect(policyAllowsInline("img-src *", undefined)).toBe(true);
  });
});

describe('inlineScriptsAllowed', () => {
  it('follows every CSP meta element of the page', () => {
    expect(inlineScriptsAllowed(document, undefined)).toBe(true);
    document.head.insertAdjacentHTML('beforeend', `<meta http-equiv="Content-Security-Policy" content="script-src 'self' 'unsafe-inline'">`);
    expect(inlineScriptsAllowed(document, undefined)).toBe(true);
    document.head.insertAdjacentHTML('beforeend', `<meta http-equiv="content-security-policy" content="script-src https://app.example">`);
    expect(inlineScriptsAllowed(document, undefined)).toBe(false);
  });

  it('remembers, for the tab, a refusal it could not read (a policy sent as a header)', () => {
    expect(inlineScriptsAllowed(document, undefined)).toBe(true);
    rememberInlineScriptsRefused();
    expect(inlineScriptsAllowed(document, undefined)).toBe(false);
  });
});
