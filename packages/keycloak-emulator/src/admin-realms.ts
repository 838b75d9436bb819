// /admin/realms: list, create (seeded like a new Keycloak realm), get, update (name-independent
// settings such as accessTokenLifespan) and delete.
import type { AdminHandler } from './admin-clients.js';
import { errorMessage, forbidden, notFound, oauthError, webError } from './errors.js';
import { created, noContent, ok, readObject, type Reply } from './http-io.js';
import type { Representation } from './json-reader.js';
import type { Realm } from './model.js';
import { rightsIn } from './permissions.js';
import type { Router } from './router.js';
import { refuseUnmodelledRealmFields } from './unmodelled.js';
import { targetRealm, type AdminRequest, type EmulatorState } from './state.js';

/**
 * The fields of RealmRepresentation the emulator acts on; the others (Keycloak has some hundred)
 * are read, and refused with 501 unless they lose nothing (see unmodelled.ts).
 */
const REALM_REPRESENTATION: Representation = {
  name: 'RealmRepresentation',
  fields: { id: 'string', realm: 'string', displayName: 'string', enabled: 'boolean', accessTokenLifespan: 'integer' },
  open: true,
};

const MODELLED_REALM_FIELDS: ReadonlySet<string> = new Set(Object.keys(REALM_REPRESENTATION.fields));

/** Settings every emulated realm reports with fixed values (a body repeating them loses nothing). */
const FIXED_SETTINGS = {
  notBefore: 0,
  defaultSignatureAlgorithm: 'RS256',
  revokeRefreshToken: false,
  refreshTokenMaxReuse: 0,
  accessTokenLifespanForImplicitFlow: 900,
  ssoSessionIdleTimeout: 1800,
  ssoSessionMaxLifespan: 36000,
  accessCodeLifespan: 60,
  sslRequired: 'external',
} as const;

const readRealm = (req: AdminRequest): Record<string, unknown> => readObject(req, REALM_REPRESENTATION);

export function addRealmRoutes(router: Router<AdminHandler>): void {
  router
    .add('GET', '/admin/realms', listRealms)
    .add('POST', '/admin/realms', postRealm)
    .add('GET', '/admin/realms/{realm}', getRealm)
    .add('PUT', '/admin/realms/{realm}', putRealm)
    .add('DELETE', '/admin/realms/{realm}', deleteRealm);
}

function realmRepresentation(realm: Realm): Record<string, unknown> {
  const rep: Record<string, unknown> = { id: realm.id, realm: realm.name };
  if (realm.displayName !== null) rep['displayName'] = realm.displayName;
  const fixed = FIXED_SETTINGS;
  // Keycloak's key order.
  Object.assign(rep, {
    notBefore: fixed.notBefore,
    defaultSignatureAlgorithm: fixed.defaultSignatureAlgorithm,
    revokeRefreshToken: fixed.revokeRefreshToken,
    refreshTokenMaxReuse: fixed.refreshTokenMaxReuse,
    accessTokenLifespan: realm.accessTokenLifespan,
    accessTokenLifespanForImplicitFlow: fixed.accessTokenLifespanForImplicitFlow,
    ssoSessionIdleTimeout: fixed.ssoSessionIdleTimeout,
    ssoSessionMaxLifespan: fixed.ssoSessionMaxLifespan,
    accessCodeLifespan: fixed.accessCodeLifespan,
    enabled: realm.enabled,
    sslRequired: fixed.sslRequired,
  });
  return rep;
}

function listRealms(state: EmulatorState, req: AdminRequest): Reply {
  const visible = [...state.store.realms.values()].filter((r) => rightsIn(state.store, req.identity, r).any);
  if (visible.length === 0 && !rightsIn(state.store, req.identity, state.store.master).canCreateRealm) throw forbidden();
  return ok(visible.map(realmRepresentation));
}

function postRealm(state: EmulatorState, req: AdminRequest): Reply {
  const rep = readRealm(req);
  if (!rightsIn(state.store, req.identity, state.store.master).canCreateRealm) throw forbidden();
  refuseUnmodelledRealmFields(rep, MODELLED_REALM_FIELDS, FIXED_SETTINGS);
  const name = rep['realm'];
  if (typeof name !== 'string' || name.trim() === '') throw errorMessage(400, 'Realm name cannot be empty');
  if (name.includes('/')) throw webError(400, "Character '/' not allowed.");
  if (state.store.realmExists(name)) throw errorMessage(409, `Realm ${name} already exists`);
  const realm = state.store.createRealm(name);
  // A realm is disabled unless the body says otherwise (RealmRepresentation.enabled is null).
  realm.enabled = false;
  applySettings(realm, rep);
  return created(`${req.baseUrl}/admin/realms/${encodeURIComponent(name)}`);
}

function applySettings(realm: Realm, rep: Record<string, unknown>): void {
  if (typeof rep['enabled'] === 'boolean') realm.enabled = rep['enabled'];
  if (typeof rep['displayName'] === 'string') realm.displayName = rep['displayName'];
  if (typeof rep['accessTokenLifespan'] === 'number') realm.accessTokenLifespan = rep['accessTokenLifespan'];
}

function getRealm(state: EmulatorState, req: AdminRequest): Reply {
  const { realm, rights } = targetRealm(state, req);
  rights.require(rights.any);
  return ok(realmRepresentation(realm));
}

function putRealm(state: EmulatorState, req: AdminRequest): Reply {
  const { realm, rights } = targetRealm(state, req);
  const rep = readRealm(req);
  rights.require(rights.canManageRealm);
  refuseUnmodelledRealmFields(rep, MODELLED_REALM_FIELDS, FIXED_SETTINGS);
  if (typeof rep['realm'] === 'string' && rep['realm'] !== realm.name) {
    throw oauthError(400, 'invalid_request', 'The emulator cannot rename realms');
  }
  applySettings(realm, rep);
  return noContent();
}

function deleteRealm(state: EmulatorState, req: AdminRequest): Reply {
  const { realm, rights } = targetRealm(state, req);
  rights.require(rights.canManageRealm);
  if (realm.name === 'master') throw notFound('Realm not found.');
  state.store.deleteRealm(realm.name);
  return noContent();
}
