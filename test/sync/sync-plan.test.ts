// planSync reads Keycloak's client list while it validates the account files: one list per
// plan, asked with clientsync.yaml's realm and scopes, and none at all when clientsync.yaml is
// invalid (nothing may be planned then).
import { describe, expect, it } from 'vitest';
import { FakeKeycloak } from '../support/fake-keycloak.js';
import { liveClient } from '../support/apply-builders.js';
import { planSync, SettingsInvalidError } from '../../src/sync/sync-plan.js';
import { tempRepo } from '../support/temp-repo.js';

const account = `clients:\n  - clientId: acme_one\n    capabilities: [Script]\n    scopes: [push-data]\n`;
const now = new Date('2026-12-01T00:00:00Z');

describe('planSync', () => {
  it('lists the clients once, with the realm and scopes of clientsync.yaml, and plans against them', async () => {
    const kc = new FakeKeycloak('insights');
    kc.seed(liveClient('acme_gone', { account: 'acme' }));
    const dir = tempRepo({ 'clients/acme.yaml': account });
    const { plan } = await planSync({ dir, keycloak: kc, now, revision: null });
    expect(kc.calls.filter((c) => c.method === 'listClients').map((c) => c.realm)).toEqual(['insights']);
    expect(plan.changes.map((c) => `${c.action} ${c.clientId}`)).toEqual(['delete acme_gone', 'create acme_one']);
  });

  it('does not touch Keycloak when clientsync.yaml is invalid', async () => {
    const kc = new FakeKeycloak('insights');
    const dir = tempRepo({ 'clientsync.yaml': 'realm: [not, a, name]\n', 'clients/acme.yaml': account });
    await expect(planSync({ dir, keycloak: kc, now, revision: null })).rejects.toBeInstanceOf(SettingsInvalidError);
    expect(kc.calls).toEqual([]);
  });
});
