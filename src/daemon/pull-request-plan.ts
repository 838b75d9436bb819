// One pull request plan: `pending` on the head, read the head's files as data, validate them
// with the daemon's own schemas and rules, plan against live Keycloak (read only: nothing here
// can write to Keycloak, it holds no apply), then the comment and the final status. Every
// failure becomes a record; GitHub being unreachable is logged and recorded, never thrown.
import { PARALLEL_THRESHOLD } from '../config/parallel-validate.js';
import { validateRepository, validateRepositoryParallel } from '../config/validate-repository.js';
import { formatRepository } from '../github/repository-name.js';
import { PENDING, PLAN_CONTEXT, planComment, planStatus, type CommitStatus, type PlanResult } from '../github/plan-report.js';
import type { PlanReporter, ReportTarget } from '../github/reporter.js';
import type { KeycloakPort } from '../keycloak/port.js';
import { KeycloakRefusedError, KeycloakUnavailableError } from '../model/errors.js';
import { computePlan } from '../plan/index.js';
import type { Clock } from './clock.js';
import type { DaemonLogger } from './logger.js';
import { PullRequestSourceError, type PullRequestHead } from './pull-request-source.js';
import { PlanTimeLimitError, SupersededError, type PlanJob, type PlanOutcome, type PullRequestPlanRecord } from './pull-request-planner.js';

export interface PullRequestPlanDeps {
  readonly source: { read(number: number, signal: AbortSignal): Promise<PullRequestHead> };
  /** Read only use: listClients. */
  readonly keycloak: (signal: AbortSignal) => Pick<KeycloakPort, 'listClients'>;
  readonly reporter: PlanReporter;
  readonly clock: Clock;
  readonly logger: DaemonLogger;
  /**
   * The realm the sync runs read (the followed branch's clientsync.yaml); null before the first
   * run read it. A pull request plan reads only that realm: a pull request that names another one
   * cannot make the daemon list another realm's clients into a comment.
   */
  readonly syncedRealm: () => string | null;
  /** The repository's web address (https://github.com/owner/repo) for links; from the payload. */
  readonly htmlUrl?: (job: PlanJob) => string | null;
}

function outcomeOf(status: CommitStatus): PlanOutcome {
  return status.state === 'pending' ? 'error' : status.state;
}

