// Users and roles, as far as a test setup needs them to grant a service account admin rights:
// find users, read and change a user's realm and client role mappings, list roles.
// Role mappings name roles by id AND name, as Keycloak requires ("Role not found" otherwise).
import type { AdminHandler } from './admin-clients.js';
import { notFound } from './errors.js';
import { integerParam, noContent, ok, readArray, type Reply } from './http-io.js';
import type { Representation } from './json-reader.js';
import type { Client, Realm, Role, User } from './model.js';
import { roleRepresentation, userRepresentation } from './representations.js';
import type { Rights } from './permissions.js';
import type { Router } from './router.js';
import { targetRealm, type AdminRequest, type EmulatorState } from './state.js';

const ROLE_REPRESENTATION: Representation = {
  name: 'RoleRepresentation',
  fields: {
    id: 'string', name: 'string', description: 'string', scopeParamRequired: 'boolean', composite: 'boolean',
    composites: 'any', clientRole: 'boolean', containerId: 'string', attributes: 'any',
  },
};

const USER = '/admin/realms/{realm}/users/{userId}';

export function addUserRoutes(router: Router<AdminHandler>): void {
  router
    .add('GET', '/admin/realms/{realm}/users', listUsers)
    .add('GET', USER, getUser)
    .add('GET', `${USER}/role-mappings`, getAllMappings)
    .add('GET', `${USER}/role-mappings/realm`, (s, r) => getMappings(s, r, null, 'direct'))
    .add('GET', `${USER}/role-mappings/realm/available`, (s, r) => getMappings(s, r, null, 'available'))
    .add('GET', `${USER}/role-mappings/realm/composite`, (s, r) => getMappings(s, r, null, 'effective'))
    .add('POST', `${USER}/role-mappings/realm`, (s, r) => changeMappings(s, r, null, true))
    .add('DELETE', `${USER}/role-mappings/realm`, (s, r) => changeMappings(s, r, null, false))
    .add('GET', `${USER}/role-mappings/clients/{client}`, (s, r) => getMappings(s, r, clientParam(r), 'direct'))
    .add('GET', `${USER}/role-mappings/clients/{client}/available`, (s, r) => getMappings(s, r, clientParam(r), 'available'))
    .add('GET', `${USER}/role-mappings/clients/{client}/composite`, (s, r) => getMappings(s, r, clientParam(r), 'effective'))
    .add('POST', `${USER}/role-mappings/clients/{client}`, (s, r) => changeMappings(s, r, clientParam(r), true))
    .add('DELETE', `${USER}/role-mappings/clients/{client}`, (s, r) => changeMappings(s, r, clientParam(r), false))
    .add('GET', '/admin/realms/{realm}/roles', listRealmRoles)
    .add('GET', '/admin/realms/{realm}/roles/{roleName}', getRealmRole);
}

const clientParam = (req: AdminRequest): string => req.params['client'] ?? '';

function userOfPath(realm: Realm, rights: Rights, req: AdminRequest): User {
  const user = realm.users.get(req.params['userId'] ?? '');
  if (!user) {
    rights.require(rights.canViewUsers);
    throw notFound('User not found');
  }
  return user;
}

function listUsers(state: EmulatorState, req: AdminRequest): Reply {
  const { realm, rights } = targetRealm(state, req);
  rights.require(rights.canViewUsers);
  const first = integerParam(req, 'first');
  const max = integerParam(req, 'max');
  if (first === 'invalid' || max === 'invalid') throw notFound();
  const username = req.query.get('username') ?? req.query.get('search');
  const exact = (req.query.get('exact') ?? '').toLowerCase() === 'true';
  let users = [...realm.users.values()].sort((a, b) => (a.username < b.username ? -1 : 1));
  if (username !== null && username !== '') {
    const wanted = username.toLowerCase();
    users = users.filter((u) => (exact ? u.username === wanted : u.username.includes(wanted)));
  }
  const start = first !== null && first >= 0 ? first : 0;
  const end = max !== null && max >= 0 ? start + max : users.length;
  return ok(users.slice(start, end).map((u) => userRepresentation(u, { manage: rights.canManageUsers })));
}

