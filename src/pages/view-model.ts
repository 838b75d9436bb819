// What the pages show: plain values built from one sync run by build-view.ts (pure). The types
// name every field they carry, and the builder copies fields one by one from the desired and
// live states, so a secret cannot reach a page by construction (neither model holds one, and
// nothing here spreads a whole object into the view).

/**
 * in-sync: Keycloak holds what git says. drift: a managed field differs and was not (yet)
 * written. to-create / to-delete: planned, not (yet) done. conflict: exists in Keycloak without
 * clientsync's marker and without `adopt: true`. frozen: its account's file is invalid, so the
 * client is left as Keycloak has it.
 */
export type ClientState = 'in-sync' | 'drift' | 'to-create' | 'to-delete' | 'conflict' | 'frozen';

export interface ClientView {
  readonly clientId: string;
  /** Blank when none is declared: the seed shows the client id instead. */
  readonly displayName: string;
  readonly description: string;
  readonly capabilities: readonly string[];
  readonly scopes: readonly string[];
  /** rootUrl + homeUrl as written; rendered as a link only when it is http(s). */
  readonly accessUrl: string;
  readonly state: ClientState;
  /** drift: the managed fields that differ. */
  readonly driftFields: readonly string[];
  /** Why a change failed or was not applied, or what a conflict needs; null when nothing is wrong. */
  readonly problem: string | null;
  /** A change of this client failed in the run (not merely held back by a refused run). */
  readonly failed: boolean;
  /** A `rotate` in the future (docs/design.md, "Plan": scheduled). */
  readonly nextRotation: string | null;
  /** A due rotation that has not happened yet (failed or refused run). */
  readonly rotationDue: string | null;
  /** clientsync.rotated-at: the last rotation honoured. */
  readonly lastRotation: string | null;
  /** clientsync.revision: the commit that last created or changed it. */
  readonly revision: string | null;
  /**
   * Its secret has not reached every delivery target yet (docs/secrets.md): the targets still
   * owed, sorted, and since when; null when nothing is owed. Names only, never the secret.
   */
  readonly pendingDelivery: { readonly targets: readonly string[]; readonly since: string; readonly failed: boolean } | null;
}

export interface ProblemView {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly rule: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/**
 * in-sync: nothing left to do. drift: a client differs from git. pending: creates, deletes or
 * rotations wait. skipped: the account's file is invalid. failing: a change failed or a client is
 * in conflict.
 */
export type AccountState = 'in-sync' | 'drift' | 'pending' | 'skipped' | 'failing';

export interface AccountView {
  readonly account: string;
  /** Repository-relative path of the account's file (which may have been removed). */
  readonly file: string;
  readonly state: AccountState;
  /** One sentence saying why the account is in its state (e.g. why it was skipped). */
  readonly reason: string;
  readonly clientsUsed: number;
  readonly clientLimit: number;
  readonly clients: readonly ClientView[];
  /** Distinct clientsync.revision markers of its clients (what changed them last, per Keycloak). */
  readonly revisions: readonly string[];
  /** Problems of the account's file from the last validation (errors first, then warnings). */
  readonly problems: readonly ProblemView[];
}

/** The pages' view of one run that read Keycloak and made a plan. */
export interface PagesSnapshot {
  readonly runId: number;
  readonly revision: string | null;
  readonly realm: string;
  /** When the live state was read (the run's start) and when the run ended. */
  readonly readAt: string;
  readonly endedAt: string;
  /** The run was refused by a guard: nothing was applied (the reason). */
  readonly refusal: string | null;
  readonly accounts: readonly AccountView[];
}

export interface RunView {
  readonly id: number;
  readonly trigger: string;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly durationMs: number;
  readonly revision: string | null;
  readonly outcome: string;
  /** Planned changes by action; null when no plan was made. */
  readonly summary: Readonly<Record<string, number>> | null;
  readonly applied: number;
  readonly failed: number;
  /** Why a run failed or was refused; null otherwise. */
  readonly message: string | null;
}

/** The last time changes of an account took effect (kept across runs by PagesState). */
export interface AppliedView {
  readonly runId: number;
  readonly revision: string | null;
  readonly at: string;
}
