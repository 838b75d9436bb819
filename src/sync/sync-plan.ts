// One sync step shared by `plan`, `apply` and the daemon: read the desired state (validated)
// and the live state, and compute the plan. The I/O is done by the adapters passed in; the
// decision is computePlan's, which is pure.
import { loadRepository, type ValidationResult } from '../config/index.js';
import { SettingsInvalidError } from './settings-error.js';
import type { DesiredState } from '../model/desired.js';
import type { Plan } from '../model/plan.js';
import type { KeycloakPort } from '../keycloak/port.js';
import type { LiveClient } from '../model/live.js';
import { computePlan } from '../plan/index.js';

export interface SyncInputs {
  readonly dir: string;
  readonly keycloak: KeycloakPort;
  readonly now: Date;
  readonly revision: string | null;
  readonly allowEmpty?: boolean;
}

export { SettingsInvalidError } from './settings-error.js';

export interface SyncPlan {
  readonly validation: ValidationResult;
  readonly desired: DesiredState;
  readonly live: readonly LiveClient[];
  readonly plan: Plan;
}

export async function planSync(inputs: SyncInputs): Promise<SyncPlan> {
  const validation = await loadRepository(inputs.dir, inputs.now);
  const desired = validation.desired;
  if (!desired) throw new SettingsInvalidError(validation);
  const realm = desired.settings.realm;
  const live = await inputs.keycloak.listClients(realm, Object.keys(desired.settings.scopes), validation.clientCount);
  const plan = computePlan({
    desired,
    live: { realm, clients: live },
    now: inputs.now,
    revision: inputs.revision,
    ...(inputs.allowEmpty ? { allowEmpty: true } : {}),
  });
  return { validation, desired, live, plan };
}
