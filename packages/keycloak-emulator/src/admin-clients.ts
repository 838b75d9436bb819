// /admin/realms/{realm}/clients and everything under one client: list with Keycloak's query
// parameters, create, get, partial update, delete, the client secret, default/optional scope
// links, the service-account user and the client's roles.
import {
  CLIENT_REPRESENTATION,
  clientRepresentation,
  createClient,
  isInternalClient,
  isRealmClient,
  linkScope,
  linkedScopes,
  unlinkScope,
  regenerateSecret,
  updateClient,
} from './clients.js';
import { forbidden, notFound, oauthError, webError } from './errors.js';
import { booleanParam, created, integerParam, noContent, ok, readObject, type Reply } from './http-io.js';
import { javaStringSetOrder } from './java-order.js';
import type { Client, Realm } from './model.js';
import { isAdminClient, type Rights } from './permissions.js';
import type { Router } from './router.js';
import { targetRealm, type AdminRequest, type EmulatorState } from './state.js';
import { roleRepresentation, userRepresentation } from './representations.js';

export type AdminHandler = (state: EmulatorState, req: AdminRequest) => Reply | Promise<Reply>;

const BASE = '/admin/realms/{realm}/clients';

export function addClientRoutes(router: Router<AdminHandler>): void {
  router
    .add('GET', BASE, listClients)
    .add('POST', BASE, postClient)
    .add('GET', `${BASE}/{id}`, getClient)
    .add('PUT', `${BASE}/{id}`, putClient)
    .add('DELETE', `${BASE}/{id}`, deleteClient)
    .add('GET', `${BASE}/{id}/client-secret`, getSecret)
    .add('POST', `${BASE}/{id}/client-secret`, postSecret)
    .add('GET', `${BASE}/{id}/client-secret/rotated`, getRotatedSecret)
    .add('DELETE', `${BASE}/{id}/client-secret/rotated`, deleteRotatedSecret)
    .add('GET', `${BASE}/{id}/default-client-scopes`, (s, r) => listScopeLinks(s, r, true))
    .add('GET', `${BASE}/{id}/optional-client-scopes`, (s, r) => listScopeLinks(s, r, false))
    .add('PUT', `${BASE}/{id}/default-client-scopes/{scopeId}`, (s, r) => putScopeLink(s, r, true))
    .add('PUT', `${BASE}/{id}/optional-client-scopes/{scopeId}`, (s, r) => putScopeLink(s, r, false))
    .add('DELETE', `${BASE}/{id}/default-client-scopes/{scopeId}`, deleteScopeLink)
    .add('DELETE', `${BASE}/{id}/optional-client-scopes/{scopeId}`, deleteScopeLink)
    .add('GET', `${BASE}/{id}/service-account-user`, getServiceAccountUser)
    .add('GET', `${BASE}/{id}/roles`, listClientRoles)
    .add('GET', `${BASE}/{id}/roles/{roleName}`, getClientRole);
}

/**
 * A client's JSON without `access` and the closing brace, cached until the client (or its realm
 * as a whole) changes, so listing thousands of clients costs little more than copying strings.
 */
const fragments = new WeakMap<Client, { readonly revision: string; readonly json: string }>();

function fragment(state: EmulatorState, realm: Realm, client: Client): string {
  const revision = `${client.revision}.${realm.revision}`;
  let cached = fragments.get(client);
  if (!cached || cached.revision !== revision) {
    const rep = clientRepresentation(realm, client, isRealmClient(realm, client, state.store.realmExists));
    cached = { revision, json: JSON.stringify(rep).slice(0, -1) };
    fragments.set(client, cached);
  }
  return cached.json;
}

/** After a write: the client's JSON is made now, so the next list does not pay for it. */
function refreshed(state: EmulatorState, realm: Realm, client: Client): void {
  fragment(state, realm, client);
}

function clientJson(state: EmulatorState, realm: Realm, rights: Rights, client: Client): string {
  const json = fragment(state, realm, client);
  const access = rights.clientAccess(isAdminClient(state.store, realm, client));
  return `${json},"access":{"view":${access.view},"configure":${access.configure},"manage":${access.manage}}}`;
}

