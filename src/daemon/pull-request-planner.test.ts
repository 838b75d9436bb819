// The planning queue and one plan, with fakes of the daemon's own interfaces: a source of heads
// in memory, the fake Keycloak port, a reporter that records what GitHub would be told.
import { describe, expect, it } from 'vitest';
import { FakeKeycloak } from '../../test/support/fake-keycloak.js';
import type { CommitStatus } from '../github/plan-report.js';
import type { PullRequestEvent } from '../github/pull-request-event.js';
import type { CommentAction, PlanReporter, ReportTarget } from '../github/reporter.js';
import { createPullRequestPlan } from './pull-request-plan.js';
import { PullRequestPlanner, type PlanJob, type PullRequestPlanRecord } from './pull-request-planner.js';
import type { PullRequestHead } from './pull-request-source.js';
import { FakeClock, flush, MemoryLogger } from '../../test/support/daemon-helpers.js';

const sha = (c: string) => c.repeat(40);
const event = (number: number, head: string): PullRequestEvent => ({
  action: 'synchronize',
  number,
  headSha: head,
  baseRef: 'main',
  repository: { owner: 'o', name: 'r' },
  headRepository: 'o/r',
  installationId: null,
  htmlUrl: 'https://github.com/o/r',
});

class RecordingReporter implements PlanReporter {
  readonly calls: string[] = [];
  readonly comments = new Map<number, string>();
  async setStatus(_t: ReportTarget, s: string, context: string, status: CommitStatus): Promise<void> {
    this.calls.push(`status ${s.slice(0, 1)} ${context} ${status.state} ${status.description}`);
  }
  async upsertComment(_t: ReportTarget, number: number, body: string, createIfMissing: boolean): Promise<CommentAction> {
    const had = this.comments.has(number);
    if (!had && !createIfMissing) return 'none';
    this.comments.set(number, body);
    this.calls.push(`comment #${number} ${had ? 'updated' : 'created'}`);
    return had ? 'updated' : 'created';
  }
}

function record(job: PlanJob, outcome: PullRequestPlanRecord['outcome'] = 'success'): PullRequestPlanRecord {
  const at = new Date(0);
  return { repository: 'o/r', number: job.event.number, requestedSha: job.event.headSha, headSha: job.event.headSha, outcome, description: '', startedAt: at, endedAt: at, reported: true };
}

describe('PullRequestPlanner', () => {
  it('one plan at a time; a newer head replaces the waiting one or stops the running one; a full queue refuses', async () => {
    const clock = new FakeClock();
    const started: string[] = [];
    const releases: (() => void)[] = [];
    const dropped: string[] = [];
    const finished: PullRequestPlanRecord[] = [];
    const planner = new PullRequestPlanner({
      clock,
      logger: new MemoryLogger(),
      maxQueued: 2,
      execute: (job, signal) =>
        new Promise((resolve) => {
          started.push(`${job.event.number}@${job.event.headSha[0]}`);
          releases.push(() => resolve(record(job)));
          signal.addEventListener('abort', () => resolve(record(job, 'superseded')));
        }),
      onFinished: (r) => finished.push(r),
      onDropped: (job, outcome) => dropped.push(`${job.event.number}@${job.event.headSha[0]} ${outcome}`),
    });
    expect(planner.enqueue(event(1, sha('a')))).toMatchObject({ accepted: true });
    expect(planner.enqueue(event(2, sha('b')))).toMatchObject({ accepted: true, message: expect.stringContaining('queued') });
    expect(planner.enqueue(event(2, sha('c')))).toMatchObject({ accepted: true, message: expect.stringContaining('replaces') });
    expect(planner.enqueue(event(3, sha('d')))).toMatchObject({ accepted: true });
    expect(planner.enqueue(event(4, sha('e')))).toMatchObject({ accepted: false, message: expect.stringContaining('queue is full') });
    expect(dropped).toEqual(['2@b superseded', '4@e refused']);
    expect(started).toEqual(['1@a']);
    // A newer head of the running pull request stops it; the newer one waits its turn.
    expect(planner.enqueue(event(1, sha('f')))).toMatchObject({ accepted: true, message: expect.stringContaining('supersedes') });
    await flush();
    expect(finished.map((r) => `${r.number} ${r.outcome}`)).toEqual(['1 superseded']);
    expect(started).toEqual(['1@a', '2@c']);
    releases[1]!();
    await flush();
    releases[2]!();
    await flush();
    releases[3]!();
    await planner.whenIdle();
    expect(started).toEqual(['1@a', '2@c', '3@d', '1@f']);
    expect((planner.status()['lastPlans'] as { pullRequest: number; outcome: string }[]).map((p) => `${p.pullRequest} ${p.outcome}`)).toEqual(['1 success', '3 success', '2 success']);
    // The same head again is planned already.
    expect(planner.enqueue(event(3, sha('d')))).toMatchObject({ accepted: false, message: expect.stringContaining('planned already') });
    // Reopening plans afresh (live Keycloak may have moved since).
    expect(planner.enqueue({ ...event(3, sha('d')), action: 'reopened' })).toMatchObject({ accepted: true });
    releases[4]!();
    await planner.whenIdle();
    expect(started).toEqual(['1@a', '2@c', '3@d', '1@f', '3@d']);
  });
});

