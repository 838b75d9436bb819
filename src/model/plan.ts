// The plan: a plain value computed by the pure planner (src/plan/) and executed by src/apply/.
// Its JSON rendering is the `formatVersion: 1` document (docs/design.md, "The plan document").
import type { PendingDelivery } from './delivery.js';
import type { ManagedFieldName, ManagedFields, ManagedValue } from './live.js';

export type Action = 'create' | 'update' | 'adopt' | 'rotate' | 'delete';

export interface FieldChange {
  readonly field: ManagedFieldName;
  readonly before: ManagedValue;
  readonly after: ManagedValue;
}

export interface Change {
  readonly action: Action;
  readonly account: string;
  readonly clientId: string;
  /** Keycloak's internal id of the live client; absent for create. */
  readonly id?: string;
  /** create, update, adopt: the fields that differ (for create: every non-empty field). */
  readonly fields?: readonly FieldChange[];
  /** create, update, adopt: the full desired managed state to write. */
  readonly desired?: ManagedFields;
  /**
   * rotate: the `rotate` value to record in clientsync.rotated-at after regenerating.
   * create: a past `rotate` recorded as already honoured (the secret is new anyway).
   */
  readonly rotateAt?: string;
  /** What the change will break or surprise, said to the reviewer (e.g. a public client made confidential). */
  readonly warnings?: readonly string[];
}

export interface ScheduledRotation {
  readonly account: string;
  readonly clientId: string;
  readonly rotateAt: string;
}

export interface SkippedAccount {
  readonly account: string;
  readonly file: string;
  /** Number of error-severity problems that made the file invalid. */
  readonly problems: number;
}

export interface Conflict {
  readonly account: string;
  readonly clientId: string;
  /** What is wrong and what to do, e.g. "exists in Keycloak but is not managed by clientsync; add `adopt: true` to take it over". */
  readonly message: string;
}

/** A secret a managed client still owes delivery targets from an earlier run (docs/secrets.md). */
export interface OwedDelivery {
  readonly account: string;
  readonly clientId: string;
  /** Keycloak's internal id of the live client. */
  readonly id: string;
  readonly pending: PendingDelivery;
}

export interface PlanSummary {
  readonly create: number;
  readonly update: number;
  readonly delete: number;
  readonly rotate: number;
  readonly adopt: number;
}

export interface Plan {
  readonly formatVersion: 1;
  readonly revision: string | null;
  readonly realm: string;
  /** Sorted by account, then clientId, then action order (create, adopt, update, rotate, delete). */
  readonly changes: readonly Change[];
  readonly scheduled: readonly ScheduledRotation[];
  readonly skippedAccounts: readonly SkippedAccount[];
  readonly conflicts: readonly Conflict[];
  readonly summary: PlanSummary;
  /**
   * Safety guards that withheld changes (docs/design.md, "Invariants"): e.g. the empty-desired guard. Each says what
   * was withheld and which flag allows it. Apply refuses nothing for these; they are informative.
   */
  readonly notices: readonly string[];
  /**
   * Secrets still owed from earlier runs, delivered by apply to the targets configured where it
   * runs; sorted by account, then clientId. Absent when there are none. Not changes: a plan with
   * only these still says "no changes" (Keycloak's managed fields match git).
   */
  readonly pendingDeliveries?: readonly OwedDelivery[];
}