/** Pagination as the JPA store applies it: negative or absent values are ignored. */
function page<T>(items: readonly T[], first: number | null, max: number | null): T[] {
  const start = first !== null && first >= 0 ? first : 0;
  const end = max !== null && max >= 0 ? start + max : items.length;
  return items.slice(start, end);
}

/**
 * The JPA store's search: `lower(clientId) LIKE lower('%' + text + '%')`, unescaped, so `_`
 * matches any one character and `%` any run of characters.
 */
function likePattern(text: string): RegExp {
  const body = [...text].map((c) => (c === '_' ? '.' : c === '%' ? '.*' : c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'))).join('');
  return new RegExp(body, 'is');
}

/** SearchQueryUtils.getFields: `key:value key2:"value with spaces"`. */
function searchFields(q: string): Map<string, string> {
  const fields = new Map<string, string>();
  const pattern = /(?:"([^"]*)"|([^\s:"]+)):(?:"([^"]*)"|(\S*))/g;
  for (const m of q.matchAll(pattern)) fields.set((m[1] ?? m[2] ?? '').trim(), (m[3] ?? m[4] ?? '').trim());
  return fields;
}

function listClients(state: EmulatorState, req: AdminRequest): Reply {
  const { realm, rights } = targetRealm(state, req);
  const first = integerParam(req, 'first');
  const max = integerParam(req, 'max');
  if (first === 'invalid' || max === 'invalid') throw notFound();
  rights.require(rights.canListClients);
  if (!rights.canViewClients) return ok([]);
  const clientId = req.query.get('clientId');
  const q = req.query.get('q');
  let clients: Client[];
  if (q !== null) {
    const fields = searchFields(q);
    const refused = [...fields.keys()].filter((k) => !state.searchableAttributes.has(k));
    if (refused.length > 0) {
      throw oauthError(400, 'invalid_request', `Attributes [${javaStringSetOrder(refused).join(', ')}] not allowed for search`);
    }
    const wanted = [...fields];
    const matching = state.store.sortedClients(realm).filter((c) => wanted.every(([k, v]) => c.attributes.get(k) === v));
    clients = page(matching, first, max);
  } else if (clientId === null || clientId.trim() === '') {
    clients = page(state.store.sortedClients(realm), first, max);
  } else if (booleanParam(req, 'search')) {
    const like = likePattern(clientId);
    clients = page(state.store.sortedClients(realm).filter((c) => like.test(c.clientId)), first, max);
  } else {
    const client = realm.clientsByClientId.get(clientId);
    clients = client ? [client] : [];
  }
  return { status: 200, jsonText: `[${clients.map((c) => clientJson(state, realm, rights, c)).join(',')}]` };
}

function postClient(state: EmulatorState, req: AdminRequest): Reply {
  const { realm, rights } = targetRealm(state, req);
  const rep = readObject(req, CLIENT_REPRESENTATION);
  rights.require(rights.canManageClients);
  const { client, serviceAccount } = createClient(realm, rep);
  state.store.storeClient(realm, client);
  if (serviceAccount === 'create') state.store.createServiceAccountUser(realm, client);
  refreshed(state, realm, client);
  return created(`${req.baseUrl}${req.path.replace(/\/+$/, '')}/${encodeURIComponent(client.id)}`);
}

/** The client of the path; 404 when it does not exist (403 if the caller may not even list). */
function locate(state: EmulatorState, req: AdminRequest): { realm: Realm; rights: Rights; client: Client } {
  const { realm, rights } = targetRealm(state, req);
  const client = realm.clients.get(req.params['id'] ?? '');
  if (!client) {
    if (rights.canListClients) throw notFound('Could not find client');
    throw forbidden();
  }
  return { realm, rights, client };
}

function getClient(state: EmulatorState, req: AdminRequest): Reply {
  const { realm, rights, client } = locate(state, req);
  rights.require(rights.canViewClients);
  return { status: 200, jsonText: clientJson(state, realm, rights, client) };
}

function putClient(state: EmulatorState, req: AdminRequest): Reply {
  const { realm, rights, client } = locate(state, req);
  const rep = readObject(req, CLIENT_REPRESENTATION);
  rights.require(rights.canManageClients && !isAdminClient(state.store, realm, client));
  const hasUser = state.store.serviceAccountUser(realm, client) !== undefined;
  const outcome = updateClient(realm, client, rep, hasUser);
  state.store.replaceClient(realm, client, outcome.client, outcome.renamedFrom);
  if (outcome.serviceAccount === 'create') state.store.createServiceAccountUser(realm, client);
  else if (outcome.serviceAccount === 'delete') state.store.deleteServiceAccountUser(realm, client);
  refreshed(state, realm, client);
  return noContent();
}

