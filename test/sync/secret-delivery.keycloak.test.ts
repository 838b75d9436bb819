// The pending-delivery marker (clientsync.delivery-pending, docs/secrets.md) on the real
// Keycloak 26: written with a create and with a recorded rotation, it survives updates of the
// managed fields (a PUT keeps the attributes it leaves out), is never shown as drift, holds no
// secret, and is cleared once every target took the secret.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { applyPlan, type DeliveryTarget, type SecretDelivery, type SecretSink } from '../../src/apply/index.js';
import { KeycloakAdapter } from '../../src/keycloak/index.js';
import type { RetryPolicy } from '../../src/keycloak/retry.js';
import { planSync } from '../../src/sync/sync-plan.js';
import { adminRequest, type KeycloakConnection } from '../support/keycloak-admin.js';
import '../support/keycloak-target.js';
import { createServiceAccount, useTestRealm, type ServiceAccount } from '../support/test-realm.js';
import { tempRepo } from '../support/temp-repo.js';

const keycloak = inject('keycloak');
const FAST: RetryPolicy = { attempts: 3, baseDelayMs: 50, maxDelayMs: 200, maxRetryAfterMs: 1000, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), random: Math.random };
const ATTRIBUTE = 'clientsync.delivery-pending';

class Target implements DeliveryTarget {
  readonly kind = 'command';
  readonly received: SecretDelivery[] = [];
  failing = false;
  constructor(readonly name: string) {}
  deliver(d: SecretDelivery) {
    if (this.failing) return Promise.reject(new Error(`target '${this.name}': the command exited with code 1`));
    this.received.push(d);
    return Promise.resolve({ output: '' });
  }
}

describe.skipIf(!keycloak.available)('pending-delivery marker on the real Keycloak', () => {
  if (!keycloak.available) return;
  const connection: KeycloakConnection = { url: keycloak.url, adminUsername: keycloak.adminUsername, adminPassword: keycloak.adminPassword };
  const realm = useTestRealm(() => connection);
  let account: ServiceAccount;
  let dir: string;
  const vault = new Target('vault');
  const files = new Target('files');
  const sink: SecretSink = { targets: [vault, files] };

  beforeAll(async () => {
    account = await createServiceAccount(realm(), { clientId: 'clientsync-sa', manageClients: true });
    dir = tempRepo({ 'clients/.gitkeep': '', 'clientsync.yaml': `realm: ${realm().name}\nscopes:\n  push-data: Send.\n` });
  });

  const adapter = () =>
    new KeycloakAdapter(
      { url: connection.url, authRealm: realm().name, credentials: { kind: 'client', clientId: account.clientId, clientSecret: account.secret } },
      { retry: FAST },
    );
  const declare = (content: string | null) => {
    const path = join(dir, 'clients', 'pend.yaml');
    if (content === null) rmSync(path, { force: true });
    else writeFileSync(path, content);
  };
  async function sync(now = new Date('2026-06-01T12:00:00Z')) {
    const kc = adapter();
    const planned = await planSync({ dir, keycloak: kc, now, revision: 'rev-test' });
    const report = await applyPlan(planned.plan, { keycloak: kc, policy: { sink, concurrency: 4 }, revision: 'rev-test', live: { realm: realm().name, clients: planned.live }, managedScopes: ['push-data'], now: () => now });
    return { plan: planned.plan, report };
  }
  async function raw(clientId: string): Promise<{ attributes?: Record<string, string>; description?: string; secret?: string }> {
    const found = (await adminRequest(connection.url, realm().admin, 'GET', `/${realm().name}/clients?clientId=${clientId}`)).json as { attributes?: Record<string, string>; secret?: string }[];
    if (found[0] === undefined) throw new Error(`no client ${clientId}`);
    return found[0];
  }

  it('is written with the create, survives an update, is no drift, and is cleared once delivered; a rotation supersedes it', async () => {
    files.failing = true;
    declare('clients:\n  - clientId: pend_a\n    capabilities: [Script]\n');
    const created = await sync();
    expect(created.report.ok).toBe(false);
    expect(created.report.deliveries.map((d) => [d.target, d.outcome])).toEqual([
      ['files', 'failed'],
      ['vault', 'delivered'],
    ]);
    let rep = await raw('pend_a');
    expect(rep.attributes?.[ATTRIBUTE]).toBe('{"at":"2026-06-01T12:00:00.000Z","reason":"created","targets":["files"]}');
    expect(rep.attributes?.[ATTRIBUTE]).not.toContain(rep.secret!);
    expect(vault.received[0]?.secret.reveal()).toBe(rep.secret);

    // A change of a managed field: a full PUT of what clientsync owns keeps the marker.
    declare('clients:\n  - clientId: pend_a\n    capabilities: [Script]\n    description: changed\n');
    const updated = await sync();
    expect(updated.plan.changes.map((c) => `${c.action} ${c.clientId}`)).toEqual(['update pend_a']);
    expect(updated.plan.pendingDeliveries?.map((d) => [d.clientId, d.pending.targets])).toEqual([['pend_a', ['files']]]);
    rep = await raw('pend_a');
    expect(rep.description).toBe('changed');
    expect(JSON.parse(rep.attributes?.[ATTRIBUTE] ?? '{}')).toMatchObject({ targets: ['files'] });
    expect(vault.received).toHaveLength(1);

    // Never drift: with the marker in place, the plan has no changes.
    const still = await sync();
    expect(still.plan.changes).toEqual([]);
    expect(still.plan.pendingDeliveries).toHaveLength(1);

    // A rotation while files still owes the created secret: the marker now covers the new one.
    declare('clients:\n  - clientId: pend_a\n    capabilities: [Script]\n    description: changed\n    rotate: "2026-05-01T00:00:00Z"\n');
    const rotated = await sync();
    expect(rotated.plan.changes.map((c) => c.action)).toEqual(['rotate']);
    rep = await raw('pend_a');
    expect(rep.attributes?.['clientsync.rotated-at']).toBe('2026-05-01T00:00:00Z');
    expect(rep.attributes?.[ATTRIBUTE]).toBe('{"at":"2026-06-01T12:00:00.000Z","reason":"rotated","targets":["files"]}');
    expect(vault.received.at(-1)?.secret.reveal()).toBe(rep.secret);

    files.failing = false;
    const delivered = await sync();
    expect(delivered.report.ok).toBe(true);
    expect(files.received.map((d) => [d.reason, d.secret.reveal()])).toEqual([['rotated', rep.secret]]);
    rep = await raw('pend_a');
    expect(rep.attributes?.[ATTRIBUTE] ?? '').toBe('');
    const after = await sync();
    expect(after.plan.changes).toEqual([]);
    expect(after.plan.pendingDeliveries).toBeUndefined();
    expect(after.report.deliveries).toEqual([]);
  });
});
