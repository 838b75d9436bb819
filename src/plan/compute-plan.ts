// The planner: (desired, live, now) → plan, with every action and safety rule
// (docs/design.md, "Plan" and "Invariants").
// Pure: no I/O, no clock, no randomness; the same input always gives a deep-equal plan.
import type { ClientSpec, DesiredAccount, DesiredState, Settings } from '../model/desired.js';
import type { LiveClient, LiveState } from '../model/live.js';
import type { Change, Conflict, OwedDelivery, Plan, PlanSummary, ScheduledRotation, SkippedAccount } from '../model/plan.js';
import { desiredFields } from './desired-fields.js';
import { diffFields, EMPTY_FIELDS, isEmptyValue, normaliseLiveFields } from './fields.js';
import { parseRfc3339 } from '../shared/rfc3339.js';
import { compareChanges, compareStrings } from './order.js';
import { rotationState } from './rotation.js';
import { emptyDesiredNotice, emptyDesiredWithheld } from './empty-desired.js';

export interface PlanInput {
  readonly desired: DesiredState;
  readonly live: LiveState;
  /** The current time, passed in so that plans are reproducible and tests can move the clock. */
  readonly now: Date;
  /** Git commit of the desired state, or null outside git. */
  readonly revision: string | null;
  /** Let an empty desired state delete every managed client (`--allow-empty`). */
  readonly allowEmpty?: boolean;
}

interface Declaration {
  readonly account: DesiredAccount;
  readonly spec: ClientSpec;
}

/** Collects the output of one planning run; sorted into a Plan at the end. */
interface Draft {
  readonly changes: Change[];
  readonly scheduled: ScheduledRotation[];
  readonly conflicts: Conflict[];
}

export function computePlan(input: PlanInput): Plan {
  const { desired, live } = input;
  const settings = desired.settings;
  const nowMs = input.now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError('computePlan: `now` is an invalid Date');
  if (live.realm !== settings.realm) {
    // Deleting by a plan computed against another realm's clients would be a disaster.
    throw new Error(`computePlan: live state of realm "${live.realm}" given for realm "${settings.realm}"`);
  }

  const draft: Draft = { changes: [], scheduled: [], conflicts: [] };
  const liveById = new Map<string, LiveClient>();
  const builtInIds = new Set<string>();
  for (const client of live.clients) {
    if (client.builtIn) builtInIds.add(client.clientId);
    else liveById.set(client.clientId, client);
  }

  const invalidAccounts = new Set(desired.accounts.filter((a) => !a.valid).map((a) => a.accountId));
  // Any clientId named in any file, valid or not, is never deleted.
  const declaredAnywhere = new Set(desired.accounts.flatMap((a) => a.clients.map((c) => c.clientId)));
  const declarations = new Map<string, Declaration[]>();
  for (const account of desired.accounts) {
    if (!account.valid) continue;
    for (const spec of account.clients) {
      const found = declarations.get(spec.clientId);
      if (found === undefined) declarations.set(spec.clientId, [{ account, spec }]);
      else found.push({ account, spec });
    }
  }

  for (const [clientId, found] of declarations) {
    const [first] = found;
    if (first === undefined) continue;
    if (found.length > 1) draft.conflicts.push(duplicateConflict(clientId, found));
    else if (builtInIds.has(clientId)) draft.conflicts.push(builtInConflict(first));
    else planDeclared(first, liveById.get(clientId), settings, nowMs, draft);
  }

  const notices: string[] = [];
  const managed = [...liveById.values()].filter((c) => c.managed);
  const withheld = emptyDesiredWithheld(desired, managed, input.allowEmpty === true);
  if (withheld > 0) {
    notices.push(emptyDesiredNotice(withheld));
  } else {
    for (const client of managed) {
      if (declaredAnywhere.has(client.clientId)) continue;
      const owners = owningAccounts(client);
      if (owners.some((a) => invalidAccounts.has(a))) continue;
      draft.changes.push({ action: 'delete', account: owners[0] ?? '', clientId: client.clientId, id: client.id });
    }
  }

  const skippedAccounts: SkippedAccount[] = desired.accounts
    .filter((a) => !a.valid)
    .map((a) => ({ account: a.accountId, file: a.file, problems: a.errorCount }));

  const changes = draft.changes.sort(compareChanges);
  const pendingDeliveries = owedDeliveries(live.clients, changes);
  return {
    formatVersion: 1,
    revision: input.revision,
    realm: settings.realm,
    changes,
    scheduled: draft.scheduled.sort((a, b) => compareStrings(a.account, b.account) || compareStrings(a.clientId, b.clientId)),
    skippedAccounts: skippedAccounts.sort((a, b) => compareStrings(a.account, b.account) || compareStrings(a.file, b.file)),
    conflicts: draft.conflicts.sort(
      (a, b) =>
        compareStrings(a.account, b.account) ||
        compareStrings(a.clientId, b.clientId) ||
        compareStrings(a.message, b.message),
    ),
    summary: summarise(changes),
    notices,
    ...(pendingDeliveries.length === 0 ? {} : { pendingDeliveries }),
  };
}

/**
 * Managed clients whose marker says a secret is still owed. A rotation in this plan supersedes
 * the owed secret (the new one is delivered instead) and a delete makes it moot, so those are
 * left out. An invalid account file does not hold a delivery back: the secret exists already.
 */
