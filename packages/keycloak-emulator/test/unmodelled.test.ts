// What the emulator does not model is refused with 501 naming it, never answered with a
// success that drops the data (Keycloak's own keycloak-admin-client tests showed
// `authorizationServicesEnabled: true` answered 204 and silently dropped). Requests that lose
// nothing still pass, so a GET → PUT round trip of what the emulator reports works.
import KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { adminToken, call, idOf, start, type Answer } from './helpers.js';

const notModelled = (what: RegExp | string): unknown => ({
  error: 'not_modelled',
  error_description: expect.stringMatching(typeof what === 'string' ? new RegExp(what.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : what),
});

describe('what the emulator does not model', () => {
  let emulator: RunningEmulator;
  let token: string;
  const clients = '/admin/realms/insights/clients';
  const api = (method: string, path: string, body?: unknown): Promise<Answer> =>
    call(emulator.url, method, path, { token, ...(body === undefined ? {} : { body }) });
  beforeAll(async () => {
    emulator = await start();
    token = await adminToken(emulator);
  });
  afterAll(() => emulator.close());

  it('refuses a client with authorization services on create (nothing is created) and on update (nothing changes)', async () => {
    const refused = await api('POST', clients, { clientId: 'acme_authz', authorizationServicesEnabled: true });
    expect([refused.status, refused.json]).toEqual([501, notModelled('authorizationServicesEnabled: true')]);
    expect((await api('GET', `${clients}?clientId=acme_authz`)).json).toEqual([]);

    const id = idOf(await api('POST', clients, { clientId: 'acme_plain', description: 'before', authorizationServicesEnabled: false }));
    const update = await api('PUT', `${clients}/${id}`, { description: 'after', authorizationServicesEnabled: true });
    expect([update.status, update.json]).toEqual([501, notModelled('authorizationServicesEnabled: true')]);
    expect(((await api('GET', `${clients}/${id}`)).json as { description: string }).description).toBe('before');
  });

  it('names every unmodelled client field of one body: authorization settings, default roles, registration token', async () => {
    const r = await api('POST', clients, {
      clientId: 'acme_many',
      authorizationSettings: { policyEnforcementMode: 'ENFORCING' },
      defaultRoles: ['reader'],
      registrationAccessToken: 'abc',
    });
    expect(r.status).toBe(501);
    expect(r.json).toEqual(notModelled(/authorizationSettings.*defaultRoles.*registrationAccessToken/));
  });

  it('passes a GET → PUT round trip of its own client representation', async () => {
    const id = idOf(await api('POST', clients, { clientId: 'acme_roundtrip' }));
    const rep = (await api('GET', `${clients}/${id}`)).json as Record<string, unknown>;
    expect((await api('PUT', `${clients}/${id}`, rep)).status).toBe(204);
  });

  it('answers a Keycloak endpoint it does not model with 501 naming it, and unknown paths with 404 as before', async () => {
    const groups = await api('GET', '/admin/realms/insights/groups');
    expect([groups.status, groups.json]).toEqual([501, notModelled('GET /admin/realms/{realm}/groups')]);
    const id = idOf(await api('POST', clients, { clientId: 'acme_mappers' }));
    const mappers = await api('GET', `${clients}/${id}/protocol-mappers/models`);
    expect([mappers.status, mappers.json]).toEqual([501, notModelled('GET /admin/realms/{realm}/clients/{id}/protocol-mappers/models')]);
    // The client is looked up first, as in Keycloak.
    const unknownClient = await api('GET', `${clients}/00000000-0000-0000-0000-000000000000/protocol-mappers/models`);
    expect([unknownClient.status, unknownClient.json]).toEqual([404, { error: 'Could not find client' }]);
    // A write Keycloak has where the emulator serves only reads.
    const role = await api('POST', '/admin/realms/insights/roles', { name: 'reader' });
    expect([role.status, role.json]).toEqual([501, notModelled('POST /admin/realms/{realm}/roles')]);
    // Not Keycloak endpoints: Keycloak's own answers.
    expect((await api('GET', '/admin/realms/insights/nothing')).status).toBe(404);
    expect((await api('PATCH', clients, {})).status).toBe(405);
    expect((await api('GET', '/admin/realms/nope/groups')).json).toEqual({ error: 'Realm not found.' });
  });

  it('refuses realm fields it would drop, and passes a realm GET → PUT round trip', async () => {
    const imported = await api('POST', '/admin/realms', { realm: 'imported', enabled: true, clients: [{ clientId: 'x' }], sslRequired: 'none' });
    expect([imported.status, imported.json]).toEqual([501, notModelled('the realm fields clients, sslRequired')]);
    expect((await api('GET', '/admin/realms/imported')).status).toBe(404);

    const rep = (await api('GET', '/admin/realms/insights')).json as Record<string, unknown>;
    expect((await api('PUT', '/admin/realms/insights', { ...rep, displayName: 'Insights' })).status).toBe(204);
    expect((await api('PUT', '/admin/realms/insights', { bruteForceProtected: true })).status).toBe(501);
  });

  it('reaches @keycloak/keycloak-admin-client as a failed call, as in its clients.spec.ts', async () => {
    const kc = new KeycloakAdminClient({ baseUrl: emulator.url, realmName: 'master' });
    await kc.auth({ grantType: 'password', clientId: 'admin-cli', username: emulator.adminUsername, password: emulator.adminPassword });
    const failure = await kc.clients
      .create({ realm: 'insights', clientId: 'acme_spec', authorizationServicesEnabled: true })
      .then(() => null, (e: unknown) => e as { response?: { status: number } });
    expect(failure?.response?.status).toBe(501);
    expect(await kc.clients.find({ realm: 'insights', clientId: 'acme_spec' })).toEqual([]);
  });
});
