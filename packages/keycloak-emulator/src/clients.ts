// Keycloak's rules for clients, reproduced from RepresentationToModel, ClientManager and
// OIDCLoginProtocolFactory (26.7.3):
//  - create: store defaults, then every property "body value, else current, else default";
//    a secret is generated for a confidential client; web origins derived from http(s)
//    redirect URIs when none are given; the realm's default/optional scopes of the client's
//    protocol are linked, and replaced by EXACTLY the named ones when the body lists
//    defaultClientScopes or optionalClientScopes; only when the body names a `protocol` are
//    the protocol's extra defaults applied (public client, direct grants, backchannel attributes);
//  - update: absent (null) fields are kept, attributes are merged key by key (null or "" removes
//    a key), [] clears a list, web origins are derived again when absent and currently empty,
//    scope lists in the body are ignored;
//  - representation: every field, the secret of confidential clients, `realm_client`.
import { cannotBind, errorMessage, oauthError, serverError } from './errors.js';
import { javaStringHash, javaHashOrder, javaStringSetOrder } from './java-order.js';
import type { Decoded, Representation } from './json-reader.js';
import type { Client, ClientScope, ProtocolMapper, Realm } from './model.js';
import { newId, newSecret } from './random.js';
import { refuseUnmodelledClientFields } from './unmodelled.js';
import { validateClient } from './url-validation.js';

export const CLIENT_REPRESENTATION: Representation = {
  name: 'ClientRepresentation',
  fields: {
    id: 'string', clientId: 'string', name: 'string', description: 'string', type: 'string',
    rootUrl: 'string', adminUrl: 'string', baseUrl: 'string', surrogateAuthRequired: 'boolean',
    enabled: 'boolean', alwaysDisplayInConsole: 'boolean', clientAuthenticatorType: 'string',
    secret: 'string', registrationAccessToken: 'string', defaultRoles: 'stringList',
    redirectUris: 'stringList', webOrigins: 'stringList', notBefore: 'integer', bearerOnly: 'boolean',
    consentRequired: 'boolean', standardFlowEnabled: 'boolean', implicitFlowEnabled: 'boolean',
    directAccessGrantsEnabled: 'boolean', serviceAccountsEnabled: 'boolean',
    authorizationServicesEnabled: 'boolean', directGrantsOnly: 'boolean', publicClient: 'boolean',
    frontchannelLogout: 'boolean', protocol: 'string', attributes: 'stringMap',
    authenticationFlowBindingOverrides: 'stringMap', fullScopeAllowed: 'boolean',
    nodeReRegistrationTimeout: 'integer', registeredNodes: 'any', protocolMappers: 'any',
    clientTemplate: 'string', useTemplateConfig: 'boolean', useTemplateScope: 'boolean',
    useTemplateMappers: 'boolean', defaultClientScopes: 'stringList', optionalClientScopes: 'stringList',
    authorizationSettings: 'any', access: 'any', origin: 'string',
  },
};

const OIDC = 'openid-connect';
/** Clients Keycloak refuses to delete (Constants.defaultClients). */
const INTERNAL_CLIENTS = new Set(['account', 'account-console', 'admin-cli', 'broker', 'realm-management', 'security-admin-console', 'admin-permissions']);

// Typed reads of a bound body: undefined when absent, null when explicitly null.
const str = (rep: Decoded, key: string): string | null | undefined => rep[key] as string | null | undefined;
const bool = (rep: Decoded, key: string): boolean | null | undefined => rep[key] as boolean | null | undefined;
const int = (rep: Decoded, key: string): number | null | undefined => rep[key] as number | null | undefined;
const list = (rep: Decoded, key: string): (string | null)[] | null | undefined => rep[key] as (string | null)[] | null | undefined;
const map = (rep: Decoded, key: string): Map<string, string | null> | null | undefined =>
  rep[key] as Map<string, string | null> | null | undefined;

