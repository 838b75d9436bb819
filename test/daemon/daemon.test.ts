// End-to-end: the built `clientsync daemon` as a child process, following a temporary git
// repository (file:// URL) and syncing it into the emulator. Each test has a realm of its own.
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator-env.js';
import { gitRepo } from '../support/git-repo.js';
import { pushEvent, startDaemonProcess, tempWorkDir, type DaemonProcess } from './daemon-process.js';
import { clientSecrets, expectNoSecret, managedClients } from './keycloak-view.js';

const REALMS = ['d-start', 'd-auth', 'd-skip', 'd-overlap', 'd-term'];
const kc = useEmulator({ realm: REALMS });
/** A schedule that does not fire during a test: runs come from start-up and webhooks only. */
const NEVER = '0 0 1 1 *';

const settings = (realm: string) => `realm: ${realm}\nscopes:\n  datahub-api: Query.\n  push-data: Send.\n`;
const script = (id: string, extra = '') => `  - clientId: ${id}\n    capabilities: [Script]\n${extra}`;
const file = (...clients: string[]) => `clients:\n${clients.join('')}`;
const connection = () => ({ url: kc().emulator.url, adminUsername: 'admin', adminPassword: 'admin' });

async function follow(repoDir: string, extra: readonly string[] = []): Promise<DaemonProcess> {
  return startDaemonProcess(['--git-url', `file://${repoDir}`, '--branch', 'main', '--work-dir', tempWorkDir(), '--schedule', NEVER, ...extra], kc().env);
}

async function expectClean(d: DaemonProcess, realm: string): Promise<void> {
  const status = await d.statusText();
  expectNoSecret([d.output(), status], [...(await clientSecrets(connection(), realm)), kc().env.KEYCLOAK_CLIENT_SECRET!]);
}

