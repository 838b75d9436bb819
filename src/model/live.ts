// The live state: what Keycloak holds, already mapped by the Keycloak adapter (src/keycloak/)
// from ClientRepresentation into clientsync's normalised terms. Secrets never enter this model.
import type { PendingDelivery } from './delivery.js';
import type { Capability } from './desired.js';

/**
 * The managed fields (docs/design.md, "Managed fields and markers"), normalised so that desired and live compare equal
 * when Keycloak holds what the YAML says: absent strings are '', lists are sorted and
 * de-duplicated, capabilities are in the canonical order WebApp, Script, Backchannel.
 */
export interface ManagedFields {
  readonly displayName: string;
  readonly description: string;
  readonly capabilities: readonly Capability[];
  readonly rootUrl: string;
  readonly homeUrl: string;
  readonly adminUrl: string;
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris: readonly string[];
  readonly webOrigins: readonly string[];
  readonly backchannelLogoutUrl: string;
  /** Default client scopes among those listed in clientsync.yaml only. */
  readonly scopes: readonly string[];
  /**
   * True when the settings clientsync always enforces hold: protocol openid-connect,
   * publicClient false, bearerOnly false, clientAuthenticatorType client-secret,
   * implicitFlowEnabled false, directAccessGrantsEnabled false.
   */
  readonly confidential: boolean;
}

export type ManagedFieldName = keyof ManagedFields;
export type ManagedValue = ManagedFields[ManagedFieldName];

export interface LiveClient {
  /** Keycloak's internal id (UUID), used in admin URLs. */
  readonly id: string;
  readonly clientId: string;
  /** attributes["clientsync.managed"] === "true". */
  readonly managed: boolean;
  /** attributes["clientsync.account"], or null. */
  readonly account: string | null;
  /** attributes["clientsync.revision"], or null. */
  readonly revision: string | null;
  /** attributes["clientsync.rotated-at"], or null. */
  readonly rotatedAt: string | null;
  /** One of Keycloak's own clients (account, admin-cli, broker, realm-management, ...). */
  readonly builtIn: boolean;
  /**
   * Keycloak's publicClient is true: a client without a secret (a browser or native app). Taking
   * it over makes it confidential, which such an app cannot follow. Absent means false.
   */
  readonly publicClient?: boolean;
  readonly fields: ManagedFields;
  /** attributes["clientsync.delivery-pending"]: the secret delivery it still owes; absent when none. */
  readonly pendingDelivery?: PendingDelivery;
}

export interface LiveState {
  readonly realm: string;
  readonly clients: readonly LiveClient[];
}
