// End-to-end against the real Keycloak (the server the test run's global setup started, or
// KEYCLOAK_CONTRACT_URL): the built daemon follows a temporary git repository, syncing into a
// fresh realm as a service account holding only realm-management's manage-clients role.
import { describe, expect, inject, it } from 'vitest';
import '../support/keycloak-target.js';
import { gitRepo } from '../support/git-repo.js';
import { createServiceAccount, useTestRealm } from '../support/test-realm.js';
import { pushEvent, startDaemonProcess, tempWorkDir } from './daemon-process.js';
import { clientSecrets, expectNoSecret, managedClients } from './keycloak-view.js';

const keycloak = inject('keycloak');

describe.skipIf(!keycloak.available)('clientsync daemon against the real Keycloak', () => {
  if (!keycloak.available) return;
  const connection = { url: keycloak.url, adminUsername: keycloak.adminUsername, adminPassword: keycloak.adminPassword };
  const realm = useTestRealm(() => connection);
  const script = (id: string, extra = '') => `  - clientId: ${id}\n    capabilities: [Script]\n${extra}`;

  it('applies the repository at start-up and a new commit on a signed push webhook', { timeout: 90_000 }, async () => {
    const { name } = realm();
    const account = await createServiceAccount(realm(), { clientId: 'clientsync-daemon', manageClients: true });
    const repo = await gitRepo(
      { 'clients/kc.yaml': `clients:\n${script('kc_one', '    scopes: [datahub-api]\n')}` },
      `realm: ${name}\nscopes:\n  datahub-api: Query.\n  push-data: Send.\n`,
    );
    const env = { KEYCLOAK_URL: keycloak.url, KEYCLOAK_AUTH_REALM: name, KEYCLOAK_CLIENT_ID: account.clientId, KEYCLOAK_CLIENT_SECRET: account.secret };
    const d = await startDaemonProcess(['--git-url', `file://${repo.dir}`, '--work-dir', tempWorkDir(), '--schedule', '0 0 1 1 *'], env);
    const first = await d.waitForStatus((s) => s.lastRun !== null, 60_000, 'the start-up run');
    expect(first.lastRun).toMatchObject({ outcome: 'success', summary: { create: 1 } });
    expect((await d.get('/readyz')).status).toBe(200);

    const sha = await repo.commit({ 'clients/kc.yaml': `clients:\n${script('kc_one', '    description: changed\n    scopes: [datahub-api, push-data]\n')}${script('kc_two')}` });
    expect((await d.webhook(pushEvent('main', sha))).status).toBe(202);
    const second = await d.waitForStatus((s) => s.lastRun?.id === 2, 60_000, 'the webhook run');
    expect(second.lastRun).toMatchObject({ outcome: 'success', revision: sha, summary: { create: 1, update: 1 } });
    const live = await managedClients(connection, name);
    expect(live.map((c) => [c.clientId, c.description, c.revision])).toEqual([
      ['kc_one', 'changed', sha],
      ['kc_two', '', sha],
    ]);

    expect(await d.stop()).toBe(0);
    expectNoSecret([d.output(), JSON.stringify(second)], [...(await clientSecrets(connection, name)), account.secret]);
  });
});
