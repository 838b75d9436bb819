// What the emulator does not model, refused loudly. Keycloak stores many things the emulator has
// no place for (authorization services, groups, flows, ...). Answering such a request with
// Keycloak's success would lose the data without a word (seen: `authorizationServicesEnabled:
// true` answered 204 and dropped), so it gets 501 with a body naming what is not modelled.
// Requests that lose nothing (a false flag, an empty list, a value equal to what the emulator
// reports) still pass, so a GET → PUT round trip of the emulator's own representation works.
import { KeycloakError } from './errors.js';

export const NOT_MODELLED = 'not_modelled';

/** 501 {"error": "not_modelled", "error_description": "... <what> ..."}. */
export function notModelled(what: string): KeycloakError {
  return new KeycloakError(501, {
    error: NOT_MODELLED,
    error_description: `The Keycloak emulator does not model ${what}; use a real Keycloak for this (see the emulator's README)`,
  });
}

const isEmpty = (v: unknown): boolean =>
  v === null ||
  v === undefined ||
  (Array.isArray(v) && v.length === 0) ||
  (v instanceof Map && v.size === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && !(v instanceof Map) && Object.keys(v as object).length === 0);

/** ClientRepresentation fields Keycloak stores and the emulator would drop. */
export function refuseUnmodelledClientFields(rep: Readonly<Record<string, unknown>>): void {
  const found: string[] = [];
  if (rep['authorizationServicesEnabled'] === true) found.push('authorizationServicesEnabled: true (authorization services)');
  if (!isEmpty(rep['authorizationSettings'])) found.push('authorizationSettings (authorization services)');
  if (!isEmpty(rep['defaultRoles'])) found.push('defaultRoles');
  if (typeof rep['registrationAccessToken'] === 'string' && rep['registrationAccessToken'] !== '') found.push('registrationAccessToken');
  if (found.length > 0) throw notModelled(`the client field${found.length === 1 ? '' : 's'} ${found.join(', ')}`);
}

/**
 * RealmRepresentation fields besides those the emulator keeps: accepted only when they lose
 * nothing (empty, or equal to the fixed value the emulator reports for them).
 */
export function refuseUnmodelledRealmFields(
  rep: Readonly<Record<string, unknown>>,
  modelled: ReadonlySet<string>,
  reported: Readonly<Record<string, unknown>>,
): void {
  const found = Object.keys(rep)
    .filter((key) => !modelled.has(key) && !isEmpty(rep[key]) && reported[key] !== rep[key])
    .sort();
  if (found.length > 0) throw notModelled(`the realm field${found.length === 1 ? '' : 's'} ${found.join(', ')}`);
}

/**
 * Keycloak's Admin REST resources below /admin/realms/{realm} (RealmAdminResource, 26.7): a path
 * under one of them that the emulator has no route for is a Keycloak endpoint it does not model.
 * Other paths answer 404 as Keycloak does for paths it does not have.
 */
const REALM_RESOURCES = new Set([
  'admin-events', 'attack-detection', 'authentication', 'client-description-converter', 'client-policies',
  'client-registration-policy', 'client-scopes', 'client-session-stats', 'client-types', 'clients',
  'clients-initial-access', 'components', 'credential-registrators', 'default-default-client-scopes',
  'default-groups', 'default-optional-client-scopes', 'events', 'group-by-path', 'groups', 'identity-provider',
  'keys', 'ldap-server-capabilities', 'localization', 'logout-all', 'organizations', 'partial-export',
  'partialImport', 'push-revocation', 'roles', 'roles-by-id', 'sessions', 'testSMTPConnection', 'users',
  'users-management-permissions', 'workflows',
]);

/** Keycloak's sub-resources of one client (ClientResource, 26.7). */
const CLIENT_RESOURCES = new Set([
  'authz', 'certificates', 'client-secret', 'default-client-scopes', 'evaluate-scopes', 'installation',
  'management', 'nodes', 'offline-session-count', 'offline-sessions', 'optional-client-scopes',
  'protocol-mappers', 'push-revocation', 'registration-access-token', 'roles', 'scope-mappings',
  'service-account-user', 'session-count', 'test-nodes-available', 'user-sessions',
]);

/** Write operations Keycloak has on paths the emulator serves for other methods only. */
const WRITES = new Set([
  'POST /admin/realms/{realm}/users',
  'PUT /admin/realms/{realm}/users/{id}',
  'DELETE /admin/realms/{realm}/users/{id}',
  'POST /admin/realms/{realm}/roles',
  'PUT /admin/realms/{realm}/roles/{name}',
  'DELETE /admin/realms/{realm}/roles/{name}',
  'POST /admin/realms/{realm}/clients/{id}/roles',
  'PUT /admin/realms/{realm}/clients/{id}/roles/{name}',
  'DELETE /admin/realms/{realm}/clients/{id}/roles/{name}',
  'PUT /admin/realms/{realm}/client-scopes/{id}',
]);

/** The endpoint as a template: realm and ids replaced by placeholders. */
function template(segments: readonly string[]): string {
  const out = segments.map((s, i) => {
    if (i === 2) return '{realm}';
    if (i === 4 && segments[3] !== undefined && ['clients', 'client-scopes', 'users'].includes(segments[3])) return '{id}';
    if (i === 4 && segments[3] === 'roles') return '{name}';
    if (i === 6 && segments[5] === 'roles') return '{name}';
    return s;
  });
  return `/${out.join('/')}`;
}

/** The client id of a path under /admin/realms/{realm}/clients/{id}/..., else null. */
export function clientIdOf(segments: readonly string[]): string | null {
  return segments[3] === 'clients' && segments.length > 4 ? (segments[4] ?? null) : null;
}

/**
 * For an admin request the router could not serve: the Keycloak endpoint it names when that is
 * one the emulator does not model ("GET /admin/realms/{realm}/groups"), else null (then the
 * request gets Keycloak's own 404/405).
 */
export function unmodelledEndpoint(method: string, segments: readonly string[], routeMethodMissing: boolean): string | null {
  if (segments[0] !== 'admin' || segments[1] !== 'realms' || segments.length < 4) return null;
  if (!REALM_RESOURCES.has(segments[3] ?? '')) return null;
  if (segments[3] === 'clients' && segments.length > 5 && !CLIENT_RESOURCES.has(segments[5] ?? '')) return null;
  const endpoint = `${method} ${template(segments)}`;
  if (routeMethodMissing) return WRITES.has(endpoint) ? endpoint : null;
  return endpoint;
}
