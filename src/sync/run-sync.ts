// One whole sync, shared by `clientsync apply` and the daemon: read both states and plan
// (planSync), refuse the run if a guard says so, then apply the plan. Returns every piece as
// plain values; callers decide how to print or record them and which exit code they mean.
import { applyGuard, applyPlan, type ApplyReport } from '../apply/index.js';
import { abortablePort } from './abortable-port.js';
import { planSync, type SyncInputs, type SyncPlan } from './sync-plan.js';
import type { SyncPolicy } from './sync-policy.js';

export interface RunSyncOptions extends Omit<SyncInputs, 'revision'> {
  /** Known before the run: it is also written into Keycloak as the clientsync.revision marker. */
  readonly revision: string | null;
  /** How the run may act (max deletes, allow-empty, concurrency, secret delivery), whole. */
  readonly policy: SyncPolicy;
  /**
   * Aborting it stops the sync at its next step: no Keycloak call starts after that (calls under
   * way finish), so a plan not yet applied is not applied and the remaining changes fail.
   */
  readonly signal?: AbortSignal;
  /** Called with the plan before anything is applied (the CLI prints it there). */
  readonly onPlanned?: (planned: SyncPlan) => void;
}

export interface SyncResult extends SyncPlan {
  /** Why the run was refused (nothing was applied), or null. */
  readonly refusal: string | null;
  /** The outcome of each change; null when the run was refused or there was nothing to apply. */
  readonly report: ApplyReport | null;
}

export async function runSync(options: RunSyncOptions): Promise<SyncResult> {
  const { signal, policy } = options;
  const keycloak = signal ? abortablePort(options.keycloak, signal) : options.keycloak;
  const planned = await planSync({ ...options, keycloak });
  const { plan, live } = planned;
  options.onPlanned?.(planned);
  const refusal = applyGuard(plan, policy);
  // Secrets owed from earlier runs are work too, when there are targets to deliver them to.
  const owed = policy.sink.targets.length > 0 && (plan.pendingDeliveries?.length ?? 0) > 0;
  if (refusal !== null || (plan.changes.length === 0 && !owed)) return { ...planned, refusal, report: null };
  signal?.throwIfAborted();
  const report = await applyPlan(plan, {
    keycloak,
    policy,
    revision: options.revision,
    live: { realm: plan.realm, clients: live },
    managedScopes: Object.keys(planned.desired.settings.scopes),
  });
  return { ...planned, refusal: null, report };
}
