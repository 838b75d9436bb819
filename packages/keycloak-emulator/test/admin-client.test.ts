// Compatibility with the real @keycloak/keycloak-admin-client, the library clientsync's adapter
// uses: authentication (password and client credentials), token renewal, and the client calls.
import KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { start } from './helpers.js';

describe('@keycloak/keycloak-admin-client against the emulator', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await start();
  });
  afterAll(() => emulator.close());

  it('logs in as the admin and manages a client end to end', async () => {
    const kc = new KeycloakAdminClient({ baseUrl: emulator.url, realmName: 'master' });
    await kc.auth({ grantType: 'password', clientId: 'admin-cli', username: emulator.adminUsername, password: emulator.adminPassword });
    const realm = 'insights';
    const { id } = await kc.clients.create({ realm, clientId: 'acme_reporting', name: 'Reporting', serviceAccountsEnabled: true });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const found = await kc.clients.find({ realm, clientId: 'acme_reporting' });
    expect(found.map((c) => c.id)).toEqual([id]);
    const one = await kc.clients.findOne({ realm, id });
    expect(one).toMatchObject({ clientId: 'acme_reporting', name: 'Reporting', publicClient: false });
    await kc.clients.update({ realm, id }, { clientId: 'acme_reporting', description: 'test' });
    expect((await kc.clients.findOne({ realm, id }))?.description).toBe('test');

    const secret = await kc.clients.getClientSecret({ realm, id });
    expect(Object.keys(secret).sort()).toEqual(['type', 'value']);
    const fresh = await kc.clients.generateNewClientSecret({ realm, id });
    expect(await kc.clients.getClientSecret({ realm, id })).toEqual(fresh);

    const scopes = await kc.clientScopes.find({ realm });
    const datahub = scopes.find((s) => s.name === 'datahub-api');
    expect(datahub?.id).toBeDefined();
    await kc.clients.addDefaultClientScope({ realm, id, clientScopeId: datahub?.id ?? '' });
    expect((await kc.clients.listDefaultClientScopes({ realm, id })).map((s) => s.name)).toContain('datahub-api');
    await kc.clients.delDefaultClientScope({ realm, id, clientScopeId: datahub?.id ?? '' });
    expect((await kc.clients.listDefaultClientScopes({ realm, id })).map((s) => s.name)).not.toContain('datahub-api');

    const user = await kc.clients.getServiceAccountUser({ realm, id });
    expect(user.username).toBe('service-account-acme_reporting');

    await kc.clients.del({ realm, id });
    expect(await kc.clients.findOne({ realm, id })).toBeNull();
  });

  it('surfaces Keycloak’s errors as NetworkError with status and body', async () => {
    const kc = new KeycloakAdminClient({ baseUrl: emulator.url, realmName: 'master' });
    await kc.auth({ grantType: 'client_credentials', clientId: emulator.serviceAccount.clientId, clientSecret: emulator.serviceAccount.clientSecret });
    await kc.clients.create({ realm: 'insights', clientId: 'acme_dup' });
    const error = await kc.clients.create({ realm: 'insights', clientId: 'acme_dup' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: 'Client acme_dup already exists', response: { status: 409 }, responseData: { errorMessage: 'Client acme_dup already exists' } });
    const invalid = await kc.clients.create({ realm: 'insights', clientId: 'acme_js', redirectUris: ['javascript:alert(1)'] }).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ response: { status: 400 }, responseData: { error: 'invalid_input', error_description: 'A redirect URI uses an illegal scheme' } });
    // The service account may manage clients but not create realms.
    const forbidden = await kc.realms.create({ realm: 'nope', enabled: true }).catch((e: unknown) => e);
    expect(forbidden).toMatchObject({ response: { status: 403 } });
  });

  it('renews an expired admin token transparently with the refresh token', async () => {
    const short = await start({ tokenLifespanSeconds: 1 });
    try {
      const kc = new KeycloakAdminClient({ baseUrl: short.url, realmName: 'master' });
      await kc.auth({ grantType: 'password', clientId: 'admin-cli', username: 'admin', password: 'admin' });
      const before = kc.accessToken;
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await kc.clients.find({ realm: 'insights', clientId: 'admin-cli' })).length).toBe(1);
      expect(kc.accessToken).not.toBe(before);
      expect(short.stats().requests.byRoute['POST /realms/{realm}/protocol/openid-connect/token']).toBeGreaterThanOrEqual(2);
    } finally {
      await short.close();
    }
  });
});
