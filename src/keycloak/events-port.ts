// What the daemon's incremental reads need of Keycloak besides KeycloakPort: the realm's event
// settings, the admin events since a time, and clients by internal id. Implemented by
// KeycloakAdapter; kept apart from KeycloakPort so that the CLI, the applier and their fakes
// need none of it. Failures are the adapter's typed errors (a 403 without view-events, a 404
// from a server with no admin-events endpoint, such as the emulator).
import type { LiveClient } from '../model/live.js';
import type { AdminEvent } from '../sync/live-events.js';

export interface EventsSettings {
  /** The realm records admin events (adminEventsEnabled). */
  readonly adminEventsEnabled: boolean;
  /** The realm attribute adminEventsExpiration (seconds), when the account may read it; else null. */
  readonly expirationSeconds: number | null;
}

export interface LiveEventsPort {
  /**
   * A time by Keycloak's clock (epoch ms, the clock that stamps admin events) before any request
   * this port makes from now on: the `iat` of its admin token (Keycloak sends no Date header).
   * Null when the token carries none.
   */
  keycloakTime(): Promise<number | null>;
  readEventsSettings(realm: string): Promise<EventsSettings>;
  /**
   * Admin events of the given resource types from `from` (epoch ms, Keycloak's clock) on, oldest
   * first, paged; stops after `limit` events (`more` then says there were more).
   */
  readAdminEvents(realm: string, from: number, resourceTypes: readonly string[], limit: number): Promise<{ events: AdminEvent[]; more: boolean }>;
  /** Clients by internal id, mapped like listClients' items; null for one that no longer exists. */
  readClients(realm: string, ids: readonly string[], managedScopes: readonly string[]): Promise<Map<string, LiveClient | null>>;
}

export function hasLiveEvents(port: object): port is LiveEventsPort {
  const p = port as Partial<LiveEventsPort>;
  return typeof p.readAdminEvents === 'function' && typeof p.readClients === 'function' && typeof p.readEventsSettings === 'function' && typeof p.keycloakTime === 'function';
}
