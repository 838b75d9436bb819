// Deletes reuse their keep-alive connections. The admin client sends `{}` as the body of every
// DELETE, and Node's fetch (undici) closes a connection after a request that carries a body its
// method does not expect: 250 deletes opened 250 connections. The adapter sends its DELETEs
// without a body; this counts the connections undici opens (its diagnostics channel) while
// clients are deleted and scope links removed, over real HTTP against the emulator.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import pLimit from 'p-limit';
import { describe, expect, it } from 'vitest';
import { fields } from '../support/apply-builders.js';
import { KeycloakAdapter } from '../../src/keycloak/index.js';
import type { LiveClient } from '../../src/model/live.js';
import { useEmulator } from '../support/emulator-env.js';

const REALM = 'insights';
const CLIENTS = 24;
const IN_FLIGHT = 4;

async function connectionsOpenedDuring(work: () => Promise<void>): Promise<number> {
  let opened = 0;
  const count = () => void opened++;
  subscribe('undici:client:connected', count);
  try {
    await work();
  } finally {
    unsubscribe('undici:client:connected', count);
  }
  return opened;
}

describe('connections to Keycloak', () => {
  const emulator = useEmulator({ realm: REALM });

  it('are reused by deletes and scope unlinks, as by every other call', async () => {
    const adapter = new KeycloakAdapter(emulator().settings);
    const limit = pLimit(IN_FLIGHT);
    const markers = { account: 'conn', revision: 'r1' };
    const ids = Array.from({ length: CLIENTS }, (_, i) => `conn_c${i}`);
    await Promise.all(ids.map((clientId) => limit(() => adapter.createClient(REALM, clientId, fields({ scopes: ['datahub-api'] }), markers, ['datahub-api']))));
    const live = (await adapter.listClients(REALM, ['datahub-api'], CLIENTS)).filter((c): c is LiveClient => c.account === 'conn');
    expect(live).toHaveLength(CLIENTS);

    const unlinking = await connectionsOpenedDuring(async () => {
      await Promise.all(live.map((client) => limit(() => adapter.updateClient(REALM, client, fields({ scopes: [] }), markers, ['datahub-api']))));
    });
    const deleting = await connectionsOpenedDuring(async () => {
      await Promise.all(live.map((client) => limit(() => adapter.deleteClient(REALM, client.id))));
    });

    // Each phase may open at most one connection per request in flight; one per request
    // (24) is what the bodies of the admin client's DELETEs cost.
    expect(unlinking).toBeLessThanOrEqual(IN_FLIGHT);
    expect(deleting).toBeLessThanOrEqual(IN_FLIGHT);
    expect((await adapter.listClients(REALM, ['datahub-api'])).filter((c) => c.account === 'conn')).toEqual([]);
  });
});
