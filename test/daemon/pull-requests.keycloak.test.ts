// Pull request planning against the real Keycloak (the server of the test run's global setup,
// or KEYCLOAK_CONTRACT_URL): the plan's content comes from live clients, so it is checked here
// against the real server. The daemon runs as its own process with a service account holding
// only manage-clients; GitHub is the OpenAPI-checked stand-in.
import { describe, expect, inject, it } from 'vitest';
import '../support/keycloak-target.js';
import { startGitHubStandIn } from '../support/github-stand-in.js';
import { pullRequestRemote } from '../support/pull-request-remote.js';
import { createServiceAccount, useTestRealm } from '../support/test-realm.js';
import { pullRequestPayload, signedDelivery } from '../support/webhook-examples.js';
import { startDaemonProcess, tempWorkDir, WEBHOOK_SECRET } from './daemon-process.js';
import { clientSecrets, expectNoSecret, managedClients } from './keycloak-view.js';

const keycloak = inject('keycloak');
const TOKEN = 'github_pat_kc_e2e_token_81f3d2c4';
const REPO = { owner: 'example', name: 'clients' };

describe.skipIf(!keycloak.available)('pull request planning against the real Keycloak', () => {
  if (!keycloak.available) return;
  const connection = { url: keycloak.url, adminUsername: keycloak.adminUsername, adminPassword: keycloak.adminPassword };
  const realm = useTestRealm(() => connection);
  const script = (id: string, extra = '') => `  - clientId: ${id}\n    capabilities: [Script]\n${extra}`;

  it('plans an update, a create and a delete from live clients; the comment and statuses hold no secret', { timeout: 120_000 }, async () => {
    const { name } = realm();
    const account = await createServiceAccount(realm(), { clientId: 'clientsync-daemon', manageClients: true });
    const settings = `realm: ${name}\nscopes:\n  datahub-api: Query.\n  push-data: Send.\n`;
    const remote = await pullRequestRemote({
      'clientsync.yaml': settings,
      'clients/kc.yaml': `clients:\n${script('kc_one', '    description: before\n    scopes: [datahub-api]\n')}${script('kc_gone')}`,
    });
    const standIn = await startGitHubStandIn({ token: TOKEN, login: 'clientsync-bot' });
    try {
      const env = {
        KEYCLOAK_URL: keycloak.url,
        KEYCLOAK_AUTH_REALM: name,
        KEYCLOAK_CLIENT_ID: account.clientId,
        KEYCLOAK_CLIENT_SECRET: account.secret,
        CLIENTSYNC_GITHUB_TOKEN: TOKEN,
        CLIENTSYNC_GITHUB_API_URL: standIn.url,
        CLIENTSYNC_GITHUB_REPOSITORY: 'example/clients',
      };
      const d = await startDaemonProcess(['--git-url', remote.url, '--work-dir', tempWorkDir(), '--schedule', '0 0 1 1 *'], env);
      await d.waitForStatus((s) => s.lastRun?.outcome === 'success', 60_000, 'the start-up run');
      const head = await remote.pushPullRequest(12, {
        'clients/kc.yaml': `clients:\n${script('kc_one', '    description: after\n    scopes: [datahub-api, push-data]\n')}${script('kc_new')}`,
      });
      const { headers, body } = signedDelivery('pull_request', pullRequestPayload('opened', REPO, 12, head), WEBHOOK_SECRET);
      expect((await fetch(`${d.url}/webhook`, { method: 'POST', headers, body })).status).toBe(202);
      const status = await d.waitForStatus(
        (s) => ((s['pullRequests'] as { lastPlans?: { headSha: string }[] }).lastPlans ?? []).some((p) => p.headSha === head),
        60_000,
        'the pull request plan',
      );
      expect((status['pullRequests'] as { lastPlans: unknown[] }).lastPlans[0]).toMatchObject({ outcome: 'success', description: '1 to create, 1 to update, 1 to delete' });
      const comment = standIn.comments('example', 'clients', 12)[0]!.body;
      expect(comment).toContain('**+ create** `kc_new`');
      expect(comment).toContain('**- delete** `kc_gone`');
      expect(comment).toMatch(/\| description \| `before` \| `after` \|/);
      expect(comment).toMatch(/\| scopes \| `datahub-api` \| `datahub-api`<br>`push-data` \|/);
      // Read only: Keycloak still holds what main says.
      expect((await managedClients(connection, name)).map((c) => [c.clientId, c.description])).toEqual([
        ['kc_gone', ''],
        ['kc_one', 'before'],
      ]);
      expect(standIn.statuses('example', 'clients').filter((s) => s.sha === head).map((s) => s.state)).toEqual(['pending', 'success']);
      expect(await d.stop()).toBe(0);
      const secrets = [...(await clientSecrets(connection, name)), account.secret, TOKEN];
      expect(secrets.length).toBeGreaterThan(3);
      expectNoSecret([d.output(), JSON.stringify(status), comment, JSON.stringify(standIn.statuses('example', 'clients'))], secrets);
      expect(standIn.violations).toEqual([]);
    } finally {
      await standIn.close();
    }
  });
});
