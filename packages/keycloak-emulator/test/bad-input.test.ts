// Bad input is answered as Keycloak 26.7.3 answers it (bodies observed on the real server), and
// never crashes the emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { adminToken, call, idOf, start, tokenRequest } from './helpers.js';

const JSON_TYPE = { 'content-type': 'application/json' };
const CANNOT_PARSE = { error: 'invalid_request', error_description: 'Cannot parse the JSON' };
const CANNOT_BIND = { error: 'unknown_error', error_description: 'Cannot parse the JSON' };
const SERVER_ERROR = { error: 'unknown_error', error_description: 'For more on this error consult the server log.' };

describe('bad input', () => {
  let emulator: RunningEmulator;
  let token: string;
  let clientPath: string;
  const clients = '/admin/realms/insights/clients';
  beforeAll(async () => {
    emulator = await start();
    token = await adminToken(emulator);
    clientPath = `${clients}/${idOf(await call(emulator.url, 'POST', clients, { token, body: { clientId: 'acme_bad' } }))}`;
  });
  afterAll(() => emulator.close());

  it.each([
    ['malformed JSON', '{"clientId":', JSON_TYPE, 400, CANNOT_PARSE],
    ['a trailing comma', '{"clientId":"x",}', JSON_TYPE, 400, CANNOT_PARSE],
    ['an array body', '[{"clientId":"arr"}]', JSON_TYPE, 400, CANNOT_BIND],
    ['a number body', '42', JSON_TYPE, 400, CANNOT_BIND],
    ['a null body', 'null', JSON_TYPE, 500, SERVER_ERROR],
    ['an empty body', '', JSON_TYPE, 500, SERVER_ERROR],
    ['a string where a boolean belongs', '{"clientId":"wt","enabled":"yes"}', JSON_TYPE, 400, CANNOT_BIND],
    ['a string where a list belongs', '{"clientId":"wt","redirectUris":"https://x"}', JSON_TYPE, 400, CANNOT_BIND],
    ['an object where a string belongs', '{"clientId":{"a":1}}', JSON_TYPE, 400, CANNOT_BIND],
    ['text/plain', '{"clientId":"tp"}', { 'content-type': 'text/plain' }, 415, { error: 'The content-type header value did not match the value in @Consumes' }],
    ['a form', 'clientId=x', { 'content-type': 'application/x-www-form-urlencoded' }, 415, { error: 'The content-type header value did not match the value in @Consumes' }],
    ['an unknown field', '{"clientId":"u1","bogus":"abcdef"}', JSON_TYPE, 400, { error: 'Invalid json representation for ClientRepresentation. Unrecognized field "bogus" at line 1 column 27.' }],
    ['an unknown field on line 3', '{\n  "clientId": "u4",\n  "bogus": 12345\n}', JSON_TYPE, 400, { error: 'Invalid json representation for ClientRepresentation. Unrecognized field "bogus" at line 3 column 17.' }],
  ])('POST clients with %s', async (_what, body, headers, status, expected) => {
    const r = await call(emulator.url, 'POST', clients, { token, body, headers });
    expect(r.status).toBe(status);
    expect(r.json).toEqual(expected);
  });

  it('accepts application/json with parameters and coerces scalars as Jackson does', async () => {
    const r = await call(emulator.url, 'POST', clients, {
      token,
      body: '{"clientId":123,"name":true,"description":1.5,"enabled":0,"notBefore":"12","redirectUris":["https://z/x",1,null]}',
      headers: { 'content-type': 'Application/JSON; charset=utf-8' },
    });
    expect(r.status).toBe(201);
    const got = (await call(emulator.url, 'GET', `${clients}/${idOf(r)}`, { token })).json as Record<string, unknown>;
    expect(got).toMatchObject({ clientId: '123', name: 'true', description: '1.5', enabled: false, notBefore: 12, redirectUris: ['1', 'https://z/x'] });
  });

  it.each([
    ['malformed JSON', '{x', 400, CANNOT_PARSE],
    ['an array body', '[]', 400, CANNOT_BIND],
    ['a null body', 'null', 500, SERVER_ERROR],
    ['an unknown field', '{"zzz":1}', 400, { error: 'Invalid json representation for ClientRepresentation. Unrecognized field "zzz" at line 1 column 9.' }],
  ])('PUT a client with %s', async (_what, body, status, expected) => {
    const r = await call(emulator.url, 'PUT', clientPath, { token, body, headers: JSON_TYPE });
    expect(r.status).toBe(status);
    expect(r.json).toEqual(expected);
  });

  it('answers unknown realms, ids and paths as Keycloak does', async () => {
    const expectations: [string, string, number, unknown][] = [
      ['GET', '/admin/realms/nope/clients', 404, { error: 'Realm not found.' }],
      ['GET', '/admin/realms/nope/clients/x', 404, { error: 'Realm not found.' }],
      ['GET', `${clients}/nope`, 404, { error: 'Could not find client' }],
      ['PUT', `${clients}/nope`, 404, { error: 'Could not find client' }],
      ['DELETE', `${clients}/nope`, 404, { error: 'Could not find client' }],
      ['GET', `${clients}/nope/client-secret`, 404, { error: 'Could not find client' }],
      ['PUT', `${clientPath}/default-client-scopes/nope`, 404, { error: 'Client scope not found' }],
      ['GET', '/admin/realms/insights/nothing', 404, { error: 'HTTP 404 Not Found' }],
      ['PATCH', clients, 405, { error: 'HTTP 405 Method Not Allowed' }],
      ['GET', `${clients}?first=abc`, 404, { error: 'HTTP 404 Not Found' }],
      ['GET', '/admin/realms//insights/clients', 400, { error: 'missingNormalization', error_description: 'Request path not normalized' }],
    ];
    for (const [method, path, status, body] of expectations) {
      const r = await call(emulator.url, method, path, { token, ...(method === 'PUT' || method === 'PATCH' ? { body: {} } : {}) });
      expect([method, path, r.status, r.json]).toEqual([method, path, status, body]);
    }
    const root = await call(emulator.url, 'GET', '/nothing');
    expect([root.status, root.json]).toEqual([404, { error: 'Unable to find matching target resource method' }]);
  });

  it('answers 401 without a valid token and 403 without the right', async () => {
    for (const t of [null, 'abc.def.ghi', 'not-a-jwt']) {
      const r = await call(emulator.url, 'GET', clients, { token: t });
      expect([r.status, r.json]).toEqual([401, { error: 'HTTP 401 Unauthorized' }]);
    }
    const basic = await call(emulator.url, 'GET', clients, { headers: { authorization: 'Basic YTpi' } });
    expect(basic.status).toBe(401);
    // A service account without admin roles, in a realm of its own.
    const made = await call(emulator.url, 'POST', clients, { token, body: { clientId: 'acme_norights', serviceAccountsEnabled: true, secret: 's3cret' } });
    expect(made.status).toBe(201);
    const login = await tokenRequest(emulator.url, 'insights', { grant_type: 'client_credentials', client_id: 'acme_norights', client_secret: 's3cret' });
    const weak = (login.json as { access_token: string }).access_token;
    for (const [method, path] of [['GET', clients], ['POST', clients], ['GET', `${clients}/nope`], ['GET', clientPath], ['GET', '/admin/realms/insights/client-scopes']] as const) {
      const r = await call(emulator.url, method, path, { token: weak, ...(method === 'POST' ? { body: { clientId: 'x' } } : {}) });
      expect([method, path, r.status, r.json]).toEqual([method, path, 403, { error: 'HTTP 403 Forbidden' }]);
    }
    expect((await call(emulator.url, 'GET', '/admin/realms/master/clients', { token: weak })).status).toBe(403);
  });

  it('answers the token endpoint’s bad input as Keycloak does', async () => {
    const cases: [Record<string, string>, Record<string, string>, number, unknown][] = [
      [{ client_id: 'admin-cli' }, {}, 400, { error: 'invalid_request', error_description: 'Missing form parameter: grant_type' }],
      [{ grant_type: 'foo', client_id: 'admin-cli' }, {}, 400, { error: 'unsupported_grant_type', error_description: 'Unsupported grant_type' }],
      [{ grant_type: 'password', client_id: 'admin-cli', username: 'admin', password: 'nope' }, {}, 400, { error: 'invalid_grant', error_description: 'Invalid user credentials' }],
      [{ grant_type: 'password', client_id: 'admin-cli' }, {}, 401, { error: 'invalid_request', error_description: 'Missing parameter: username' }],
      [{ grant_type: 'client_credentials', client_id: 'nope', client_secret: 'x' }, {}, 401, { error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' }],
      [{ grant_type: 'client_credentials' }, {}, 401, { error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' }],
      [{ grant_type: 'client_credentials', client_id: 'clientsync', client_secret: 'wrong' }, {}, 401, { error: 'unauthorized_client', error_description: 'Invalid client or Invalid client credentials' }],
      [{ grant_type: 'client_credentials' }, { authorization: `Basic ${Buffer.from('clientsync:wrong').toString('base64')}` }, 401, { error: 'unauthorized_client', error_description: 'Invalid client or Invalid client credentials' }],
      [{ grant_type: 'client_credentials', client_id: 'admin-cli' }, {}, 401, { error: 'unauthorized_client', error_description: 'Public client not allowed to retrieve service account' }],
      [{ grant_type: 'refresh_token', client_id: 'admin-cli', refresh_token: 'garbage' }, {}, 400, { error: 'invalid_grant', error_description: 'Invalid refresh token' }],
    ];
    for (const [form, headers, status, body] of cases) {
      const r = await tokenRequest(emulator.url, 'master', form, headers);
      expect([form, r.status, r.json]).toEqual([form, status, body]);
    }
    const unknownRealm = await tokenRequest(emulator.url, 'nope', { grant_type: 'password' });
    expect([unknownRealm.status, unknownRealm.json]).toEqual([404, { error: 'Realm does not exist' }]);
    const json = await call(emulator.url, 'POST', '/realms/master/protocol/openid-connect/token', { body: { grant_type: 'password' } });
    expect(json.json).toEqual({ error: 'invalid_request', error_description: 'Missing form parameter: grant_type' });
  });

  it('survives garbage of every kind and keeps answering', async () => {
    const bodies = ['{', '}', '[', '"', '\u0000\u0001', '{"a":"\\x"}', '{"clientId":"\ud800"}', 'x'.repeat(100_000), '{"attributes":{"a":{"b":1}}}', '{"protocolMappers":[1,2]}', '{"registeredNodes":"x"}', '{"clientId":"ok","authenticationFlowBindingOverrides":{"browser":"nope"}}'];
    const paths = [clients, clientPath, `${clientPath}/client-secret`, '/admin/realms', '/admin/realms/insights/client-scopes', '/_emulator/faults'];
    for (const path of paths) {
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
        for (const body of bodies) {
          const r = await call(emulator.url, method, path, { token, body, headers: JSON_TYPE });
          expect(r.status).toBeGreaterThanOrEqual(200);
          expect(r.status).toBeLessThan(600);
        }
      }
    }
    // (DELETE removed the client on the way; the server itself must still answer.)
    expect((await call(emulator.url, 'GET', clients, { token })).status).toBe(200);
  });
});
