// keycloak/: the adapter between clientsync and Keycloak's Admin REST API. The only code that
// imports @keycloak/keycloak-admin-client (its fetchWithError and getToken modules, never the
// KeycloakAdminClient class: see adapter.ts); the rest sees KeycloakPort (port.ts).
// Invariants: the realm is passed on every call; secrets never leave as plain strings except
// through Secret.reveal(); HTTP failures become KeycloakUnavailableError (retryable) or
// KeycloakRefusedError (terminal) with the status and Keycloak's message.
export { KeycloakAdapter, DEFAULT_PAGE_SIZE, DEFAULT_PAGE_CONCURRENCY, type AdapterOptions } from './adapter.js';
export { connectionFromEnv, CONNECTION_HELP, type ConnectionOptions, type ConnectionSettings, type Credentials } from './connection.js';
export type { KeycloakPort, Markers, ClientScopeRef } from './port.js';
export { Secret } from './secret.js';
export { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
