// The daemon wiring of pull request planning, in-process with fakes of its own interfaces: a
// full queue is said on GitHub, /status lists plans, clientsync/sync follows the runs.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { NONE_SINK } from '../apply/index.js';
import { syncPolicy } from '../sync/sync-policy.js';
import { FakeKeycloak } from '../../test/support/fake-keycloak.js';
import type { CommitStatus } from '../github/plan-report.js';
import type { CommentAction, PlanReporter, ReportTarget } from '../github/reporter.js';
import { startDaemon, type RunningDaemon } from './daemon.js';
import type { PullRequestHead } from './pull-request-source.js';
import type { RunRecord } from './run-record.js';
import { createSyncStatusReporter } from './sync-status.js';
import { fakeRepository, FakeClock, flush, ManualSchedule, MemoryLogger, removeFakeRepositories } from '../../test/support/daemon-helpers.js';
import { signBody } from './webhook.js';

const SECRET = 'unit-test-webhook-secret';
const SETTINGS = 'realm: insights\nscopes:\n  datahub-api: Query.\n';
const started: RunningDaemon[] = [];
afterEach(async () => {
  for (const d of started.splice(0)) await d.stop(1_000);
});
afterAll(removeFakeRepositories);

class RecordingReporter implements PlanReporter {
  readonly statuses: string[] = [];
  async setStatus(_t: ReportTarget, sha: string, context: string, status: CommitStatus): Promise<void> {
    this.statuses.push(`${sha.slice(0, 1)} ${context} ${status.state}: ${status.description}`);
  }
  async upsertComment(): Promise<CommentAction> {
    return 'created';
  }
}

const enc = new TextEncoder();
const head = (sha: string): PullRequestHead => ({
  sha,
  changesClientFiles: true,
  files: { settings: { file: 'clientsync.yaml', bytes: enc.encode(SETTINGS), size: SETTINGS.length }, accounts: [], misplaced: [] },
});

describe('pull request planning in the daemon', () => {
  it('plans one at a time; a full queue is refused in the answer, the log and as an error status on GitHub; /status and /metrics show it', async () => {
    const repo = fakeRepository({ 'clientsync.yaml': SETTINGS });
    const reporter = new RecordingReporter();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const logger = new MemoryLogger();
    const daemon = await startDaemon(
      { host: '127.0.0.1', port: 0, runTimeLimitMs: 30_000, webhookSecret: SECRET, version: 'test', defaultMetrics: false },
      {
        clock: new FakeClock(),
        logger,
        source: repo.source,
        keycloak: () => new FakeKeycloak('insights'),
        policy: syncPolicy({ maxDeletes: 10, concurrency: 4, sink: NONE_SINK }),
        schedule: new ManualSchedule(),
        github: {
          followed: { kind: 'setting', name: { owner: 'o', name: 'r' } },
          planningOff: null,
          source: {
            read: async (number) => {
              if (number === 1) await gate;
              return head(String(number).repeat(40).slice(0, 40));
            },
          },
          reporter: () => reporter,
          syncRepository: { owner: 'o', name: 'r' },
          maxQueued: 1,
        },
      },
    );
    started.push(daemon);
    await daemon.whenIdle();
    await flush();
    expect(reporter.statuses).toEqual([`0 clientsync/sync success: Keycloak matches this revision`]);

    const deliver = async (number: number) => {
      const body = JSON.stringify({
        action: 'opened',
        number,
        pull_request: { number, head: { sha: String(number).repeat(40).slice(0, 40), repo: { full_name: 'o/r' } }, base: { ref: 'main' } },
        repository: { full_name: 'o/r', html_url: 'https://github.com/o/r' },
      });
      const r = await fetch(`${daemon.url}/webhook`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': `d-${number}`, 'x-hub-signature-256': signBody(SECRET, body) },
      });
      return { status: r.status, json: (await r.json()) as Record<string, unknown> };
    };
    expect(await deliver(1)).toMatchObject({ status: 202, json: { planned: true } });
    expect(await deliver(2)).toMatchObject({ status: 202, json: { planned: true, message: expect.stringContaining('queued') } });
    expect(await deliver(3)).toMatchObject({ status: 202, json: { planned: false, message: expect.stringContaining('queue is full') } });
    await flush();
    expect(reporter.statuses).toContain('3 clientsync/plan error: the plan queue is full (1 pull request waiting); push again later to plan pull request #3 at 333333333333');
    expect(logger.messages()).toContain('pull request plan refused: queue full');
    const during = (await (await fetch(`${daemon.url}/status`)).json()) as { pullRequests: Record<string, unknown> };
    expect(during.pullRequests).toMatchObject({ planning: 'on', repository: 'o/r', running: { pullRequest: 1 }, queued: [{ pullRequest: 2 }] });

    release();
    await daemon.whenPlansIdle();
    const after = (await (await fetch(`${daemon.url}/status`)).json()) as { pullRequests: { lastPlans: { pullRequest: number; outcome: string }[] } };
    expect(after.pullRequests.lastPlans.map((p) => `${p.pullRequest} ${p.outcome}`)).toEqual(['2 success', '1 success']);
    const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
    expect(metrics).toContain('clientsync_pull_request_plans_total{outcome="success"} 2');
    expect(metrics).toContain('clientsync_pull_request_plans_total{outcome="refused"} 1');
  });
});

describe('createSyncStatusReporter', () => {
  const run = (revision: string | null, outcome: RunRecord['outcome'], summary: RunRecord['summary'] = { create: 0, update: 0, delete: 0, rotate: 0, adopt: 0 }) =>
    ({ id: 1, revision, outcome, summary, applied: 0, failed: 0, skippedAccounts: [], conflicts: [], refusal: null, failure: null }) as unknown as RunRecord;

  it('posts only when what it says changes, and nothing for a run that did not reach Keycloak', async () => {
    const reporter = new RecordingReporter();
    const report = createSyncStatusReporter(reporter, { owner: 'o', name: 'r' }, new MemoryLogger());
    await report(run('a'.repeat(40), 'success'));
    await report(run('a'.repeat(40), 'success'));
    await report(run('b'.repeat(40), 'failed', null));
    await report(run('b'.repeat(40), 'success'));
    expect(reporter.statuses).toEqual(['a clientsync/sync success: Keycloak matches this revision', 'b clientsync/sync success: Keycloak matches this revision']);
  });
});
