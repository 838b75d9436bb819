import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CookieSealer, parseCookies, setCookie } from './session.js';

const now = new Date('2026-06-01T12:00:00Z');
const later = (s: number) => new Date(now.getTime() + s * 1000);

describe('sealed cookies', () => {
  const sealer = new CookieSealer(randomBytes(32));

  it('opens what it sealed until it expires; the payload is not readable in the cookie', () => {
    const value = sealer.seal('session', { name: 'ann', accounts: ['acme'] }, later(60));
    expect(value).not.toContain('ann');
    expect(Buffer.from(value, 'base64url').toString('latin1')).not.toContain('acme');
    expect(sealer.open('session', value, later(59))).toEqual({ name: 'ann', accounts: ['acme'] });
    expect(sealer.open('session', value, later(60))).toBeNull();
  });

  it('refuses a changed value, another purpose, another key, and garbage', () => {
    const value = sealer.seal('session', { operator: false }, later(60));
    const raw = Buffer.from(value, 'base64url');
    raw[raw.length - 1]! ^= 1;
    expect(sealer.open('session', raw.toString('base64url'), now)).toBeNull();
    expect(sealer.open('signin', value, now)).toBeNull();
    expect(new CookieSealer(randomBytes(32)).open('session', value, now)).toBeNull();
    expect(sealer.open('session', 'not-a-cookie', now)).toBeNull();
    expect(sealer.open('session', '', now)).toBeNull();
  });

  it('sets HttpOnly, SameSite=Lax, an expiry, and Secure when asked', () => {
    expect(setCookie('a', 'b', { secure: true, maxAge: 60 })).toBe('a=b; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure');
    expect(setCookie('a', '', { secure: false, maxAge: 0 })).toBe('a=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
    expect(parseCookies('x=1; y=2; x=3')).toEqual(new Map([['x', '1'], ['y', '2']]));
  });
});