/** The first value that is neither null nor undefined, as Keycloak's updatePropertyAction picks. */
function first<T>(...values: (T | null | undefined)[]): T | null {
  for (const v of values) if (v !== null && v !== undefined) return v;
  return null;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A new client with the store's defaults (JPA addClient): enabled, standard flow, nothing else. */
export function blankClient(id: string, clientId: string): Client {
  return {
    id, clientId, name: null, description: null, type: null, rootUrl: null, adminUrl: null, baseUrl: null,
    surrogateAuthRequired: false, enabled: true, alwaysDisplayInConsole: false, clientAuthenticatorType: null,
    secret: null, redirectUris: [], webOrigins: [], notBefore: 0, bearerOnly: false, consentRequired: false,
    standardFlowEnabled: true, implicitFlowEnabled: false, directAccessGrantsEnabled: false,
    serviceAccountsEnabled: false, publicClient: false, frontchannelLogout: false, protocol: null,
    attributes: new Map(), authenticationFlowBindingOverrides: new Map(), fullScopeAllowed: true,
    nodeReRegistrationTimeout: 0, registeredNodes: new Map(), protocolMappers: [], scopeLinks: new Map(),
    roles: new Map(), revision: 0,
  };
}

function generateSecret(client: Client): string {
  const secret = newSecret();
  client.secret = secret;
  client.attributes.set('client.secret.creation.time', String(nowSeconds()));
  return secret;
}

export function regenerateSecret(client: Client): string {
  client.revision++;
  return generateSecret(client);
}

function setAttribute(client: Client, key: string, value: string | null): void {
  if (value === null || value === '') client.attributes.delete(key);
  else client.attributes.set(key, value);
}

/** UriUtils.getOrigin: scheme://host[:port] of a URL. */
function origin(uri: string): string {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:[^/?#@]*@)?([^/?#]*)/.exec(uri);
  return match ? `${match[1]}://${match[2]}` : uri;
}

function filterEmpty(values: (string | null)[] | null | undefined): string[] | null {
  if (values === null || values === undefined) return null;
  return [...new Set(values.filter((v): v is string => v !== null && v.trim() !== ''))];
}

/** updateClientProperties(client, rep, isNew): every scalar is "body, else current, else default". */
function applyProperties(client: Client, rep: Decoded, isNew: boolean): void {
  client.name = first(str(rep, 'name'), client.name);
  client.description = first(str(rep, 'description'), client.description);
  client.type = first(str(rep, 'type'), client.type);
  client.enabled = first(bool(rep, 'enabled'), client.enabled) ?? true;
  client.alwaysDisplayInConsole = first(bool(rep, 'alwaysDisplayInConsole'), client.alwaysDisplayInConsole) ?? false;
  client.adminUrl = first(str(rep, 'adminUrl'), client.adminUrl);
  client.surrogateAuthRequired = first(bool(rep, 'surrogateAuthRequired'), client.surrogateAuthRequired) ?? false;
  client.rootUrl = first(str(rep, 'rootUrl'), client.rootUrl);
  client.baseUrl = first(str(rep, 'baseUrl'), client.baseUrl);
  client.bearerOnly = first(bool(rep, 'bearerOnly'), client.bearerOnly) ?? false;
  client.consentRequired = first(bool(rep, 'consentRequired'), client.consentRequired) ?? false;
  client.standardFlowEnabled = first(bool(rep, 'standardFlowEnabled'), client.standardFlowEnabled) ?? true;
  client.implicitFlowEnabled = first(bool(rep, 'implicitFlowEnabled'), client.implicitFlowEnabled) ?? false;
  client.directAccessGrantsEnabled = first(bool(rep, 'directAccessGrantsEnabled'), client.directAccessGrantsEnabled) ?? false;
  client.serviceAccountsEnabled = first(bool(rep, 'serviceAccountsEnabled'), client.serviceAccountsEnabled) ?? false;
  client.publicClient = first(bool(rep, 'publicClient'), client.publicClient) ?? false;
  client.frontchannelLogout = first(bool(rep, 'frontchannelLogout'), client.frontchannelLogout) ?? false;
  client.notBefore = first(int(rep, 'notBefore'), client.notBefore) ?? 0;
  client.protocol = first(str(rep, 'protocol'), client.protocol, OIDC);
  client.nodeReRegistrationTimeout =
    first(int(rep, 'nodeReRegistrationTimeout'), isNew && client.nodeReRegistrationTimeout === 0 ? -1 : client.nodeReRegistrationTimeout) ?? -1;
  client.clientAuthenticatorType = first(str(rep, 'clientAuthenticatorType'), client.clientAuthenticatorType, 'client-secret');
  client.fullScopeAllowed =
    first(bool(rep, 'fullScopeAllowed'), isNew && !client.fullScopeAllowed ? !client.consentRequired : client.fullScopeAllowed) ?? true;
  // determineNewSecret
  if (client.publicClient) client.secret = null;
  else {
    const given = str(rep, 'secret');
    if (given !== null && given !== undefined) client.secret = given;
    else if (client.secret === null) generateSecret(client);
  }
  client.redirectUris = filterEmpty(list(rep, 'redirectUris')) ?? client.redirectUris;
  client.webOrigins = filterEmpty(list(rep, 'webOrigins')) ?? defaultWebOrigins(client);
  const attributes = map(rep, 'attributes');
  if (attributes) for (const [key, value] of attributes) setAttribute(client, key, value);
}

function defaultWebOrigins(client: Client): string[] {
  if (client.webOrigins.length > 0) return client.webOrigins;
  return [...new Set(client.redirectUris.filter((u) => u.startsWith('http')).map(origin))];
}

function applyFlowOverrides(client: Client, rep: Decoded): void {
  const overrides = map(rep, 'authenticationFlowBindingOverrides');
  if (!overrides) return;
  for (const [key, value] of overrides) {
    if (value === null || value.trim() === '') client.authenticationFlowBindingOverrides.delete(key);
    // The emulator has no authentication flows, so any flow id is one Keycloak could not resolve:
    // it throws a RuntimeException there, answered as a 500.
    else throw serverError();
  }
}

function applyRegisteredNodes(client: Client, rep: Decoded): void {
  const nodes = rep['registeredNodes'];
  if (nodes === null || nodes === undefined) return;
  if (typeof nodes !== 'object' || Array.isArray(nodes)) throw cannotBind();
  for (const [key, value] of Object.entries(nodes)) {
    if (typeof value !== 'number') throw cannotBind();
    client.registeredNodes.set(key, value);
  }
}

function readMappers(rep: Decoded): ProtocolMapper[] | null {
  const mappers = rep['protocolMappers'];
  if (mappers === null || mappers === undefined) return null;
  if (!Array.isArray(mappers)) throw cannotBind();
  return mappers.map((m: unknown) => {
    if (typeof m !== 'object' || m === null || Array.isArray(m)) throw cannotBind();
    const o = m as Record<string, unknown>;
    const config: Record<string, string> = {};
    if (typeof o['config'] === 'object' && o['config'] !== null) {
      for (const [k, v] of Object.entries(o['config'] as Record<string, unknown>)) if (v !== null) config[k] = String(v);
    }
    return {
      id: typeof o['id'] === 'string' ? o['id'] : newId(),
      name: String(o['name'] ?? ''),
      protocol: String(o['protocol'] ?? OIDC),
      protocolMapper: String(o['protocolMapper'] ?? ''),
      consentRequired: o['consentRequired'] === true,
      config,
    };
  });
}

// ---- client scope links ------------------------------------------------------------------

const protocolOf = (protocol: string | null): string => protocol ?? OIDC;

/** ClientModel.addClientScope: ignored when already linked or of another protocol. */
export function linkScope(client: Client, scope: ClientScope, isDefault: boolean): void {
  if (client.scopeLinks.has(scope.id)) return;
  if (protocolOf(scope.protocol) !== protocolOf(client.protocol)) return;
  client.scopeLinks.set(scope.id, isDefault);
  client.revision++;
}

/** ClientModel.removeClientScope. */
export function unlinkScope(client: Client, scope: ClientScope): void {
  if (client.scopeLinks.delete(scope.id)) client.revision++;
}

/** The realm's default and optional scopes of the client's protocol, as a new client gets them. */
function linkRealmDefaults(realm: Realm, client: Client): void {
  for (const [scopeId, isDefault] of realm.defaultScopes) {
    const scope = realm.scopes.get(scopeId);
    if (scope) linkScope(client, scope, isDefault);
  }
}

function scopeByName(realm: Realm, name: string): ClientScope | undefined {
  for (const scope of realm.scopes.values()) if (scope.name === name) return scope;
  return undefined;
}

/** RepresentationToModel.updateClientScopes: links become exactly the named scopes. */
function applyExactScopes(realm: Realm, client: Client, rep: Decoded): void {
  const defaults = list(rep, 'defaultClientScopes');
  const optionals = list(rep, 'optionalClientScopes');
  if ((defaults === null || defaults === undefined) && (optionals === null || optionals === undefined)) return;
  const wanted = new Map<string, boolean>();
  for (const name of optionals ?? []) if (name !== null) wanted.set(name, false);
  for (const name of defaults ?? []) if (name !== null) wanted.set(name, true);
  const existing = new Map<string, boolean>();
  for (const [scopeId, isDefault] of client.scopeLinks) {
    const scope = realm.scopes.get(scopeId);
    if (!scope) continue;
    if (wanted.get(scope.name) !== isDefault) client.scopeLinks.delete(scopeId);
    else existing.set(scope.name, isDefault);
  }
  for (const [name, isDefault] of wanted) {
    if (existing.get(name) === isDefault) continue;
    const scope = scopeByName(realm, name);
    if (scope) linkScope(client, scope, isDefault);
  }
}

function serviceAccountScope(realm: Realm): ClientScope | undefined {
  return scopeByName(realm, 'service_account');
}

/** What a change asks of the client's service-account user; the store carries it out. */
export type ServiceAccountChange = 'create' | 'delete' | null;

function enableServiceAccount(realm: Realm, client: Client, hasUser: boolean): ServiceAccountChange {
  client.serviceAccountsEnabled = true;
  const scope = serviceAccountScope(realm);
  if (scope) {
    // ClientManager removes an optional link first, then links it as a default scope.
    client.scopeLinks.delete(scope.id);
    linkScopeForced(client, scope, true);
  }
  return hasUser ? null : 'create';
}

/** ClientManager links service_account whatever the link state was (it removes an optional link first). */
function linkScopeForced(client: Client, scope: ClientScope, isDefault: boolean): void {
  if (protocolOf(scope.protocol) !== protocolOf(client.protocol)) return;
  client.scopeLinks.set(scope.id, isDefault);
}

function disableServiceAccount(realm: Realm, client: Client, hasUser: boolean): ServiceAccountChange {
  client.serviceAccountsEnabled = false;
  const scope = serviceAccountScope(realm);
  if (scope) client.scopeLinks.delete(scope.id);
  return hasUser ? 'delete' : null;
}

// ---- create / update ---------------------------------------------------------------------

export interface CreateOutcome {
  readonly client: Client;
  readonly serviceAccount: ServiceAccountChange;
}

/** Builds the client a POST would create; nothing is stored (the caller stores it). */
export function createClient(realm: Realm, rep: Decoded): CreateOutcome {
  refuseUnmodelledClientFields(rep);
  const givenId = str(rep, 'id');
  if (givenId !== null && givenId !== undefined && givenId.length > 36) {
    throw oauthError(400, 'invalid_input', 'Client ID must not exceed 36 characters');
  }
  const id = givenId ?? newId();
  const clientId = str(rep, 'clientId') ?? id;
  if (realm.clientsByClientId.has(clientId) || realm.clients.has(id)) {
    throw errorMessage(409, `Client ${clientId} already exists`);
  }
  const client = blankClient(id, clientId);
  applyProperties(client, rep, true);
  const directGrantsOnly = bool(rep, 'directGrantsOnly');
  if (directGrantsOnly !== null && directGrantsOnly !== undefined) {
    client.standardFlowEnabled = !directGrantsOnly;
    client.directAccessGrantsEnabled = directGrantsOnly;
  }
  applyFlowOverrides(client, rep);
  applyRegisteredNodes(client, rep);
  const mappers = readMappers(rep);
  if (mappers) client.protocolMappers = mappers;
  linkRealmDefaults(realm, client);
  applyExactScopes(realm, client, rep);
  if (str(rep, 'protocol') === OIDC) applyOidcDefaults(client, rep);
  else if (str(rep, 'protocol') === 'saml') {
    if (bool(rep, 'frontchannelLogout') === null || bool(rep, 'frontchannelLogout') === undefined) client.frontchannelLogout = true;
  }
  let serviceAccount: ServiceAccountChange = null;
  if (bool(rep, 'serviceAccountsEnabled') === true) serviceAccount = enableServiceAccount(realm, client, false);
  const problems = validateClient(client);
  if (problems.length > 0) throw oauthError(400, 'invalid_input', problems.join('; '));
  return { client, serviceAccount };
}

/** OIDCLoginProtocolFactory.setupClientDefaults: only when the body names the protocol. */
function applyOidcDefaults(client: Client, rep: Decoded): void {
  const rootUrl = str(rep, 'rootUrl');
  const redirectUris = list(rep, 'redirectUris');
  if (rootUrl !== null && rootUrl !== undefined && (redirectUris === null || redirectUris === undefined || redirectUris.length === 0)) {
    const root = rootUrl.endsWith('/') ? `${rootUrl}*` : `${rootUrl}/*`;
    if (!client.redirectUris.includes(root)) client.redirectUris = [...client.redirectUris, root];
    client.webOrigins = [origin(root)];
  }
  const bearerOnly = bool(rep, 'bearerOnly');
  const publicClient = bool(rep, 'publicClient');
  const isNull = (v: unknown): boolean => v === null || v === undefined;
  if (isNull(bearerOnly) && isNull(publicClient)) {
    client.publicClient = true;
    client.secret = null;
  } else if (bearerOnly !== true && publicClient !== true && client.secret === null) {
    generateSecret(client);
  }
  if (isNull(bearerOnly)) client.bearerOnly = false;
  if (isNull(str(rep, 'adminUrl')) && !isNull(rootUrl) && rootUrl !== '${authAdminUrl}' && rootUrl !== '${authBaseUrl}') {
    client.adminUrl = rootUrl ?? null;
  }
  const directGrantsOnly = bool(rep, 'directGrantsOnly');
  if (!isNull(directGrantsOnly)) {
    client.standardFlowEnabled = !directGrantsOnly;
    client.directAccessGrantsEnabled = directGrantsOnly === true;
  } else {
    if (isNull(bool(rep, 'standardFlowEnabled'))) client.standardFlowEnabled = true;
    if (isNull(bool(rep, 'directAccessGrantsEnabled'))) client.directAccessGrantsEnabled = true;
  }
  if (isNull(bool(rep, 'implicitFlowEnabled'))) client.implicitFlowEnabled = false;
  if (isNull(publicClient)) client.publicClient = true;
  if (isNull(bool(rep, 'frontchannelLogout'))) client.frontchannelLogout = false;
  const attributes = map(rep, 'attributes');
  if (!attributes || attributes.get('backchannel.logout.url') === null || attributes.get('backchannel.logout.url') === undefined) {
    client.attributes.set('backchannel.logout.session.required', 'true');
    client.attributes.set('backchannel.logout.revoke.offline.tokens', 'false');
  }
}

export interface UpdateOutcome {
  /** The updated copy; the caller replaces the stored client's fields with it. */
  readonly client: Client;
  readonly serviceAccount: ServiceAccountChange;
  readonly renamedFrom: string | null;
}

export function copyClient(client: Client): Client {
  return {
    ...client,
    redirectUris: [...client.redirectUris],
    webOrigins: [...client.webOrigins],
    attributes: new Map(client.attributes),
    authenticationFlowBindingOverrides: new Map(client.authenticationFlowBindingOverrides),
    registeredNodes: new Map(client.registeredNodes),
    protocolMappers: client.protocolMappers.map((m) => ({ ...m, config: { ...m.config } })),
    scopeLinks: new Map(client.scopeLinks),
  };
}

/** PUT /clients/{id}: Keycloak's partial update, on a copy; throws the answer for bad input. */
export function updateClient(realm: Realm, current: Client, rep: Decoded, hasServiceAccountUser: boolean): UpdateOutcome {
  refuseUnmodelledClientFields(rep);
  const client = copyClient(current);
  let serviceAccount: ServiceAccountChange = null;
  const wantsServiceAccount = bool(rep, 'serviceAccountsEnabled');
  const scope = serviceAccountScope(realm);
  const scopeAssigned = scope !== undefined && client.scopeLinks.get(scope.id) === true;
  if (wantsServiceAccount === true) {
    if (!hasServiceAccountUser || !scopeAssigned) serviceAccount = enableServiceAccount(realm, client, hasServiceAccountUser);
  } else if ((wantsServiceAccount === false || !client.serviceAccountsEnabled) && (hasServiceAccountUser || scopeAssigned)) {
    serviceAccount = disableServiceAccount(realm, client, hasServiceAccountUser);
  }
  const newClientId = str(rep, 'clientId');
  let renamedFrom: string | null = null;
  if (newClientId !== null && newClientId !== undefined && newClientId !== client.clientId) {
    const other = realm.clientsByClientId.get(newClientId);
    if (other && other.id !== client.id) throw oauthError(409, 'conflict', 'Duplicate resource error');
    renamedFrom = client.clientId;
    client.clientId = newClientId;
  }
  const previousProtocol = protocolOf(client.protocol);
  applyProperties(client, rep, false);
  if (protocolOf(client.protocol) !== previousProtocol) relinkForProtocol(realm, client);
  applyFlowOverrides(client, rep);
  applyRegisteredNodes(client, rep);
  const mappers = readMappers(rep);
  if (mappers) client.protocolMappers = mergeMappers(client.protocolMappers, mappers);
  const problems = validateClient(client);
  if (problems.length > 0) throw oauthError(400, 'invalid_input', problems.join('; '));
  return { client, serviceAccount, renamedFrom };
}

/** A protocol change swaps the client's scopes for the realm defaults of the new protocol. */
function relinkForProtocol(realm: Realm, client: Client): void {
  for (const scopeId of [...client.scopeLinks.keys()]) {
    const scope = realm.scopes.get(scopeId);
    if (!scope || protocolOf(scope.protocol) !== protocolOf(client.protocol)) client.scopeLinks.delete(scopeId);
  }
  linkRealmDefaults(realm, client);
}

/** updateClientProtocolMappers: matched by protocol and name; mappers not listed are removed. */
function mergeMappers(existing: readonly ProtocolMapper[], given: readonly ProtocolMapper[]): ProtocolMapper[] {
  const byKey = new Map(existing.map((m) => [`${m.protocol}%${m.name}`, m]));
  return given.map((m) => {
    const old = byKey.get(`${m.protocol}%${m.name}`);
    return old ? { ...m, id: old.id } : m;
  });
}

export function isInternalClient(realm: Realm, client: Client, realmExists: (name: string) => boolean): boolean {
  if (INTERNAL_CLIENTS.has(client.clientId)) return true;
  if (realm.name !== 'master' || !client.clientId.endsWith('-realm')) return false;
  return realmExists(client.clientId.slice(0, -'-realm'.length));
}

/** `realm_client`: broker; realm-management outside master; "<realm>-realm" in master. */
export function isRealmClient(realm: Realm, client: Client, realmExists: (name: string) => boolean): boolean {
  if (client.clientId === 'broker') return true;
  if (realm.name !== 'master') return client.clientId === 'realm-management';
  return client.clientId.endsWith('-realm') && realmExists(client.clientId.slice(0, -'-realm'.length));
}

// ---- representation ----------------------------------------------------------------------

export interface Access {
  readonly view: boolean;
  readonly configure: boolean;
  readonly manage: boolean;
}

export function scopeNames(realm: Realm, client: Client, isDefault: boolean): string[] {
  const names: string[] = [];
  for (const [scopeId, d] of client.scopeLinks) {
    if (d !== isDefault) continue;
    const scope = realm.scopes.get(scopeId);
    if (scope) names.push(scope.name);
  }
  return javaStringSetOrder(names);
}

export function linkedScopes(realm: Realm, client: Client, isDefault: boolean): ClientScope[] {
  const scopes: ClientScope[] = [];
  for (const [scopeId, d] of client.scopeLinks) {
    const scope = realm.scopes.get(scopeId);
    if (scope && d === isDefault) scopes.push(scope);
  }
  return javaHashOrder(scopes, (s) => javaStringHash(s.name), (s) => s.name);
}

function attributesObject(attributes: ReadonlyMap<string, string>, realmClient: boolean): Record<string, string> {
  const entries = [...attributes.entries()].filter(([key]) => key !== 'type');
  entries.push(['realm_client', String(realmClient)]);
  const out: Record<string, string> = {};
  for (const [key, value] of javaHashOrder(entries, ([k]) => javaStringHash(k), ([k]) => k)) out[key] = value;
  return out;
}

export function mapperRepresentation(m: ProtocolMapper): Record<string, unknown> {
  return { id: m.id, name: m.name, protocol: m.protocol, protocolMapper: m.protocolMapper, consentRequired: m.consentRequired, config: { ...m.config } };
}

/** ModelToRepresentation.toRepresentation(ClientModel); the caller appends the `access` map. */
export function clientRepresentation(realm: Realm, client: Client, realmClient: boolean): Record<string, unknown> {
  const rep: Record<string, unknown> = { id: client.id, clientId: client.clientId };
  const optional = (key: string, value: unknown): void => {
    if (value !== null && value !== undefined) rep[key] = value;
  };
  optional('name', client.name);
  optional('description', client.description);
  optional('type', client.type);
  optional('rootUrl', client.rootUrl);
  optional('adminUrl', client.adminUrl);
  optional('baseUrl', client.baseUrl);
  rep['surrogateAuthRequired'] = client.surrogateAuthRequired;
  rep['enabled'] = client.enabled;
  rep['alwaysDisplayInConsole'] = client.alwaysDisplayInConsole;
  optional('clientAuthenticatorType', client.clientAuthenticatorType);
  if (!client.publicClient) optional('secret', client.secret);
  rep['redirectUris'] = javaStringSetOrder(client.redirectUris);
  rep['webOrigins'] = javaStringSetOrder(client.webOrigins);
  rep['notBefore'] = client.notBefore;
  rep['bearerOnly'] = client.bearerOnly;
  rep['consentRequired'] = client.consentRequired;
  rep['standardFlowEnabled'] = client.standardFlowEnabled;
  rep['implicitFlowEnabled'] = client.implicitFlowEnabled;
  rep['directAccessGrantsEnabled'] = client.directAccessGrantsEnabled;
  rep['serviceAccountsEnabled'] = client.serviceAccountsEnabled;
  rep['publicClient'] = client.publicClient;
  rep['frontchannelLogout'] = client.frontchannelLogout;
  optional('protocol', client.protocol);
  rep['attributes'] = attributesObject(client.attributes, realmClient);
  rep['authenticationFlowBindingOverrides'] = Object.fromEntries(client.authenticationFlowBindingOverrides);
  rep['fullScopeAllowed'] = client.fullScopeAllowed;
  rep['nodeReRegistrationTimeout'] = client.nodeReRegistrationTimeout;
  if (client.registeredNodes.size > 0) rep['registeredNodes'] = Object.fromEntries(client.registeredNodes);
  if (client.protocolMappers.length > 0) {
    rep['protocolMappers'] = javaHashOrder(client.protocolMappers, (m) => javaStringHash(m.id), (m) => m.id).map(mapperRepresentation);
  }
  rep['defaultClientScopes'] = scopeNames(realm, client, true);
  rep['optionalClientScopes'] = scopeNames(realm, client, false);
  return rep;
}