describe('createPullRequestPlan', () => {
  const SETTINGS = 'realm: insights\nscopes:\n  datahub-api: Query.\n';
  const enc = new TextEncoder();
  const head = (files: Record<string, string>, headSha = sha('a'), changes = true): PullRequestHead => ({
    sha: headSha,
    changesClientFiles: changes,
    files: {
      settings: { file: 'clientsync.yaml', bytes: enc.encode(files['clientsync.yaml'] ?? SETTINGS), size: (files['clientsync.yaml'] ?? SETTINGS).length },
      accounts: Object.entries(files)
        .filter(([f]) => f.startsWith('clients/'))
        .map(([file, text]) => ({ file, bytes: enc.encode(text), size: text.length })),
      misplaced: [],
    },
  });
  const setup = (h: PullRequestHead, realm: string | null = 'insights') => {
    const reporter = new RecordingReporter();
    const keycloak = new FakeKeycloak('insights');
    const run = createPullRequestPlan({ source: { read: async () => h }, keycloak: () => keycloak, reporter, clock: new FakeClock(), logger: new MemoryLogger(), syncedRealm: () => realm });
    return { reporter, keycloak, run: (e: PullRequestEvent) => run({ event: e, receivedAt: new Date(0) }, new AbortController().signal) };
  };

  it('pending, then the comment, then success with the counts; reads Keycloak and never writes to it', async () => {
    const { reporter, keycloak, run } = setup(head({ 'clients/acme.yaml': 'clients:\n  - clientId: acme_a\n    capabilities: [Script]\n' }));
    const result = await run(event(5, sha('a')));
    expect(result).toMatchObject({ outcome: 'success', headSha: sha('a'), description: '1 to create, 0 to update, 0 to delete' });
    expect(reporter.calls).toEqual(['status a clientsync/plan pending Planning against live Keycloak (read only)…', 'comment #5 created', 'status a clientsync/plan success 1 to create, 0 to update, 0 to delete']);
    expect(keycloak.calls.map((c) => c.method)).toEqual(['listClients']);
  });

  it('broken YAML fails naming file and line; a newer fetched head is planned and the older marked superseded', async () => {
    const { reporter, run } = setup(head({ 'clients/acme.yaml': 'clients:\n  - clientId: acme_a\n    capabilities: [Script\n' }, sha('b')));
    const result = await run(event(5, sha('a')));
    expect(result).toMatchObject({ outcome: 'failure', headSha: sha('b'), description: expect.stringMatching(/problems? in clients\/acme\.yaml, first at clients\/acme\.yaml:\d+/) });
    expect(reporter.calls).toContain('status a clientsync/plan error Superseded: planned the newer head bbbbbbbbbbbb instead');
    expect(reporter.comments.get(5)).toContain('clients/acme.yaml:');
  });

  it('a pull request naming another realm is not planned; no client file changed gives "no client changes" and no new comment', async () => {
    const other = setup(head({ 'clientsync.yaml': 'realm: master\nscopes:\n  x: y\n', 'clients/acme.yaml': 'clients: []\n' }));
    expect(await other.run(event(6, sha('a')))).toMatchObject({ outcome: 'error', description: expect.stringContaining('only realm insights is planned') });
    expect(other.keycloak.calls).toEqual([]);
    const none = setup(head({}, sha('a'), false));
    expect(await none.run(event(7, sha('a')))).toMatchObject({ outcome: 'success', description: expect.stringContaining('No client changes') });
    expect(none.reporter.comments.size).toBe(0);
  });
});
