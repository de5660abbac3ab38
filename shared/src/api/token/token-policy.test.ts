import { describe, expect, it } from 'vitest';
import { mayCarryToken } from './token-policy.js';

describe('mayCarryToken', () => {
  it('allows the exact configured origin, default ports included', () => {
    expect(mayCarryToken('http://api.x/v1/accounts', 'http://api.x')).toBe(true);
    expect(mayCarryToken('https://api.x:443/v1', 'https://api.x')).toBe(true);
  });

  it('refuses a look-alike host that merely starts with the API origin', () => {
    expect(mayCarryToken('http://api.x.evil/v1', 'http://api.x')).toBe(false);
    expect(mayCarryToken('http://api.xevil/v1', 'http://api.x')).toBe(false);
  });

  it('refuses userinfo tricks, other ports, other schemes and subdomains', () => {
    expect(mayCarryToken('http://api.x@evil.example/v1', 'http://api.x')).toBe(false);
    expect(mayCarryToken('http://user:pw@api.x/v1', 'http://api.x')).toBe(false);
    expect(mayCarryToken('http://api.x:8080/v1', 'http://api.x')).toBe(false);
    expect(mayCarryToken('https://api.x/v1', 'http://api.x')).toBe(false);
    expect(mayCarryToken('http://evil.api.x/v1', 'http://api.x')).toBe(false);
  });

  it('refuses relative, protocol-relative, opaque and unparsable URLs', () => {
    expect(mayCarryToken('//api.x/v1', 'http://api.x')).toBe(false);
    expect(mayCarryToken('/v1/accounts', 'http://api.x')).toBe(false);
    expect(mayCarryToken('data:text/plain,x', 'null')).toBe(false);
    expect(mayCarryToken('http://[::1', 'http://api.x')).toBe(false);
  });
});
