// Executes one change of a plan against Keycloak: the steps of each action and what a failure
// part-way through means for the client. Throws on failure; the caller turns that into an outcome.
import type { KeycloakPort, Markers } from '../keycloak/port.js';
import type { Secret } from '../keycloak/secret.js';
import type { LiveClient, ManagedFields } from '../model/live.js';
import type { Change } from '../model/plan.js';
import { pendingFor } from '../delivery/pending.js';
import { deliverSecret, type DeliveryOutcome } from './deliver.js';
import { messageOf, StepFailure } from './outcome.js';
import type { SecretSink } from './secret-sink.js';

export interface ApplyContext {
  readonly keycloak: KeycloakPort;
  readonly sink: SecretSink;
  readonly realm: string;
  /** clientsync.yaml's scopes: what createClient and updateClient may unlink. */
  readonly managedScopes: readonly string[];
  readonly revision: string | null;
  /** The live clients the plan was computed from, by Keycloak id. */
  readonly liveById: ReadonlyMap<string, LiveClient>;
  /** The time written as a new secret's `at`. */
  readonly now: () => Date;
  /** Collects every delivery's outcome of the run. */
  readonly deliveries: DeliveryOutcome[];
}

/**
 * What the applier knows of one client while it works through that client's changes in order:
 * its id (known after a create) and the managed fields Keycloak holds (after an update, the
 * desired ones). A rotation writes these back unchanged with its marker.
 */
export interface ClientState {
  id: string | undefined;
  fields: ManagedFields | undefined;
}

export async function executeChange(change: Change, state: ClientState, ctx: ApplyContext): Promise<void> {
  switch (change.action) {
    case 'create':
      return create(change, state, ctx);
    case 'update':
    case 'adopt':
      return update(change, state, ctx);
    case 'rotate':
      return rotate(change, state, ctx);
    case 'delete':
      await ctx.keycloak.deleteClient(ctx.realm, required(change.id, change, 'id'));
      await forgetDeleted(change, ctx);
      return;
  }
}

/**
 * The create body already carries the pending-delivery marker (every configured target), so a
 * crash between the create and the delivery loses nothing: the next run sees the marker and
 * delivers. A failed delivery leaves the create applied and the target pending.
 */
async function create(change: Change, state: ClientState, ctx: ApplyContext): Promise<void> {
  const desired = required(change.desired, change, 'desired');
  const pending = pendingFor('created', ctx.now(), ctx.sink.targets.map((t) => t.name));
  const id = await ctx.keycloak.createClient(
    ctx.realm,
    change.clientId,
    desired,
    { ...markers(change, ctx, change.rotateAt), ...(pending === null ? {} : { pendingDelivery: pending }) },
    ctx.managedScopes,
  );
  state.id = id;
  state.fields = desired;
  // With no target the secret stays in Keycloak: it is not even read.
  if (pending === null) return;
  const client = { id, clientId: change.clientId, account: change.account, revision: ctx.revision, fields: desired };
  ctx.deliveries.push(...(await deliverSecret(deps(ctx), client, pending, pending)));
}

async function update(change: Change, state: ClientState, ctx: ApplyContext): Promise<void> {
  const desired = required(change.desired, change, 'desired');
  const id = required(change.id, change, 'id');
  const live = ctx.liveById.get(id);
  if (live === undefined) {
    throw new Error(
      `client id ${id} is not in the live state the plan was computed from; plan and live state do not belong together (a bug in the caller)`,
    );
  }
  await ctx.keycloak.updateClient(ctx.realm, live, desired, markers(change, ctx), ctx.managedScopes);
  state.fields = desired;
}

/**
 * Regenerate, record, then deliver (docs/design.md, "Apply"; docs/secrets.md). The rotation is recorded
 * (clientsync.rotated-at) together with the pending-delivery marker naming every configured
 * target, in one write, BEFORE any delivery: a rotation happens once per `rotate` value, whatever
 * the delivery does. A failed or hanging delivery stays pending and is retried by later runs; it
 * never causes another rotation (that would kill the team's working secret on every run).
 * The new marker replaces any older one: an undelivered older secret is superseded (it no
 * longer works anyway). A crash between the regeneration and the record rotates again on the
 * next run (at-least-once; the secret it replaces was never delivered).
 */
async function rotate(change: Change, state: ClientState, ctx: ApplyContext): Promise<void> {
  const id = required(change.id ?? state.id, change, 'id');
  const rotateAt = required(change.rotateAt, change, 'rotateAt');
  const fields = state.fields;
  if (fields === undefined) {
    throw new Error(
      `client id ${id} is not in the live state the plan was computed from; plan and live state do not belong together (a bug in the caller)`,
    );
  }
  let secret: Secret;
  try {
    secret = await ctx.keycloak.regenerateSecret(ctx.realm, id);
  } catch (err) {
    throw new StepFailure(
      `regenerating the secret failed: ${messageOf(err)}. The rotation is not recorded, so the next run tries again.`,
      err,
    );
  }
  const pending = pendingFor('rotated', ctx.now(), ctx.sink.targets.map((t) => t.name));
  const live = ctx.liveById.get(id);
  const hadMarker = live?.pendingDelivery !== undefined;
  try {
    await ctx.keycloak.recordRotation(ctx.realm, { id, clientId: change.clientId }, fields, {
      ...markers(change, ctx, rotateAt),
      // No target here: an older undelivered secret is superseded all the same.
      ...(pending !== null || hadMarker ? { pendingDelivery: pending } : {}),
    });
  } catch (err) {
    throw new StepFailure(
      `a new secret was generated (read it with \`clientsync secret get ${change.clientId}\`), but recording the rotation failed: ` +
        `${messageOf(err)}. The next run rotates again and delivers that secret.`,
      err,
    );
  }
  if (pending === null) return;
  const client = { id, clientId: change.clientId, account: change.account, revision: ctx.revision, fields };
  ctx.deliveries.push(...(await deliverSecret(deps(ctx), client, pending, pending, secret)));
}

/** After a delete, targets that keep something per client (files) remove it. */
async function forgetDeleted(change: Change, ctx: ApplyContext): Promise<void> {
  const failures: string[] = [];
  for (const target of ctx.sink.targets) {
    if (target.forget === undefined) continue;
    try {
      await target.forget(change.clientId);
    } catch (err) {
      failures.push(`target '${target.name}': ${messageOf(err)}`);
    }
  }
  if (failures.length > 0) {
    throw new Error(`the client was deleted, but removing its delivered secret failed (${failures.join('; ')}); remove it by hand`);
  }
}

function deps(ctx: ApplyContext) {
  return { keycloak: ctx.keycloak, realm: ctx.realm, targets: ctx.sink.targets, now: ctx.now };
}

function markers(change: Change, ctx: ApplyContext, rotatedAt?: string): Markers {
  return { account: change.account, revision: ctx.revision, ...(rotatedAt === undefined ? {} : { rotatedAt }) };
}

function required<T>(value: T | undefined, change: Change, what: string): T {
  if (value === undefined) throw new Error(`the plan's ${change.action} change carries no ${what} (a bug in the planner)`);
  return value;
}
