// Who may do what in the admin API, as Keycloak decides it without fine-grained permissions: a
// token of the master realm acts in realm R through the roles of master's "R-realm" client; a
// token of realm R acts in R through R's "realm-management" roles; any other pairing has no
// rights. manage-clients implies view, view-clients implies query (list).
import { forbidden } from './errors.js';
import type { Access } from './clients.js';
import type { Client, Realm, User } from './model.js';
import type { Store } from './realms.js';

export interface Identity {
  /** The realm that issued the token. */
  readonly realm: Realm;
  readonly user: User;
  readonly clientId: string;
}

export class Rights {
  constructor(
    private readonly roles: ReadonlySet<string>,
    private readonly realmRoles: ReadonlySet<string>,
  ) {}

  has(role: string): boolean {
    return this.roles.has(role) || this.roles.has('realm-admin');
  }

  get any(): boolean {
    return this.roles.size > 0;
  }

  get canManageClients(): boolean {
    return this.has('manage-clients');
  }

  get canViewClients(): boolean {
    return this.canManageClients || this.has('view-clients');
  }

  get canListClients(): boolean {
    return this.canViewClients || this.has('query-clients');
  }

  get canCreateRealm(): boolean {
    return this.realmRoles.has('create-realm');
  }

  get canViewUsers(): boolean {
    return this.has('manage-users') || this.has('view-users');
  }

  get canManageUsers(): boolean {
    return this.has('manage-users');
  }

  get canViewRealm(): boolean {
    return this.has('view-realm') || this.has('manage-realm');
  }

  get canManageRealm(): boolean {
    return this.has('manage-realm');
  }

  require(allowed: boolean): void {
    if (!allowed) throw forbidden();
  }

  /** The `access` map of a client in list and get answers. */
  clientAccess(isAdminClient: boolean): Access {
    const manage = this.canManageClients && !isAdminClient;
    return { view: this.canViewClients, configure: manage, manage };
  }
}

/** The rights an identity has in `target`, cached until role data changes (Store.rolesRevision). */
export function cachedRightsIn(store: Store, identity: Identity, target: Realm): Rights {
  let byRealm = store.rightsCache.get(identity.user);
  if (!byRealm) {
    byRealm = new Map();
    store.rightsCache.set(identity.user, byRealm);
  }
  const hit = byRealm.get(target.id);
  if (hit && hit.revision === store.rolesRevision) return hit.rights;
  const rights = rightsIn(store, identity, target);
  byRealm.set(target.id, { revision: store.rolesRevision, rights });
  return rights;
}

/** The rights an identity has in `target`. */
export function rightsIn(store: Store, identity: Identity, target: Realm): Rights {
  const effective = store.effectiveRoles(identity.realm, identity.user);
  const realmRoles = new Set<string>();
  for (const role of effective) if (!role.clientRole) realmRoles.add(role.name);
  let adminClient: Client | undefined;
  if (identity.realm.name === 'master') adminClient = identity.realm.clientsByClientId.get(`${target.name}-realm`);
  else if (identity.realm === target) adminClient = target.clientsByClientId.get('realm-management');
  const names = new Set<string>();
  if (adminClient) for (const role of effective) if (role.containerId === adminClient.id) names.add(role.name);
  return new Rights(names, identity.realm.name === 'master' ? realmRoles : new Set());
}

/** realm-management outside master and "<realm>-realm" inside it: their rights cannot be changed. */
export function isAdminClient(store: Store, realm: Realm, client: Client): boolean {
  if (realm.name !== 'master') return client.clientId === 'realm-management';
  return client.clientId.endsWith('-realm') && store.realmExists(client.clientId.slice(0, -'-realm'.length));
}
