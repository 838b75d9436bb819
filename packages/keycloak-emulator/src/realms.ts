// The realm store: creates realms as Keycloak 26 seeds them (built-in clients and scopes, admin
// roles), keeps the master realm's bootstrap admin and the emulator's service account, and
// carries out the user and role side of client changes (service-account users).
//
// Admin rights live where Keycloak keeps them: the master realm has a "<realm>-realm" client per
// realm whose roles (manage-clients, view-clients, ...) grant rights in that realm, and the
// master "admin" role includes all of them; every other realm has a "realm-management" client
// with the same roles plus "realm-admin" for its own users.
import { BUILTIN_CLIENTS, BUILTIN_SCOPES, REALM_DEFAULT_SCOPES, REALM_OPTIONAL_SCOPES } from './builtins.js';
import { blankClient, createClient, nowSeconds } from './clients.js';
import type { Client, ClientScope, Realm, Role, User } from './model.js';
import type { Rights } from './permissions.js';
import { newId } from './random.js';

export const ADMIN_ROLE_NAMES = [
  'create-client', 'impersonation', 'manage-authorization', 'manage-clients', 'manage-events',
  'manage-identity-providers', 'manage-organizations', 'manage-realm', 'manage-users', 'query-clients',
  'query-groups', 'query-organizations', 'query-realms', 'query-users', 'view-authorization',
  'view-clients', 'view-events', 'view-identity-providers', 'view-organizations', 'view-realm', 'view-users',
] as const;

/** Admin roles that include others (the rest are plain). */
const ADMIN_COMPOSITES: Readonly<Record<string, readonly string[]>> = {
  'view-clients': ['query-clients'],
  'view-users': ['query-users', 'query-groups'],
  'view-organizations': ['query-organizations'],
};

export interface StoreOptions {
  readonly adminUsername: string;
  readonly adminPassword: string;
  readonly serviceAccountClientId: string;
  readonly serviceAccountSecret: string;
}

export class Store {
  readonly realms = new Map<string, Realm>();
  /**
   * Bumped whenever what decides a caller's rights changes: role mappings, realms (and with
   * them their admin clients and roles). Cached rights (permissions.ts) hold for one value.
   */
  rolesRevision = 0;
  /** Rights by user and realm id, with the rolesRevision they were computed at. */
  readonly rightsCache = new WeakMap<User, Map<string, { readonly revision: number; readonly rights: Rights }>>();
  readonly #options: StoreOptions;
  #serviceAccountUserId = '';

  constructor(options: StoreOptions) {
    this.#options = options;
    this.#createMaster();
  }

  realm(name: string): Realm | undefined {
    return this.realms.get(name);
  }

  get master(): Realm {
    const master = this.realms.get('master');
    if (!master) throw new Error('the master realm is missing');
    return master;
  }

  realmExists = (name: string): boolean => this.realms.has(name);

