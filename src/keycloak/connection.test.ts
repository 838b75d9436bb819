import { describe, expect, it } from 'vitest';
import { UsageError } from '../model/errors.js';
import { connectionFromEnv } from './connection.js';

describe('connection settings from the environment', () => {
  it('prefers a service account and defaults the auth realm to master', () => {
    expect(connectionFromEnv({ KEYCLOAK_URL: 'https://sso.example/', KEYCLOAK_CLIENT_ID: 'cs', KEYCLOAK_CLIENT_SECRET: 'x' })).toEqual({
      url: 'https://sso.example',
      authRealm: 'master',
      credentials: { kind: 'client', clientId: 'cs', clientSecret: 'x' },
    });
  });
  it('accepts an admin user', () => {
    expect(connectionFromEnv({ KEYCLOAK_URL: 'http://127.0.0.1:8080', KEYCLOAK_USERNAME: 'admin', KEYCLOAK_PASSWORD: 'pw', KEYCLOAK_AUTH_REALM: 'ops' }).credentials).toEqual({
      kind: 'password',
      username: 'admin',
      password: 'pw',
    });
  });
  it.each([
    [{}, /KEYCLOAK_URL is not set/],
    [{ KEYCLOAK_URL: 'sso.example' }, /is not a URL/],
    [{ KEYCLOAK_URL: 'ftp://sso.example' }, /must start with https/],
    [{ KEYCLOAK_URL: 'https://sso.example' }, /no Keycloak credentials/],
    [{ KEYCLOAK_URL: 'https://sso.example', KEYCLOAK_CLIENT_ID: 'cs' }, /only KEYCLOAK_CLIENT_ID is set/],
    [{ KEYCLOAK_URL: 'https://sso.example', KEYCLOAK_PASSWORD: 'topsecret' }, /only KEYCLOAK_PASSWORD is set/],
  ])('%j is a usage error', (env, message) => {
    let caught: unknown;
    try {
      connectionFromEnv(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).not.toContain('topsecret');
  });
  it('refuses plain http to another host unless --insecure-http says so (#12.11)', () => {
    const creds = { KEYCLOAK_CLIENT_ID: 'cs', KEYCLOAK_CLIENT_SECRET: 'x' };
    for (const url of ['http://sso.example.com', 'http://10.0.0.7:8080', 'http://keycloak.keycloak.svc:8080/auth']) {
      expect(() => connectionFromEnv({ KEYCLOAK_URL: url, ...creds })).toThrow(UsageError);
      expect(() => connectionFromEnv({ KEYCLOAK_URL: url, ...creds })).toThrow(/--insecure-http/);
      expect(connectionFromEnv({ KEYCLOAK_URL: url, ...creds }, { insecureHttp: true }).url).toBe(url);
    }
    for (const url of ['http://localhost:8080', 'http://127.0.0.1:8180', 'http://[::1]:8080', 'https://sso.example.com']) {
      expect(connectionFromEnv({ KEYCLOAK_URL: url, ...creds }).url).toBe(url);
    }
  });
});
