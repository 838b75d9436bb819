// Builds the pages' view of one sync run from desired state + live state + plan + outcomes.
// Pure: values in, a value out; no clock, no I/O. Every field of the view is copied by name
// (see view-model.ts), never by spreading a model object.
import { ownValue } from '../shared/own-record.js';
import type { DeliveryOutcome } from '../apply/deliver.js';
import type { ChangeOutcome } from '../apply/outcome.js';
import type { ClientSpec, DesiredState } from '../model/desired.js';
import type { LiveClient } from '../model/live.js';
import type { Change, Plan } from '../model/plan.js';
import type { Problem } from '../model/problem.js';
import type { AccountState, AccountView, ClientView, PagesSnapshot, ProblemView } from './view-model.js';

export interface ViewInputs {
  readonly runId: number;
  readonly startedAt: Date;
  readonly endedAt: Date;
  readonly revision: string | null;
  readonly desired: DesiredState;
  readonly live: readonly LiveClient[];
  readonly plan: Plan;
  readonly problems: readonly Problem[];
  /** Outcome of each change that apply attempted; empty when nothing was applied. */
  readonly outcomes: readonly ChangeOutcome[];
  /** Secret deliveries the run attempted (one per client and target); empty when none. */
  readonly deliveries?: readonly DeliveryOutcome[];
  readonly refusal: string | null;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** rootUrl and homeUrl as Keycloak resolves them: a relative homeUrl hangs off rootUrl. */
export function accessUrl(rootUrl: string, homeUrl: string): string {
  if (homeUrl === '') return rootUrl;
  if (homeUrl.startsWith('/') && rootUrl !== '') return `${rootUrl.replace(/\/+$/, '')}${homeUrl}`;
  return homeUrl;
}

function problemView(p: Problem): ProblemView {
  return { file: p.file, line: p.line, column: p.column, rule: p.rule, severity: p.severity, message: p.message };
}

interface ClientFacts {
  readonly clientId: string;
  readonly displayName: string;
  readonly description: string;
  readonly capabilities: readonly string[];
  readonly scopes: readonly string[];
  readonly accessUrl: string;
}

function factsOfSpec(spec: ClientSpec): ClientFacts {
  return {
    clientId: spec.clientId,
    displayName: spec.displayName ?? '',
    description: spec.description ?? '',
    capabilities: [...spec.capabilities],
    scopes: [...(spec.scopes ?? [])],
    accessUrl: accessUrl(spec.rootUrl ?? '', spec.homeUrl ?? ''),
  };
}

function factsOfLive(live: LiveClient): ClientFacts {
  const f = live.fields;
  return {
    clientId: live.clientId,
    displayName: f.displayName,
    description: f.description,
    capabilities: [...f.capabilities],
    scopes: [...f.scopes],
    accessUrl: accessUrl(f.rootUrl, f.homeUrl),
  };
}

export function buildSnapshot(input: ViewInputs): PagesSnapshot {
  const { desired, live, plan, refusal } = input;
  const liveById = new Map(live.filter((c) => !c.builtIn).map((c) => [c.clientId, c]));
  const outcomeOf = (change: Change): ChangeOutcome | undefined =>
    input.outcomes.find((o) => o.change.clientId === change.clientId && o.change.action === change.action && o.change.account === change.account);
  const applied = (change: Change): boolean => outcomeOf(change)?.outcome === 'applied';
  const failure = (change: Change): string | null => {
    const o = outcomeOf(change);
    if (o?.outcome === 'failed') return `${change.action} failed: ${o.error?.message ?? 'no message'}`;
    if (refusal !== null) return `not applied: the run was refused (${refusal})`;
    return null;
  };
  const changesOf = (clientId: string): Change[] => plan.changes.filter((c) => c.clientId === clientId);
  // What each client still owes after the run: owed before it (the plan), plus what this run
  // failed to deliver, less what it delivered.
  const deliveries = input.deliveries ?? [];
  const pendingOf = (clientId: string): ClientView['pendingDelivery'] => {
    const before = plan.pendingDeliveries?.find((o) => o.clientId === clientId)?.pending;
    const mine = deliveries.filter((d) => d.clientId === clientId);
    const owed = new Set([...(before?.targets ?? []), ...mine.filter((d) => d.outcome === 'failed').map((d) => d.target)]);
    for (const d of mine) if (d.outcome === 'delivered') owed.delete(d.target);
    if (owed.size === 0) return null;
    const failedHere = mine.find((d) => d.outcome === 'failed');
    return { targets: [...owed].sort(byText), since: failedHere?.since ?? before?.at ?? input.startedAt.toISOString(), failed: failedHere !== undefined };
  };

  const client = (facts: ClientFacts, liveClient: LiveClient | undefined, frozen: boolean): ClientView => {
    let state: ClientView['state'] = 'in-sync';
    let driftFields: string[] = [];
    const problems: string[] = [];
    let failed = false;
    let revision = liveClient?.revision ?? null;
    let lastRotation = liveClient?.rotatedAt ?? null;
    let rotationDue: string | null = null;
    if (frozen) state = 'frozen';
    for (const change of frozen ? [] : changesOf(facts.clientId)) {
      const done = applied(change);
      const why = done ? null : failure(change);
      if (outcomeOf(change)?.outcome === 'failed') failed = true;
      if (why !== null) problems.push(why);
      switch (change.action) {
        case 'create':
          if (done) {
            revision = input.revision;
            lastRotation = change.rotateAt ?? lastRotation;
          } else state = 'to-create';
          break;
        case 'update':
        case 'adopt':
          if (done) revision = input.revision;
          else {
            state = 'drift';
            driftFields = (change.fields ?? []).map((f) => f.field);
          }
          break;
        case 'rotate':
          if (done) lastRotation = change.rotateAt ?? lastRotation;
          else rotationDue = change.rotateAt ?? null;
          break;
        case 'delete':
          if (!done) state = 'to-delete';
          break;
      }
    }
    const conflict = frozen ? undefined : plan.conflicts.find((c) => c.clientId === facts.clientId);
    if (conflict) {
      state = 'conflict';
      problems.push(conflict.message);
    }
    const scheduled = frozen ? undefined : plan.scheduled.find((s) => s.clientId === facts.clientId);
    return {
      clientId: facts.clientId,
      displayName: facts.displayName,
      description: facts.description,
      capabilities: facts.capabilities,
      scopes: facts.scopes,
      accessUrl: facts.accessUrl,
      state,
      driftFields,
      problem: problems.length === 0 ? null : problems.join('; '),
      failed,
      nextRotation: scheduled?.rotateAt ?? null,
      rotationDue,
      lastRotation,
      revision,
      pendingDelivery: frozen ? null : pendingOf(facts.clientId),
    };
  };

  const accountIds = new Set(desired.accounts.map((a) => a.accountId));
  const managedOf = (account: string): LiveClient[] => [...liveById.values()].filter((c) => c.managed && c.account === account);
  const limitOf = (account: string): number => ownValue(desired.settings.clientLimits, account) ?? desired.settings.clientLimit;
  const problemsOf = (file: string): ProblemView[] => {
    const mine = input.problems.filter((p) => p.file === file);
    return [...mine.filter((p) => p.severity === 'error'), ...mine.filter((p) => p.severity === 'warning')].map(problemView);
  };

  const accounts: AccountView[] = desired.accounts.map((account) => {
    const id = account.accountId;
    const skip = plan.skippedAccounts.find((s) => s.account === id);
    if (skip || !account.valid) {
      const clients = managedOf(id).map((l) => client(factsOfLive(l), l, true));
      const errors = skip?.problems ?? account.errorCount;
      return {
        account: id,
        file: account.file,
        state: 'skipped',
        reason: `${account.file} has ${errors} error${errors === 1 ? '' : 's'}, so its clients are left as Keycloak has them until it is fixed`,
        clientsUsed: clients.length,
        clientLimit: limitOf(id),
        clients: sortClients(clients),
        problems: problemsOf(account.file),
        revisions: revisionsOf(clients),
      };
    }
    const declared = new Set(account.clients.map((c) => c.clientId));
    const clients = [
      ...account.clients.map((spec) => client(factsOfSpec(spec), liveById.get(spec.clientId), false)),
      // Managed clients that the file no longer declares: planned deletes (or already deleted).
      ...managedOf(id)
        .filter((l) => !declared.has(l.clientId))
        .map((l) => client(factsOfLive(l), l, false))
        .filter((c) => c.state === 'to-delete'),
    ];
    return withState({ account: id, file: account.file, clientsUsed: account.clients.length, clientLimit: limitOf(id), clients: sortClients(clients), problems: problemsOf(account.file) });
  });

  // Accounts whose file was removed while Keycloak still holds their managed clients.
  const orphans = [...new Set([...liveById.values()].filter((c) => c.managed && c.account !== null && !accountIds.has(c.account)).map((c) => c.account!))];
  for (const id of orphans) {
    const clients = managedOf(id)
      .map((l) => client(factsOfLive(l), l, false))
      .filter((c) => c.state === 'to-delete');
    if (clients.length === 0) continue;
    accounts.push(withState({ account: id, file: `clients/${id}.yaml`, clientsUsed: 0, clientLimit: limitOf(id), clients: sortClients(clients), problems: [] }));
  }
  accounts.sort((a, b) => byText(a.account, b.account));

  return {
    runId: input.runId,
    revision: input.revision,
    realm: plan.realm,
    readAt: input.startedAt.toISOString(),
    endedAt: input.endedAt.toISOString(),
    refusal,
    accounts,
  };
}

function sortClients(clients: readonly ClientView[]): ClientView[] {
  return [...clients].sort((a, b) => byText(a.clientId, b.clientId));
}

function withState(a: Omit<AccountView, 'state' | 'reason' | 'revisions'>): AccountView {
  const count = (state: ClientView['state']): number => a.clients.filter((c) => c.state === state).length;
  const failing = a.clients.filter((c) => c.state === 'conflict' || c.failed).length;
  const drift = count('drift');
  const pending = count('to-create') + count('to-delete') + a.clients.filter((c) => c.rotationDue !== null).length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  let state: AccountState = 'in-sync';
  let reason = 'Keycloak holds what git says';
  if (failing > 0) {
    state = 'failing';
    reason = `${plural(failing, 'client')} failed or in conflict: see the clients below`;
  } else if (drift > 0) {
    state = 'drift';
    reason = `${plural(drift, 'client')} differ from git`;
  } else if (pending > 0) {
    state = 'pending';
    reason = `${plural(pending, 'change')} waiting: to create, delete or rotate`;
  }
  return { ...a, state, reason, revisions: revisionsOf(a.clients) };
}

function revisionsOf(clients: readonly ClientView[]): string[] {
  return [...new Set(clients.map((c) => c.revision).filter((r): r is string => r !== null))].sort();
}

/** The snapshot of a finished sync (what sync-run.ts records with each run). */
export function pagesSnapshot(
  runId: number,
  startedAt: Date,
  endedAt: Date,
  revision: string | null,
  result: {
    readonly desired: DesiredState;
    readonly live: readonly LiveClient[];
    readonly plan: Plan;
    readonly validation: { readonly problems: readonly Problem[] };
    readonly refusal: string | null;
    readonly report: { readonly outcomes: readonly ChangeOutcome[]; readonly deliveries?: readonly DeliveryOutcome[] } | null;
  },
): PagesSnapshot {
  return buildSnapshot({
    runId,
    startedAt,
    endedAt,
    revision,
    desired: result.desired,
    live: result.live,
    plan: result.plan,
    problems: result.validation.problems,
    outcomes: result.report?.outcomes ?? [],
    deliveries: result.report?.deliveries ?? [],
    refusal: result.refusal,
  });
}
