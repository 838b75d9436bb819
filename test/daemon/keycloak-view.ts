// What a realm holds, read as its admin over the admin REST API (works against the emulator and
// the real Keycloak): the clients clientsync manages, and every client secret (for leak checks).
import { expect } from 'vitest';
import { adminRequest, TokenSource, type KeycloakConnection } from '../support/keycloak-admin.js';
import { WEBHOOK_SECRET } from './daemon-process.js';

export interface ManagedClientView {
  readonly clientId: string;
  readonly description: string;
  readonly account: string;
  readonly revision: string | null;
}

interface ClientRep {
  clientId?: string;
  description?: string;
  secret?: string;
  attributes?: Record<string, string>;
}

async function clients(connection: KeycloakConnection, realm: string): Promise<ClientRep[]> {
  const result = await adminRequest(connection.url, TokenSource.admin(connection), 'GET', `/${encodeURIComponent(realm)}/clients?max=1000`);
  if (result.status !== 200) throw new Error(`list clients of ${realm}: ${result.status} ${result.text.slice(0, 200)}`);
  return result.json as ClientRep[];
}

export async function managedClients(connection: KeycloakConnection, realm: string): Promise<ManagedClientView[]> {
  return (await clients(connection, realm))
    .filter((c) => c.attributes?.['clientsync.managed'] === 'true')
    .map((c) => ({
      clientId: c.clientId ?? '',
      description: c.description ?? '',
      account: c.attributes?.['clientsync.account'] ?? '',
      revision: c.attributes?.['clientsync.revision'] ?? null,
    }))
    .sort((a, b) => (a.clientId < b.clientId ? -1 : 1));
}

export async function clientSecrets(connection: KeycloakConnection, realm: string): Promise<string[]> {
  return (await clients(connection, realm)).map((c) => c.secret).filter((s): s is string => typeof s === 'string' && s.length > 0);
}

/** Fails when any of the secrets shows up in any of the texts. */
export function expectNoSecret(texts: readonly string[], secrets: readonly string[]): void {
  const all = [...new Set([...secrets, WEBHOOK_SECRET])].filter((s) => s.length > 0);
  expect(all.length).toBeGreaterThan(1);
  for (const text of texts) {
    for (const secret of all) {
      if (text.includes(secret)) throw new Error(`a secret (${secret.slice(0, 3)}…) appears in the daemon's output or status`);
    }
  }
}
