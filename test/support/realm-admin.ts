// A fresh realm and service-account clients in it, through the admin REST API; plain functions
// that need no test runner (bench/sync.ts uses them too; test-realm.ts adds the vitest hooks).
// Target-agnostic: the same calls work against the real Keycloak and against the emulator, so the
// emulator implements exactly the endpoints below (besides those the contract suite covers).
//
// Endpoints used (master admin token, except 1):
//   1. POST   /realms/master/protocol/openid-connect/token   grant_type=password, client_id=admin-cli
//   2. POST   /admin/realms                                   {"realm": name, "enabled": true} → 201
//   3. DELETE /admin/realms/{realm}                           → 204
//   4. POST   /admin/realms/{realm}/client-scopes             {"name", "description", "protocol": "openid-connect"} → 201 + Location
//   5. POST   /admin/realms/{realm}/clients                   {"clientId", "serviceAccountsEnabled": true, …} → 201 + Location
//   6. GET    /admin/realms/{realm}/clients/{id}/client-secret → {"type": "secret", "value"}
//   7. GET    /admin/realms/{realm}/clients/{id}/service-account-user → {"id", "username": "service-account-<clientId>", …}
//   8. GET    /admin/realms/{realm}/clients?clientId=realm-management → [{"id", …}]
//   9. GET    /admin/realms/{realm}/clients/{realm-management id}/roles/manage-clients → RoleRepresentation
//  10. POST   /admin/realms/{realm}/users/{user id}/role-mappings/clients/{realm-management id}  [RoleRepresentation] → 204
// A service account holding realm-management's `manage-clients` may use every client endpoint
// clientsync needs (the contract suite proves it); one without it gets 403 everywhere.
import { randomBytes } from 'node:crypto';
import { type HttpResult, type KeycloakConnection, TokenSource, adminRequest, idFromLocation } from './keycloak-admin.js';

/** The API scopes of clientsync.yaml; each test realm has them as openid-connect client scopes. */
export const TEST_SCOPES = ['datahub-api', 'push-data'] as const;
export type TestScope = (typeof TEST_SCOPES)[number];

export interface TestRealm {
  readonly name: string;
  readonly connection: KeycloakConnection;
  /** Master admin tokens for this server. */
  readonly admin: TokenSource;
  /** Client scope ids by name. */
  readonly scopeIds: Readonly<Record<TestScope, string>>;
  delete(): Promise<void>;
}

export interface ServiceAccount {
  readonly id: string;
  readonly clientId: string;
  readonly secret: string;
  /** client_credentials tokens for this client, in the test realm. */
  readonly tokens: TokenSource;
}

function expectStatus(result: HttpResult, status: number, what: string): HttpResult {
  if (result.status !== status) throw new Error(`${what}: expected ${status}, got ${result.status} ${result.text.slice(0, 300)}`);
  return result;
}

export function randomRealmName(prefix = 'cs-test'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export async function createTestRealm(connection: KeycloakConnection, name: string = randomRealmName()): Promise<TestRealm> {
  const admin = TokenSource.admin(connection);
  const { url } = connection;
  expectStatus(await adminRequest(url, admin, 'POST', '', { realm: name, enabled: true }), 201, `create realm ${name}`);
  const scopeIds: Partial<Record<TestScope, string>> = {};
  for (const scope of TEST_SCOPES) {
    const created = expectStatus(
      await adminRequest(url, admin, 'POST', `/${name}/client-scopes`, {
        name: scope,
        description: `clientsync test scope ${scope}`,
        protocol: 'openid-connect',
      }),
      201,
      `create client scope ${scope}`,
    );
    scopeIds[scope] = idFromLocation(created.headers.get('location'));
  }
  let deleted = false;
  return {
    name,
    connection,
    admin,
    scopeIds: scopeIds as Record<TestScope, string>,
    async delete() {
      if (deleted) return;
      deleted = true;
      const result = await adminRequest(url, admin, 'DELETE', `/${name}`);
      if (result.status !== 204 && result.status !== 404) expectStatus(result, 204, `delete realm ${name}`);
    },
  };
}

/**
 * A confidential client with a service account in the test realm. With `manageClients`, its
 * service account gets realm-management's `manage-clients` role (the least that lets it do
 * everything clientsync does); without, it has no admin role at all (for 403 tests).
 */
export async function createServiceAccount(
  realm: TestRealm,
  options: { clientId: string; manageClients: boolean },
): Promise<ServiceAccount> {
  const { url } = realm.connection;
  const base = `/${realm.name}`;
  const created = expectStatus(
    await adminRequest(url, realm.admin, 'POST', `${base}/clients`, {
      clientId: options.clientId,
      protocol: 'openid-connect',
      publicClient: false,
      serviceAccountsEnabled: true,
      standardFlowEnabled: false,
      directAccessGrantsEnabled: false,
    }),
    201,
    `create client ${options.clientId}`,
  );
  const id = idFromLocation(created.headers.get('location'));
  const secret = expectStatus(await adminRequest(url, realm.admin, 'GET', `${base}/clients/${id}/client-secret`), 200, 'read secret')
    .json as { value: string };
  if (options.manageClients) {
    const user = expectStatus(
      await adminRequest(url, realm.admin, 'GET', `${base}/clients/${id}/service-account-user`),
      200,
      'read service account user',
    ).json as { id: string };
    const realmManagement = (
      expectStatus(await adminRequest(url, realm.admin, 'GET', `${base}/clients?clientId=realm-management`), 200, 'find realm-management')
        .json as { id: string }[]
    )[0];
    if (!realmManagement) throw new Error(`realm ${realm.name} has no realm-management client`);
    const role = expectStatus(
      await adminRequest(url, realm.admin, 'GET', `${base}/clients/${realmManagement.id}/roles/manage-clients`),
      200,
      'read role manage-clients',
    ).json;
    expectStatus(
      await adminRequest(url, realm.admin, 'POST', `${base}/users/${user.id}/role-mappings/clients/${realmManagement.id}`, [role]),
      204,
      'grant manage-clients',
    );
  }
  return {
    id,
    clientId: options.clientId,
    secret: secret.value,
    tokens: TokenSource.clientCredentials(url, realm.name, options.clientId, secret.value),
  };
}
