import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assetHeaders, hostCsp, hostPageHeaders, inlineScriptHashes, nginxSnippet } from './security-headers.mjs';

const sha = (text: string) => `'sha256-${crypto.createHash('sha256').update(text).digest('base64')}'`;
const html = [
  '<html><head><script type="importmap" id="atrium-integrity">{"integrity":{}}</script>',
  '<script type="application/json" id="atrium-config">{"a":1}</script>',
  '<script id="atrium-boot-preload">(function(){})()</script>',
  '<script type="module" crossorigin src="/assets/index-1.js"></script></head></html>',
].join('');
const config = {
  allowedOrigins: ['https://cdn.example.com'],
  apis: { customers: { baseUrl: 'https://api.example.com/v1' } },
  auth: { authority: 'https://login.example.com/realms/bank' },
  overrides: { enabled: false, allowedOrigins: ['http://localhost:*'] },
};
const manifest = { mfes: [{ entry: 'https://mfe.example.org/accounts/1.0.0/remoteEntry.js' }] };
const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

describe('inlineScriptHashes', () => {
  it('hashes every inline script the browser executes and skips JSON data and external scripts', () => {
    expect(inlineScriptHashes(html)).toEqual([sha('{"integrity":{}}'), sha('(function(){})()')]);
  });
});

describe('hostCsp', () => {
  const csp = hostCsp({ html, config, manifest });

  it('allows scripts only from the host, the MFE origins and the page\'s own hashed inline scripts', () => {
    expect(directive(csp, 'script-src')).toBe(`script-src 'self' https://cdn.example.com https://mfe.example.org ${sha('{"integrity":{}}')} ${sha('(function(){})()')}`);
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(directive(csp, 'script-src')).not.toMatch(/unsafe-inline|\*/);
  });

  it('lets the page talk to the host, MFEs, APIs and the IdP only', () => {
    expect(directive(csp, 'connect-src')).toBe("connect-src 'self' https://cdn.example.com https://mfe.example.org https://api.example.com https://login.example.com");
  });

  it('adds the telemetry collector when the deployment turns telemetry on, and nothing when it does not', () => {
    const traced = hostCsp({ html, config: { ...config, telemetry: { endpoint: 'https://otel.example.net:4318/v1/traces' } }, manifest });
    expect(directive(traced, 'connect-src')).toBe("connect-src 'self' https://cdn.example.com https://mfe.example.org https://api.example.com https://login.example.com https://otel.example.net:4318");
    expect(directive(hostCsp({ html, config: { ...config, telemetry: { sampleRate: 1 } }, manifest }), 'connect-src')).toBe(directive(csp, 'connect-src'));
  });

  it('refuses framing and requires Trusted Types by default; overrides add the dev origins', () => {
    expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(csp).toContain("require-trusted-types-for 'script'; trusted-types atrium#integrity");
    const dev = hostCsp({ html, config: { ...config, overrides: { enabled: true, allowedOrigins: ['http://localhost:*'] } }, manifest, frameAncestors: ['https://portal.example.com/some/path'], trustedTypes: false });
    expect(directive(dev, 'script-src')).toContain('http://localhost:*');
    expect(directive(dev, 'frame-ancestors')).toBe('frame-ancestors https://portal.example.com');
    expect(dev).not.toMatch(/trusted-types/);
  });

  it('refuses a frame ancestor that is not an origin, naming it', () => {
    expect(() => hostCsp({ html, config, manifest, frameAncestors: ['not a url'] })).toThrow(/frameAncestors: "not a url" is not an origin/);
  });
});

describe('hostPageHeaders', () => {
  it('sends nosniff, the referrer policy, COOP and X-Frame-Options when no one may frame', () => {
    expect(hostPageHeaders({ html, config, manifest })).toMatchObject({
      'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'strict-origin-when-cross-origin', 'Cross-Origin-Opener-Policy': 'same-origin', 'X-Frame-Options': 'DENY',
    });
    expect(hostPageHeaders({ html, config, manifest, frameAncestors: ['https://portal.example.com'] })['X-Frame-Options']).toBeUndefined();
  });
});

describe('assetHeaders', () => {
  it('echoes a listed origin only, never *, and caches hashed files forever', () => {
    expect(assetHeaders({ origin: 'https://host.example', allowedOrigins: ['https://host.example'], hashed: true })).toMatchObject({
      'Access-Control-Allow-Origin': 'https://host.example', 'Cache-Control': 'public, max-age=31536000, immutable', 'X-Content-Type-Options': 'nosniff', Vary: 'Origin',
    });
    expect(assetHeaders({ origin: 'https://evil.example', allowedOrigins: ['https://host.example'], hashed: false })['Access-Control-Allow-Origin']).toBeUndefined();
  });
});

describe('nginxSnippet', () => {
  it('prints the same page headers and the CORS allow-list as nginx directives', () => {
    const page = hostPageHeaders({ html, config, manifest });
    const snippet = nginxSnippet({ page, corsOrigins: ['https://cms.example.com', 'http://localhost:*'] });
    expect(snippet).toContain(`add_header Content-Security-Policy "${page['Content-Security-Policy']}" always;`);
    expect(snippet).toContain('add_header X-Frame-Options "DENY" always;');
    expect(snippet).toContain('"https://cms.example.com" $http_origin;');
    expect(snippet).toContain('"~^http://(localhost|127\\.0\\.0\\.1|\\[::1\\])(:[0-9]+)?$" $http_origin;');
    expect(snippet).not.toMatch(/Access-Control-Allow-Origin "\*"/);
  });
});
