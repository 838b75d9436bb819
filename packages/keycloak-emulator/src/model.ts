// The emulator's in-memory data: realms holding clients, client scopes, roles and users. Plain
// mutable records owned by the store; handlers change them only through clients.ts/realms.ts so
// the Keycloak rules (defaults, partial updates, scope links) live in one place each.

export interface ProtocolMapper {
  id: string;
  name: string;
  protocol: string;
  protocolMapper: string;
  consentRequired: boolean;
  config: Record<string, string>;
}

export interface ClientScope {
  id: string;
  name: string;
  description: string | null;
  protocol: string | null;
  attributes: Map<string, string>;
  protocolMappers: ProtocolMapper[];
}

export interface Role {
  id: string;
  name: string;
  description: string | null;
  clientRole: boolean;
  /** Realm id for realm roles, client id (uuid) for client roles. */
  containerId: string;
  /** Ids of the roles this one includes. */
  composites: Set<string>;
}

export interface User {
  id: string;
  username: string;
  enabled: boolean;
  createdTimestamp: number;
  /** Only the bootstrap admin has one; service-account users log in through their client. */
  password: string | null;
  /** Client uuid when this is a client's service-account user. */
  serviceAccountClientId: string | null;
  attributes: Record<string, string[]>;
  /** Role ids mapped directly (realm and client roles alike). */
  roleIds: Set<string>;
}

export interface Client {
  id: string;
  clientId: string;
  name: string | null;
  description: string | null;
  type: string | null;
  rootUrl: string | null;
  adminUrl: string | null;
  baseUrl: string | null;
  surrogateAuthRequired: boolean;
  enabled: boolean;
  alwaysDisplayInConsole: boolean;
  clientAuthenticatorType: string | null;
  secret: string | null;
  /** Sets in Keycloak: kept deduplicated, emitted in Java's hash order. */
  redirectUris: string[];
  webOrigins: string[];
  notBefore: number;
  bearerOnly: boolean;
  consentRequired: boolean;
  standardFlowEnabled: boolean;
  implicitFlowEnabled: boolean;
  directAccessGrantsEnabled: boolean;
  serviceAccountsEnabled: boolean;
  publicClient: boolean;
  frontchannelLogout: boolean;
  protocol: string | null;
  attributes: Map<string, string>;
  authenticationFlowBindingOverrides: Map<string, string>;
  fullScopeAllowed: boolean;
  nodeReRegistrationTimeout: number;
  registeredNodes: Map<string, number>;
  protocolMappers: ProtocolMapper[];
  /** Client scope id → true for a default scope, false for an optional one. */
  scopeLinks: Map<string, boolean>;
  /** Client roles by name. */
  roles: Map<string, Role>;
  /** Bumped on every change of this client (keys the cache of its JSON). */
  revision: number;
}

export interface Realm {
  id: string;
  name: string;
  enabled: boolean;
  displayName: string | null;
  accessTokenLifespan: number;
  clients: Map<string, Client>;
  clientsByClientId: Map<string, Client>;
  /** Clients in clientId order, rebuilt lazily after a create, rename or delete (a list page
   * then costs a slice, not a sort or a walk of every client). */
  sortedClients: readonly Client[] | null;
  scopes: Map<string, ClientScope>;
  /** Realm default client scopes: scope id → true (default) / false (optional). */
  defaultScopes: Map<string, boolean>;
  /** Realm roles by name. */
  roles: Map<string, Role>;
  /** Every role of the realm (realm and client roles) by id. */
  rolesById: Map<string, Role>;
  users: Map<string, User>;
  /** Client uuid → id of its service-account user. */
  serviceAccountUsers: Map<string, string>;
  /**
   * Bumped on changes that alter many clients' JSON at once (a scope deleted; in master, a
   * realm created or deleted, which flips `realm_client`).
   */
  revision: number;
}
