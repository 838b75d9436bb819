// `clientsync/sync` on the revision each sync run applied, once the run reached Keycloak: a
// merged pull request then shows whether Keycloak has it. Posted only when what it would say
// changed (GitHub keeps at most 1,000 statuses per commit and context; a run every five
// minutes would fill that in three days).
import { SYNC_CONTEXT, syncStatus } from '../github/plan-report.js';
import type { PlanReporter } from '../github/reporter.js';
import type { RepositoryName } from '../github/repository-name.js';
import type { DaemonLogger } from './logger.js';
import type { RunRecord } from './run-record.js';

export function createSyncStatusReporter(reporter: PlanReporter, repository: RepositoryName, logger: DaemonLogger): (run: RunRecord) => Promise<void> {
  let last = '';
  let chain: Promise<void> = Promise.resolve();
  return (run) => {
    const status = syncStatus({
      summary: run.summary,
      outcome: run.outcome,
      applied: run.applied,
      failed: run.failed,
      skippedAccounts: run.skippedAccounts,
      conflicts: run.conflicts.length,
      refusal: run.refusal,
      failureMessage: run.failure?.message ?? null,
    });
    if (status === null || run.revision === null) return chain;
    const key = `${run.revision} ${status.state} ${status.description}`;
    if (key === last) return chain;
    const revision = run.revision;
    // One at a time, in run order: a slow call never lets an older status land after a newer one.
    chain = chain.then(async () => {
      try {
        await reporter.setStatus({ repository, installationId: null }, revision, SYNC_CONTEXT, status);
        last = key;
        logger.info({ runId: run.id, revision, state: status.state }, 'clientsync/sync status set');
      } catch (error) {
        logger.warn({ runId: run.id, revision, status: (error as { status?: number }).status, err: error instanceof Error ? error.message.slice(0, 300) : String(error) }, 'GitHub could not be told the sync outcome');
      }
    });
    return chain;
  };
}
