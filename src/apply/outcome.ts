// Per-change outcomes and the report of one apply run. Plain values: the CLI renders them and
// the daemon records them. An outcome's message never holds a secret: it is built from typed
// errors whose messages promise as much, and from our own words.
import { KeycloakRefusedError, KeycloakUnavailableError } from '../model/errors.js';
import type { Action, Change, Plan } from '../model/plan.js';
import type { DeliveryOutcome } from './deliver.js';

export type ChangeRef = Pick<Change, 'action' | 'account' | 'clientId'>;

export interface OutcomeError {
  readonly message: string;
  /** The HTTP status Keycloak answered with, when there was one. */
  readonly status?: number;
  /** True when the same call may succeed later (429, 5xx, connection errors). */
  readonly retryable: boolean;
}

export interface ChangeOutcome {
  readonly change: ChangeRef;
  readonly outcome: 'applied' | 'failed';
  readonly error?: OutcomeError;
}

export interface OutcomeCounts {
  readonly applied: number;
  readonly failed: number;
}

export interface ApplyReport {
  readonly realm: string;
  readonly revision: string | null;
  /** One per change of the plan, in the plan's order. */
  readonly outcomes: readonly ChangeOutcome[];
  readonly counts: Readonly<Record<Action, OutcomeCounts>>;
  readonly applied: number;
  readonly failed: number;
  /** One per target a secret was sent to (or tried), sorted by account, clientId, target. */
  readonly deliveries: readonly DeliveryOutcome[];
  /** Deliveries that failed (they stay pending; the next run tries again). */
  readonly deliveriesFailed: number;
  /**
   * No change and no delivery failed. The CLI's exit code also depends on the plan (skipped accounts and
   * conflicts make it 1 as well, docs/design.md, "Errors and exit codes"); this flag is about the changes only.
   */
  readonly ok: boolean;
}

/**
 * A step of a change failed after earlier steps took effect: `message` says what state the
 * client is in and what to do; status and retryable come from the underlying cause.
 * Internal to apply/: it is turned into an OutcomeError before it leaves.
 */
export class StepFailure extends Error {
  override readonly name = 'StepFailure';
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message, { cause });
  }
}

/** The message of any thrown value, without stringifying unknown objects (they may hold anything). */
export function messageOf(err: unknown): string {
  if (err instanceof Error && err.message !== '') return err.message;
  if (typeof err === 'string' && err !== '') return err;
  return 'unexpected failure without a message';
}

export function describeError(err: unknown): OutcomeError {
  if (err instanceof StepFailure) return { ...describeError(err.cause), message: err.message };
  if (err instanceof KeycloakUnavailableError) {
    return { message: err.message, retryable: true, ...(err.status === null ? {} : { status: err.status }) };
  }
  if (err instanceof KeycloakRefusedError) return { message: err.message, status: err.status, retryable: false };
  return { message: messageOf(err), retryable: false };
}

export function refOf(change: Change): ChangeRef {
  return { action: change.action, account: change.account, clientId: change.clientId };
}

export function buildReport(
  plan: Plan,
  revision: string | null,
  outcomes: readonly ChangeOutcome[],
  deliveries: readonly DeliveryOutcome[] = [],
): ApplyReport {
  const counts: Record<Action, { applied: number; failed: number }> = {
    create: { applied: 0, failed: 0 },
    adopt: { applied: 0, failed: 0 },
    update: { applied: 0, failed: 0 },
    rotate: { applied: 0, failed: 0 },
    delete: { applied: 0, failed: 0 },
  };
  for (const o of outcomes) counts[o.change.action][o.outcome] += 1;
  const failed = outcomes.filter((o) => o.outcome === 'failed').length;
  const sorted = [...deliveries].sort((a, b) => cmp(a.account, b.account) || cmp(a.clientId, b.clientId) || cmp(a.target, b.target));
  const deliveriesFailed = sorted.filter((d) => d.outcome === 'failed').length;
  return {
    realm: plan.realm,
    revision,
    outcomes,
    counts,
    applied: outcomes.length - failed,
    failed,
    deliveries: sorted,
    deliveriesFailed,
    ok: failed === 0 && deliveriesFailed === 0,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
