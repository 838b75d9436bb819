// What the pages' sign-in needs in a test realm, through the admin REST API: a confidential
// standard-flow client with PKCE S256 and a group-membership mapper (claim `groups`, full
// paths), the groups /accounts/<id>, the realm role of operators, and users with passwords.
import { randomBytes } from 'node:crypto';
import { adminRequest, idFromLocation, type HttpResult } from './keycloak-admin.js';
import type { TestRealm } from './realm-admin.js';

function expect2xx(result: HttpResult, what: string): HttpResult {
  if (result.status < 200 || result.status > 299) throw new Error(`${what}: ${result.status} ${result.text.slice(0, 300)}`);
  return result;
}

export interface SignInClient {
  readonly clientId: string;
  readonly secret: string;
}

export async function createSignInClient(realm: TestRealm, options: { clientId: string; redirectUrl: string; postLogoutUrl: string }): Promise<SignInClient> {
  const { url } = realm.connection;
  const base = `/${realm.name}`;
  const created = expect2xx(
    await adminRequest(url, realm.admin, 'POST', `${base}/clients`, {
      clientId: options.clientId,
      protocol: 'openid-connect',
      publicClient: false,
      standardFlowEnabled: true,
      directAccessGrantsEnabled: false,
      redirectUris: [options.redirectUrl],
      attributes: { 'pkce.code.challenge.method': 'S256', 'post.logout.redirect.uris': options.postLogoutUrl },
    }),
    'create sign-in client',
  );
  const id = idFromLocation(created.headers.get('location'));
  expect2xx(
    await adminRequest(url, realm.admin, 'POST', `${base}/clients/${id}/protocol-mappers/models`, {
      name: 'groups',
      protocol: 'openid-connect',
      protocolMapper: 'oidc-group-membership-mapper',
      config: { 'claim.name': 'groups', 'full.path': 'true', 'id.token.claim': 'true', 'access.token.claim': 'true', 'userinfo.token.claim': 'true' },
    }),
    'add groups mapper',
  );
  const secret = (expect2xx(await adminRequest(url, realm.admin, 'GET', `${base}/clients/${id}/client-secret`), 'read secret').json as { value: string }).value;
  return { clientId: options.clientId, secret };
}

/** The group /accounts/<account>; returns its id. */
export async function createAccountGroup(realm: TestRealm, account: string): Promise<string> {
  const { url } = realm.connection;
  const base = `/${realm.name}`;
  const found = expect2xx(await adminRequest(url, realm.admin, 'GET', `${base}/groups?search=accounts&exact=true`), 'find group').json as { id: string; name: string }[];
  let parent = found.find((g) => g.name === 'accounts')?.id;
  if (parent === undefined) parent = idFromLocation(expect2xx(await adminRequest(url, realm.admin, 'POST', `${base}/groups`, { name: 'accounts' }), 'create group').headers.get('location'));
  return idFromLocation(expect2xx(await adminRequest(url, realm.admin, 'POST', `${base}/groups/${parent}/children`, { name: account }), 'create subgroup').headers.get('location'));
}

export interface TestUser {
  readonly username: string;
  readonly password: string;
}

export async function createUser(realm: TestRealm, username: string, options: { groups?: readonly string[]; realmRoles?: readonly string[] } = {}): Promise<TestUser> {
  const { url } = realm.connection;
  const base = `/${realm.name}`;
  const password = `pw-${randomBytes(6).toString('hex')}`;
  const created = expect2xx(
    await adminRequest(url, realm.admin, 'POST', `${base}/users`, {
      username,
      enabled: true,
      email: `${username}@example.com`,
      emailVerified: true,
      firstName: username,
      lastName: 'Tester',
      credentials: [{ type: 'password', value: password, temporary: false }],
    }),
    `create user ${username}`,
  );
  const id = idFromLocation(created.headers.get('location'));
  for (const group of options.groups ?? []) expect2xx(await adminRequest(url, realm.admin, 'PUT', `${base}/users/${id}/groups/${group}`), 'join group');
  for (const roleName of options.realmRoles ?? []) {
    let role = await adminRequest(url, realm.admin, 'GET', `${base}/roles/${roleName}`);
    if (role.status === 404) {
      expect2xx(await adminRequest(url, realm.admin, 'POST', `${base}/roles`, { name: roleName }), 'create role');
      role = await adminRequest(url, realm.admin, 'GET', `${base}/roles/${roleName}`);
    }
    expect2xx(await adminRequest(url, realm.admin, 'POST', `${base}/users/${id}/role-mappings/realm`, [expect2xx(role, 'read role').json]), 'grant role');
  }
  return { username, password };
}
