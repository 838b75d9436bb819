// The client rules the emulator reproduces from Keycloak 26.7.3 (each expectation below was
// observed on the real server): create-time defaults, partial updates, scope links, secrets,
// URL validation, list parameters, built-in clients and scopes of a new realm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { adminToken, call, idOf, start, tokenRequest, type Answer } from './helpers.js';

type Rep = Record<string, unknown> & { id: string; clientId: string; attributes: Record<string, string> };

describe('clients', () => {
  let emulator: RunningEmulator;
  let token: string;
  const base = '/admin/realms/insights/clients';
  const create = async (body: unknown): Promise<Answer> => call(emulator.url, 'POST', base, { token, body });
  const get = async (id: string): Promise<Rep> => (await call(emulator.url, 'GET', `${base}/${id}`, { token })).json as Rep;
  const put = async (id: string, body: unknown): Promise<Answer> => call(emulator.url, 'PUT', `${base}/${id}`, { token, body });
  beforeAll(async () => {
    emulator = await start();
    token = await adminToken(emulator);
  });
  afterAll(() => emulator.close());

  it('creates with 201 and a Location ending in the new id; a second create is 409', async () => {
    const r = await create({ clientId: 'acme_plain' });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe(`${emulator.url}${base}/${idOf(r)}`);
    expect(r.text).toBe('');
    const again = await create({ clientId: 'acme_plain' });
    expect([again.status, again.json]).toEqual([409, { errorMessage: 'Client acme_plain already exists' }]);
  });

  it('without protocol: a confidential client with a generated secret and no backchannel attributes', async () => {
    const c = await get(idOf(await create({ clientId: 'acme_noproto' })));
    expect(c).toMatchObject({ publicClient: false, directAccessGrantsEnabled: false, standardFlowEnabled: true, protocol: 'openid-connect', fullScopeAllowed: true, nodeReRegistrationTimeout: -1, redirectUris: [], webOrigins: [] });
    expect(c['secret']).toMatch(/^[A-Za-z0-9]{86}$/);
    expect(Object.keys(c.attributes).sort()).toEqual(['client.secret.creation.time', 'realm_client']);
    expect(c.attributes['realm_client']).toBe('false');
    expect(c['defaultClientScopes']).toEqual(['web-origins', 'acr', 'profile', 'roles', 'basic', 'email']);
    expect([...(c['optionalClientScopes'] as string[])].sort()).toEqual(['address', 'microprofile-jwt', 'offline_access', 'organization', 'phone']);
    expect(c['access']).toEqual({ view: true, configure: true, manage: true });
  });

  it('with protocol openid-connect: public, direct grants, backchannel attributes', async () => {
    const c = await get(idOf(await create({ clientId: 'acme_proto', protocol: 'openid-connect' })));
    expect(c).toMatchObject({ publicClient: true, directAccessGrantsEnabled: true, frontchannelLogout: false });
    expect(c['secret']).toBeUndefined();
    expect(c.attributes).toMatchObject({ 'backchannel.logout.session.required': 'true', 'backchannel.logout.revoke.offline.tokens': 'false' });
    const rooted = await get(idOf(await create({ clientId: 'acme_root', protocol: 'openid-connect', rootUrl: 'https://a.example/app', publicClient: false })));
    expect(rooted).toMatchObject({ redirectUris: ['https://a.example/app/*'], webOrigins: ['https://a.example'], adminUrl: 'https://a.example/app', publicClient: false });
    expect(rooted['secret']).toMatch(/^[A-Za-z0-9]{86}$/);
  });

  it('derives web origins from http(s) redirect URIs', async () => {
    const c = await get(idOf(await create({ clientId: 'acme_redir', redirectUris: ['https://b.example:8443/cb/*', 'myapp:/cb', '/rel', 'http://c.example/x'] })));
    expect(c['webOrigins']).toEqual(['https://b.example:8443', 'http://c.example']);
  });

  it('links exactly the listed scopes when the body lists any (unknown names and other protocols ignored)', async () => {
    const exact = await get(idOf(await create({ clientId: 'acme_exact', defaultClientScopes: ['profile', 'nonexistent', 'datahub-api'], optionalClientScopes: ['email', 'role_list'] })));
    expect([...(exact['defaultClientScopes'] as string[])].sort()).toEqual(['datahub-api', 'profile']);
    expect(exact['optionalClientScopes']).toEqual(['email']);
    const onlyDefault = await get(idOf(await create({ clientId: 'acme_exact2', defaultClientScopes: ['push-data'] })));
    expect([onlyDefault['defaultClientScopes'], onlyDefault['optionalClientScopes']]).toEqual([['push-data'], []]);
    const both = await get(idOf(await create({ clientId: 'acme_exact3', defaultClientScopes: ['phone'], optionalClientScopes: ['phone', 'email'] })));
    expect([both['defaultClientScopes'], both['optionalClientScopes']]).toEqual([['phone'], ['email']]);
    const sa = await get(idOf(await create({ clientId: 'acme_exact4', serviceAccountsEnabled: true, defaultClientScopes: ['profile'] })));
    expect(sa['defaultClientScopes']).toEqual(['service_account', 'profile']);
  });

  it('updates partially: absent fields kept, attributes merged key by key, [] clears', async () => {
    const id = idOf(await create({ clientId: 'acme_upd', name: 'N', description: 'D', redirectUris: ['https://x.example/a'], attributes: { k1: 'v1', k2: 'v2' } }));
    const before = await get(id);
    expect((await put(id, {})).status).toBe(204);
    expect(await get(id)).toEqual(before);
    await put(id, { description: 'D2', attributes: { k2: 'new', k3: 'v3', k1: null } });
    let c = await get(id);
    expect(c).toMatchObject({ name: 'N', description: 'D2', redirectUris: ['https://x.example/a'], webOrigins: ['https://x.example'] });
    expect(c.attributes).toMatchObject({ k2: 'new', k3: 'v3' });
    expect(c.attributes['k1']).toBeUndefined();
    await put(id, { attributes: { k3: '' }, redirectUris: ['https://y.example/b'] });
    c = await get(id);
    expect(c.attributes['k3']).toBeUndefined();
    expect([c['redirectUris'], c['webOrigins']]).toEqual([['https://y.example/b'], ['https://x.example']]);
    await put(id, { webOrigins: [] });
    await put(id, { redirectUris: ['https://z.example:9000/b', 'http://w.example/c'] });
    c = await get(id);
    expect(c['webOrigins']).toEqual(['http://w.example', 'https://z.example:9000']);
    await put(id, { redirectUris: [], defaultClientScopes: ['profile'], optionalClientScopes: [] });
    c = await get(id);
    expect(c['redirectUris']).toEqual([]);
    expect(c['webOrigins']).toEqual(['http://w.example', 'https://z.example:9000']);
    expect((c['defaultClientScopes'] as string[]).length).toBe(6);
  });

  it('renames, refuses a duplicate name (409) and an invalid URL (400), changing nothing', async () => {
    const id = idOf(await create({ clientId: 'acme_ren' }));
    expect((await put(id, { clientId: 'acme_ren2' })).status).toBe(204);
    expect((await get(id)).clientId).toBe('acme_ren2');
    const dup = await put(id, { clientId: 'acme_plain' });
    expect([dup.status, dup.json]).toEqual([409, { error: 'conflict', error_description: 'Duplicate resource error' }]);
    const bad = await put(id, { description: 'changed', redirectUris: ['https://a.example/#x', 'javascript:alert(1)'] });
    expect([bad.status, bad.json]).toEqual([400, { error: 'invalid_input', error_description: 'A redirect URI must not contain an URL fragment; A redirect URI uses an illegal scheme' }]);
    expect((await get(id))['description']).toBeUndefined();
  });

  it.each([
    [{ redirectUris: ['javascript:alert(1)'] }, 'A redirect URI uses an illegal scheme'],
    [{ redirectUris: ['data:text/html,x'] }, 'A redirect URI uses an illegal scheme'],
    [{ redirectUris: ['http://exa mple.com/x'] }, 'A redirect URI is not a valid URI'],
    [{ rootUrl: 'myapp://x' }, 'Root URL is not a valid URL'],
    [{ rootUrl: 'https://r.example/#x' }, 'Root URL must not contain an URL fragment'],
    [{ rootUrl: 'javascript:x', baseUrl: 'data:x' }, 'Root URL uses an illegal scheme; Base URL uses an illegal scheme'],
    [{ clientId: '' }, 'Client ID cannot be blank'],
    [{ protocol: 'foo' }, 'Invalid protocol: foo'],
    [
      { rootUrl: 'javascript:x', redirectUris: ['javascript:y', 'https://a/#f'], attributes: { 'backchannel.logout.url': 'javascript:z', logoUri: 'javascript:q', policyUri: 'nope:x', tosUri: 'data:x' } },
      'Root URL uses an illegal scheme; Backchannel logout URL uses an illegal scheme; Logo URL uses an illegal scheme; A redirect URI must not contain an URL fragment; Terms of service URL uses an illegal scheme; Policy URL is not a valid URL; A redirect URI uses an illegal scheme',
    ],
  ])('refuses %j on create with Keycloak’s message', async (fields, message) => {
    const r = await create({ clientId: 'acme_invalid', ...fields });
    expect([r.status, r.json]).toEqual([400, { error: 'invalid_input', error_description: message }]);
    expect((await call(emulator.url, 'GET', `${base}?clientId=acme_invalid`, { token })).json).toEqual([]);
  });

  it('lists with clientId, search, first and max as Keycloak does; q only for searchable attributes', async () => {
    const ids = async (query: string): Promise<string[]> =>
      ((await call(emulator.url, 'GET', `${base}?${query}`, { token })).json as Rep[]).map((c) => c.clientId);
    const all = await ids('');
    expect(all).toEqual([...all].sort());
    expect(all).toEqual(expect.arrayContaining(['account', 'account-console', 'admin-cli', 'broker', 'realm-management', 'security-admin-console']));
    expect(await ids('clientId=acme_plain')).toEqual(['acme_plain']);
    expect(await ids('clientId=ACME_PLAIN')).toEqual([]);
    expect(await ids('clientId=ACME_EXACT&search=true')).toEqual(['acme_exact', 'acme_exact2', 'acme_exact3', 'acme_exact4']);
    expect(await ids('first=2&max=3')).toEqual(all.slice(2, 5));
    expect(await ids('max=0')).toEqual([]);
    expect(await ids('first=-1&max=2')).toEqual(all.slice(0, 2));
    expect(await ids('clientId=acme_exact&search=true&first=1&max=2')).toEqual(['acme_exact2', 'acme_exact3']);
    const q = await call(emulator.url, 'GET', `${base}?q=k2:new`, { token });
    expect([q.status, q.json]).toEqual([400, { error: 'invalid_request', error_description: 'Attributes [k2] not allowed for search' }]);
    const searchable = await start({ searchableAttributes: ['clientsync.managed'] });
    try {
      const t = await adminToken(searchable);
      await call(searchable.url, 'POST', base, { token: t, body: { clientId: 'acme_m', attributes: { 'clientsync.managed': 'true' } } });
      const found = (await call(searchable.url, 'GET', `${base}?q=clientsync.managed:true`, { token: t })).json as Rep[];
      expect(found.map((c) => c.clientId)).toEqual(['acme_m']);
    } finally {
      await searchable.close();
    }
  });

  it('reads and regenerates secrets; the old secret is refused at once', async () => {
    const id = idOf(await create({ clientId: 'acme_sa', serviceAccountsEnabled: true }));
    const old = (await call(emulator.url, 'GET', `${base}/${id}/client-secret`, { token })).json as { type: string; value: string };
    expect(Object.keys(old).sort()).toEqual(['type', 'value']);
    expect(old.type).toBe('secret');
    const login = (secret: string) => tokenRequest(emulator.url, 'insights', { grant_type: 'client_credentials', client_id: 'acme_sa', client_secret: secret });
    expect((await login(old.value)).status).toBe(200);
    const fresh = await call(emulator.url, 'POST', `${base}/${id}/client-secret`, { token });
    expect(fresh.status).toBe(200);
    const value = (fresh.json as { value: string }).value;
    expect(value).not.toBe(old.value);
    expect((await call(emulator.url, 'GET', `${base}/${id}/client-secret`, { token })).json).toEqual(fresh.json);
    const refused = await login(old.value);
    expect([refused.status, refused.json]).toEqual([401, { error: 'unauthorized_client', error_description: 'Invalid client or Invalid client credentials' }]);
    expect((await login(value)).status).toBe(200);
    const basic = await tokenRequest(emulator.url, 'insights', { grant_type: 'client_credentials' }, { authorization: `Basic ${Buffer.from(`acme_sa:${value}`).toString('base64')}` });
    expect(basic.status).toBe(200);
    const publicId = idOf(await create({ clientId: 'acme_public', publicClient: true }));
    expect((await call(emulator.url, 'GET', `${base}/${publicId}/client-secret`, { token })).json).toEqual({ type: 'secret' });
  });

  it('links and unlinks default and optional scopes one by one', async () => {
    const id = idOf(await create({ clientId: 'acme_links' }));
    const scopes = (await call(emulator.url, 'GET', '/admin/realms/insights/client-scopes', { token })).json as { id: string; name: string }[];
    const sid = (name: string): string => scopes.find((s) => s.name === name)?.id ?? 'missing';
    const path = `${base}/${id}`;
    expect((await call(emulator.url, 'PUT', `${path}/default-client-scopes/${sid('datahub-api')}`, { token })).status).toBe(204);
    expect((await call(emulator.url, 'PUT', `${path}/optional-client-scopes/${sid('push-data')}`, { token })).status).toBe(204);
    expect((await call(emulator.url, 'PUT', `${path}/optional-client-scopes/${sid('profile')}`, { token })).status).toBe(204);
    expect((await call(emulator.url, 'PUT', `${path}/default-client-scopes/${sid('role_list')}`, { token })).status).toBe(204);
    expect((await call(emulator.url, 'DELETE', `${path}/optional-client-scopes/${sid('email')}`, { token })).status).toBe(204);
    expect((await call(emulator.url, 'DELETE', `${path}/default-client-scopes/${sid('email')}`, { token })).status).toBe(204);
    const defaults = (await call(emulator.url, 'GET', `${path}/default-client-scopes`, { token })).json as { id: string; name: string }[];
    expect(defaults.map((s) => s.name).sort()).toEqual(['acr', 'basic', 'datahub-api', 'profile', 'roles', 'web-origins']);
    expect(Object.keys(defaults[0] ?? {})).toEqual(['id', 'name']);
    const optional = (await call(emulator.url, 'GET', `${path}/optional-client-scopes`, { token })).json as { name: string }[];
    expect(optional.map((s) => s.name)).toContain('push-data');
  });

  it('deletes with 204, then 404; built-in clients cannot be deleted', async () => {
    const id = idOf(await create({ clientId: 'acme_del', serviceAccountsEnabled: true }));
    expect((await call(emulator.url, 'DELETE', `${base}/${id}`, { token })).status).toBe(204);
    expect((await call(emulator.url, 'DELETE', `${base}/${id}`, { token })).json).toEqual({ error: 'Could not find client' });
    const broker = ((await call(emulator.url, 'GET', `${base}?clientId=broker`, { token })).json as Rep[])[0];
    const r = await call(emulator.url, 'DELETE', `${base}/${broker?.id}`, { token });
    expect([r.status, r.json]).toEqual([400, { error: 'invalid_request', error_description: 'Could not delete client' }]);
  });

  it('lists reflect every change at once (the JSON cache never serves a stale client)', async () => {
    const listed = async (clientId: string): Promise<Rep | undefined> =>
      ((await call(emulator.url, 'GET', base, { token })).json as Rep[]).find((c) => c.clientId === clientId);
    const id = idOf(await create({ clientId: 'acme_cache', description: 'one' }));
    expect((await listed('acme_cache'))?.['description']).toBe('one');
    await put(id, { description: 'two' });
    expect((await listed('acme_cache'))?.['description']).toBe('two');
    const secret = (await call(emulator.url, 'POST', `${base}/${id}/client-secret`, { token })).json as { value: string };
    expect((await listed('acme_cache'))?.['secret']).toBe(secret.value);
    const scope = await call(emulator.url, 'POST', '/admin/realms/insights/client-scopes', { token, body: { name: 'short-lived', protocol: 'openid-connect' } });
    const scopeId = idOf(scope);
    await call(emulator.url, 'PUT', `${base}/${id}/default-client-scopes/${scopeId}`, { token });
    expect((await listed('acme_cache'))?.['defaultClientScopes']).toContain('short-lived');
    await call(emulator.url, 'DELETE', `/admin/realms/insights/client-scopes/${scopeId}`, { token });
    expect((await listed('acme_cache'))?.['defaultClientScopes']).not.toContain('short-lived');
    await put(id, { clientId: 'acme_cache2' });
    expect(await listed('acme_cache')).toBeUndefined();
    expect((await listed('acme_cache2'))?.id).toBe(id);
  });

  it('seeds a new realm with Keycloak 26.7.3’s built-in clients and scopes', async () => {
    expect((await call(emulator.url, 'POST', '/admin/realms', { token, body: { realm: 'fresh', enabled: true } })).status).toBe(201);
    const clients = (await call(emulator.url, 'GET', '/admin/realms/fresh/clients', { token })).json as Rep[];
    expect(clients.map((c) => [c.clientId, c.attributes['realm_client']])).toEqual([
      ['account', 'false'], ['account-console', 'false'], ['admin-cli', 'false'], ['broker', 'true'], ['realm-management', 'true'], ['security-admin-console', 'false'],
    ]);
    expect(clients.find((c) => c.clientId === 'realm-management')?.['access']).toEqual({ view: true, configure: false, manage: false });
    const scopes = (await call(emulator.url, 'GET', '/admin/realms/fresh/client-scopes', { token })).json as { name: string }[];
    expect(scopes.map((s) => s.name).sort()).toEqual([
      'AuthnContextClassRef', 'acr', 'address', 'basic', 'email', 'microprofile-jwt', 'offline_access', 'organization', 'phone', 'profile', 'role_list', 'roles', 'saml_organization', 'service_account', 'web-origins',
    ]);
    const master = (await call(emulator.url, 'GET', '/admin/realms/master/clients?clientId=fresh-realm', { token })).json as Rep[];
    expect(master[0]?.attributes['realm_client']).toBe('true');
    expect((await call(emulator.url, 'DELETE', '/admin/realms/fresh', { token })).status).toBe(204);
    expect((await call(emulator.url, 'GET', '/admin/realms/master/clients?clientId=fresh-realm', { token })).json).toEqual([]);
  });
});
