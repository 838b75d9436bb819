// End-to-end pull request planning: the built daemon as its own process follows a bare git
// remote holding refs/pull/N/head, syncs into the emulator, takes signed pull_request and push
// deliveries built from GitHub's recorded payloads, and reports to the OpenAPI-checked GitHub
// stand-in. Plans whose Keycloak content matters run against the real server in
// pull-requests.keycloak.test.ts.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator-env.js';
import { startGitHubStandIn, type GitHubStandIn } from '../support/github-stand-in.js';
import { pullRequestRemote } from '../support/pull-request-remote.js';
import { pullRequestPayload, pushPayload, signedDelivery } from '../support/webhook-examples.js';
import { startDaemonProcess, tempWorkDir, WEBHOOK_SECRET, type DaemonProcess } from './daemon-process.js';
import { clientSecrets, expectNoSecret } from './keycloak-view.js';

const REALMS = ['pr-flow', 'pr-hostile', 'pr-merge', 'pr-off', 'pr-app'];
const kc = useEmulator({ realm: REALMS });
const NEVER = '0 0 1 1 *';
const TOKEN = 'github_pat_e2e_token_5f1c2a9b7d';
const REPO = { owner: 'example', name: 'clients' };
const settings = (realm: string) => `realm: ${realm}\nscopes:\n  datahub-api: Query.\n  push-data: Send.\n`;
const script = (id: string, extra = '') => `  - clientId: ${id}\n    capabilities: [Script]\n${extra}`;
const file = (...clients: string[]) => `clients:\n${clients.join('')}`;
const connection = () => ({ url: kc().emulator.url, adminUsername: 'admin', adminPassword: 'admin' });

let standIn: GitHubStandIn | null = null;
afterEach(async () => {
  const violations = standIn?.violations ?? [];
  await standIn?.close();
  standIn = null;
  expect(violations).toEqual([]);
});

async function start(remoteUrl: string, env: Record<string, string> = {}): Promise<DaemonProcess> {
  standIn = await startGitHubStandIn({ token: TOKEN, login: 'clientsync-bot' });
  const d = await startDaemonProcess(['--git-url', remoteUrl, '--branch', 'main', '--work-dir', tempWorkDir(), '--schedule', NEVER], {
    ...kc().env,
    CLIENTSYNC_GITHUB_TOKEN: TOKEN,
    CLIENTSYNC_GITHUB_API_URL: standIn.url,
    CLIENTSYNC_GITHUB_REPOSITORY: `${REPO.owner}/${REPO.name}`,
    ...env,
  });
  await d.waitForStatus((s) => s.lastRun !== null, 20_000, 'the start-up run');
  return d;
}

async function deliver(d: DaemonProcess, event: string, payload: unknown): Promise<Response> {
  const { headers, body } = signedDelivery(event, payload, WEBHOOK_SECRET);
  return fetch(`${d.url}/webhook`, { method: 'POST', headers, body });
}

interface PlanView {
  pullRequest: number;
  headSha: string | null;
  outcome: string;
  description: string;
}
async function planOf(d: DaemonProcess, number: number, sha: string): Promise<PlanView> {
  const status = await d.waitForStatus(
    (s) => ((s['pullRequests'] as { lastPlans?: PlanView[] }).lastPlans ?? []).some((p) => p.pullRequest === number && p.headSha === sha),
    30_000,
    `the plan of #${number} at ${sha.slice(0, 7)}`,
  );
  return (status['pullRequests'] as { lastPlans: PlanView[] }).lastPlans.find((p) => p.pullRequest === number && p.headSha === sha)!;
}

const planStatuses = (sha: string) => standIn!.statuses(REPO.owner, REPO.name).filter((s) => s.sha === sha && s.context === 'clientsync/plan');