function deleteClient(state: EmulatorState, req: AdminRequest): Reply {
  const { realm, rights, client } = locate(state, req);
  rights.require(rights.canManageClients && !isAdminClient(state.store, realm, client));
  if (isInternalClient(realm, client, state.store.realmExists)) {
    throw oauthError(400, 'invalid_request', 'Could not delete client');
  }
  state.store.removeClient(realm, client);
  return noContent();
}

function credential(secret: string | null): Record<string, string> {
  return secret === null ? { type: 'secret' } : { type: 'secret', value: secret };
}

function getSecret(state: EmulatorState, req: AdminRequest): Reply {
  const { rights, client } = locate(state, req);
  rights.require(rights.canViewClients);
  return ok(credential(client.secret));
}

function postSecret(state: EmulatorState, req: AdminRequest): Reply {
  const { realm, rights, client } = locate(state, req);
  // Any body and content type are accepted and ignored (observed on Keycloak 26.7.3).
  rights.require(rights.canManageClients && !isAdminClient(state.store, realm, client));
  // The old secret stops working at once: no client policy keeps it as a rotated secret.
  const secret = regenerateSecret(client);
  refreshed(state, realm, client);
  return ok(credential(secret));
}

function getRotatedSecret(state: EmulatorState, req: AdminRequest): Reply {
  const { rights } = locate(state, req);
  rights.require(rights.canViewClients);
  throw notFound('Client does not have a rotated secret');
}

function deleteRotatedSecret(state: EmulatorState, req: AdminRequest): Reply {
  const { realm, rights, client } = locate(state, req);
  rights.require(rights.canManageClients && !isAdminClient(state.store, realm, client));
  return noContent();
}

function listScopeLinks(state: EmulatorState, req: AdminRequest, isDefault: boolean): Reply {
  const { realm, rights, client } = locate(state, req);
  rights.require(rights.canViewClients);
  return ok(linkedScopes(realm, client, isDefault).map((s) => ({ id: s.id, name: s.name })));
}

function scopeOfPath(realm: Realm, req: AdminRequest) {
  const scope = realm.scopes.get(req.params['scopeId'] ?? '');
  if (!scope) throw notFound('Client scope not found');
  return scope;
}

function putScopeLink(state: EmulatorState, req: AdminRequest, isDefault: boolean): Reply {
  const { realm, rights, client } = locate(state, req);
  rights.require(rights.canManageClients);
  const scope = scopeOfPath(realm, req);
  linkScope(client, scope, isDefault);
  refreshed(state, realm, client);
  return noContent();
}

function deleteScopeLink(state: EmulatorState, req: AdminRequest): Reply {
  const { realm, rights, client } = locate(state, req);
  rights.require(rights.canManageClients);
  const scope = scopeOfPath(realm, req);
  // Both DELETE paths remove the link, whichever kind it is.
  unlinkScope(client, scope);
  refreshed(state, realm, client);
  return noContent();
}

function getServiceAccountUser(state: EmulatorState, req: AdminRequest): Reply {
  const { realm, rights, client } = locate(state, req);
  rights.require(rights.canViewClients);
  let user = state.store.serviceAccountUser(realm, client);
  if (!user) {
    if (!client.serviceAccountsEnabled) throw webError(400, `Service account not enabled for the client '${client.clientId}'`);
    user = state.store.createServiceAccountUser(realm, client);
  }
  return ok(userRepresentation(user, null));
}

function listClientRoles(state: EmulatorState, req: AdminRequest): Reply {
  const { rights, client } = locate(state, req);
  rights.require(rights.canViewClients);
  return ok([...client.roles.values()].map((r) => roleRepresentation(r, true)));
}

function getClientRole(state: EmulatorState, req: AdminRequest): Reply {
  const { rights, client } = locate(state, req);
  rights.require(rights.canViewClients);
  const role = client.roles.get(req.params['roleName'] ?? '');
  if (!role) throw notFound('Could not find role');
  return ok(roleRepresentation(role, false));
}
