// Starts the emulator in-process for a test file and gives the environment that points the
// CLI at it. Closed after the file's tests.
import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '@clientsync/keycloak-emulator';
import { connectionFromEnv, type ConnectionSettings } from '../../src/keycloak/index.js';

export interface EmulatorHandle {
  readonly emulator: RunningEmulator;
  readonly env: Record<string, string>;
  /** The same connection as the adapter's settings (what the CLI makes of `env`). */
  readonly settings: ConnectionSettings;
}

export function useEmulator(options: EmulatorOptions = {}): () => EmulatorHandle {
  let handle: EmulatorHandle | undefined;
  beforeAll(async () => {
    const emulator = await startEmulator(options);
    const env = {
      KEYCLOAK_URL: emulator.url,
      KEYCLOAK_CLIENT_ID: emulator.serviceAccount.clientId,
      KEYCLOAK_CLIENT_SECRET: emulator.serviceAccount.clientSecret,
    };
    handle = { emulator, env, settings: connectionFromEnv(env) };
  });
  afterAll(async () => {
    await handle?.emulator.close();
  });
  return () => {
    if (!handle) throw new Error('emulator not started');
    return handle;
  };
}

/** Every client secret the emulator's realm holds, read over its admin API as an admin. */
export async function secretsIn(url: string, realm: string, username = 'admin', password = 'admin'): Promise<string[]> {
  const token = await fetch(`${url}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username, password }),
  }).then(async (r) => ((await r.json()) as { access_token: string }).access_token);
  const clients = (await fetch(`${url}/admin/realms/${realm}/clients`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json())) as { secret?: string }[];
  return clients.map((c) => c.secret).filter((s): s is string => typeof s === 'string' && s.length > 0);
}