describe('pull request planning (emulator)', () => {
  it('opened: pending then success and one comment with the plan; a new head edits the same comment; broken YAML fails naming file:line', { timeout: 60_000 }, async () => {
    const remote = await pullRequestRemote({ 'clientsync.yaml': settings('pr-flow'), 'clients/acme.yaml': file(script('acme_one')) });
    const d = await start(remote.url);
    const head1 = await remote.pushPullRequest(4, { 'clients/acme.yaml': file(script('acme_one'), script('acme_two')) });
    expect((await deliver(d, 'pull_request', pullRequestPayload('opened', REPO, 4, head1))).status).toBe(202);
    expect(await planOf(d, 4, head1)).toMatchObject({ outcome: 'success', description: '1 to create, 0 to update, 0 to delete' });
    expect(planStatuses(head1).map((s) => s.state)).toEqual(['pending', 'success']);
    const comments = standIn!.comments(REPO.owner, REPO.name, 4);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('<!-- clientsync-plan -->');
    expect(comments[0]!.body).toContain('**+ create** `acme_two`');
    expect(comments[0]!.body).toContain(head1.slice(0, 12));
    // Planning never writes to Keycloak: the second client exists only after a merge.
    expect((await clientSecrets(connection(), 'pr-flow')).length).toBe(1);

    const head2 = await remote.pushPullRequest(4, { 'clients/acme.yaml': file(script('acme_one'), script('acme_two', '    scopes: [nope]\n    bogus: 1\n')) }, { onTopOfPrevious: true });
    expect((await deliver(d, 'pull_request', pullRequestPayload('synchronize', REPO, 4, head2))).status).toBe(202);
    const failed = await planOf(d, 4, head2);
    expect(failed.outcome).toBe('failure');
    expect(failed.description).toMatch(/problems in clients\/acme\.yaml, first at clients\/acme\.yaml:\d+/);
    expect(planStatuses(head2).map((s) => s.state)).toEqual(['pending', 'failure']);
    const edited = standIn!.comments(REPO.owner, REPO.name, 4);
    expect(edited).toHaveLength(1);
    expect(edited[0]!.body).toContain(head2.slice(0, 12));
    expect(edited[0]!.body).toMatch(/clients\/acme\.yaml:\d+:\d+`\]\(https:\/\/github\.com\/example\/clients\/blob\//);

    // A delivery sent again (the same id, or the same signed body under a new id) is a replay:
    // acknowledged, nothing planned. A new delivery of a head already planned is not planned twice.
    const replayBody = await deliver(d, 'pull_request', pullRequestPayload('synchronize', REPO, 4, head2));
    expect(replayBody.status).toBe(200);
    expect(await replayBody.json()).toMatchObject({ reason: expect.stringContaining('same body') });
    const again = signedDelivery('pull_request', { ...pullRequestPayload('synchronize', REPO, 4, head2), after: head2 }, WEBHOOK_SECRET, 'fixed-delivery-id');
    expect(await (await fetch(`${d.url}/webhook`, { method: 'POST', ...again })).json()).toMatchObject({ planned: false, message: expect.stringContaining('planned already') });
    const replayId = await fetch(`${d.url}/webhook`, { method: 'POST', ...again });
    expect(replayId.status).toBe(200);
    expect(await d.metric('clientsync_webhook_requests_total', { result: 'replayed' })).toBe(2);
    expect(await d.metric('clientsync_pull_request_plans_total', { outcome: 'success' })).toBe(1);
    expect(await d.metric('clientsync_github_api_calls_total', { result: 'success' })).toBeGreaterThanOrEqual(6);
    await expectNoLeak(d, 'pr-flow');
    expect(await d.stop()).toBe(0);
  });

  it("a hostile pull request: scripts never run, its schemas are not used, a symlink is a problem whose target is never read; a fork's pull request is planned the same way", { timeout: 60_000 }, async () => {
    const outside = mkdtempSync(join(tmpdir(), 'clientsync-outside-'));
    const target = join(outside, 'target.yaml');
    writeFileSync(target, file(script('leaked_from_outside_x')));
    const marker = join(outside, 'script-ran');
    const remote = await pullRequestRemote({ 'clientsync.yaml': settings('pr-hostile'), 'clients/acme.yaml': file(script('acme_one')) });
    const d = await start(remote.url);
    const head = await remote.pushPullRequest(9, {
      'package.json': JSON.stringify({ name: 'evil', scripts: { prepare: `touch ${marker}`, postinstall: `touch ${marker}` } }),
      'schemas/account.schema.json': JSON.stringify({ type: 'object' }),
      'clients/acme.yaml': file(script('acme_one', '    allowedByTheirSchema: yes\n')),
      'clients/x.yaml': { symlink: target },
    });
    expect((await deliver(d, 'pull_request', pullRequestPayload('opened', REPO, 9, head, { fork: 'mallory/clients' }))).status).toBe(202);
    const plan = await planOf(d, 9, head);
    expect(plan.outcome).toBe('failure');
    const body = standIn!.comments(REPO.owner, REPO.name, 9)[0]!.body;
    expect(body).toContain('allowedByTheirSchema'); // refused by the daemon's own schema
    expect(body).toMatch(/clients\/x\.yaml:1:1`.*symbolic links are not read/);
    expect(body).not.toContain('leaked_from_outside_x');
    expect(existsSync(marker)).toBe(false);
    expect(d.lines().find((l) => l.msg === 'pull request plan started')).toMatchObject({ headRepository: 'mallory/clients' });
    await expectNoLeak(d, 'pr-hostile');
    expect(await d.stop()).toBe(0);
  });

  it('a merge (push to main) sets clientsync/sync success on the merge commit; a run with a skipped account sets failure', { timeout: 60_000 }, async () => {
    const remote = await pullRequestRemote({ 'clientsync.yaml': settings('pr-merge'), 'clients/acme.yaml': file(script('acme_one')) });
    const d = await start(remote.url);
    const merge = await remote.pushMain({ 'clients/acme.yaml': file(script('acme_one'), script('acme_two')) }, 'Merge pull request #4');
    expect((await deliver(d, 'push', pushPayload(REPO, 'main', merge))).status).toBe(202);
    await d.waitForStatus((s) => s.lastRun?.revision === merge, 20_000, 'the merge run');
    await waitFor(() => standIn!.statuses(REPO.owner, REPO.name).some((s) => s.sha === merge && s.context === 'clientsync/sync'));
    expect(standIn!.statuses(REPO.owner, REPO.name).filter((s) => s.sha === merge)).toEqual([
      expect.objectContaining({ context: 'clientsync/sync', state: 'success', description: 'Applied 1 change; Keycloak matches this revision' }),
    ]);
    const broken = await remote.pushMain({ 'clients/beta.yaml': 'clients: [\n' });
    expect((await deliver(d, 'push', pushPayload(REPO, 'main', broken))).status).toBe(202);
    await waitFor(() => standIn!.statuses(REPO.owner, REPO.name).some((s) => s.sha === broken));
    expect(standIn!.statuses(REPO.owner, REPO.name).filter((s) => s.sha === broken)).toEqual([
      expect.objectContaining({ context: 'clientsync/sync', state: 'failure', description: 'account beta skipped' }),
    ]);
    // Deliveries about another repository are acknowledged and ignored.
    const other = await deliver(d, 'push', pushPayload({ owner: 'someone', name: 'else' }, 'main', broken.replace(/./, 'f')));
    expect(other.status).toBe(200);
    await expectNoLeak(d, 'pr-merge');
    expect(await d.stop()).toBe(0);
  });

  it('as a GitHub App: the installation named by the delivery, comments by <slug>[bot]', { timeout: 40_000 }, async () => {
    const remote = await pullRequestRemote({ 'clientsync.yaml': settings('pr-app'), 'clients/acme.yaml': file(script('acme_one')) });
    const keyFile = join(mkdtempSync(join(tmpdir(), 'clientsync-app-key-')), 'app.pem');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    writeFileSync(keyFile, privateKey, { mode: 0o600 });
    standIn = await startGitHubStandIn({ app: { id: 777, slug: 'clientsync-app', installationId: 4242 } });
    const d = await startDaemonProcess(['--git-url', remote.url, '--branch', 'main', '--work-dir', tempWorkDir(), '--schedule', NEVER], {
      ...kc().env,
      CLIENTSYNC_GITHUB_APP_ID: '777',
      CLIENTSYNC_GITHUB_APP_PRIVATE_KEY_FILE: keyFile,
      CLIENTSYNC_GITHUB_API_URL: standIn.url,
      CLIENTSYNC_GITHUB_REPOSITORY: `${REPO.owner}/${REPO.name}`,
    });
    await d.waitForStatus((s) => s.lastRun !== null, 20_000, 'the start-up run');
    const head = await remote.pushPullRequest(5, { 'clients/acme.yaml': file(script('acme_one'), script('acme_two')) });
    const payload = pullRequestPayload('opened', REPO, 5, head) as unknown as Record<string, unknown>;
    payload['installation'] = { id: 4242, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==' };
    expect((await deliver(d, 'pull_request', payload)).status).toBe(202);
    expect(await planOf(d, 5, head)).toMatchObject({ outcome: 'success' });
    expect(standIn.comments(REPO.owner, REPO.name, 5).map((c) => c.login)).toEqual(['clientsync-app[bot]']);
    expect(standIn.requests).toContain('POST /app/installations/{installation_id}/access_tokens -> 201');
    expect(d.output()).not.toContain('PRIVATE KEY');
    expect(await d.stop()).toBe(0);
  });

  it('without CLIENTSYNC_GITHUB_TOKEN: pull_request deliveries are acknowledged and ignored with one log line; /status says why', { timeout: 30_000 }, async () => {
    const remote = await pullRequestRemote({ 'clientsync.yaml': settings('pr-off'), 'clients/acme.yaml': file(script('acme_one')) });
    const d = await start(remote.url, { CLIENTSYNC_GITHUB_TOKEN: '' });
    const status = await d.status();
    expect(status['pullRequests']).toEqual({ planning: 'off', reason: expect.stringContaining('CLIENTSYNC_GITHUB_TOKEN') });
    const head = await remote.pushPullRequest(2, { 'clients/acme.yaml': file(script('acme_one'), script('acme_two')) });
    const answer = await deliver(d, 'pull_request', pullRequestPayload('opened', REPO, 2, head));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ triggered: false, reason: expect.stringContaining('pull request planning is off') });
    const ignored = await d.waitFor((l) => l.msg === 'webhook ignored');
    expect(ignored['reason']).toContain('CLIENTSYNC_GITHUB_TOKEN');
    expect(standIn!.requests).toEqual([]);
    expect(await d.stop()).toBe(0);
  });
});

async function waitFor(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out; GitHub saw: ${standIn?.requests.join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** No secret read back from Keycloak, nor the token or webhook secret, in any comment, status, log line, /status or /metrics. */
async function expectNoLeak(d: DaemonProcess, realm: string): Promise<void> {
  const gh = standIn!;
  const texts = [
    d.output(),
    await d.statusText(),
    await (await d.get('/metrics')).text(),
    ...gh.comments(REPO.owner, REPO.name, 4).map((c) => c.body),
    ...gh.comments(REPO.owner, REPO.name, 9).map((c) => c.body),
    JSON.stringify(gh.statuses(REPO.owner, REPO.name)),
  ];
  expectNoSecret(texts, [...(await clientSecrets(connection(), realm)), kc().env.KEYCLOAK_CLIENT_SECRET!, TOKEN]);
  // The token reaches GitHub only in the Authorization header, never in a body.
  expect(gh.seen.filter((s) => !s.startsWith('token ')).join('\n')).not.toContain(TOKEN);
}
