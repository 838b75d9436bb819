// The Keycloak admin contract clientsync relies on, written once and run against every target:
// the real Keycloak (keycloak.contract.test.ts) and the emulator (emulator.contract.test.ts). A
// behaviour that differs between the two fails one of the runs, so the emulator cannot drift.
//
// Calls go through the real @keycloak/keycloak-admin-client (realm passed on every call) where it
// shows what clientsync will see, and through plain fetch where the client hides a status, a
// header or a body. Exact statuses and bodies are asserted where clientsync depends on them;
// volatile data (ids, secrets, timestamps) only by shape. Each run works in a fresh realm.
//
// Facts established with Keycloak 26.7.3 are written up in docs/keycloak-notes.md.
import KcAdminClient, { NetworkError } from '@keycloak/keycloak-admin-client';
import type ClientRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type KeycloakConnection,
  TokenSource,
  adminClient,
  adminRequest,
  idFromLocation,
  tokenRequest,
} from '../support/keycloak-admin.js';
import { type ServiceAccount, type TestRealm, createServiceAccount } from '../support/test-realm.js';

export interface ContractTarget {
  readonly connection: KeycloakConnection;
  /** A fresh realm with the client scopes datahub-api and push-data (see test/support/test-realm.ts). */
  createRealm(): Promise<TestRealm>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EPOCH_SECONDS = /^\d{10}$/;

/** Scopes every new openid-connect client gets from a new realm's defaults. */
const REALM_DEFAULT_SCOPES = ['acr', 'basic', 'email', 'profile', 'roles', 'web-origins'];
const REALM_OPTIONAL_SCOPES = ['address', 'microprofile-jwt', 'offline_access', 'organization', 'phone'];

/** Keys of a confidential client's representation (GET one and list items alike). */
const CLIENT_KEYS = [
  'access',
  'alwaysDisplayInConsole',
  'attributes',
  'authenticationFlowBindingOverrides',
  'bearerOnly',
  'clientAuthenticatorType',
  'clientId',
  'consentRequired',
  'defaultClientScopes',
  'directAccessGrantsEnabled',
  'enabled',
  'frontchannelLogout',
  'fullScopeAllowed',
  'id',
  'implicitFlowEnabled',
  'nodeReRegistrationTimeout',
  'notBefore',
  'optionalClientScopes',
  'protocol',
  'publicClient',
  'redirectUris',
  'secret',
  'serviceAccountsEnabled',
  'standardFlowEnabled',
  'surrogateAuthRequired',
  'webOrigins',
];

const sorted = (values: readonly string[] | undefined): string[] => [...(values ?? [])].sort();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const UNAUTHORIZED = { error: 'HTTP 401 Unauthorized' };
const FORBIDDEN = { error: 'HTTP 403 Forbidden' };
const CLIENT_NOT_FOUND = { error: 'Could not find client' };
const SCOPE_NOT_FOUND = { error: 'Client scope not found' };
const BAD_CLIENT_CREDENTIALS = { error: 'unauthorized_client', error_description: 'Invalid client or Invalid client credentials' };
const invalidInput = (description: string) => ({ error: 'invalid_input', error_description: description });

function claims(token: string): { exp: number; iat: number } {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp: number; iat: number };
}
/** The `exp` claim of a JWT, in epoch seconds. */
const expiresAt = (token: string): number => claims(token).exp;
/** The `iat` claim of a JWT, in epoch seconds. */
const issuedAt = (token: string): number => claims(token).iat;

