// One daemon run: check out the desired state, then the shared sync (plan, guard, apply), then
// a RunRecord and the run's log lines. Every failure becomes a record, never an exception: the
// daemon keeps going and the next trigger retries.
import { describeError } from '../apply/index.js';
import type { KeycloakPort } from '../keycloak/port.js';
import { KeycloakRefusedError, KeycloakUnavailableError } from '../model/errors.js';
import { runSync, type SyncResult } from '../sync/run-sync.js';
import { SettingsInvalidError } from '../sync/sync-plan.js';
import type { SyncPolicy } from '../sync/sync-policy.js';
import type { Clock } from './clock.js';
import { GitSourceError, type DesiredSource } from './git-source.js';
import type { DaemonLogger } from './logger.js';
import type { LiveCache } from './live-cache.js';
import { RunTimeLimitError, ShutdownError, type RunRequest } from './run-loop.js';
import { pagesSnapshot } from '../pages/build-view.js';
import { accountSnapshots, managedClientsAfter, outcomeOf, type RunFailure, type RunPhases, type RunRecord } from './run-record.js';
import { plural } from '../shared/plural.js';

export interface SyncRunDeps {
  readonly source: DesiredSource;
  /**
   * A fresh Keycloak port per run (a restarted Keycloak has new ids; nothing stale is kept),
   * given the run's signal so that its retries stop when the run must stop.
   */
  readonly keycloak: (signal: AbortSignal) => KeycloakPort;
  readonly clock: Clock;
  readonly logger: DaemonLogger;
  /** How every run may act (max deletes, concurrency, secret delivery), passed to runSync whole. */
  readonly policy: SyncPolicy;
  /** Keeps the live state between runs for incremental reads (live-cache.ts); none: every run reads every client. */
  readonly liveCache?: LiveCache;
}

/** What a run was doing, for the message of a run stopped by its time limit or a shutdown. */
type Phase = 'fetching the desired state from git' | 'reading the desired state and the live state from Keycloak' | 'applying the plan to Keycloak';

export function failureOf(error: unknown, phase?: Phase): RunFailure {
  const during = phase === undefined ? '' : ` (it was ${phase}${phase === 'fetching the desired state from git' ? '' : '; an unreachable Keycloak keeps a run retrying until its limit'})`;
  if (error instanceof RunTimeLimitError) return { stage: 'timeout', message: `${error.message}${during}`, retryable: true };
  if (error instanceof ShutdownError) return { stage: 'shutdown', message: `${error.message}${during}`, retryable: true };
  if (error instanceof GitSourceError) return { stage: 'git', message: error.message, retryable: error.retryable };
  if (error instanceof SettingsInvalidError) {
    const errors = error.validation.problems.filter((p) => p.severity === 'error');
    const first = errors[0];
    const where = first ? `; first: ${first.file}:${first.line}:${first.column} [${first.rule}] ${first.message}` : '';
    return { stage: 'settings', message: `${error.message} (${plural(errors.length, 'error')}${where})`, retryable: false };
  }
  // Keycloak's errors and any other failure are described as a change's failure is.
  const keycloak = error instanceof KeycloakUnavailableError || error instanceof KeycloakRefusedError;
  return { stage: keycloak ? 'keycloak' : 'internal', ...describeError(error) };
}

