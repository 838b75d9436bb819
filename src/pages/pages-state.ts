// What the pages remember between runs, in memory (a restart starts afresh; its start-up run
// fills it again): the last snapshot of a run that made a plan, the recent runs, and when each
// account's changes last took effect. Page views read only this: no Keycloak request per view.
import type { RunRecord } from '../daemon/run-record.js';
import type { AppliedView, PagesSnapshot, RunView } from './view-model.js';

/** Runs kept for /runs. */
export const MAX_RUNS = 50;

export class PagesState {
  #snapshot: PagesSnapshot | null = null;
  readonly #runs: RunView[] = [];
  readonly #applied = new Map<string, AppliedView>();

  record(run: RunRecord): void {
    if (run.pages !== null) this.#snapshot = run.pages;
    for (const { change, outcome } of run.changes) {
      if (outcome === 'applied') this.#applied.set(change.account, { runId: run.id, revision: run.revision, at: run.endedAt.toISOString() });
    }
    this.#runs.unshift({
      id: run.id,
      trigger: run.trigger,
      startedAt: run.startedAt.toISOString(),
      endedAt: run.endedAt.toISOString(),
      durationMs: run.endedAt.getTime() - run.startedAt.getTime(),
      revision: run.revision,
      outcome: run.outcome,
      summary: run.summary === null ? null : { ...run.summary },
      applied: run.applied,
      failed: run.failed,
      message: run.failure !== null ? `${run.failure.stage}: ${run.failure.message}` : run.refusal,
    });
    this.#runs.length = Math.min(this.#runs.length, MAX_RUNS);
  }

  get snapshot(): PagesSnapshot | null {
    return this.#snapshot;
  }

  /** Newest first. */
  get runs(): readonly RunView[] {
    return this.#runs;
  }

  lastApplied(account: string): AppliedView | null {
    return this.#applied.get(account) ?? null;
  }
}
