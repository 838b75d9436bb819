// Builds the Keycloak adapter for a command from the environment (docs/design.md, "Command
// line and connection"). Commands call this after parsing flags so that a flag error is
// reported before a missing setting.
import { connectionFromEnv, KeycloakAdapter, type AdapterOptions } from '../keycloak/index.js';
import type { KeycloakPort } from '../keycloak/port.js';
import type { CliIo } from './command.js';

/** The flag every command that talks to Keycloak accepts (see CONNECTION_HELP). */
export const INSECURE_HTTP_FLAG = { 'insecure-http': { type: 'boolean' } } as const;

export function keycloakFromEnv(io: CliIo, values: Readonly<Record<string, unknown>>, options: AdapterOptions = {}): KeycloakPort {
  return new KeycloakAdapter(connectionFromEnv(io.env, { insecureHttp: values['insecure-http'] === true }), options);
}