function getUser(state: EmulatorState, req: AdminRequest): Reply {
  const { realm, rights } = targetRealm(state, req);
  const user = userOfPath(realm, rights, req);
  rights.require(rights.canViewUsers);
  const manage = rights.canManageUsers;
  return ok(userRepresentation(user, { manageGroupMembership: manage, resetPassword: manage, view: true, mapRoles: manage, impersonate: manage, manage }));
}

function clientOf(realm: Realm, id: string): Client {
  const client = realm.clients.get(id);
  if (!client) throw notFound('Client not found');
  return client;
}

/** Roles of the container (realm roles, or one client's roles). */
function containerRoles(realm: Realm, client: Client | null): Role[] {
  return client ? [...client.roles.values()] : [...realm.roles.values()];
}

function getMappings(state: EmulatorState, req: AdminRequest, clientId: string | null, which: 'direct' | 'available' | 'effective'): Reply {
  const { realm, rights } = targetRealm(state, req);
  const user = userOfPath(realm, rights, req);
  rights.require(rights.canViewUsers);
  const client = clientId === null ? null : clientOf(realm, clientId);
  const roles = containerRoles(realm, client);
  const effective = state.store.effectiveRoles(realm, user);
  const picked = roles.filter((role) => {
    if (which === 'direct') return user.roleIds.has(role.id);
    if (which === 'effective') return effective.has(role);
    return !user.roleIds.has(role.id);
  });
  return ok(picked.map((r) => roleRepresentation(r, true)));
}

function getAllMappings(state: EmulatorState, req: AdminRequest): Reply {
  const { realm, rights } = targetRealm(state, req);
  const user = userOfPath(realm, rights, req);
  rights.require(rights.canViewUsers);
  const out: Record<string, unknown> = {};
  const realmMappings = [...realm.roles.values()].filter((r) => user.roleIds.has(r.id));
  if (realmMappings.length > 0) out['realmMappings'] = realmMappings.map((r) => roleRepresentation(r, true));
  const clientMappings: Record<string, unknown> = {};
  for (const client of realm.clients.values()) {
    const mapped = [...client.roles.values()].filter((r) => user.roleIds.has(r.id));
    if (mapped.length > 0) {
      clientMappings[client.clientId] = { id: client.id, client: client.clientId, mappings: mapped.map((r) => roleRepresentation(r, true)) };
    }
  }
  if (Object.keys(clientMappings).length > 0) out['clientMappings'] = clientMappings;
  return ok(out);
}

function changeMappings(state: EmulatorState, req: AdminRequest, clientId: string | null, add: boolean): Reply {
  const { realm, rights } = targetRealm(state, req);
  const user = userOfPath(realm, rights, req);
  const client = clientId === null ? null : clientOf(realm, clientId);
  const reps = readArray(req, ROLE_REPRESENTATION);
  rights.require(rights.canManageUsers);
  const roles: Role[] = [];
  for (const rep of reps) {
    const name = typeof rep['name'] === 'string' ? rep['name'] : '';
    const role = client ? client.roles.get(name) : realm.roles.get(name);
    if (!role || role.id !== rep['id']) throw notFound('Role not found');
    roles.push(role);
  }
  state.store.changeRoleMappings(user, roles, add);
  return noContent();
}

function listRealmRoles(state: EmulatorState, req: AdminRequest): Reply {
  const { realm, rights } = targetRealm(state, req);
  rights.require(rights.any);
  return ok([...realm.roles.values()].map((r) => roleRepresentation(r, true)));
}

function getRealmRole(state: EmulatorState, req: AdminRequest): Reply {
  const { realm, rights } = targetRealm(state, req);
  rights.require(rights.any);
  const role = realm.roles.get(req.params['roleName'] ?? '');
  if (!role) throw notFound('Could not find role');
  return ok(roleRepresentation(role, false));
}