describe('clientsync daemon against the emulator', () => {
  it('applies the repository at start-up, then a new commit on a signed push webhook; metrics follow', async () => {
    const repo = await gitRepo({ 'clients/alpha.yaml': file(script('alpha_one')) }, settings('d-start'));
    const head = (await repo.git.revparse(['HEAD'])).trim();
    const d = await follow(repo.dir);
    const first = await d.waitForStatus((s) => s.lastRun !== null, 15_000, 'the start-up run');
    expect(first.lastRun).toMatchObject({ id: 1, outcome: 'success', revision: head, summary: { create: 1 } });
    // Where the run's time went: each phase's milliseconds, adding up to at most the run's.
    const phases = (first.lastRun as unknown as { phases: Record<string, number>; durationMs: number });
    expect(Object.keys(phases.phases).sort()).toEqual(['applyMs', 'checkoutMs', 'planMs']);
    expect(Object.values(phases.phases).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(phases.durationMs);
    expect(first.ready).toBe(true);
    expect((await d.get('/readyz')).status).toBe(200);
    expect((await d.get('/healthz')).status).toBe(200);
    expect((await managedClients(connection(), 'd-start')).map((c) => c.clientId)).toEqual(['alpha_one']);
    expect(await d.metric('clientsync_runs_total', { outcome: 'success' })).toBe(1);
    expect(await d.metric('clientsync_changes_total', { action: 'create', outcome: 'applied' })).toBe(1);
    expect(await d.metric('clientsync_managed_clients')).toBe(1);
    const firstSuccess = await d.metric('clientsync_last_success_timestamp_seconds');
    expect(firstSuccess).toBeGreaterThan(0);

    const sha = await repo.commit({ 'clients/alpha.yaml': file(script('alpha_one', '    description: now described\n'), script('alpha_two')) });
    const accepted = await d.webhook(pushEvent('main', sha));
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toEqual({ triggered: true, run: 'started' });
    const second = await d.waitForStatus((s) => s.lastRun?.id === 2, 15_000, 'the webhook run');
    expect(second.lastRun).toMatchObject({ outcome: 'success', revision: sha, summary: { create: 1, update: 1 } });
    const live = await managedClients(connection(), 'd-start');
    expect(live.map((c) => [c.clientId, c.description, c.revision])).toEqual([
      ['alpha_one', 'now described', sha],
      ['alpha_two', '', sha],
    ]);
    expect(second.accounts).toEqual([
      expect.objectContaining({ account: 'alpha', state: 'synced', clients: ['alpha_one', 'alpha_two'], skipped: null, lastChange: expect.objectContaining({ clientId: expect.any(String) }) }),
    ]);
    expect(await d.metric('clientsync_runs_total', { outcome: 'success' })).toBe(2);
    expect(await d.metric('clientsync_changes_total', { action: 'create', outcome: 'applied' })).toBe(2);
    expect(await d.metric('clientsync_changes_total', { action: 'update', outcome: 'applied' })).toBe(1);
    expect(await d.metric('clientsync_managed_clients')).toBe(2);
    expect(await d.metric('clientsync_last_success_timestamp_seconds')).toBeGreaterThan(firstSuccess);
    expect(await d.metric('clientsync_run_duration_seconds_count', { outcome: 'success' })).toBe(2);
    expect(await d.metric('clientsync_triggers_total', { source: 'webhook', result: 'started' })).toBe(1);

    const lines = d.lines();
    expect(lines.filter((l) => l.msg === 'run finished').map((l) => [l['runId'], l['outcome']])).toEqual([
      [1, 'success'],
      [2, 'success'],
    ]);
    expect(lines.filter((l) => l.msg === 'change applied').map((l) => `${String(l['action'])} ${String(l['clientId'])}`)).toEqual([
      'create alpha_one',
      'update alpha_one',
      'create alpha_two',
    ]);
    await expectClean(d, 'd-start');
    expect(await d.stop()).toBe(0);
  });

  it('refuses unsigned and wrongly signed webhooks (401, nothing triggered), answers pings, ignores other branches and events', async () => {
    const repo = await gitRepo({ 'clients/auth.yaml': file(script('auth_one')) }, settings('d-auth'));
    const d = await follow(repo.dir);
    await d.waitForStatus((s) => s.lastRun !== null && s.running === null, 15_000, 'the start-up run');
    await repo.commit({ 'clients/auth.yaml': file(script('auth_one'), script('auth_two')) });

    const wrong = await d.webhook(pushEvent('main'), { secret: 'not-the-webhook-secret' });
    expect(wrong.status).toBe(401);
    const missing = await d.webhook(pushEvent('main'), { signature: null });
    expect(missing.status).toBe(401);
    const garbage = await d.webhook(pushEvent('main'), { signature: 'sha256=zz' });
    expect(garbage.status).toBe(401);
    const ping = await d.webhook({ zen: 'Keep it logically awesome.', hook_id: 1 }, { event: 'ping' });
    expect(ping.status).toBe(200);
    const otherBranch = await d.webhook(pushEvent('feature/x'));
    expect(otherBranch.status).toBe(200);
    expect(await otherBranch.json()).toMatchObject({ triggered: false });
    const issues = await d.webhook({ action: 'opened' }, { event: 'issues' });
    expect(issues.status).toBe(200);
    const big = await fetch(`${d.url}/webhook`, { method: 'POST', headers: { 'x-github-event': 'push', 'content-type': 'application/json' }, body: 'x'.repeat(1024 * 1024 + 1) });
    expect(big.status).toBe(413);
    expect((await d.get('/webhook')).status).toBe(405);
    expect((await d.get('/nope')).status).toBe(404);

    await new Promise((r) => setTimeout(r, 300));
    const status = await d.status();
    expect(status.runs.started).toBe(1);
    expect((await managedClients(connection(), 'd-auth')).map((c) => c.clientId)).toEqual(['auth_one']);
    expect(await d.metric('clientsync_webhook_requests_total', { result: 'unauthorized' })).toBe(3);
    expect(await d.metric('clientsync_webhook_requests_total', { result: 'ping' })).toBe(1);
    expect(await d.metric('clientsync_webhook_requests_total', { result: 'ignored' })).toBe(2);
    expect(await d.metric('clientsync_webhook_requests_total', { result: 'too-large' })).toBe(1);

    // The same push, signed: now it runs.
    expect((await d.webhook(pushEvent('main'))).status).toBe(202);
    await d.waitForStatus((s) => s.lastRun?.id === 2, 15_000, 'the signed webhook run');
    expect((await managedClients(connection(), 'd-auth')).map((c) => c.clientId)).toEqual(['auth_one', 'auth_two']);
    await expectClean(d, 'd-auth');
    expect(await d.stop()).toBe(0);
  });

  it('a commit that breaks one account file leaves its clients untouched, applies the others, and /status shows the skip', async () => {
    const repo = await gitRepo(
      { 'clients/beta.yaml': file(script('beta_a'), script('beta_b')), 'clients/gamma.yaml': file(script('gamma_a')) },
      settings('d-skip'),
    );
    const d = await follow(repo.dir);
    const first = await d.waitForStatus((s) => s.lastRun !== null, 15_000, 'the start-up run');
    expect(first.lastRun?.outcome).toBe('success');
    const before = await managedClients(connection(), 'd-skip');

    const sha = await repo.commit({
      'clients/beta.yaml': 'clients:\n  - clientId: beta_a\n    capabilities: [Nope]\n    description: would change\n',
      'clients/gamma.yaml': file(script('gamma_a', '    description: changed\n'), script('gamma_b')),
    });
    expect((await d.webhook(pushEvent('main', sha))).status).toBe(202);
    const status = await d.waitForStatus((s) => s.lastRun?.id === 2, 15_000, 'the run after the breaking commit');
    expect(status.lastRun).toMatchObject({ outcome: 'partial', revision: sha, skippedAccounts: [{ account: 'beta', file: 'clients/beta.yaml', problems: 1 }] });
    const beta = status.accounts.find((a) => a.account === 'beta');
    expect(beta).toMatchObject({ state: 'skipped', clients: ['beta_a', 'beta_b'] });
    expect(beta?.skipped?.reason).toContain('clients/beta.yaml has 1 error');
    expect(beta?.skipped?.details).toEqual([expect.objectContaining({ rule: 'schema', line: 3 })]);
    expect(beta?.skipped?.since).toEqual(expect.any(String));
    expect(status.accounts.find((a) => a.account === 'gamma')).toMatchObject({ state: 'synced', clients: ['gamma_a', 'gamma_b'] });
    expect(status.ready).toBe(true); // a team's broken file does not make the daemon unready

    const after = await managedClients(connection(), 'd-skip');
    expect(after.filter((c) => c.account === 'beta')).toEqual(before.filter((c) => c.account === 'beta'));
    expect(after.filter((c) => c.account === 'gamma').map((c) => [c.clientId, c.description])).toEqual([
      ['gamma_a', 'changed'],
      ['gamma_b', ''],
    ]);
    expect(await d.metric('clientsync_skipped_accounts')).toBe(1);
    expect(await d.metric('clientsync_runs_total', { outcome: 'partial' })).toBe(1);
    await expectClean(d, 'd-skip');
    expect(await d.stop()).toBe(0);
  });

  it('triggers during a run coalesce into exactly one follow-up run', async () => {
    const repo = await gitRepo({ 'clients/over.yaml': file(script('over_a'), script('over_b'), script('over_c')) }, settings('d-overlap'));
    kc().emulator.setFaults({ latencyMs: 300 });
    try {
      const d = await follow(repo.dir);
      await d.waitFor((l) => l.msg === 'run started' && l['runId'] === 1);
      const answers = [];
      // Each a different push, as GitHub sends them (the same body twice would be a replay).
      for (let i = 0; i < 4; i++) answers.push((await (await d.webhook(pushEvent('main', String(i + 1).repeat(40)))).json()) as { run: string });
      expect(answers.map((a) => a.run)).toEqual(['queued', 'coalesced', 'coalesced', 'coalesced']);
      const during = await d.status();
      expect(during.running?.id).toBe(1);
      expect(during.pending).toBe(true);

      const done = await d.waitForStatus((s) => s.lastRun?.id === 2 && s.running === null && !s.pending, 30_000, 'the follow-up run');
      await new Promise((r) => setTimeout(r, 500));
      const settled = await d.status();
      expect(settled.runs.started).toBe(2);
      expect(done.lastRun).toMatchObject({ outcome: 'success', summary: { create: 0, update: 0, delete: 0 } });
      expect((done.lastRun as unknown as { triggers: number }).triggers).toBe(4);
      expect(await d.metric('clientsync_triggers_total', { source: 'webhook', result: 'queued' })).toBe(1);
      expect(await d.metric('clientsync_triggers_total', { source: 'webhook', result: 'coalesced' })).toBe(3);
      expect(d.lines().filter((l) => l.msg === 'run started').map((l) => l['runId'])).toEqual([1, 2]);
      await expectClean(d, 'd-overlap');
      expect(await d.stop()).toBe(0);
    } finally {
      kc().emulator.setFaults({ latencyMs: 0 });
    }
  });

  it('SIGTERM during a slow run lets the run finish, then exits 0', async () => {
    const repo = await gitRepo({ 'clients/term.yaml': file(script('term_a'), script('term_b')) }, settings('d-term'));
    kc().emulator.setFaults({ latencyMs: 200 });
    try {
      const d = await follow(repo.dir, ['--concurrency', '1']);
      await d.waitFor((l) => l.msg === 'run started' && l['runId'] === 1);
      expect(await d.stop('SIGTERM')).toBe(0);
      const lines = d.lines();
      const finished = lines.findIndex((l) => l.msg === 'run finished');
      const stopped = lines.findIndex((l) => l.msg === 'stopped');
      expect(lines[finished]).toMatchObject({ runId: 1, outcome: 'success', applied: 2 });
      expect(lines[stopped]).toMatchObject({ clean: true });
      expect(finished).toBeLessThan(stopped);
      expect(lines.findIndex((l) => l.msg === 'shutdown requested')).toBeLessThan(finished);
      expect((await managedClients(connection(), 'd-term')).map((c) => c.clientId)).toEqual(['term_a', 'term_b']);
      expectNoSecret([d.output()], [...(await clientSecrets(connection(), 'd-term')), kc().env.KEYCLOAK_CLIENT_SECRET!]);
    } finally {
      kc().emulator.setFaults({ latencyMs: 0 });
    }
  });
});
