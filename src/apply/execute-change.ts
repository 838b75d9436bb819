// Executes one change of a plan against Keycloak: the steps of each action and what a failure
// part-way through means for the client. Throws on failure; the caller turns that into an outcome.
import type { KeycloakPort, Markers } from '../keycloak/port.js';
import type { Secret } from '../keycloak/secret.js';
import type { LiveClient, ManagedFields } from '../model/live.js';
import type { Change } from '../model/plan.js';
import { messageOf, StepFailure } from './outcome.js';
import type { SecretSink } from './secret-sink.js';

export interface ApplyContext {
  readonly keycloak: KeycloakPort;
  readonly sink: SecretSink;
  readonly realm: string;
  readonly revision: string | null;
  /** The live clients the plan was computed from, by Keycloak id. */
  readonly liveById: ReadonlyMap<string, LiveClient>;
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
      return;
  }
}

async function create(change: Change, state: ClientState, ctx: ApplyContext): Promise<void> {
  const desired = required(change.desired, change, 'desired');
  const id = await ctx.keycloak.createClient(ctx.realm, change.clientId, desired, markers(change, ctx, change.rotateAt));
  state.id = id;
  state.fields = desired;
  // With no sink the secret stays in Keycloak: it is not even read.
  if (ctx.sink.kind === 'none') return;
  try {
    const secret = await ctx.keycloak.getSecret(ctx.realm, id);
    await ctx.sink.deliver({ realm: ctx.realm, clientId: change.clientId, secret, reason: 'create' });
  } catch (err) {
    throw new StepFailure(
      `the client was created, but its secret was not delivered to the secret sink: ${messageOf(err)}. ` +
        `The secret is in Keycloak: read it with \`clientsync secret get ${change.clientId}\` ` +
        '(a re-run does not deliver it again, since the client now exists).',
      err,
    );
  }
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
  await ctx.keycloak.updateClient(ctx.realm, live, desired, markers(change, ctx));
  state.fields = desired;
}

/**
 * Regenerate, deliver, then record (docs/design.md, "Invariants"). A crash or failure before the record leaves
 * clientsync.rotated-at as it was, so the next run rotates again: at-least-once, never lost.
 *
 * When delivery to the sink fails, the rotation is deliberately NOT recorded. Recording it would
 * end the retries while the sink's consumers never received the secret that replaced the one
 * they hold (the old one stops working at once); not recording means the next run regenerates
 * and retries the delivery, with no operator needed. The cost, a further rotation per run while
 * the sink stays broken, only hits someone who copied the secret out of Keycloak by hand in
 * between, and the failure is reported on every run until it is fixed.
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
  const getHint = `read it with \`clientsync secret get ${change.clientId}\``;
  if (ctx.sink.kind !== 'none') {
    try {
      await ctx.sink.deliver({ realm: ctx.realm, clientId: change.clientId, secret, reason: 'rotate' });
    } catch (err) {
      throw new StepFailure(
        `a new secret was generated and is in Keycloak (${getHint}), but delivering it to the secret sink ` +
          `failed: ${messageOf(err)}. The rotation is not recorded, so the next run rotates again and retries the delivery.`,
        err,
      );
    }
  }
  try {
    await ctx.keycloak.recordRotation(ctx.realm, { id, clientId: change.clientId }, fields, markers(change, ctx, rotateAt));
  } catch (err) {
    const delivered = ctx.sink.kind === 'none' ? '' : ' and delivered to the secret sink';
    throw new StepFailure(
      `a new secret was generated${delivered} (${getHint}), but recording the rotation failed: ${messageOf(err)}. ` +
        'The next run rotates again.',
      err,
    );
  }
}

function markers(change: Change, ctx: ApplyContext, rotatedAt?: string): Markers {
  return { account: change.account, revision: ctx.revision, ...(rotatedAt === undefined ? {} : { rotatedAt }) };
}

function required<T>(value: T | undefined, change: Change, what: string): T {
  if (value === undefined) throw new Error(`the plan's ${change.action} change carries no ${what} (a bug in the planner)`);
  return value;
}
