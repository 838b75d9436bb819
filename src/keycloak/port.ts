// The narrow interface the rest of clientsync sees of Keycloak. Only src/keycloak/ implements
// it with @keycloak/keycloak-admin-client; tests of the applier pass fakes of it. Every call
// names the realm: there is no "current realm" state anywhere.
import type { PendingDelivery } from '../model/delivery.js';
import type { ManagedFields, LiveClient } from '../model/live.js';
import type { Secret } from './secret.js';

/** clientsync's marker attributes to write along with the managed fields (docs/design.md, "Managed fields and markers"). */
export interface Markers {
  readonly account: string;
  /** Git commit of the desired state; null outside git (the attribute is then left as is). */
  readonly revision: string | null;
  /** The `rotate` value honoured last; undefined leaves the attribute as it is. */
  readonly rotatedAt?: string;
  /**
   * The clientsync.delivery-pending marker (docs/secrets.md): a value writes it, null clears it
   * (written as "", since Keycloak keeps attributes a PUT leaves out), undefined leaves it as is.
   */
  readonly pendingDelivery?: PendingDelivery | null;
}

export interface ClientScopeRef {
  readonly id: string;
  readonly name: string;
}

export interface KeycloakPort {
  /**
   * Every client of the realm (paged), mapped to LiveClient; secrets are dropped on arrival.
   * `expected` (how many clients the caller expects, e.g. those git declares) lets the pages be
   * read several at a time without reading past the end; it never changes the result.
   */
  listClients(realm: string, managedScopes: readonly string[], expected?: number): Promise<LiveClient[]>;
  /** One client by clientId, or null. */
  findClient(realm: string, clientId: string, managedScopes: readonly string[]): Promise<LiveClient | null>;
  /**
   * Creates a confidential OIDC client with the managed fields and markers and links its
   * default scopes. Idempotent under retries: an unknown outcome is checked by reading first.
   * Returns Keycloak's internal id. `managedScopes` (clientsync.yaml's scopes) are the default
   * scopes it may unlink: Keycloak links the realm's defaults to a new client.
   */
  createClient(realm: string, clientId: string, fields: ManagedFields, markers: Markers, managedScopes: readonly string[]): Promise<string>;
  /**
   * Writes every managed field and the markers (a full PUT of what clientsync owns) and the
   * scope links: default scopes among `managedScopes` become `fields.scopes`, others stay.
   */
  updateClient(realm: string, live: LiveClient, fields: ManagedFields, markers: Markers, managedScopes: readonly string[]): Promise<void>;
  /**
   * Writes the markers given (clientsync.rotated-at, clientsync.delivery-pending), keeping every
   * managed field as `fields`; no scope links are touched.
   */
  recordRotation(realm: string, live: { id: string; clientId: string }, fields: ManagedFields, markers: Markers): Promise<void>;
  /** Deletes a client; an already deleted one counts as deleted. */
  deleteClient(realm: string, id: string): Promise<void>;
  /** Generates a new secret in Keycloak; the old one stops working at once. */
  regenerateSecret(realm: string, id: string): Promise<Secret>;
  /** Reads the current secret (for `secret get` and for delivering a new client's secret). */
  getSecret(realm: string, id: string): Promise<Secret>;
  /** The realm's client scopes (name → id). */
  listClientScopes(realm: string): Promise<ClientScopeRef[]>;
}
