// /admin/realms/{realm}/client-scopes (list, create, get, delete) and the realm's default and
// optional client scopes (what new clients get).
import type { AdminHandler } from './admin-clients.js';
import { errorMessage, notFound, serverError } from './errors.js';
import { created, noContent, ok, readObject, type Reply } from './http-io.js';
import { javaHashOrder, javaStringHash } from './java-order.js';
import type { Representation } from './json-reader.js';
import type { ClientScope, Realm } from './model.js';
import { scopeRepresentation } from './representations.js';
import type { Router } from './router.js';
import { targetRealm, type AdminRequest, type EmulatorState } from './state.js';

const SCOPE_REPRESENTATION: Representation = {
  name: 'ClientScopeRepresentation',
  fields: { id: 'string', name: 'string', description: 'string', protocol: 'string', attributes: 'stringMap', protocolMappers: 'any' },
};

/** RFC 6749 scope-token characters: printable ASCII except space, '"' and '\'. */
const SCOPE_NAME = /^[\x21\x23-\x5b\x5d-\x7e]+$/;
const PROTOCOLS = new Set(['openid-connect', 'saml']);

const BASE = '/admin/realms/{realm}/client-scopes';

export function addClientScopeRoutes(router: Router<AdminHandler>): void {
  router
    .add('GET', BASE, listScopes)
    .add('POST', BASE, postScope)
    .add('GET', `${BASE}/{scopeId}`, getScope)
    .add('DELETE', `${BASE}/{scopeId}`, deleteScope)
    .add('GET', '/admin/realms/{realm}/default-default-client-scopes', (s, r) => listRealmDefaults(s, r, true))
    .add('GET', '/admin/realms/{realm}/default-optional-client-scopes', (s, r) => listRealmDefaults(s, r, false))
    .add('PUT', '/admin/realms/{realm}/default-default-client-scopes/{scopeId}', (s, r) => putRealmDefault(s, r, true))
    .add('PUT', '/admin/realms/{realm}/default-optional-client-scopes/{scopeId}', (s, r) => putRealmDefault(s, r, false))
    .add('DELETE', '/admin/realms/{realm}/default-default-client-scopes/{scopeId}', deleteRealmDefault)
    .add('DELETE', '/admin/realms/{realm}/default-optional-client-scopes/{scopeId}', deleteRealmDefault);
}

/** Keycloak lists a realm's scopes in the hash order of their ids. */
function ordered(realm: Realm): ClientScope[] {
  return javaHashOrder(realm.scopes.values(), (s) => javaStringHash(s.id), (s) => s.id);
}

function listScopes(state: EmulatorState, req: AdminRequest): Reply {
  const { realm, rights } = targetRealm(state, req);
  rights.require(rights.canListClients);
  return ok(ordered(realm).map(scopeRepresentation));
}

function postScope(state: EmulatorState, req: AdminRequest): Reply {
  const { realm, rights } = targetRealm(state, req);
  const rep = readObject(req, SCOPE_REPRESENTATION);
  rights.require(rights.canManageClients);
  const name = rep['name'];
  if (typeof name !== 'string') throw serverError();
  if (!SCOPE_NAME.test(name)) throw errorMessage(400, `Unexpected name "${name}" for ClientScope`);
  const protocol = rep['protocol'];
  if (typeof protocol !== 'string' || !PROTOCOLS.has(protocol)) throw errorMessage(400, 'Unexpected protocol');
  if ([...realm.scopes.values()].some((s) => s.name === name)) throw errorMessage(409, `Client Scope ${name} already exists`);
  const attributes = new Map<string, string>();
  const given = rep['attributes'];
  if (given instanceof Map) for (const [k, v] of given as Map<string, string | null>) if (v !== null) attributes.set(k, v);
  const description = typeof rep['description'] === 'string' ? rep['description'] : null;
  const scope = state.store.addScope(realm, { name, protocol, description, attributes });
  return created(`${req.baseUrl}${req.path.replace(/\/+$/, '')}/${scope.id}`);
}

function scopeOfPath(realm: Realm, req: AdminRequest): ClientScope {
  const scope = realm.scopes.get(req.params['scopeId'] ?? '');
  if (!scope) throw notFound('Could not find client scope');
  return scope;
}

function getScope(state: EmulatorState, req: AdminRequest): Reply {
  const { realm, rights } = targetRealm(state, req);
  rights.require(rights.canListClients);
  return ok(scopeRepresentation(scopeOfPath(realm, req)));
}

function deleteScope(state: EmulatorState, req: AdminRequest): Reply {
  const { realm, rights } = targetRealm(state, req);
  rights.require(rights.canManageClients);
  state.store.removeScope(realm, scopeOfPath(realm, req));
  return noContent();
}

function listRealmDefaults(state: EmulatorState, req: AdminRequest, isDefault: boolean): Reply {
  const { realm, rights } = targetRealm(state, req);
  rights.require(rights.canViewRealm || rights.canListClients);
  const out: Record<string, unknown>[] = [];
  for (const [id, d] of realm.defaultScopes) {
    const scope = realm.scopes.get(id);
    if (scope && d === isDefault) out.push({ id: scope.id, name: scope.name, protocol: scope.protocol });
  }
  return ok(out);
}

function putRealmDefault(state: EmulatorState, req: AdminRequest, isDefault: boolean): Reply {
  const { realm, rights } = targetRealm(state, req);
  rights.require(rights.canManageRealm);
  const scope = realm.scopes.get(req.params['scopeId'] ?? '');
  if (!scope) throw notFound('Client scope not found');
  realm.defaultScopes.delete(scope.id);
  realm.defaultScopes.set(scope.id, isDefault);
  return noContent();
}

function deleteRealmDefault(state: EmulatorState, req: AdminRequest): Reply {
  const { realm, rights } = targetRealm(state, req);
  rights.require(rights.canManageRealm);
  const scope = realm.scopes.get(req.params['scopeId'] ?? '');
  if (!scope) throw notFound('Client scope not found');
  realm.defaultScopes.delete(scope.id);
  return noContent();
}
