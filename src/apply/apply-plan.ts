// Runs a plan's changes against Keycloak (docs/design.md, "Apply"): writes first, deletes last, independent
// clients concurrently under one bound, each client's own changes in the plan's order.
import pLimit, { type LimitFunction } from 'p-limit';
import type { KeycloakPort } from '../keycloak/port.js';
import type { LiveClient, LiveState } from '../model/live.js';
import type { Change, OwedDelivery, Plan } from '../model/plan.js';
import { deliverSecret } from './deliver.js';
import { executeChange, type ApplyContext, type ClientState } from './execute-change.js';
import { buildReport, describeError, refOf, type ApplyReport, type ChangeOutcome } from './outcome.js';
import type { SecretSink } from './secret-sink.js';

export interface ApplyDeps {
  readonly keycloak: KeycloakPort;
  /**
   * The applier's part of the run's SyncPolicy (src/sync/sync-policy.ts): at most `concurrency`
   * clients are worked on at once (`--concurrency`, default 8); new secrets go to `sink`.
   */
  readonly policy: ApplyPolicy;
  /** Git commit written as clientsync.revision on create and update; null outside git. */
  readonly revision: string | null;
  /**
   * The live state the plan was computed from. updateClient takes the live client, and a
   * rotation writes the client's current managed fields back along with its marker.
   */
  readonly live: LiveState;
  /**
   * The scopes clientsync manages (clientsync.yaml's `scopes`): the default scopes a create or
   * update may unlink. The live state was read through the same list.
   */
  readonly managedScopes: readonly string[];
  /** Defaults to the plan's realm; when given it must be the same (a guard, not an override). */
  readonly realm?: string;
  /** The clock for a new secret's `at` (default: the system clock). */
  readonly now?: () => Date;
}

export interface ApplyPolicy {
  readonly concurrency: number;
  readonly sink: SecretSink;
}

interface Indexed {
  readonly change: Change;
  readonly index: number;
}

/** Never rejects because a change failed; each change has its outcome in the report. */
export async function applyPlan(plan: Plan, deps: ApplyDeps): Promise<ApplyReport> {
  const realm = plan.realm;
  // Changes carry Keycloak ids: running them in another realm than planned would hit other clients.
  if (deps.realm !== undefined && deps.realm !== realm) {
    throw new Error(`applyPlan: the plan is for realm "${realm}", not "${deps.realm}"`);
  }
  if (deps.live.realm !== realm) {
    throw new Error(`applyPlan: the plan is for realm "${realm}", but the live state given is of "${deps.live.realm}"`);
  }
  const { concurrency, sink } = deps.policy;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`applyPlan: concurrency must be a whole number ≥ 1, got ${concurrency}`);
  }

  const ctx: ApplyContext = {
    keycloak: deps.keycloak,
    sink,
    realm,
    managedScopes: deps.managedScopes,
    revision: deps.revision,
    liveById: new Map(deps.live.clients.map((c): [string, LiveClient] => [c.id, c])),
    now: deps.now ?? (() => new Date()),
    deliveries: [],
  };
  const limit = pLimit(concurrency);
  const indexed = plan.changes.map((change, index): Indexed => ({ change, index }));
  const slots: (ChangeOutcome | undefined)[] = indexed.map(() => undefined);
  // Secrets owed from earlier runs go out after the client's own changes (an update first).
  const owed = sink.targets.length === 0 ? new Map<string, OwedDelivery>() : new Map((plan.pendingDeliveries ?? []).map((d) => [d.clientId, d]));

  // Deletes start only once every other change has finished, whatever its outcome.
  await runPhase(indexed.filter((e) => e.change.action !== 'delete'), limit, ctx, slots, owed);
  await runPhase(indexed.filter((e) => e.change.action === 'delete'), limit, ctx, slots, new Map());

  const outcomes = indexed.map((e) => slots[e.index] ?? failedOutcome(e.change, new Error('not run (a bug in the applier)')));
  return buildReport(plan, deps.revision, outcomes, ctx.deliveries);
}

async function runPhase(
  entries: readonly Indexed[],
  limit: LimitFunction,
  ctx: ApplyContext,
  slots: (ChangeOutcome | undefined)[],
  owed: ReadonlyMap<string, OwedDelivery>,
): Promise<void> {
  const groups = new Map<string, Indexed[]>();
  for (const entry of entries) {
    const group = groups.get(entry.change.clientId);
    if (group === undefined) groups.set(entry.change.clientId, [entry]);
    else group.push(entry);
  }
  for (const clientId of owed.keys()) if (!groups.has(clientId)) groups.set(clientId, []);
  await Promise.all([...groups].map(([clientId, group]) => limit(() => runClient(group, ctx, slots, owed.get(clientId)))));
}

/** One client's changes, one after another; a failure does not skip the next (e.g. a rotate after a failed update). */
async function runClient(
  group: readonly Indexed[],
  ctx: ApplyContext,
  slots: (ChangeOutcome | undefined)[],
  owed: OwedDelivery | undefined,
): Promise<void> {
  const id = group.find((e) => e.change.id !== undefined)?.change.id ?? owed?.id;
  const state: ClientState = { id, fields: id === undefined ? undefined : ctx.liveById.get(id)?.fields };
  for (const { change, index } of group) {
    try {
      await executeChange(change, state, ctx);
      slots[index] = { change: refOf(change), outcome: 'applied' };
    } catch (err) {
      slots[index] = failedOutcome(change, err);
    }
  }
  const live = owed === undefined ? undefined : ctx.liveById.get(owed.id);
  if (owed === undefined || live === undefined || state.fields === undefined) return;
  const client = { id: owed.id, clientId: owed.clientId, account: owed.account, revision: live.revision, fields: state.fields };
  const deps = { keycloak: ctx.keycloak, realm: ctx.realm, targets: ctx.sink.targets, now: ctx.now };
  ctx.deliveries.push(...(await deliverSecret(deps, client, owed.pending, owed.pending)));
}

function failedOutcome(change: Change, err: unknown): ChangeOutcome {
  return { change: refOf(change), outcome: 'failed', error: describeError(err) };
}