export function createPullRequestPlan(deps: PullRequestPlanDeps): (job: PlanJob, signal: AbortSignal) => Promise<PullRequestPlanRecord> {
  return async (job, signal) => {
    const { event } = job;
    const { clock, logger, reporter } = deps;
    const startedAt = clock.now();
    const target: ReportTarget = { repository: event.repository, installationId: event.installationId };
    const log = { pullRequest: event.number, repository: formatRepository(event.repository), headRepository: event.headRepository };
    let reported = true;
    const tell = async (what: string, call: () => Promise<unknown>): Promise<void> => {
      try {
        await call();
      } catch (error) {
        reported = false;
        const status = (error as { status?: number }).status;
        logger.warn({ ...log, what, status, err: error instanceof Error ? error.message.slice(0, 300) : String(error) }, 'GitHub could not be told');
      }
    };
    logger.info({ ...log, headSha: event.headSha, action: event.action }, 'pull request plan started');
    await tell('pending status', () => reporter.setStatus(target, event.headSha, PLAN_CONTEXT, PENDING));

    let sha: string | null = null;
    let result: PlanResult;
    try {
      const head = await deps.source.read(event.number, signal);
      sha = head.sha;
      if (sha !== event.headSha) {
        logger.info({ ...log, requestedSha: event.headSha, headSha: sha }, 'the pull request has a newer head than the delivery named: planning the newer one');
        await tell('pending status', () => reporter.setStatus(target, head.sha, PLAN_CONTEXT, PENDING));
      }
      result = await planHead(head, deps, signal, clock.now());
    } catch (error) {
      const reason: unknown = signal.aborted ? signal.reason : error;
      if (reason instanceof SupersededError) {
        logger.info({ ...log, headSha: sha ?? event.headSha, newerSha: reason.newerSha }, 'pull request plan superseded by a newer head: not reported');
        return record('superseded', reason.message, false);
      }
      if (reason instanceof PlanTimeLimitError) result = { kind: 'refused', reason: `${reason.message}; push again to retry` };
      else if (reason instanceof PullRequestSourceError) result = { kind: 'unreachable', what: 'git', message: reason.message };
      else if (reason instanceof KeycloakUnavailableError || reason instanceof KeycloakRefusedError) result = { kind: 'unreachable', what: 'Keycloak', message: reason.message };
      else if (signal.aborted) return record('superseded', reason instanceof Error ? reason.message : 'stopped', false);
      else throw error;
      logger.warn({ ...log, headSha: sha ?? event.headSha, err: reason instanceof Error ? reason.message.slice(0, 500) : String(reason) }, 'pull request plan could not be made');
    }
    if (signal.aborted && signal.reason instanceof SupersededError) return record('superseded', signal.reason.message, false);

    const headSha = sha ?? event.headSha;
    const status = planStatus(result);
    const body = planComment({ result, headSha, plannedAt: clock.now(), htmlUrl: deps.htmlUrl?.(job) ?? null });
    // A pull request that changes no client file gets no new comment (an earlier one is edited).
    await tell('comment', () => reporter.upsertComment(target, event.number, body, result.kind !== 'no-client-changes'));
    await tell('status', () => reporter.setStatus(target, headSha, PLAN_CONTEXT, status));
    if (headSha !== event.headSha) {
      await tell('status', () => reporter.setStatus(target, event.headSha, PLAN_CONTEXT, { state: 'error', description: `Superseded: planned the newer head ${headSha.slice(0, 12)} instead` }));
    }
    const outcome = outcomeOf(status);
    const fields = { ...log, headSha, outcome, description: status.description, reported };
    if (outcome === 'success') logger.info(fields, 'pull request plan finished');
    else logger.warn(fields, 'pull request plan finished');
    return record(outcome, status.description, reported);

    function record(outcome: PlanOutcome, description: string, wasReported: boolean): PullRequestPlanRecord {
      return {
        repository: formatRepository(event.repository),
        number: event.number,
        requestedSha: event.headSha,
        headSha: sha,
        outcome,
        description,
        startedAt,
        endedAt: clock.now(),
        reported: wasReported,
      };
    }
  };
}

async function planHead(head: PullRequestHead, deps: PullRequestPlanDeps, signal: AbortSignal, now: Date): Promise<PlanResult> {
  if (!head.changesClientFiles) return { kind: 'no-client-changes' };
  // Below PARALLEL_THRESHOLD account files validation takes a fraction of a second on this
  // thread; above, it runs in a worker thread so that the sync run (same event loop) never
  // waits for a large pull request's validation.
  const validation =
    head.files.accounts.length < PARALLEL_THRESHOLD ? validateRepository(head.files, now) : await validateRepositoryParallel(head.files, now, 2, { mainThreadValidates: false });
  const desired = validation.desired;
  if (desired === null) return { kind: 'invalid-settings', problems: validation.problems };
  const synced = deps.syncedRealm();
  const realm = desired.settings.realm;
  if (synced === null) return { kind: 'refused', reason: 'no sync run has read Keycloak yet; push again once the daemon has synced' };
  if (realm !== synced) return { kind: 'refused', reason: `the pull request changes the realm to ${realm.slice(0, 40)}; only realm ${synced} is planned, after the merge the sync reads the new one` };
  signal.throwIfAborted();
  const live = await deps.keycloak(signal).listClients(realm, Object.keys(desired.settings.scopes), validation.clientCount);
  signal.throwIfAborted();
  const plan = computePlan({ desired, live: { realm, clients: live }, now, revision: head.sha });
  return { kind: 'planned', plan, problems: validation.problems };
}