export function createSyncRun(deps: SyncRunDeps): (request: RunRequest) => Promise<RunRecord> {
  return async (request) => {
    const { clock, logger } = deps;
    const log = { runId: request.id, trigger: request.trigger };
    logger.info({ ...log, triggers: request.triggers }, 'run started');
    let revision: string | null = null;
    let result: SyncResult | null = null;
    let failure: RunFailure | null = null;
    let phase: Phase = 'fetching the desired state from git';
    const readBefore = deps.liveCache?.lastRead ?? null;
    // When each phase ended, for the record's phases (where a slow run spends its time).
    let checkedOutAt: Date | null = null;
    let plannedAt: Date | null = null;
    try {
      const checkout = await deps.source.checkout(request.signal);
      checkedOutAt = clock.now();
      revision = checkout.revision;
      request.signal.throwIfAborted();
      phase = 'reading the desired state and the live state from Keycloak';
      result = await runSync({
        dir: checkout.dir,
        keycloak: deps.liveCache ? deps.liveCache.port(deps.keycloak(request.signal)) : deps.keycloak(request.signal),
        now: clock.now(),
        revision,
        policy: deps.policy,
        signal: request.signal,
        onPlanned: () => {
          plannedAt = clock.now();
          phase = 'applying the plan to Keycloak';
        },
      });
      // Stopped during apply: some changes were made, the rest failed as "not started".
      if (request.signal.aborted) failure = failureOf(request.signal.reason, phase);
    } catch (error) {
      failure = request.signal.aborted ? failureOf(request.signal.reason, phase) : failureOf(error);
    }
    const endedAt = clock.now();
    const record: RunRecord = {
      id: request.id,
      trigger: request.trigger,
      triggers: request.triggers,
      startedAt: request.startedAt,
      endedAt,
      revision,
      realm: result?.plan.realm ?? null,
      outcome: outcomeOf(result, failure),
      summary: result?.plan.summary ?? null,
      applied: result?.report?.applied ?? 0,
      failed: result?.report?.failed ?? 0,
      changes: result?.report?.outcomes ?? [],
      skippedAccounts: result?.plan.skippedAccounts ?? [],
      conflicts: result?.plan.conflicts ?? [],
      scheduled: result?.plan.scheduled ?? [],
      notices: result?.plan.notices ?? [],
      refusal: result?.refusal ?? null,
      failure,
      managedClients: result ? managedClientsAfter(result) : null,
      accounts: result ? accountSnapshots(result) : null,
      deliveries: result?.report?.deliveries ?? [],
      pages: result ? pagesSnapshot(request.id, request.startedAt, endedAt, revision, result) : null,
      // This run's read of Keycloak, when it got that far (the cache's record then is a new one).
      liveRead: deps.liveCache && deps.liveCache.lastRead !== readBefore ? deps.liveCache.lastRead : null,
      phases: phasesOf(request.startedAt, checkedOutAt, plannedAt, endedAt),
    };
    logRun(logger, record);
    return record;
  };
}

/** Milliseconds of each phase the run reached; a phase it never finished is absent. */
export function phasesOf(startedAt: Date, checkedOutAt: Date | null, plannedAt: Date | null, endedAt: Date): RunPhases {
  const ms = (from: Date, to: Date) => Math.max(0, to.getTime() - from.getTime());
  if (checkedOutAt === null) return {};
  if (plannedAt === null) return { checkoutMs: ms(startedAt, checkedOutAt) };
  return { checkoutMs: ms(startedAt, checkedOutAt), planMs: ms(checkedOutAt, plannedAt), applyMs: ms(plannedAt, endedAt) };
}

/** One line per change, then one line for the run. */
export function logRun(logger: DaemonLogger, record: RunRecord): void {
  const base = { runId: record.id, revision: record.revision };
  for (const { change, outcome, error } of record.changes) {
    const fields = { ...base, action: change.action, account: change.account, clientId: change.clientId, outcome };
    if (outcome === 'applied') logger.info(fields, 'change applied');
    else logger.warn({ ...fields, error: error?.message, status: error?.status, retryable: error?.retryable }, 'change failed');
  }
  for (const d of record.deliveries ?? []) {
    // The output was scrubbed of the secret and cut to a few lines by the target.
    const fields = { ...base, account: d.account, clientId: d.clientId, target: d.target, reason: d.reason, since: d.since, ...(d.output === undefined ? {} : { output: d.output }) };
    if (d.outcome === 'delivered') logger.info(fields, 'secret delivered');
    else logger.warn({ ...fields, error: d.error }, 'secret delivery failed');
  }
  const fields = {
    ...base,
    trigger: record.trigger,
    triggers: record.triggers,
    outcome: record.outcome,
    realm: record.realm,
    durationMs: record.endedAt.getTime() - record.startedAt.getTime(),
    summary: record.summary,
    applied: record.applied,
    failed: record.failed,
    skippedAccounts: record.skippedAccounts.map((s) => s.account),
    conflicts: record.conflicts.length,
    scheduledRotations: record.scheduled.length,
    managedClients: record.managedClients,
    ...((record.deliveries ?? []).length === 0
      ? {}
      : { deliveries: { delivered: (record.deliveries ?? []).filter((d) => d.outcome === 'delivered').length, failed: (record.deliveries ?? []).filter((d) => d.outcome === 'failed').length } }),
    ...(record.liveRead ? { liveRead: record.liveRead } : {}),
    ...(record.phases ? { phases: record.phases } : {}),
    ...(record.refusal === null ? {} : { refusal: record.refusal }),
    ...(record.failure === null ? {} : { failure: record.failure }),
    ...(record.notices.length === 0 ? {} : { notices: record.notices }),
  };
  if (record.outcome === 'success') logger.info(fields, 'run finished');
  else if (record.outcome === 'failed') logger.error(fields, 'run finished');
  else logger.warn(fields, 'run finished');
}
