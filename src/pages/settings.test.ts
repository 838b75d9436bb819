import { describe, expect, it } from 'vitest';
import { githubCommitUrl, safeHref } from './format.js';
import { accessSettingsFromEnv, isLoopbackHost } from './settings.js';

const oidc = {
  CLIENTSYNC_OIDC_ISSUER: 'https://sso.example/realms/insights',
  CLIENTSYNC_OIDC_CLIENT_ID: 'clientsync-pages',
  CLIENTSYNC_OIDC_REDIRECT_URL: 'https://clientsync.example/auth/callback',
};

describe('access settings from the environment', () => {
  it('is off without settings; sign-in needs all three of issuer, client id and redirect URL', () => {
    expect(accessSettingsFromEnv({})).toEqual({ signIn: null, statusToken: null });
    expect(() => accessSettingsFromEnv({ CLIENTSYNC_OIDC_ISSUER: oidc.CLIENTSYNC_OIDC_ISSUER })).toThrow(/missing CLIENTSYNC_OIDC_CLIENT_ID, CLIENTSYNC_OIDC_REDIRECT_URL/);
    expect(() => accessSettingsFromEnv({ CLIENTSYNC_OIDC_CLIENT_SECRET: 's' })).toThrow(/without CLIENTSYNC_OIDC_ISSUER/);
  });

  it('reads sign-in with defaults, the secret from the environment only', () => {
    const s = accessSettingsFromEnv({ ...oidc, CLIENTSYNC_OIDC_CLIENT_SECRET: 'sekret' }).signIn!;
    expect(s.clientSecret).toBe('sekret');
    expect(s.postLogoutUrl.href).toBe('https://clientsync.example/signed-out');
    expect(s.rules).toEqual({ accountsClaim: 'groups', operatorRole: 'clientsync-operator' });
    expect(s.sessionSeconds).toBe(8 * 3600);
    expect(s.sessionKey).toBeNull();
  });

  it('refuses plain http to a non-loopback issuer, a short status token, a bad session key', () => {
    expect(() => accessSettingsFromEnv({ ...oidc, CLIENTSYNC_OIDC_ISSUER: 'http://sso.example/realms/x' })).toThrow(/must be https/);
    expect(accessSettingsFromEnv({ ...oidc, CLIENTSYNC_OIDC_ISSUER: 'http://127.0.0.1:8080/realms/x' }).signIn!.issuer.host).toBe('127.0.0.1:8080');
    expect(() => accessSettingsFromEnv({ CLIENTSYNC_STATUS_TOKEN: 'short' })).toThrow(/shorter than 16/);
    expect(() => accessSettingsFromEnv({ ...oidc, CLIENTSYNC_SESSION_KEY: 'abcd' })).toThrow(/base64 of 32 bytes/);
    expect(accessSettingsFromEnv({ CLIENTSYNC_STATUS_TOKEN: 'a'.repeat(32) }).statusToken).toBe('a'.repeat(32));
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', 'localhost'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', '192.168.1.2', 'example.com'].some(isLoopbackHost)).toBe(false);
  });
});

describe('links', () => {
  it('makes links of http(s) URLs only', () => {
    expect(safeHref('https://a.example/x')).toBe('https://a.example/x');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<script>')).toBeNull();
    expect(safeHref('/relative')).toBeNull();
  });

  it('links commits on GitHub only, with a sha', () => {
    const sha = 'a'.repeat(40);
    expect(githubCommitUrl('https://github.com/acme/clients.git', sha)).toBe(`https://github.com/acme/clients/commit/${sha}`);
    expect(githubCommitUrl('git@github.com:acme/clients.git', sha)).toBe(`https://github.com/acme/clients/commit/${sha}`);
    expect(githubCommitUrl('https://gitlab.com/acme/clients.git', sha)).toBeNull();
    expect(githubCommitUrl('https://github.com/acme/clients', 'not a sha')).toBeNull();
    expect(githubCommitUrl(null, sha)).toBeNull();
  });
});