function owedDeliveries(clients: readonly LiveClient[], changes: readonly Change[]): OwedDelivery[] {
  const superseded = new Set(changes.filter((c) => c.action === 'rotate' || c.action === 'delete').map((c) => c.clientId));
  return clients
    .flatMap((c): OwedDelivery[] =>
      c.managed && !c.builtIn && c.pendingDelivery !== undefined && !superseded.has(c.clientId)
        ? [{ account: owningAccounts(c)[0] ?? '', clientId: c.clientId, id: c.id, pending: c.pendingDelivery }]
        : [],
    )
    .sort((a, b) => compareStrings(a.account, b.account) || compareStrings(a.clientId, b.clientId));
}

function planDeclared(
  { account, spec }: Declaration,
  current: LiveClient | undefined,
  settings: Settings,
  nowMs: number,
  draft: Draft,
): void {
  const base = { account: account.accountId, clientId: spec.clientId } as const;
  const rotateMs = spec.rotate === undefined ? undefined : parseRfc3339(spec.rotate);
  if (rotateMs === null) {
    draft.conflicts.push({
      ...base,
      message:
        `its rotate value ${JSON.stringify(spec.rotate)} is not an RFC 3339 timestamp with a zone, so nothing ` +
        `is done to this client; write it like 2026-11-20T09:00:00Z in ${account.file}.`,
    });
    return;
  }
  if (current !== undefined && !current.managed && spec.adopt !== true) {
    draft.conflicts.push({
      ...base,
      message:
        'exists in Keycloak but is not managed by clientsync, so nothing is done to it. To take it over, ' +
        `add \`adopt: true\` to its entry in ${account.file}; otherwise give this client another clientId.`,
    });
    return;
  }

  const wanted = desiredFields(spec, settings);
  const rotation =
    spec.rotate === undefined || rotateMs === undefined
      ? undefined
      : { rotateAt: spec.rotate, state: rotationState(rotateMs, nowMs, current?.rotatedAt ?? null) };
  if (rotation?.state === 'scheduled') draft.scheduled.push({ ...base, rotateAt: rotation.rotateAt });

  if (current === undefined) {
    // A new client's secret is new anyway: a rotate already due is recorded as honoured.
    draft.changes.push({
      action: 'create',
      ...base,
      fields: diffFields(EMPTY_FIELDS, wanted).filter((f) => f.field !== 'confidential' && !isEmptyValue(f.after)),
      desired: wanted,
      ...(rotation?.state === 'due' ? { rotateAt: rotation.rotateAt } : {}),
    });
    return;
  }

  const fields = diffFields(normaliseLiveFields(current.fields, settings), wanted);
  // clientsync's clients are confidential: a public one (a browser app) it takes over or finds
  // made public by hand gets a secret its users do not have. Still done, but said loudly.
  const warnings = current.publicClient === true ? { warnings: [publicClientWarning(current.managed)] } : {};
  if (!current.managed) {
    draft.changes.push({ action: 'adopt', ...base, id: current.id, fields, desired: wanted, ...warnings });
  } else if (fields.length > 0) {
    draft.changes.push({ action: 'update', ...base, id: current.id, fields, desired: wanted, ...warnings });
  }
  if (rotation?.state === 'due') {
    draft.changes.push({ action: 'rotate', ...base, id: current.id, rotateAt: rotation.rotateAt });
  }
}

export function publicClientWarning(managed: boolean): string {
  return (
    `${managed ? 'it was made a public client in Keycloak (by hand); this change makes it' : 'it is a public client in Keycloak (no secret: a browser or native app); taking it over makes it'} ` +
    'confidential, so every app using it must then send the client secret: an app that cannot keep a secret (a single-page app) stops working. Remove the entry if that is not wanted.'
  );
}

/**
 * The accounts a live client may belong to: its clientsync.account marker, and the prefix of
 * its clientId before the first '_'. The first is the one reported. A delete is withheld when
 * either names an invalid file, since that file may still declare the client.
 */
function owningAccounts(client: LiveClient): readonly string[] {
  const prefix = client.clientId.split('_', 1)[0] ?? client.clientId;
  const marker = client.account === null || client.account === '' ? undefined : client.account;
  return marker === undefined || marker === prefix ? [prefix] : [marker, prefix];
}

function duplicateConflict(clientId: string, found: readonly Declaration[]): Conflict {
  const files = [...new Set(found.map((d) => d.account.file))].sort(compareStrings);
  const accounts = found.map((d) => d.account.accountId).sort(compareStrings);
  return {
    account: accounts[0] ?? '',
    clientId,
    message: `is declared ${found.length} times (in ${files.join(', ')}), so nothing is done to it; declare each client once.`,
  };
}

function builtInConflict({ account, spec }: Declaration): Conflict {
  return {
    account: account.accountId,
    clientId: spec.clientId,
    message: `is the clientId of one of Keycloak's own clients, which clientsync never touches; choose another clientId in ${account.file}.`,
  };
}

function summarise(changes: readonly Change[]): PlanSummary {
  const tally = (action: Change['action']) => changes.filter((c) => c.action === action).length;
  return { create: tally('create'), update: tally('update'), delete: tally('delete'), rotate: tally('rotate'), adopt: tally('adopt') };
}
