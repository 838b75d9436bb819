// What the daemon remembers between runs (in memory; a restart starts afresh and its start-up
// run fills it again): the last run, the last successful one, per-account state, and the
// readiness rule. Pure apart from the records it is given; the time is always passed in.
import type { Action } from '../model/plan.js';
import type { LoopStatus } from './run-loop.js';
import type { AccountSnapshot, RunOutcome, RunRecord } from './run-record.js';

export interface Readiness {
  readonly ready: boolean;
  readonly reason: string;
}

export interface LastChange {
  readonly at: string;
  readonly runId: number;
  readonly revision: string | null;
  readonly action: Action;
  readonly clientId: string;
}

export interface DaemonInfo {
  readonly version: string;
  readonly startedAt: Date;
  readonly source: Readonly<Record<string, string>>;
  readonly schedule: string;
  /** Unready when the last completed run ended longer ago than this. */
  readonly staleAfterMs: number;
  readonly runTimeLimitMs: number;
  readonly webhook: 'enabled' | 'disabled';
  readonly maxDeletes: number;
  readonly secretSink: string;
}

function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}

/** A run that completed: Keycloak was read and the plan applied (some changes may have failed). */
export function succeeded(outcome: RunOutcome): boolean {
  return outcome === 'success' || outcome === 'partial';
}

export class DaemonState {
  #lastRun: RunRecord | null = null;
  #lastSuccess: RunRecord | null = null;
  #accounts: { readonly runId: number; readonly revision: string | null; readonly at: Date; readonly items: readonly AccountSnapshot[] } | null = null;
  readonly #lastChange = new Map<string, LastChange>();
  readonly #skippedSince = new Map<string, Date>();
  readonly #runs: Record<RunOutcome, number> = { success: 0, partial: 0, refused: 0, failed: 0 };

  constructor(readonly info: DaemonInfo) {}

  get lastRun(): RunRecord | null {
    return this.#lastRun;
  }

  get lastSuccess(): RunRecord | null {
    return this.#lastSuccess;
  }

  record(run: RunRecord): void {
    this.#lastRun = run;
    this.#runs[run.outcome] += 1;
    if (succeeded(run.outcome)) this.#lastSuccess = run;
    for (const { change, outcome } of run.changes) {
      if (outcome !== 'applied') continue;
      this.#lastChange.set(change.account, {
        at: run.endedAt.toISOString(),
        runId: run.id,
        revision: run.revision,
        action: change.action,
        clientId: change.clientId,
      });
    }
    if (run.accounts !== null) {
      this.#accounts = { runId: run.id, revision: run.revision, at: run.endedAt, items: run.accounts };
      const skipped = new Set(run.skippedAccounts.map((s) => s.account));
      for (const account of [...this.#skippedSince.keys()]) if (!skipped.has(account)) this.#skippedSince.delete(account);
      for (const account of skipped) if (!this.#skippedSince.has(account)) this.#skippedSince.set(account, run.startedAt);
    }
  }

  readiness(now: Date): Readiness {
    const success = this.#lastSuccess;
    if (success === null) {
      const failure = this.#lastRun?.failure;
      const last = this.#lastRun ? `; the last run ${this.#lastRun.outcome === 'refused' ? 'was refused' : 'failed'}${failure ? ` (${failure.stage}: ${failure.message})` : ''}` : '; the first run has not finished yet';
      return { ready: false, reason: `no run has completed yet${last}` };
    }
    const age = now.getTime() - success.endedAt.getTime();
    if (age > this.info.staleAfterMs) {
      return {
        ready: false,
        reason: `the last completed run ended ${seconds(age)} s ago, longer than ${seconds(this.info.staleAfterMs)} s (three schedule intervals unless --stale-after says otherwise)`,
      };
    }
    return { ready: true, reason: `the last completed run ended ${seconds(age)} s ago` };
  }

  /** The /status document. */
  status(now: Date, loop: LoopStatus, nextScheduledRun: Date | null): Record<string, unknown> {
    const readiness = this.readiness(now);
    return {
      ready: readiness.ready,
      readiness: readiness.reason,
      daemon: {
        version: this.info.version,
        startedAt: this.info.startedAt.toISOString(),
        source: this.info.source,
        schedule: this.info.schedule,
        nextScheduledRun: nextScheduledRun?.toISOString() ?? null,
        staleAfterSeconds: seconds(this.info.staleAfterMs),
        runTimeLimitSeconds: seconds(this.info.runTimeLimitMs),
        maxDeletes: this.info.maxDeletes,
        secretSink: this.info.secretSink,
        webhook: this.info.webhook,
        stopping: loop.stopped,
      },
      runs: { started: loop.started, finished: { ...this.#runs } },
      running: loop.running ? { id: loop.running.id, trigger: loop.running.trigger, startedAt: loop.running.startedAt.toISOString() } : null,
      pending: loop.pending,
      lastRun: this.#lastRun ? runJson(this.#lastRun) : null,
      lastSuccess: this.#lastSuccess
        ? { id: this.#lastSuccess.id, endedAt: this.#lastSuccess.endedAt.toISOString(), revision: this.#lastSuccess.revision, outcome: this.#lastSuccess.outcome }
        : null,
      accountsAsOf: this.#accounts ? { runId: this.#accounts.runId, revision: this.#accounts.revision, at: this.#accounts.at.toISOString() } : null,
      // Deliveries that failed in the last run that applied: client, target, since when, last error.
      secretDeliveries: { failing: failingDeliveries(this.#lastRun) },
      accounts: (this.#accounts?.items ?? []).map((a) => ({
        ...a,
        skipped: a.skipped ? { ...a.skipped, since: this.#skippedSince.get(a.account)?.toISOString() ?? null } : null,
        lastChange: this.#lastChange.get(a.account) ?? null,
      })),
    };
  }
}

/** Failing deliveries listed in /status at most. */
export const MAX_STATUS_DELIVERIES = 500;

function failingDeliveries(run: RunRecord | null): Record<string, unknown>[] {
  return (run?.deliveries ?? [])
    .filter((d) => d.outcome === 'failed')
    .slice(0, MAX_STATUS_DELIVERIES)
    .map((d) => ({ account: d.account, clientId: d.clientId, target: d.target, reason: d.reason, since: d.since, lastError: d.error ?? null }));
}

/** Changes listed per run in /status at most (the counts cover them all). */
export const MAX_STATUS_CHANGES = 500;

export function runJson(run: RunRecord): Record<string, unknown> {
  return {
    id: run.id,
    trigger: run.trigger,
    triggers: run.triggers,
    startedAt: run.startedAt.toISOString(),
    endedAt: run.endedAt.toISOString(),
    durationMs: run.endedAt.getTime() - run.startedAt.getTime(),
    revision: run.revision,
    realm: run.realm,
    outcome: run.outcome,
    summary: run.summary,
    applied: run.applied,
    failed: run.failed,
    changes: run.changes.slice(0, MAX_STATUS_CHANGES),
    skippedAccounts: run.skippedAccounts,
    conflicts: run.conflicts,
    scheduledRotations: run.scheduled,
    notices: run.notices,
    refusal: run.refusal,
    failure: run.failure,
    managedClients: run.managedClients,
    liveRead: run.liveRead ?? null,
    phases: run.phases ?? null,
  };
}
