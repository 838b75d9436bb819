// Delivers one client's secret to the targets it owes, then updates its pending-delivery marker
// in Keycloak (docs/secrets.md). Shared by apply (after a create or a rotation, and for secrets
// still owed from earlier runs) and by `clientsync secret deliver`. Never throws: each target
// gets an outcome, and a failed one stays in the marker for the next run.
import type { KeycloakPort } from '../keycloak/port.js';
import type { Secret } from '../keycloak/secret.js';
import type { DeliveryReason, PendingDelivery } from '../model/delivery.js';
import type { ManagedFields } from '../model/live.js';
import { markerChanged, owedTargets, remainingAfter } from '../delivery/pending.js';
import { messageOf } from './outcome.js';
import type { DeliveryTarget } from './secret-sink.js';

export interface DeliveryOutcome {
  readonly account: string;
  readonly clientId: string;
  readonly target: string;
  readonly reason: DeliveryReason;
  /** When the secret owed was generated (or asked for): how long the delivery has been due. */
  readonly since: string;
  readonly outcome: 'delivered' | 'failed';
  /** Names the target and what went wrong; never holds the secret. */
  readonly error?: string;
  /** What the target printed, scrubbed of the secret and cut to a few lines (for logs). */
  readonly output?: string;
}

export interface DeliverDeps {
  readonly keycloak: KeycloakPort;
  readonly realm: string;
  readonly targets: readonly DeliveryTarget[];
  readonly now: () => Date;
}

export interface OwingClient {
  readonly id: string;
  readonly clientId: string;
  readonly account: string;
  /** Git commit that created or last changed it (the document's `revision`). */
  readonly revision: string | null;
  /** The managed fields Keycloak holds: a marker update writes them back unchanged. */
  readonly fields: ManagedFields;
}

/**
 * Sends `secret` (read from Keycloak when not given) to the configured targets `owed` names,
 * then writes the marker `stored` minus the targets that took it. `stored` is the marker as
 * Keycloak holds it now (null: none; an operator's request then leaves none).
 */
export async function deliverSecret(
  deps: DeliverDeps,
  client: OwingClient,
  owed: PendingDelivery,
  stored: PendingDelivery | null,
  secret?: Secret,
): Promise<DeliveryOutcome[]> {
  const names = deps.targets.map((t) => t.name);
  const due = owedTargets(owed, names).due;
  if (due.length === 0) return [];
  const base = { account: client.account, clientId: client.clientId, reason: owed.reason, since: owed.at };
  let value = secret;
  if (value === undefined) {
    try {
      value = await deps.keycloak.getSecret(deps.realm, client.id);
    } catch (error) {
      const message = `reading the secret from Keycloak failed: ${messageOf(error)}; the next run tries again`;
      return due.map((target) => ({ ...base, target, outcome: 'failed', error: message }));
    }
  }
  const outcomes: DeliveryOutcome[] = [];
  for (const target of deps.targets) {
    if (!due.includes(target.name)) continue;
    try {
      const receipt = await target.deliver({
        realm: deps.realm,
        accountId: client.account,
        clientId: client.clientId,
        secret: value,
        reason: owed.reason,
        revision: client.revision,
        at: owed.at,
      });
      outcomes.push({ ...base, target: target.name, outcome: 'delivered', ...(receipt.output === '' ? {} : { output: receipt.output }) });
    } catch (error) {
      const output = (error as { output?: unknown }).output;
      outcomes.push({
        ...base,
        target: target.name,
        outcome: 'failed',
        error: `${messageOf(error)}; it stays pending and the next run tries again`,
        ...(typeof output === 'string' && output !== '' ? { output } : {}),
      });
    }
  }
  if (stored === null) return outcomes;
  const delivered = outcomes.filter((o) => o.outcome === 'delivered').map((o) => o.target);
  const next = remainingAfter(stored, names, delivered, deps.now());
  if (!markerChanged(stored, next)) return outcomes;
  try {
    await deps.keycloak.recordRotation(deps.realm, { id: client.id, clientId: client.clientId }, client.fields, {
      account: client.account,
      revision: null,
      pendingDelivery: next,
    });
  } catch (error) {
    const message = `delivered, but recording that in Keycloak failed (${messageOf(error)}); the next run delivers it again`;
    return outcomes.map((o) => (o.outcome === 'delivered' ? { ...o, outcome: 'failed', error: message } : o));
  }
  return outcomes;
}
