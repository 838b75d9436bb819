// The daemon in-process with fakes: a folder source, the fake Keycloak port, a manual clock and
// schedule, and its real HTTP server on a free port.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { NONE_SINK } from '../apply/index.js';
import { syncPolicy, type SyncPolicy } from '../sync/sync-policy.js';
import { FakeKeycloak } from '../../test/support/fake-keycloak.js';
import { KeycloakUnavailableError } from '../model/errors.js';
import { startDaemon, type DaemonOptions, type RunningDaemon } from './daemon.js';
import { GitSourceError } from './git-source.js';
import { fakeRepository, FakeClock, flush, ManualSchedule, MemoryLogger, removeFakeRepositories } from '../../test/support/daemon-helpers.js';
import { signBody } from './webhook.js';

const SETTINGS = 'realm: insights\nscopes:\n  datahub-api: Query.\n';
const account = (...ids: string[]) => `clients:\n${ids.map((id) => `  - clientId: ${id}\n    capabilities: [Script]\n`).join('')}`;
const SECRET = 'unit-test-webhook-secret';

const started: RunningDaemon[] = [];
afterEach(async () => {
  for (const d of started.splice(0)) await d.stop(1_000);
});
afterAll(removeFakeRepositories);

async function setup(files: Record<string, string>, { maxDeletes = 10, concurrency = 4, ...options }: Partial<DaemonOptions & SyncPolicy> = {}) {
  const repo = fakeRepository({ 'clientsync.yaml': SETTINGS, ...files });
  const keycloak = new FakeKeycloak('insights');
  const clock = new FakeClock();
  const logger = new MemoryLogger();
  const schedule = new ManualSchedule(60_000);
  const daemon = await startDaemon(
    { host: '127.0.0.1', port: 0, runTimeLimitMs: 30_000, webhookSecret: SECRET, version: 'test', defaultMetrics: false, ...options },
    { clock, logger, source: repo.source, keycloak: () => keycloak, policy: syncPolicy({ maxDeletes, concurrency, sink: NONE_SINK }), schedule },
  );
  started.push(daemon);
  await daemon.whenIdle();
  const get = async (path: string) => {
    const response = await fetch(`${daemon.url}${path}`);
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  return { repo, keycloak, clock, logger, schedule, daemon, get };
}

describe('startDaemon (fakes)', () => {
  it('runs at start-up, then on schedule ticks; /readyz follows the last completed run and turns stale after three intervals', async () => {
    const { keycloak, clock, schedule, daemon, get, repo } = await setup({ 'clients/acme.yaml': account('acme_a') });
    expect(daemon.state.lastRun).toMatchObject({ id: 1, trigger: 'startup', outcome: 'success', applied: 1 });
    expect(keycloak.client('acme_a')).toBeDefined();
    expect(await get('/readyz')).toMatchObject({ status: 200, json: { ready: true } });

    await clock.advance(180_000); // exactly three intervals: still ready
    expect((await get('/readyz')).status).toBe(200);
    await clock.advance(1);
    expect(await get('/readyz')).toMatchObject({ status: 503, json: { ready: false, reason: expect.stringContaining('longer than 180 s') } });

    repo.write({ 'clients/acme.yaml': account('acme_a', 'acme_b') });
    schedule.tick();
    await daemon.whenIdle();
    expect(daemon.state.lastRun).toMatchObject({ id: 2, trigger: 'schedule', outcome: 'success', applied: 1 });
    expect(keycloak.client('acme_b')).toBeDefined();
    expect((await get('/readyz')).status).toBe(200);
  });

  it('a failing git source or Keycloak fails the run, is shown in /status, and the next trigger retries', async () => {
    const { keycloak, schedule, daemon, get, repo } = await setup({ 'clients/acme.yaml': account('acme_a') });
    repo.source.failWith = new GitSourceError('git file:///nowhere (branch main): repository not found');
    schedule.tick();
    await daemon.whenIdle();
    const status = (await get('/status')).json;
    expect(status['lastRun']).toMatchObject({ id: 2, outcome: 'failed', failure: { stage: 'git', retryable: true, message: expect.stringContaining('repository not found') } });
    expect(status['lastSuccess']).toMatchObject({ id: 1 });
    expect(status['ready']).toBe(true); // one failure is not yet stale

    repo.source.failWith = null;
    keycloak.fail('listClients', '', new KeycloakUnavailableError('list clients: Keycloak could not be reached (ECONNREFUSED)', null));
    schedule.tick();
    await daemon.whenIdle();
    expect(daemon.state.lastRun).toMatchObject({ id: 3, outcome: 'failed', failure: { stage: 'keycloak', retryable: true } });

    keycloak.clearFailures();
    schedule.tick();
    await daemon.whenIdle();
    expect(daemon.state.lastRun).toMatchObject({ id: 4, outcome: 'success' });
    const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
    expect(metrics).toContain('clientsync_runs_total{outcome="failed"} 2');
    expect(metrics).toContain('clientsync_run_failures_total{stage="git"} 1');
    expect(metrics).toContain('clientsync_run_failures_total{stage="keycloak"} 1');
  });

  it('an invalid clientsync.yaml fails the run at the settings stage with the first problem', async () => {
    const { daemon } = await setup({ 'clientsync.yaml': 'realm: [oops\n', 'clients/acme.yaml': account('acme_a') });
    expect(daemon.state.lastRun).toMatchObject({ outcome: 'failed', failure: { stage: 'settings', retryable: false, message: expect.stringContaining('clientsync.yaml:') } });
    expect(daemon.readiness()).toMatchObject({ ready: false, reason: expect.stringContaining('no run has completed yet') });
  });

  it('a run over --max-deletes is refused: nothing deleted, outcome refused', async () => {
    const { keycloak, schedule, daemon, repo } = await setup({ 'clients/acme.yaml': account('acme_a', 'acme_b', 'acme_c') }, { maxDeletes: 2 });
    repo.write({ 'clients/acme.yaml': 'clients: []\n' });
    schedule.tick();
    await daemon.whenIdle();
    expect(daemon.state.lastRun).toMatchObject({ outcome: 'refused', refusal: expect.stringContaining('--max-deletes') });
    expect(['acme_a', 'acme_b', 'acme_c'].every((id) => keycloak.client(id) !== undefined)).toBe(true);
  });

  it('webhook: verified pushes trigger (coalescing during a run); bad signatures, other branches and a disabled webhook do not', async () => {
    const { keycloak, daemon } = await setup({ 'clients/acme.yaml': account('acme_a') });
    let release: () => void = () => {};
    keycloak.gate = () => new Promise<void>((resolve) => (release = resolve));
    const post = async (body: string, headers: Record<string, string>) => {
      const r = await fetch(`${daemon.url}/webhook`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': randomUUID(), ...headers } });
      return { status: r.status, json: (await r.json()) as Record<string, unknown> };
    };
    const pushes = [1, 2, 3].map((n) => JSON.stringify({ ref: 'refs/heads/main', after: String(n).repeat(40) }));
    const [push, push2, push3] = pushes as [string, string, string];
    expect(await post(push, { 'x-hub-signature-256': signBody('wrong', push) })).toMatchObject({ status: 401 });
    expect(await post(push, {})).toMatchObject({ status: 401 });
    expect(daemon.state.lastRun?.id).toBe(1);
    expect(await post(push, { 'x-hub-signature-256': signBody(SECRET, push) })).toMatchObject({ status: 202, json: { run: 'started' } });
    expect(await post(push2, { 'x-hub-signature-256': signBody(SECRET, push2) })).toMatchObject({ status: 202, json: { run: 'queued' } });
    expect(await post(push3, { 'x-hub-signature-256': signBody(SECRET, push3) })).toMatchObject({ status: 202, json: { run: 'coalesced' } });
    const other = JSON.stringify({ ref: 'refs/heads/other' });
    expect(await post(other, { 'x-hub-signature-256': signBody(SECRET, other) })).toMatchObject({ status: 200, json: { triggered: false } });
    keycloak.gate = () => Promise.resolve();
    release();
    await flush();
    await daemon.whenIdle();
    expect(daemon.state.lastRun).toMatchObject({ id: 3, triggers: 2 });

    const { daemon: disabled } = await setup({}, { webhookSecret: null });
    const r = await fetch(`${disabled.url}/webhook`, { method: 'POST', body: push, headers: { 'x-github-event': 'push', 'x-hub-signature-256': signBody(SECRET, push) } });
    expect(r.status).toBe(404);
    expect(((await r.json()) as { error: string }).error).toContain('CLIENTSYNC_WEBHOOK_SECRET');
    expect(disabled.state.lastRun?.id).toBe(1);
  });

  it('webhook replay: a delivery id or a signed body seen before is acknowledged and ignored; a delivery without an id is refused', async () => {
    const { daemon } = await setup({ 'clients/acme.yaml': account('acme_a') });
    const post = (body: string, delivery: string | null) =>
      fetch(`${daemon.url}/webhook`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-hub-signature-256': signBody(SECRET, body), ...(delivery === null ? {} : { 'x-github-delivery': delivery }) },
      }).then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, unknown> }));
    const first = JSON.stringify({ ref: 'refs/heads/main', after: 'a'.repeat(40) });
    const second = JSON.stringify({ ref: 'refs/heads/main', after: 'b'.repeat(40) });
    expect(await post(first, null)).toMatchObject({ status: 400, json: { error: expect.stringContaining('X-GitHub-Delivery') } });
    expect(await post(first, 'd-1')).toMatchObject({ status: 202, json: { triggered: true } });
    await daemon.whenIdle();
    expect(await post(first, 'd-1')).toMatchObject({ status: 200, json: { triggered: false, reason: expect.stringContaining('already received (same delivery id)') } });
    expect(await post(first, 'd-2')).toMatchObject({ status: 200, json: { triggered: false, reason: expect.stringContaining('same body') } });
    expect(await post(second, 'd-1')).toMatchObject({ status: 200, json: { triggered: false } });
    await daemon.whenIdle();
    expect(daemon.state.lastRun?.id).toBe(2);
    expect(await post(second, 'd-3')).toMatchObject({ status: 202, json: { triggered: true } });
    const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
    expect(metrics).toContain('clientsync_webhook_requests_total{result="replayed"} 3');
  });

  it('at its time limit a run starts no further Keycloak call: a plan not yet applied is not applied', async () => {
    const { keycloak, clock, schedule, daemon, repo } = await setup({ 'clients/acme.yaml': account('acme_a') }, { runTimeLimitMs: 5_000 });
    repo.write({ 'clients/acme.yaml': account('acme_a', 'acme_b') });
    let release: () => void = () => {};
    const entered = new Promise<void>((inside) => {
      keycloak.gate = () => {
        inside();
        return new Promise<void>((resolve) => (release = resolve));
      };
    });
    schedule.tick();
    await entered;
    await clock.advance(5_000);
    keycloak.gate = () => Promise.resolve();
    release(); // the read under way finishes; the apply does not start
    await daemon.whenIdle();
    expect(daemon.state.lastRun).toMatchObject({ id: 2, outcome: 'failed', applied: 0, failure: { stage: 'timeout', message: expect.stringContaining('time limit of 5 s') } });
    expect(keycloak.client('acme_b')).toBeUndefined();
    schedule.tick();
    await daemon.whenIdle();
    expect(daemon.state.lastRun).toMatchObject({ id: 3, outcome: 'success', applied: 1 });
  });

  it('at its time limit during apply, changes under way finish and the rest fail as not started', async () => {
    const { keycloak, clock, schedule, daemon, repo } = await setup({ 'clients/acme.yaml': account('acme_a') }, { runTimeLimitMs: 5_000, concurrency: 1 });
    repo.write({ 'clients/acme.yaml': account('acme_a', 'acme_b', 'acme_c') });
    let release: () => void = () => {};
    const entered = new Promise<void>((inside) => {
      keycloak.gate = (call) => {
        if (call.method !== 'createClient') return Promise.resolve();
        inside();
        return new Promise<void>((resolve) => (release = resolve));
      };
    });
    schedule.tick();
    await entered;
    await clock.advance(5_000);
    keycloak.gate = () => Promise.resolve();
    release();
    await daemon.whenIdle();
    const run = daemon.state.lastRun;
    expect(run).toMatchObject({ id: 2, outcome: 'failed', applied: 1, failed: 1, failure: { stage: 'timeout', message: expect.stringContaining('applying the plan') } });
    expect(run?.changes.map((c) => `${c.change.clientId} ${c.outcome}`)).toEqual(['acme_b applied', 'acme_c failed']);
    expect(run?.changes[1]?.error?.message).toContain('time limit');
    schedule.tick();
    await daemon.whenIdle();
    expect(daemon.state.lastRun).toMatchObject({ id: 3, outcome: 'success', applied: 1 });
    expect(keycloak.client('acme_c')).toBeDefined();
  });

  it('stop(): refuses new triggers and waits for the run in flight', async () => {
    const { keycloak, daemon, logger } = await setup({ 'clients/acme.yaml': account('acme_a') });
    let release: () => void = () => {};
    keycloak.gate = () => new Promise<void>((resolve) => (release = resolve));
    daemon.trigger('schedule');
    await flush();
    const stopping = daemon.stop(10_000);
    await flush();
    expect(daemon.trigger('webhook')).toBe('stopped');
    expect(daemon.readiness()).toEqual({ ready: false, reason: 'the daemon is stopping' });
    keycloak.gate = () => Promise.resolve();
    release();
    expect(await stopping).toBe(true);
    expect(daemon.state.lastRun).toMatchObject({ id: 2, outcome: 'success' });
    expect(logger.messages().slice(-1)).toEqual(['stopped']);
  });
});
