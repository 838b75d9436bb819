// What one daemon run did, as a plain value: /status shows it, the metrics count it, the log
// line summarises it. Built from the sync's result by pure functions; holds no secret (plans,
// outcomes and problems carry none, and error messages are our own words or Keycloak's).
import type { ChangeOutcome, DeliveryOutcome } from '../apply/index.js';
import type { Conflict, PlanSummary, ScheduledRotation, SkippedAccount } from '../model/plan.js';
import type { Problem } from '../model/problem.js';
import type { PagesSnapshot } from '../pages/view-model.js';
import { needsAttention } from '../plan/attention.js';
import type { SyncResult } from '../sync/run-sync.js';
import type { TriggerSource } from './run-loop.js';
import type { LiveRead } from './live-cache.js';
import { plural } from '../shared/plural.js';

/**
 * success: every change applied, nothing skipped, no conflict.
 * partial: the run completed, but a change or a secret delivery failed, an account was skipped or
 *          a client is in conflict.
 * refused: a guard (--max-deletes) refused the whole run; nothing changed.
 * failed:  the run could not complete (git, clientsync.yaml, Keycloak, time limit, a bug).
 */
export type RunOutcome = 'success' | 'partial' | 'refused' | 'failed';
export const RUN_OUTCOMES: readonly RunOutcome[] = ['success', 'partial', 'refused', 'failed'];

/** Where a failed run stopped; who must act follows from it. */
export type FailureStage = 'git' | 'settings' | 'keycloak' | 'timeout' | 'shutdown' | 'internal';
export const FAILURE_STAGES: readonly FailureStage[] = ['git', 'settings', 'keycloak', 'timeout', 'shutdown', 'internal'];

export interface RunFailure {
  readonly stage: FailureStage;
  readonly message: string;
  /** True when the next run may succeed without anybody acting (unreachable, 5xx, time limit). */
  readonly retryable: boolean;
  /** Keycloak's HTTP status, when it answered. */
  readonly status?: number;
}

export interface ProblemSummary {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly rule: string;
  readonly message: string;
}

export interface AccountSnapshot {
  readonly account: string;
  readonly file: string;
  /** synced: nothing left to do; skipped: invalid file, left untouched; attention: a change or a secret delivery failed, or a client is in conflict. */
  readonly state: 'synced' | 'skipped' | 'attention';
  /** Declared clients; for a skipped account, the managed clients Keycloak holds for it (untouched). */
  readonly clients: readonly string[];
  readonly skipped: { readonly reason: string; readonly problems: number; readonly details: readonly ProblemSummary[] } | null;
  readonly conflicts: readonly { readonly clientId: string; readonly message: string }[];
  readonly scheduledRotations: readonly { readonly clientId: string; readonly rotateAt: string }[];
  /** This run's changes for the account. */
  readonly changes: { readonly applied: number; readonly failed: number };
}

export interface RunRecord {
  readonly id: number;
  readonly trigger: TriggerSource;
  readonly triggers: number;
  readonly startedAt: Date;
  readonly endedAt: Date;
  readonly revision: string | null;
  readonly realm: string | null;
  readonly outcome: RunOutcome;
  /** The plan's counts of changes by action; null when no plan was made. */
  readonly summary: PlanSummary | null;
  readonly applied: number;
  readonly failed: number;
  readonly changes: readonly ChangeOutcome[];
  readonly skippedAccounts: readonly SkippedAccount[];
  readonly conflicts: readonly Conflict[];
  readonly scheduled: readonly ScheduledRotation[];
  readonly notices: readonly string[];
  readonly refusal: string | null;
  readonly failure: RunFailure | null;
  /** Managed clients in Keycloak after the run; null when Keycloak was not read. */
  readonly managedClients: number | null;
  /** Per-account state; null when the run made no plan. */
  readonly accounts: readonly AccountSnapshot[] | null;
  /** Secret deliveries of the run, one per client and target (docs/secrets.md); none when absent. */
  readonly deliveries?: readonly DeliveryOutcome[];
  /** What the pages show of this run (src/pages/); null when the run made no plan. */
  readonly pages: PagesSnapshot | null;
  /** How Keycloak was read (full or incremental, and why); null when it was not read or the daemon keeps no cache. */
  readonly liveRead?: LiveRead | null;
  /** Where the run spent its time (phasesOf in sync-run.ts); absent in records made elsewhere. */
  readonly phases?: RunPhases;
}