  /** A realm as POST /admin/realms makes it from {"realm": name}. */
  createRealm(name: string, extraScopes: readonly string[] = []): Realm {
    const realm = this.#newRealm(name, 300);
    this.#seedScopes(realm);
    for (const scopeName of extraScopes) this.addScope(realm, { name: scopeName, protocol: 'openid-connect', description: null });
    this.#seedClients(realm, true);
    // The master realm's "<realm>-realm" client holds the admin roles for the new realm.
    const master = this.master;
    const adminClient = this.#addBuiltinClient(master, {
      clientId: `${name}-realm`, name: `${name} Realm`, bearerOnly: true, attributes: {},
      clientAuthenticatorType: 'client-secret', surrogateAuthRequired: false, enabled: true,
      alwaysDisplayInConsole: false, redirectUris: [], webOrigins: [], notBefore: 0, consentRequired: false,
      standardFlowEnabled: true, implicitFlowEnabled: false, directAccessGrantsEnabled: false,
      serviceAccountsEnabled: false, publicClient: false, frontchannelLogout: false,
      fullScopeAllowed: false, nodeReRegistrationTimeout: 0,
    }, false);
    adminClient.protocol = null;
    const roles = this.#addAdminRoles(master, adminClient);
    const admin = master.roles.get('admin');
    if (admin) for (const role of roles) admin.composites.add(role.id);
    master.revision++;
    // The emulator's service account may manage clients in every realm, new ones included.
    const serviceAccount = master.users.get(this.#serviceAccountUserId);
    if (serviceAccount) {
      for (const role of roles) if (role.name === 'manage-clients' || role.name === 'view-clients') serviceAccount.roleIds.add(role.id);
    }
    this.rolesRevision++;
    return realm;
  }

  deleteRealm(name: string): void {
    this.realms.delete(name);
    this.rolesRevision++;
    const master = this.master;
    master.revision++;
    const adminClient = master.clientsByClientId.get(`${name}-realm`);
    if (!adminClient) return;
    const roleIds = new Set([...adminClient.roles.values()].map((r) => r.id));
    for (const role of master.rolesById.values()) for (const id of roleIds) role.composites.delete(id);
    for (const user of master.users.values()) for (const id of roleIds) user.roleIds.delete(id);
    for (const id of roleIds) master.rolesById.delete(id);
    this.removeClient(master, adminClient);
  }

  /** Grants (or takes away) roles of a user. */
  changeRoleMappings(user: User, roles: readonly Role[], add: boolean): void {
    for (const role of roles) {
      if (add) user.roleIds.add(role.id);
      else user.roleIds.delete(role.id);
    }
    this.rolesRevision++;
  }

  addScope(realm: Realm, scope: { name: string; protocol: string | null; description: string | null; attributes?: Map<string, string> }): ClientScope {
    const created: ClientScope = {
      id: newId(),
      name: scope.name,
      description: scope.description,
      protocol: scope.protocol,
      attributes: scope.attributes ?? new Map(),
      protocolMappers: [],
    };
    realm.scopes.set(created.id, created);
    return created;
  }

  removeScope(realm: Realm, scope: ClientScope): void {
    realm.scopes.delete(scope.id);
    realm.defaultScopes.delete(scope.id);
    for (const client of realm.clients.values()) client.scopeLinks.delete(scope.id);
    realm.revision++;
  }

  storeClient(realm: Realm, client: Client): void {
    realm.clients.set(client.id, client);
    realm.clientsByClientId.set(client.clientId, client);
    realm.sortedClients = null;
  }

  /** Replaces a stored client's fields with an updated copy. */
  replaceClient(realm: Realm, stored: Client, updated: Client, renamedFrom: string | null): void {
    Object.assign(stored, updated, { roles: stored.roles, revision: stored.revision + 1 });
    if (renamedFrom !== null) {
      realm.clientsByClientId.delete(renamedFrom);
      realm.clientsByClientId.set(stored.clientId, stored);
      realm.sortedClients = null;
      const user = this.serviceAccountUser(realm, stored);
      if (user) user.username = `service-account-${stored.clientId}`;
    }
  }

  removeClient(realm: Realm, client: Client): void {
    realm.clients.delete(client.id);
    realm.clientsByClientId.delete(client.clientId);
    realm.sortedClients = null;
    for (const role of client.roles.values()) realm.rolesById.delete(role.id);
    this.deleteServiceAccountUser(realm, client);
  }

  /** Clients in Keycloak's list order (by clientId, as the JPA query sorts them). */
  sortedClients(realm: Realm): readonly Client[] {
    realm.sortedClients ??= [...realm.clientsByClientId.values()].sort((a, b) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0));
    return realm.sortedClients;
  }

  serviceAccountUser(realm: Realm, client: Client): User | undefined {
    const userId = realm.serviceAccountUsers.get(client.id);
    return userId === undefined ? undefined : realm.users.get(userId);
  }

  createServiceAccountUser(realm: Realm, client: Client): User {
    const existing = this.serviceAccountUser(realm, client);
    if (existing) return existing;
    const user: User = {
      id: newId(),
      username: `service-account-${client.clientId}`,
      enabled: true,
      createdTimestamp: Date.now(),
      password: null,
      serviceAccountClientId: client.id,
      attributes: {},
      roleIds: new Set(),
    };
    const defaults = realm.roles.get(`default-roles-${realm.name}`);
    if (defaults) user.roleIds.add(defaults.id);
    realm.users.set(user.id, user);
    realm.serviceAccountUsers.set(client.id, user.id);
    return user;
  }

  deleteServiceAccountUser(realm: Realm, client: Client): void {
    const user = this.serviceAccountUser(realm, client);
    if (user) realm.users.delete(user.id);
    realm.serviceAccountUsers.delete(client.id);
  }

  userByName(realm: Realm, username: string): User | undefined {
    const wanted = username.toLowerCase();
    for (const user of realm.users.values()) if (user.username === wanted) return user;
    return undefined;
  }

  /** The roles a user has, composites expanded. */
  effectiveRoles(realm: Realm, user: User): Set<Role> {
    const out = new Set<Role>();
    const visit = (id: string): void => {
      const role = realm.rolesById.get(id);
      if (!role || out.has(role)) return;
      out.add(role);
      for (const child of role.composites) visit(child);
    };
    for (const id of user.roleIds) visit(id);
    return out;
  }

  // ---- seeding ---------------------------------------------------------------------------

  #newRealm(name: string, accessTokenLifespan: number): Realm {
    const realm: Realm = {
      id: newId(), name, enabled: true, displayName: null, accessTokenLifespan,
      clients: new Map(), clientsByClientId: new Map(), sortedClients: null, scopes: new Map(),
      defaultScopes: new Map(), roles: new Map(), rolesById: new Map(), users: new Map(), serviceAccountUsers: new Map(),
      revision: 0,
    };
    this.realms.set(name, realm);
    const offline = this.#addRealmRole(realm, 'offline_access', '${role_offline-access}');
    const uma = this.#addRealmRole(realm, 'uma_authorization', '${role_uma_authorization}');
    const defaults = this.#addRealmRole(realm, `default-roles-${name}`, '${role_default-roles}');
    defaults.composites.add(offline.id);
    defaults.composites.add(uma.id);
    return realm;
  }

  #addRealmRole(realm: Realm, name: string, description: string): Role {
    const role: Role = { id: newId(), name, description, clientRole: false, containerId: realm.id, composites: new Set() };
    realm.roles.set(name, role);
    realm.rolesById.set(role.id, role);
    return role;
  }

  #addAdminRoles(realm: Realm, client: Client, withRealmAdmin = false): Role[] {
    const roles: Role[] = [];
    for (const name of ADMIN_ROLE_NAMES) {
      const role: Role = { id: newId(), name, description: `\${role_${name}}`, clientRole: true, containerId: client.id, composites: new Set() };
      client.roles.set(name, role);
      realm.rolesById.set(role.id, role);
      roles.push(role);
    }
    for (const [name, children] of Object.entries(ADMIN_COMPOSITES)) {
      const role = client.roles.get(name);
      for (const child of children) {
        const c = client.roles.get(child);
        if (role && c) role.composites.add(c.id);
      }
    }
    if (withRealmAdmin) {
      const realmAdmin: Role = {
        id: newId(), name: 'realm-admin', description: '${role_realm-admin}', clientRole: true, containerId: client.id,
        composites: new Set(roles.map((r) => r.id)),
      };
      client.roles.set(realmAdmin.name, realmAdmin);
      realm.rolesById.set(realmAdmin.id, realmAdmin);
      roles.push(realmAdmin);
    }
    return roles;
  }

  #seedScopes(realm: Realm): void {
    for (const seed of BUILTIN_SCOPES) {
      const scope = this.addScope(realm, {
        name: seed.name, protocol: seed.protocol, description: seed.description,
        attributes: new Map(Object.entries(seed.attributes)),
      });
      scope.protocolMappers = seed.protocolMappers.map((m) => ({ ...m, id: newId(), config: { ...m.config } }));
    }
    const byName = new Map([...realm.scopes.values()].map((s) => [s.name, s]));
    for (const name of REALM_DEFAULT_SCOPES) {
      const scope = byName.get(name);
      if (scope) realm.defaultScopes.set(scope.id, true);
    }
    for (const name of REALM_OPTIONAL_SCOPES) {
      const scope = byName.get(name);
      if (scope) realm.defaultScopes.set(scope.id, false);
    }
  }

  #seedClients(realm: Realm, withRealmManagement: boolean): void {
    for (const seed of BUILTIN_CLIENTS) {
      if (seed.clientId === 'realm-management' && !withRealmManagement) continue;
      const client = this.#addBuiltinClient(realm, seed, true);
      if (seed.clientId === 'realm-management') this.#addAdminRoles(realm, client, true);
    }
  }

  /** Stores a built-in client exactly as seeded (no create-time rules), linked to the realm defaults. */
  #addBuiltinClient(realm: Realm, seed: Readonly<Record<string, unknown>>, linkDefaults: boolean): Client {
    const text = JSON.stringify(seed).replaceAll('${realm}', realm.name);
    const rep = JSON.parse(text) as Record<string, unknown>;
    const client = blankClient(newId(), String(rep['clientId']));
    const assign = client as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(rep)) {
      if (key === 'attributes') client.attributes = new Map(Object.entries(value as Record<string, string>));
      else if (key === 'authenticationFlowBindingOverrides') continue;
      else if (key === 'protocolMappers') {
        client.protocolMappers = (value as { name: string; protocol: string; protocolMapper: string; consentRequired: boolean; config: Record<string, string> }[]).map((m) => ({ ...m, id: newId() }));
      } else assign[key] = value;
    }
    client.protocol = typeof rep['protocol'] === 'string' ? rep['protocol'] : null;
    if (linkDefaults) {
      for (const [scopeId, isDefault] of realm.defaultScopes) {
        const scope = realm.scopes.get(scopeId);
        if (scope && (scope.protocol ?? 'openid-connect') === 'openid-connect') client.scopeLinks.set(scopeId, isDefault);
      }
    }
    this.storeClient(realm, client);
    return client;
  }

  #createMaster(): void {
    const master = this.#newRealm('master', 60);
    this.#seedScopes(master);
    this.#seedClients(master, false);
    const createRealm = this.#addRealmRole(master, 'create-realm', '${role_create-realm}');
    const admin = this.#addRealmRole(master, 'admin', '${role_admin}');
    admin.composites.add(createRealm.id);
    const masterClient = this.#addBuiltinClient(master, {
      clientId: 'master-realm', name: 'master Realm', bearerOnly: true, attributes: {},
      clientAuthenticatorType: 'client-secret', fullScopeAllowed: false, nodeReRegistrationTimeout: 0,
    }, true);
    masterClient.protocol = null;
    for (const role of this.#addAdminRoles(master, masterClient)) admin.composites.add(role.id);

    const defaults = master.roles.get('default-roles-master');
    const adminUser: User = {
      id: newId(), username: this.#options.adminUsername.toLowerCase(), enabled: true, createdTimestamp: Date.now(),
      password: this.#options.adminPassword, serviceAccountClientId: null,
      attributes: { is_temporary_admin: ['true'] }, roleIds: new Set([admin.id, ...(defaults ? [defaults.id] : [])]),
    };
    master.users.set(adminUser.id, adminUser);

    // The emulator's own service account, the preferred way clientsync logs in (a service account).
    const { client } = createClient(master, {
      clientId: this.#options.serviceAccountClientId,
      name: 'clientsync (emulator service account)',
      secret: this.#options.serviceAccountSecret,
      serviceAccountsEnabled: true,
      standardFlowEnabled: false,
    });
    client.attributes.set('client.secret.creation.time', String(nowSeconds()));
    this.storeClient(master, client);
    const user = this.createServiceAccountUser(master, client);
    this.#serviceAccountUserId = user.id;
    for (const name of ['manage-clients', 'view-clients']) {
      const role = masterClient.roles.get(name);
      if (role) user.roleIds.add(role.id);
    }
  }
}