/** What the admin client threw, for assertions on status, body and message. */
async function failure(promise: Promise<unknown>): Promise<{ status: number; data: unknown; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof NetworkError) {
      return { status: error.response.status, data: error.responseData, message: error.message };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

export function defineContractSuite(label: string, getTarget: () => ContractTarget): void {
  describe(`Keycloak admin contract (${label})`, () => {
    let target: ContractTarget;
    let realm: TestRealm;
    let url: string;
    let kc: KcAdminClient;
    /** A service account allowed to manage clients, and one without any admin role. */
    let manager: ServiceAccount;
    let outsider: ServiceAccount;
    /** The realm's clients right after its creation, before this suite added any. */
    let builtinClients: ClientRepresentation[];
    let counter = 0;
    /** A clientId unique within this run (clientsync-like: account prefix, underscore). */
    const newClientId = (hint: string) => `ct_${hint}-${++counter}`;

    /** Admin REST call in the test realm (path relative to /admin/realms/{realm}). */
    const api = (method: string, path: string, body?: unknown, auth: TokenSource | string | null = realm.admin, headers = {}) =>
      adminRequest(url, auth, method, `/${realm.name}${path}`, body, headers);

    async function create(rep: ClientRepresentation): Promise<string> {
      const result = await api('POST', '/clients', rep);
      expect(result.status, result.text).toBe(201);
      return idFromLocation(result.headers.get('location'));
    }

    async function get(id: string): Promise<ClientRepresentation> {
      const result = await api('GET', `/clients/${id}`);
      expect(result.status, result.text).toBe(200);
      return result.json as ClientRepresentation;
    }

    async function listClientIds(query = ''): Promise<string[]> {
      const result = await api('GET', `/clients${query}`);
      expect(result.status, result.text).toBe(200);
      return (result.json as ClientRepresentation[]).map((c) => c.clientId ?? '');
    }

    beforeAll(async () => {
      target = getTarget();
      url = target.connection.url.replace(/\/+$/, '');
      realm = await target.createRealm();
      kc = adminClient(url, realm.admin);
      builtinClients = await kc.clients.find({ realm: realm.name });
      manager = await createServiceAccount(realm, { clientId: 'ct_sa-manager', manageClients: true });
      outsider = await createServiceAccount(realm, { clientId: 'ct_sa-outsider', manageClients: false });
    });

    afterAll(async () => {
      await realm?.delete();
    });

    describe('token endpoint', () => {
      it('password grant on admin-cli in master returns a bearer token with expires_in', async () => {
        const result = await tokenRequest(url, 'master', {
          grant_type: 'password',
          client_id: 'admin-cli',
          username: target.connection.adminUsername,
          password: target.connection.adminPassword,
        });
        expect(result.status).toBe(200);
        expect(result.headers.get('content-type')).toMatch(/^application\/json/);
        const body = result.json as Record<string, unknown>;
        expect(sorted(Object.keys(body))).toEqual(
          sorted(['access_token', 'expires_in', 'refresh_expires_in', 'refresh_token', 'token_type', 'not-before-policy', 'session_state', 'scope']),
        );
        expect(body['token_type']).toBe('Bearer');
        expect(body['expires_in']).toBeTypeOf('number');
        expect(body['expires_in'] as number).toBeGreaterThan(0);
        expect(body['access_token']).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      });

      it('a wrong password is 400 invalid_grant', async () => {
        const result = await tokenRequest(url, 'master', {
          grant_type: 'password',
          client_id: 'admin-cli',
          username: target.connection.adminUsername,
          password: 'not-the-password',
        });
        expect(result.status).toBe(400);
        expect(result.json).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
      });

      it('client_credentials with the secret in the form body', async () => {
        const result = await tokenRequest(url, realm.name, {
          grant_type: 'client_credentials',
          client_id: manager.clientId,
          client_secret: manager.secret,
        });
        expect(result.status).toBe(200);
        const body = result.json as Record<string, unknown>;
        // No refresh token for client_credentials; a new realm's access tokens live 300 s.
        expect(sorted(Object.keys(body))).toEqual(
          sorted(['access_token', 'expires_in', 'refresh_expires_in', 'token_type', 'not-before-policy', 'scope']),
        );
        expect(body).toMatchObject({ token_type: 'Bearer', refresh_expires_in: 0, 'not-before-policy': 0 });
        // Counted from when the answer is written: 299 after a slow second.
        expect(body['expires_in']).toBeGreaterThanOrEqual(299);
        expect(body['expires_in']).toBeLessThanOrEqual(300);
        const token = body['access_token'] as string;
        expect(expiresAt(token) - issuedAt(token)).toBe(300);
      });

      it('client_credentials with HTTP Basic', async () => {
        const basic = Buffer.from(`${encodeURIComponent(manager.clientId)}:${encodeURIComponent(manager.secret)}`).toString('base64');
        const result = await tokenRequest(url, realm.name, { grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` });
        expect(result.status).toBe(200);
        expect((result.json as Record<string, unknown>)['access_token']).toBeTypeOf('string');
      });

      it('the admin client authenticates with client_credentials (HTTP Basic) and its token works', async () => {
        const client = new KcAdminClient({ baseUrl: url, realmName: realm.name });
        await client.auth({ grantType: 'client_credentials', clientId: manager.clientId, clientSecret: manager.secret });
        const found = await client.clients.find({ realm: realm.name, clientId: manager.clientId });
        expect(found.map((c) => c.id)).toEqual([manager.id]);
      });

      it('a wrong or missing secret is 401 unauthorized_client, in the body or via Basic', async () => {
        const form = await tokenRequest(url, realm.name, {
          grant_type: 'client_credentials',
          client_id: manager.clientId,
          client_secret: 'wrong',
        });
        expect(form.status).toBe(401);
        expect(form.json).toEqual(BAD_CLIENT_CREDENTIALS);
        const basic = await tokenRequest(
          url,
          realm.name,
          { grant_type: 'client_credentials' },
          { authorization: `Basic ${Buffer.from(`${manager.clientId}:wrong`).toString('base64')}` },
        );
        expect(basic.status).toBe(401);
        expect(basic.json).toEqual(BAD_CLIENT_CREDENTIALS);
        const missing = await tokenRequest(url, realm.name, { grant_type: 'client_credentials', client_id: manager.clientId });
        expect(missing.status).toBe(401);
        expect(missing.json).toEqual(BAD_CLIENT_CREDENTIALS);
        const viaClient = await failure(
          new KcAdminClient({ baseUrl: url, realmName: realm.name }).auth({
            grantType: 'client_credentials',
            clientId: manager.clientId,
            clientSecret: 'wrong',
          }),
        );
        expect(viaClient).toEqual({ status: 401, data: BAD_CLIENT_CREDENTIALS, message: 'unauthorized_client' });
      });

      it('an unknown client is 401 invalid_client', async () => {
        const result = await tokenRequest(url, realm.name, { grant_type: 'client_credentials', client_id: 'ct_nobody', client_secret: 'x' });
        expect(result.status).toBe(401);
        expect(result.json).toEqual({ error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' });
      });

      it('a client without service account is refused client_credentials', async () => {
        const clientId = newClientId('no-sa');
        const id = await create({ clientId });
        const { secret } = await get(id);
        const result = await tokenRequest(url, realm.name, { grant_type: 'client_credentials', client_id: clientId, client_secret: secret ?? '' });
        expect(result.status).toBe(401);
        expect(result.json).toEqual({ error: 'unauthorized_client', error_description: 'Client not enabled to retrieve service account' });
      });

      it('bad requests: unknown realm, missing or unsupported grant_type', async () => {
        const unknownRealm = await tokenRequest(url, 'ct-no-such-realm', { grant_type: 'client_credentials', client_id: 'x', client_secret: 'y' });
        expect(unknownRealm.status).toBe(404);
        expect(unknownRealm.json).toEqual({ error: 'Realm does not exist' });
        const noGrant = await tokenRequest(url, realm.name, { client_id: manager.clientId, client_secret: manager.secret });
        expect(noGrant.status).toBe(400);
        expect(noGrant.json).toEqual({ error: 'invalid_request', error_description: 'Missing form parameter: grant_type' });
        const badGrant = await tokenRequest(url, realm.name, { grant_type: 'magic', client_id: manager.clientId, client_secret: manager.secret });
        expect(badGrant.status).toBe(400);
        expect(badGrant.json).toEqual({ error: 'unsupported_grant_type', error_description: 'Unsupported grant_type' });
      });

      it('a token expires: the client attribute access.token.lifespan sets expires_in, an expired token is 401', async () => {
        const clientId = newClientId('short-lived');
        const id = await create({ clientId, serviceAccountsEnabled: true, attributes: { 'access.token.lifespan': '3' } });
        const { secret } = await get(id);
        const issued = await tokenRequest(url, realm.name, { grant_type: 'client_credentials', client_id: clientId, client_secret: secret ?? '' });
        expect(issued.status).toBe(200);
        const { access_token: token, expires_in: expiresIn } = issued.json as { access_token: string; expires_in: number };
        // expires_in counts from when the answer is written: a slow second makes it 2.
        expect(expiresIn).toBeGreaterThanOrEqual(2);
        expect(expiresIn).toBeLessThanOrEqual(3);
        expect(expiresAt(token) - issuedAt(token)).toBe(3);
        // Without any role the token is valid but not allowed: 403 while fresh, 401 once expired.
        // (On a machine so loaded that a second has passed already, the fresh check proves nothing.)
        if (Date.now() < (expiresAt(token) - 1) * 1000) {
          expect((await api('GET', '/clients', undefined, token)).status).toBe(403);
        }
        const waitMs = (expiresAt(token) + 1) * 1000 - Date.now() + 300;
        await sleep(Math.max(0, waitMs));
        const expired = await api('GET', '/clients', undefined, token);
        expect(expired.status).toBe(401);
        expect(expired.json).toEqual(UNAUTHORIZED);
      });
    });

    describe('authorization', () => {
      it('no token or a garbage token is 401', async () => {
        for (const auth of [null, 'garbage']) {
          const result = await api('GET', '/clients', undefined, auth);
          expect(result.status).toBe(401);
          expect(result.json).toEqual(UNAUTHORIZED);
        }
        const create = await api('POST', '/clients', { clientId: newClientId('anon') }, null);
        expect(create.status).toBe(401);
        expect(create.json).toEqual(UNAUTHORIZED);
      });

      it('a token without manage-clients is 403 everywhere, even for an unknown id', async () => {
        const calls: [string, string, unknown?][] = [
          ['GET', '/clients'],
          ['GET', `/clients?clientId=${manager.clientId}`],
          ['POST', '/clients', { clientId: newClientId('forbidden') }],
          ['GET', `/clients/${manager.id}`],
          ['PUT', `/clients/${manager.id}`, { description: 'x' }],
          ['DELETE', `/clients/${manager.id}`],
          ['GET', `/clients/${manager.id}/client-secret`],
          ['POST', `/clients/${manager.id}/client-secret`],
          ['GET', '/client-scopes'],
          ['PUT', `/clients/${manager.id}/default-client-scopes/${realm.scopeIds['datahub-api']}`],
          ['GET', '/clients/00000000-0000-0000-0000-000000000000'],
        ];
        for (const [method, path, body] of calls) {
          const result = await api(method, path, body, outsider.tokens);
          expect(result.status, `${method} ${path}`).toBe(403);
          expect(result.json, `${method} ${path}`).toEqual(FORBIDDEN);
        }
        const viaClient = await failure(adminClient(url, outsider.tokens).clients.find({ realm: realm.name }));
        expect(viaClient).toEqual({ status: 403, data: FORBIDDEN, message: 'HTTP 403 Forbidden' });
      });

      it('manage-clients alone allows every client call clientsync makes', async () => {
        const client = adminClient(url, manager.tokens);
        const r = realm.name;
        const clientId = newClientId('by-manager');
        const { id } = await client.clients.create({ realm: r, clientId, serviceAccountsEnabled: true });
        expect((await client.clients.find({ realm: r, clientId })).map((c) => c.id)).toEqual([id]);
        const one = await client.clients.findOne({ realm: r, id });
        expect(one?.access).toEqual({ view: true, configure: true, manage: true });
        await client.clients.update({ realm: r, id }, { description: 'changed by the service account' });
        expect((await client.clients.getClientSecret({ realm: r, id })).type).toBe('secret');
        expect((await client.clients.generateNewClientSecret({ realm: r, id })).value).toBeTypeOf('string');
        expect((await client.clientScopes.find({ realm: r })).map((s) => s.name)).toContain('datahub-api');
        await client.clients.addDefaultClientScope({ realm: r, id, clientScopeId: realm.scopeIds['datahub-api'] });
        expect((await client.clients.listDefaultClientScopes({ realm: r, id })).map((s) => s.name)).toContain('datahub-api');
        await client.clients.delDefaultClientScope({ realm: r, id, clientScopeId: realm.scopeIds['datahub-api'] });
        await client.clients.del({ realm: r, id });
        expect(await client.clients.findOne({ realm: r, id })).toBeNull();
      });

      it('an unknown realm is 404 "Realm not found."', async () => {
        const result = await adminRequest(url, realm.admin, 'GET', '/ct-no-such-realm/clients');
        expect(result.status).toBe(404);
        expect(result.json).toEqual({ error: 'Realm not found.' });
      });
    });

    describe("a new realm's built-ins", () => {
      it('has exactly the built-in clients, in clientId order, realm_client set on broker and realm-management', () => {
        const summary = builtinClients.map((c) => ({
          clientId: c.clientId,
          name: c.name,
          publicClient: c.publicClient,
          bearerOnly: c.bearerOnly,
          hasSecret: 'secret' in c,
          realmClient: c.attributes?.['realm_client'],
        }));
        const builtin = (clientId: string, publicClient: boolean, realmClient: boolean) => ({
          clientId,
          name: `\${client_${clientId}}`,
          publicClient,
          bearerOnly: !publicClient,
          hasSecret: false,
          realmClient: String(realmClient),
        });
        expect(summary).toEqual([
          builtin('account', true, false),
          builtin('account-console', true, false),
          builtin('admin-cli', true, false),
          builtin('broker', false, true),
          builtin('realm-management', false, true),
          builtin('security-admin-console', true, false),
        ]);
      });

      it('has the built-in client scopes plus the two created for the test', async () => {
        const result = await api('GET', '/client-scopes');
        expect(result.status).toBe(200);
        const scopes = result.json as { id: string; name: string; protocol: string; description?: string; attributes: object }[];
        expect(scopes.map((s) => `${s.name}:${s.protocol}`).sort()).toEqual(
          [
            'AuthnContextClassRef:saml',
            'acr:openid-connect',
            'address:openid-connect',
            'basic:openid-connect',
            'datahub-api:openid-connect',
            'email:openid-connect',
            'microprofile-jwt:openid-connect',
            'offline_access:openid-connect',
            'organization:openid-connect',
            'phone:openid-connect',
            'profile:openid-connect',
            'push-data:openid-connect',
            'role_list:saml',
            'roles:openid-connect',
            'saml_organization:saml',
            'service_account:openid-connect',
            'web-origins:openid-connect',
          ].sort(),
        );
        for (const scope of scopes) {
          expect(scope.id).toMatch(UUID);
          expect(scope.attributes).toBeTypeOf('object');
        }
        const datahub = scopes.find((s) => s.name === 'datahub-api');
        expect(datahub).toEqual({
          id: realm.scopeIds['datahub-api'],
          name: 'datahub-api',
          description: 'clientsync test scope datahub-api',
          protocol: 'openid-connect',
          attributes: {},
        });
      });

      it('creating a client scope without protocol is 400; a duplicate name is 409', async () => {
        const noProtocol = await api('POST', '/client-scopes', { name: 'ct-scope-without-protocol' });
        expect(noProtocol.status).toBe(400);
        expect(noProtocol.json).toEqual({ errorMessage: 'Unexpected protocol' });
        const duplicate = await api('POST', '/client-scopes', { name: 'datahub-api', protocol: 'openid-connect' });
        expect(duplicate.status).toBe(409);
        expect(duplicate.json).toEqual({ errorMessage: 'Client Scope datahub-api already exists' });
      });
    });

    describe('list clients', () => {
      const names = ['ct_List-B', 'ct_list-a', 'ct_list_c', 'ct_listXc', 'ct_list%d', 'ct_LIST-e'];
      let attributeTagged: string;

      beforeAll(async () => {
        for (const clientId of names) await create({ clientId });
        attributeTagged = newClientId('issuer');
        await create({ clientId: attributeTagged, attributes: { 'jwt.credential.issuer': 'ct-issuer-1' } });
        await create({ clientId: newClientId('issuer'), attributes: { 'jwt.credential.issuer': 'ct-issuer-10' } });
      });

      it('lists every client, ordered by clientId (code-unit order on the dev database)', async () => {
        const all = await listClientIds();
        for (const name of [...names, ...builtinClients.map((c) => c.clientId ?? '')]) expect(all).toContain(name);
        expect(all).toEqual([...all].sort());
      });

      it('list items are full representations and carry the secret', async () => {
        const result = await api('GET', '/clients');
        const items = result.json as ClientRepresentation[];
        const item = items.find((c) => c.clientId === manager.clientId);
        expect(item?.secret).toBe(manager.secret);
        expect(sorted(Object.keys(item ?? {}))).toEqual(CLIENT_KEYS);
        expect(item).toEqual(await get(manager.id));
      });

      it('clientId is an exact, case-sensitive match, [] when absent, and ignores first/max', async () => {
        expect(await listClientIds('?clientId=ct_list-a')).toEqual(['ct_list-a']);
        expect(await listClientIds('?clientId=CT_LIST-A')).toEqual([]);
        expect(await listClientIds('?clientId=ct_list')).toEqual([]);
        expect(await listClientIds('?clientId=ct_list-a&first=1&max=0')).toEqual(['ct_list-a']);
        const viaClient = await kc.clients.find({ realm: realm.name, clientId: 'ct_nothing-here' });
        expect(viaClient).toEqual([]);
      });

      it('search=true is a case-insensitive substring match in which _ and % are wildcards', async () => {
        expect(await listClientIds('?clientId=list-&search=true')).toEqual(['ct_LIST-e', 'ct_List-B', 'ct_list-a']);
        // LIKE semantics, unescaped: '_' matches any one character, '%' any run.
        expect(await listClientIds('?clientId=list_c&search=true')).toEqual(['ct_listXc', 'ct_list_c']);
        expect(await listClientIds(`?clientId=${encodeURIComponent('list%d')}&search=true`)).toEqual(['ct_list%d']);
        expect(await listClientIds(`?clientId=${encodeURIComponent('ct_list%')}&search=true`)).toEqual(
          ['ct_LIST-e', 'ct_List-B', 'ct_list%d', 'ct_list-a', 'ct_listXc', 'ct_list_c'],
        );
        expect(await listClientIds('?clientId=list&search=true&first=1&max=2')).toEqual(['ct_List-B', 'ct_list%d']);
      });

      it('first and max page through the ordered list', async () => {
        const all = await listClientIds();
        expect(await listClientIds('?first=2&max=3')).toEqual(all.slice(2, 5));
        expect(await listClientIds('?max=2')).toEqual(all.slice(0, 2));
        expect(await listClientIds('?first=3')).toEqual(all.slice(3));
        expect(await listClientIds('?max=0')).toEqual([]);
        expect(await listClientIds(`?first=${all.length}`)).toEqual([]);
        const page = await kc.clients.find({ realm: realm.name, first: 1, max: 1 });
        expect(page.map((c) => c.clientId)).toEqual(all.slice(1, 2));
      });

      it('q searches only searchable attributes: others are 400 (clientsync.* among them)', async () => {
        const refused = await api('GET', `/clients?q=${encodeURIComponent('clientsync.managed:true')}`);
        expect(refused.status).toBe(400);
        expect(refused.json).toEqual({
          error: 'invalid_request',
          error_description: 'Attributes [clientsync.managed] not allowed for search',
        });
        const viaClient = await failure(kc.clients.find({ realm: realm.name, q: 'clientsync.account:acme' }));
        expect(viaClient.status).toBe(400);
        expect(viaClient.message).toBe('invalid_request');
      });

      it('q on a searchable attribute is an exact value match and takes precedence over clientId', async () => {
        expect(await listClientIds(`?q=${encodeURIComponent('jwt.credential.issuer:ct-issuer-1')}`)).toEqual([attributeTagged]);
        expect(await listClientIds(`?q=${encodeURIComponent('jwt.credential.issuer:ct-issuer')}`)).toEqual([]);
        expect(await listClientIds(`?q=${encodeURIComponent('jwt.credential.issuer:ct-issuer-1')}&clientId=ct_list-a`)).toEqual([
          attributeTagged,
        ]);
        expect(await listClientIds('?q=')).toEqual(await listClientIds());
      });
    });

    describe('create', () => {
      it('answers 201 with an empty body and the new id in Location', async () => {
        const result = await api('POST', '/clients', { clientId: newClientId('created') });
        expect(result.status).toBe(201);
        expect(result.text).toBe('');
        const location = result.headers.get('location') ?? '';
        expect(location).toMatch(new RegExp(`^${url}/admin/realms/${realm.name}/clients/[0-9a-f-]{36}$`));
        expect(idFromLocation(location)).toMatch(UUID);
      });

      it('a duplicate clientId is 409 with the clientId in the message', async () => {
        const clientId = newClientId('twice');
        await create({ clientId });
        const result = await api('POST', '/clients', { clientId });
        expect(result.status).toBe(409);
        expect(result.json).toEqual({ errorMessage: `Client ${clientId} already exists` });
        const viaClient = await failure(kc.clients.create({ realm: realm.name, clientId }));
        expect(viaClient).toEqual({
          status: 409,
          data: { errorMessage: `Client ${clientId} already exists` },
          message: `Client ${clientId} already exists`,
        });
      });

      it('without protocol: a confidential client with a generated secret', async () => {
        const clientId = newClientId('defaults');
        const { id } = await kc.clients.create({ realm: realm.name, clientId });
        const rep = await get(id);
        expect(sorted(Object.keys(rep))).toEqual(CLIENT_KEYS);
        expect(rep).toMatchObject({
          id,
          clientId,
          enabled: true,
          protocol: 'openid-connect',
          publicClient: false,
          bearerOnly: false,
          clientAuthenticatorType: 'client-secret',
          standardFlowEnabled: true,
          implicitFlowEnabled: false,
          directAccessGrantsEnabled: false,
          serviceAccountsEnabled: false,
          frontchannelLogout: false,
          consentRequired: false,
          fullScopeAllowed: true,
          surrogateAuthRequired: false,
          alwaysDisplayInConsole: false,
          nodeReRegistrationTimeout: -1,
          notBefore: 0,
          redirectUris: [],
          webOrigins: [],
          authenticationFlowBindingOverrides: {},
          access: { view: true, configure: true, manage: true },
        });
        expect(rep.secret).toMatch(/^[A-Za-z0-9]{32,}$/);
        expect(sorted(Object.keys(rep.attributes ?? {}))).toEqual(['client.secret.creation.time', 'realm_client']);
        expect(rep.attributes?.['realm_client']).toBe('false');
        expect(rep.attributes?.['client.secret.creation.time']).toMatch(EPOCH_SECONDS);
      });

      it('with protocol openid-connect: the OIDC defaults make a public client with direct access grants', async () => {
        const id = await create({ clientId: newClientId('oidc-defaults'), protocol: 'openid-connect' });
        const rep = await get(id);
        expect(sorted(Object.keys(rep))).toEqual(CLIENT_KEYS.filter((k) => k !== 'secret'));
        expect(rep).toMatchObject({
          publicClient: true,
          bearerOnly: false,
          standardFlowEnabled: true,
          implicitFlowEnabled: false,
          directAccessGrantsEnabled: true,
          frontchannelLogout: false,
          clientAuthenticatorType: 'client-secret',
        });
        expect(sorted(Object.keys(rep.attributes ?? {}))).toEqual([
          'backchannel.logout.revoke.offline.tokens',
          'backchannel.logout.session.required',
          'client.secret.creation.time',
          'realm_client',
        ]);
        expect(rep.attributes).toMatchObject({
          'backchannel.logout.session.required': 'true',
          'backchannel.logout.revoke.offline.tokens': 'false',
        });
      });

      it('the body clientsync sends: explicit flags win over the OIDC defaults', async () => {
        const id = await create({
          clientId: newClientId('managed'),
          name: 'Reporting dashboard',
          description: 'Monthly usage reports',
          protocol: 'openid-connect',
          publicClient: false,
          clientAuthenticatorType: 'client-secret',
          standardFlowEnabled: true,
          implicitFlowEnabled: false,
          directAccessGrantsEnabled: false,
          serviceAccountsEnabled: true,
          redirectUris: ['https://reports.acme.example/*'],
          attributes: {
            'clientsync.managed': 'true',
            'post.logout.redirect.uris': 'https://reports.acme.example/##https://reports.acme.example/bye',
            'backchannel.logout.url': 'https://reports.acme.example/logout',
          },
        });
        const rep = await get(id);
        expect(rep).toMatchObject({
          name: 'Reporting dashboard',
          description: 'Monthly usage reports',
          publicClient: false,
          standardFlowEnabled: true,
          directAccessGrantsEnabled: false,
          serviceAccountsEnabled: true,
          redirectUris: ['https://reports.acme.example/*'],
          webOrigins: ['https://reports.acme.example'],
        });
        expect(rep.secret).toBeTypeOf('string');
        // With a backchannel.logout.url given, the OIDC defaults add no backchannel.* attributes.
        expect(rep.attributes).toEqual({
          realm_client: 'false',
          'client.secret.creation.time': expect.stringMatching(EPOCH_SECONDS),
          'clientsync.managed': 'true',
          'post.logout.redirect.uris': 'https://reports.acme.example/##https://reports.acme.example/bye',
          'backchannel.logout.url': 'https://reports.acme.example/logout',
        });
      });

      it('rootUrl with protocol and no redirect URIs: redirect, web origin and admin URL derived from it', async () => {
        const withProtocol = await get(
          await create({ clientId: newClientId('root'), protocol: 'openid-connect', publicClient: false, rootUrl: 'https://app.acme.example' }),
        );
        expect(withProtocol).toMatchObject({
          rootUrl: 'https://app.acme.example',
          adminUrl: 'https://app.acme.example',
          redirectUris: ['https://app.acme.example/*'],
          webOrigins: ['https://app.acme.example'],
        });
        const withoutProtocol = await get(await create({ clientId: newClientId('root-plain'), rootUrl: 'https://app.acme.example' }));
        expect(withoutProtocol).toMatchObject({ rootUrl: 'https://app.acme.example', redirectUris: [], webOrigins: [] });
        expect(withoutProtocol.adminUrl).toBeUndefined();
      });

      it('webOrigins, when absent, are the origins of the http(s) redirect URIs; when given, kept as given', async () => {
        const derived = await get(
          await create({
            clientId: newClientId('origins'),
            redirectUris: ['https://a.acme.example/cb', 'https://a.acme.example/other', 'http://localhost:3000/x', 'myapp:/cb', '/relative'],
          }),
        );
        expect(sorted(derived.redirectUris)).toEqual(
          sorted(['https://a.acme.example/cb', 'https://a.acme.example/other', 'http://localhost:3000/x', 'myapp:/cb', '/relative']),
        );
        expect(sorted(derived.webOrigins)).toEqual(['http://localhost:3000', 'https://a.acme.example']);
        const given = await get(
          await create({ clientId: newClientId('origins-given'), redirectUris: ['https://a.acme.example/cb'], webOrigins: ['+'] }),
        );
        expect(given.webOrigins).toEqual(['+']);
        const none = await get(await create({ clientId: newClientId('origins-none'), redirectUris: ['https://a.acme.example/cb'], webOrigins: [] }));
        expect(none.webOrigins).toEqual([]);
      });

      it('a missing clientId becomes the id; a blank one is 400', async () => {
        const id = await create({});
        expect((await get(id)).clientId).toBe(id);
        const blank = await api('POST', '/clients', { clientId: '' });
        expect(blank.status).toBe(400);
        expect(blank.json).toEqual(invalidInput('Client ID cannot be blank'));
      });

      it("the realm's default and optional scopes are attached when the body lists none", async () => {
        const plain = await get(await create({ clientId: newClientId('scopes') }));
        expect(sorted(plain.defaultClientScopes)).toEqual(REALM_DEFAULT_SCOPES);
        expect(sorted(plain.optionalClientScopes)).toEqual(REALM_OPTIONAL_SCOPES);
        const serviceAccount = await get(await create({ clientId: newClientId('scopes-sa'), serviceAccountsEnabled: true }));
        expect(sorted(serviceAccount.defaultClientScopes)).toEqual(sorted([...REALM_DEFAULT_SCOPES, 'service_account']));
        const links = await api('GET', `/clients/${plain.id}/default-client-scopes`);
        expect(links.status).toBe(200);
        const items = links.json as { id: string; name: string }[];
        expect(sorted(items.map((s) => s.name))).toEqual(REALM_DEFAULT_SCOPES);
        for (const item of items) {
          expect(sorted(Object.keys(item))).toEqual(['id', 'name']);
          expect(item.id).toMatch(UUID);
        }
      });

      it('scopes listed in the body are exactly the links (unknown names ignored, the other list emptied)', async () => {
        const onlyDefault = await get(await create({ clientId: newClientId('exact'), defaultClientScopes: ['datahub-api', 'ct-no-such-scope'] }));
        expect(onlyDefault.defaultClientScopes).toEqual(['datahub-api']);
        expect(onlyDefault.optionalClientScopes).toEqual([]);
        const onlyOptional = await get(await create({ clientId: newClientId('exact-opt'), optionalClientScopes: ['push-data'] }));
        expect(onlyOptional.defaultClientScopes).toEqual([]);
        expect(onlyOptional.optionalClientScopes).toEqual(['push-data']);
        // Enabling the service account after the scopes were set adds service_account.
        const emptyWithSa = await get(await create({ clientId: newClientId('exact-sa'), defaultClientScopes: [], serviceAccountsEnabled: true }));
        expect(emptyWithSa.defaultClientScopes).toEqual(['service_account']);
        const both = await get(
          await create({ clientId: newClientId('exact-both'), defaultClientScopes: ['push-data'], optionalClientScopes: ['push-data', 'datahub-api'] }),
        );
        expect(both.defaultClientScopes).toEqual(['push-data']);
        expect(both.optionalClientScopes).toEqual(['datahub-api']);
      });
    });

    describe('get, update, delete', () => {
      it('GET one returns the same representation as its list item', async () => {
        const id = await create({ clientId: newClientId('same'), description: 'd' });
        const one = await get(id);
        const [item] = await kc.clients.find({ realm: realm.name, clientId: one.clientId ?? '' });
        expect(item).toEqual(one);
        expect(await kc.clients.findOne({ realm: realm.name, id })).toEqual(one);
      });

      it('an unknown id is 404 "Could not find client" for every method and sub-resource', async () => {
        const unknown = '00000000-0000-0000-0000-000000000000';
        const calls: [string, string, unknown?][] = [
          ['GET', `/clients/${unknown}`],
          ['PUT', `/clients/${unknown}`, { description: 'x' }],
          ['DELETE', `/clients/${unknown}`],
          ['GET', `/clients/${unknown}/client-secret`],
          ['POST', `/clients/${unknown}/client-secret`],
          ['GET', `/clients/${unknown}/default-client-scopes`],
          ['PUT', `/clients/${unknown}/default-client-scopes/${realm.scopeIds['datahub-api']}`],
          ['GET', '/clients/not-a-uuid'],
        ];
        for (const [method, path, body] of calls) {
          const result = await api(method, path, body);
          expect(result.status, `${method} ${path}`).toBe(404);
          expect(result.json, `${method} ${path}`).toEqual(CLIENT_NOT_FOUND);
        }
        expect(await kc.clients.findOne({ realm: realm.name, id: unknown })).toBeNull();
        const viaClient = await failure(kc.clients.update({ realm: realm.name, id: unknown }, { description: 'x' }));
        expect(viaClient).toEqual({ status: 404, data: CLIENT_NOT_FOUND, message: 'Could not find client' });
      });

      it('PUT answers 204 and keeps every field absent from the body', async () => {
        const id = await create({
          clientId: newClientId('partial'),
          name: 'N1',
          description: 'D1',
          rootUrl: 'https://p.acme.example',
          redirectUris: ['https://p.acme.example/cb'],
          attributes: { 'ct.one': '1', 'ct.two': '2' },
        });
        const before = await get(id);
        const result = await api('PUT', `/clients/${id}`, { description: 'D2' });
        expect(result.status).toBe(204);
        expect(result.text).toBe('');
        expect(await get(id)).toEqual({ ...before, description: 'D2' });
        // An empty body changes nothing; an empty string is a value.
        expect((await api('PUT', `/clients/${id}`, {})).status).toBe(204);
        expect((await api('PUT', `/clients/${id}`, { name: '' })).status).toBe(204);
        expect(await get(id)).toEqual({ ...before, description: 'D2', name: '' });
      });

      it('PUT attributes: keys absent are kept, "" or null removes a key', async () => {
        const id = await create({ clientId: newClientId('attrs'), attributes: { 'ct.one': '1', 'ct.two': '2', 'ct.three': '3' } });
        await kc.clients.update({ realm: realm.name, id }, { attributes: { 'ct.one': 'uno' } });
        expect((await get(id)).attributes).toMatchObject({ 'ct.one': 'uno', 'ct.two': '2', 'ct.three': '3' });
        expect((await api('PUT', `/clients/${id}`, { attributes: { 'ct.two': '' } })).status).toBe(204);
        expect((await api('PUT', `/clients/${id}`, { attributes: { 'ct.three': null } })).status).toBe(204);
        const after = (await get(id)).attributes ?? {};
        expect(after['ct.one']).toBe('uno');
        expect('ct.two' in after).toBe(false);
        expect('ct.three' in after).toBe(false);
      });

      it('PUT redirectUris [] clears them but keeps webOrigins; empty webOrigins are derived again from new redirect URIs', async () => {
        const id = await create({ clientId: newClientId('redirects'), redirectUris: ['https://x.acme.example/cb'] });
        expect((await get(id)).webOrigins).toEqual(['https://x.acme.example']);
        await kc.clients.update({ realm: realm.name, id }, { redirectUris: [] });
        expect(await get(id)).toMatchObject({ redirectUris: [], webOrigins: ['https://x.acme.example'] });
        await kc.clients.update({ realm: realm.name, id }, { webOrigins: [] });
        expect(await get(id)).toMatchObject({ redirectUris: [], webOrigins: [] });
        await kc.clients.update({ realm: realm.name, id }, { redirectUris: ['https://y.acme.example/cb'] });
        expect(await get(id)).toMatchObject({ redirectUris: ['https://y.acme.example/cb'], webOrigins: ['https://y.acme.example'] });
        // Origins already present are not replaced when the redirect URIs change.
        await kc.clients.update({ realm: realm.name, id }, { redirectUris: ['https://z.acme.example/cb'] });
        expect(await get(id)).toMatchObject({ redirectUris: ['https://z.acme.example/cb'], webOrigins: ['https://y.acme.example'] });
      });

      it('PUT ignores defaultClientScopes and optionalClientScopes in the body', async () => {
        const id = await create({ clientId: newClientId('put-scopes') });
        await kc.clients.update({ realm: realm.name, id }, { defaultClientScopes: ['datahub-api'], optionalClientScopes: [] });
        const rep = await get(id);
        expect(sorted(rep.defaultClientScopes)).toEqual(REALM_DEFAULT_SCOPES);
        expect(sorted(rep.optionalClientScopes)).toEqual(REALM_OPTIONAL_SCOPES);
      });

      it('PUT renaming to a clientId that exists is 409, a different body than on create', async () => {
        const taken = newClientId('taken');
        await create({ clientId: taken });
        const id = await create({ clientId: newClientId('renamed') });
        const result = await api('PUT', `/clients/${id}`, { clientId: taken });
        expect(result.status).toBe(409);
        expect(result.json).toEqual({ error: 'conflict', error_description: 'Duplicate resource error' });
      });

      it('DELETE answers 204; the client is gone', async () => {
        const clientId = newClientId('deleted');
        const id = await create({ clientId });
        const result = await api('DELETE', `/clients/${id}`);
        expect(result.status).toBe(204);
        expect(result.text).toBe('');
        expect((await api('GET', `/clients/${id}`)).status).toBe(404);
        expect(await listClientIds(`?clientId=${clientId}`)).toEqual([]);
        expect((await api('DELETE', `/clients/${id}`)).status).toBe(404);
      });

      it('malformed bodies are 400/415 with Keycloak\'s error bodies, and change nothing', async () => {
        const id = await create({ clientId: newClientId('bodies') });
        const before = await get(id);
        const malformed = await api('PUT', `/clients/${id}`, '{"description":');
        expect(malformed.status).toBe(400);
        expect(malformed.json).toEqual({ error: 'invalid_request', error_description: 'Cannot parse the JSON' });
        const array = await api('POST', '/clients', '[]');
        expect(array.status).toBe(400);
        expect(array.json).toEqual({ error: 'unknown_error', error_description: 'Cannot parse the JSON' });
        const wrongType = await api('POST', '/clients', { clientId: newClientId('wrong-type'), redirectUris: 'https://x.acme.example/cb' });
        expect(wrongType.status).toBe(400);
        expect(wrongType.json).toEqual({ error: 'unknown_error', error_description: 'Cannot parse the JSON' });
        const unknownField = await api('POST', '/clients', { clientId: newClientId('unknown-field'), bogus: 1 });
        expect(unknownField.status).toBe(400);
        expect(Object.keys(unknownField.json as object)).toEqual(['error']);
        expect((unknownField.json as { error: string }).error).toMatch(
          /^Invalid json representation for ClientRepresentation\. Unrecognized field "bogus" at line \d+ column \d+\.$/,
        );
        const wrongContentType = await api('POST', '/clients', JSON.stringify({ clientId: newClientId('text') }), realm.admin, {
          'content-type': 'text/plain',
        });
        expect(wrongContentType.status).toBe(415);
        expect(wrongContentType.json).toEqual({ error: 'The content-type header value did not match the value in @Consumes' });
        expect(await get(id)).toEqual(before);
      });
    });

    describe('URL validation', () => {
      const refused: [string, ClientRepresentation, string][] = [
        ['javascript: redirect URI', { redirectUris: ['javascript:alert(1)'] }, 'A redirect URI uses an illegal scheme'],
        ['data: redirect URI', { redirectUris: ['data:text/html,hi'] }, 'A redirect URI uses an illegal scheme'],
        ['redirect URI with a fragment', { redirectUris: ['https://a.acme.example/cb#x'] }, 'A redirect URI must not contain an URL fragment'],
        ['redirect URI that does not parse', { redirectUris: ['https://a b.acme.example/cb'] }, 'A redirect URI is not a valid URI'],
        ['javascript: rootUrl', { rootUrl: 'javascript:alert(1)' }, 'Root URL uses an illegal scheme'],
        ['rootUrl that is no URL', { rootUrl: 'not a url' }, 'Root URL is not a valid URL'],
        ['rootUrl with a custom scheme', { rootUrl: 'myapp:/x' }, 'Root URL is not a valid URL'],
        ['rootUrl with a fragment', { rootUrl: 'https://a.acme.example/#x' }, 'Root URL must not contain an URL fragment'],
        ['javascript: baseUrl', { baseUrl: 'javascript:alert(1)' }, 'Base URL uses an illegal scheme'],
        ['javascript: adminUrl', { adminUrl: 'javascript:alert(1)' }, 'Admin URL uses an illegal scheme'],
        [
          'javascript: backchannel logout URL',
          { attributes: { 'backchannel.logout.url': 'javascript:alert(1)' } },
          'Backchannel logout URL uses an illegal scheme',
        ],
        [
          'javascript: post-logout redirect URI',
          { attributes: { 'post.logout.redirect.uris': 'javascript:alert(1)' } },
          'A post-logout redirect URI uses an illegal scheme',
        ],
        [
          'post-logout redirect URI with a fragment',
          { attributes: { 'post.logout.redirect.uris': 'https://a.acme.example/#x' } },
          'A post-logout redirect URI must not contain an URL fragment',
        ],
        [
          'two problems, joined with "; "',
          { rootUrl: 'javascript:x', redirectUris: ['javascript:alert(1)'] },
          'Root URL uses an illegal scheme; A redirect URI uses an illegal scheme',
        ],
      ];

      it.each(refused)('create with a %s is 400 invalid_input and creates nothing', async (_what, rep, message) => {
        const clientId = newClientId('invalid');
        const result = await api('POST', '/clients', { clientId, ...rep });
        expect(result.status).toBe(400);
        expect(result.json).toEqual(invalidInput(message));
        expect(await listClientIds(`?clientId=${clientId}`)).toEqual([]);
      });

      it('the admin client surfaces it as a NetworkError whose message is the error code', async () => {
        const viaClient = await failure(kc.clients.create({ realm: realm.name, clientId: newClientId('invalid'), rootUrl: 'javascript:x' }));
        expect(viaClient).toEqual({ status: 400, data: invalidInput('Root URL uses an illegal scheme'), message: 'invalid_input' });
      });

      it('update is validated the same way, and a refused update changes nothing', async () => {
        const id = await create({ clientId: newClientId('valid'), redirectUris: ['https://v.acme.example/cb'] });
        const before = await get(id);
        const redirect = await api('PUT', `/clients/${id}`, { redirectUris: ['javascript:alert(1)'] });
        expect(redirect.status).toBe(400);
        expect(redirect.json).toEqual(invalidInput('A redirect URI uses an illegal scheme'));
        const root = await api('PUT', `/clients/${id}`, { rootUrl: 'javascript:alert(1)', description: 'not applied' });
        expect(root.status).toBe(400);
        expect(root.json).toEqual(invalidInput('Root URL uses an illegal scheme'));
        expect(await get(id)).toEqual(before);
      });

      it('accepted as they are: a bare * redirect URI, a relative baseUrl, any web origin', async () => {
        const rep = await get(
          await create({
            clientId: newClientId('lenient'),
            redirectUris: ['*'],
            baseUrl: '/dashboard',
            webOrigins: ['*', 'javascript:alert(1)'],
          }),
        );
        expect(rep.redirectUris).toEqual(['*']);
        expect(rep.baseUrl).toBe('/dashboard');
        expect(sorted(rep.webOrigins)).toEqual(['*', 'javascript:alert(1)']);
      });
    });

    describe('client secret', () => {
      it('GET client-secret is {type, value} with the secret of the representation', async () => {
        const id = await create({ clientId: newClientId('secret') });
        const rep = await get(id);
        const result = await api('GET', `/clients/${id}/client-secret`);
        expect(result.status).toBe(200);
        expect(result.json).toEqual({ type: 'secret', value: rep.secret });
      });

      it('POST client-secret answers 200 with a new secret; the old one is refused at once, the new one works', async () => {
        const clientId = newClientId('rotate');
        const id = await create({ clientId, serviceAccountsEnabled: true });
        const old = await get(id);
        const oldToken = await tokenRequest(url, realm.name, { grant_type: 'client_credentials', client_id: clientId, client_secret: old.secret ?? '' });
        expect(oldToken.status).toBe(200);
        const result = await api('POST', `/clients/${id}/client-secret`);
        expect(result.status).toBe(200);
        const fresh = result.json as { type: string; value: string };
        expect(sorted(Object.keys(fresh))).toEqual(['type', 'value']);
        expect(fresh.type).toBe('secret');
        expect(fresh.value).not.toBe(old.secret);
        expect(await kc.clients.getClientSecret({ realm: realm.name, id })).toEqual(fresh);
        const after = await get(id);
        expect(after.secret).toBe(fresh.value);
        expect(Number(after.attributes?.['client.secret.creation.time'])).toBeGreaterThanOrEqual(
          Number(old.attributes?.['client.secret.creation.time']),
        );
        const refused = await tokenRequest(url, realm.name, { grant_type: 'client_credentials', client_id: clientId, client_secret: old.secret ?? '' });
        expect(refused.status).toBe(401);
        expect(refused.json).toEqual(BAD_CLIENT_CREDENTIALS);
        const accepted = await tokenRequest(url, realm.name, { grant_type: 'client_credentials', client_id: clientId, client_secret: fresh.value });
        expect(accepted.status).toBe(200);
        // Without a rotation policy no previous secret is kept.
        const rotated = await api('GET', `/clients/${id}/client-secret/rotated`);
        expect(rotated.status).toBe(404);
        expect(rotated.json).toEqual({ error: 'Client does not have a rotated secret' });
      });

      it('the admin client returns the same credential from POST and a later GET', async () => {
        const id = await create({ clientId: newClientId('rotate-client') });
        const generated = await kc.clients.generateNewClientSecret({ realm: realm.name, id });
        expect(await kc.clients.getClientSecret({ realm: realm.name, id })).toEqual(generated);
      });

      it('a public client has no secret: GET client-secret is {type} only', async () => {
        const id = await create({ clientId: newClientId('public'), publicClient: true });
        const rep = await get(id);
        expect('secret' in rep).toBe(false);
        const result = await api('GET', `/clients/${id}/client-secret`);
        expect(result.status).toBe(200);
        expect(result.json).toEqual({ type: 'secret' });
      });
    });

    describe('client scope links', () => {
      it('PUT default-client-scopes/{id} links a scope as default (204, idempotent); DELETE unlinks it', async () => {
        const id = await create({ clientId: newClientId('link') });
        const scopeId = realm.scopeIds['datahub-api'];
        for (let i = 0; i < 2; i++) {
          const result = await api('PUT', `/clients/${id}/default-client-scopes/${scopeId}`);
          expect(result.status).toBe(204);
          expect(result.text).toBe('');
        }
        const linked = await get(id);
        expect(sorted(linked.defaultClientScopes)).toEqual(sorted([...REALM_DEFAULT_SCOPES, 'datahub-api']));
        const list = (await api('GET', `/clients/${id}/default-client-scopes`)).json as { id: string; name: string }[];
        expect(list).toContainEqual({ id: scopeId, name: 'datahub-api' });
        const removed = await api('DELETE', `/clients/${id}/default-client-scopes/${scopeId}`);
        expect(removed.status).toBe(204);
        expect(sorted((await get(id)).defaultClientScopes)).toEqual(REALM_DEFAULT_SCOPES);
        // Not linked (any more): still 204.
        expect((await api('DELETE', `/clients/${id}/default-client-scopes/${scopeId}`)).status).toBe(204);
      });

      it('optional links work the same under optional-client-scopes', async () => {
        const id = await create({ clientId: newClientId('link-opt') });
        const scopeId = realm.scopeIds['push-data'];
        await kc.clients.addOptionalClientScope({ realm: realm.name, id, clientScopeId: scopeId });
        expect(sorted((await get(id)).optionalClientScopes)).toEqual(sorted([...REALM_OPTIONAL_SCOPES, 'push-data']));
        const list = await kc.clients.listOptionalClientScopes({ realm: realm.name, id });
        expect(list).toContainEqual({ id: scopeId, name: 'push-data' });
        await kc.clients.delOptionalClientScope({ realm: realm.name, id, clientScopeId: scopeId });
        expect(sorted((await get(id)).optionalClientScopes)).toEqual(REALM_OPTIONAL_SCOPES);
      });

      it('a scope linked one way stays so when linked the other way; DELETE under either path removes it', async () => {
        const id = await create({ clientId: newClientId('link-both') });
        const datahub = realm.scopeIds['datahub-api'];
        const push = realm.scopeIds['push-data'];
        expect((await api('PUT', `/clients/${id}/default-client-scopes/${datahub}`)).status).toBe(204);
        expect((await api('PUT', `/clients/${id}/optional-client-scopes/${datahub}`)).status).toBe(204);
        expect((await api('PUT', `/clients/${id}/optional-client-scopes/${push}`)).status).toBe(204);
        expect((await api('PUT', `/clients/${id}/default-client-scopes/${push}`)).status).toBe(204);
        let rep = await get(id);
        expect(rep.defaultClientScopes).toContain('datahub-api');
        expect(rep.optionalClientScopes).not.toContain('datahub-api');
        expect(rep.optionalClientScopes).toContain('push-data');
        expect(rep.defaultClientScopes).not.toContain('push-data');
        expect((await api('DELETE', `/clients/${id}/optional-client-scopes/${datahub}`)).status).toBe(204);
        expect((await api('DELETE', `/clients/${id}/default-client-scopes/${push}`)).status).toBe(204);
        rep = await get(id);
        expect(sorted(rep.defaultClientScopes)).toEqual(REALM_DEFAULT_SCOPES);
        expect(sorted(rep.optionalClientScopes)).toEqual(REALM_OPTIONAL_SCOPES);
      });

      it('an unknown scope id is 404 "Client scope not found"', async () => {
        const id = await create({ clientId: newClientId('link-unknown') });
        for (const method of ['PUT', 'DELETE']) {
          for (const kind of ['default', 'optional']) {
            const result = await api(method, `/clients/${id}/${kind}-client-scopes/00000000-0000-0000-0000-000000000000`);
            expect(result.status, `${method} ${kind}`).toBe(404);
            expect(result.json, `${method} ${kind}`).toEqual(SCOPE_NOT_FOUND);
          }
        }
      });
    });
  });
}