/**
 * Milliseconds by phase: the checkout (git fetch, or the revision of a --dir), the plan (the
 * account files validated while Keycloak is read, then the plan computed), the apply (changes,
 * secret deliveries; ~0 when there was nothing to do). A phase the run did not finish is absent.
 */
export interface RunPhases {
  readonly checkoutMs?: number;
  readonly planMs?: number;
  readonly applyMs?: number;
}

/** Problems shown per skipped account in /status (the count says how many there are in all). */
export const MAX_PROBLEM_DETAILS = 10;

export function outcomeOf(result: SyncResult | null, failure: RunFailure | null): RunOutcome {
  if (failure !== null || result === null) return 'failed';
  if (result.refusal !== null) return 'refused';
  if ((result.report?.failed ?? 0) > 0 || (result.report?.deliveriesFailed ?? 0) > 0 || needsAttention(result.plan)) return 'partial';
  return 'success';
}

/** Managed clients after the run: those read, plus creates and adopts, minus deletes that took effect. */
export function managedClientsAfter(result: SyncResult): number {
  let count = result.live.filter((c) => c.managed && !c.builtIn).length;
  for (const o of result.report?.outcomes ?? []) {
    if (o.outcome !== 'applied') continue;
    if (o.change.action === 'create' || o.change.action === 'adopt') count += 1;
    if (o.change.action === 'delete') count -= 1;
  }
  return count;
}

function summarise(p: Problem): ProblemSummary {
  return { file: p.file, line: p.line, column: p.column, rule: p.rule, message: p.message };
}

export function accountSnapshots(result: SyncResult): AccountSnapshot[] {
  const { desired, plan, live, validation } = result;
  const outcomes = result.report?.outcomes ?? [];
  return [...desired.accounts]
    .sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0))
    .map((account): AccountSnapshot => {
      const id = account.accountId;
      const skip = plan.skippedAccounts.find((s) => s.account === id) ?? null;
      const clients = skip
        ? live.filter((c) => c.managed && c.account === id).map((c) => c.clientId)
        : account.clients.map((c) => c.clientId);
      const errors = validation.problems.filter((p) => p.file === account.file && p.severity === 'error');
      const conflicts = plan.conflicts.filter((c) => c.account === id).map((c) => ({ clientId: c.clientId, message: c.message }));
      const mine = outcomes.filter((o) => o.change.account === id);
      const failed = mine.filter((o) => o.outcome === 'failed').length;
      // A secret that did not reach a target: the team is still waiting for its credential.
      const undelivered = (result.report?.deliveries ?? []).some((d) => d.account === id && d.outcome === 'failed');
      return {
        account: id,
        file: account.file,
        state: skip ? 'skipped' : failed > 0 || undelivered || conflicts.length > 0 ? 'attention' : 'synced',
        clients: [...clients].sort(),
        skipped: skip
          ? {
              reason: `${skip.file} has ${plural(skip.problems, 'error')}: its clients are left as they are until it is fixed (run 'clientsync validate')`,
              problems: skip.problems,
              details: errors.slice(0, MAX_PROBLEM_DETAILS).map(summarise),
            }
          : null,
        conflicts,
        scheduledRotations: plan.scheduled.filter((s) => s.account === id).map((s) => ({ clientId: s.clientId, rotateAt: s.rotateAt })),
        changes: { applied: mine.length - failed, failed },
      };
    });
}
