// One sync step shared by `plan`, `apply` and the daemon: read the desired state (validated)
// and the live state, and compute the plan. The I/O is done by the adapters passed in; the
// decision is computePlan's, which is pure.
//
// The two reads overlap: Keycloak's list is asked for as soon as clientsync.yaml (realm and
// scopes) has been read, while the account files are validated (on worker threads). The list is
// used only when the validated settings name the same realm and scopes; otherwise it is read
// again. A list read early for nothing (the settings turn out invalid) only costs requests.
import { loadRepository, readSettingsFile, type ValidationResult } from '../config/index.js';
import { listRepository } from '../config/read-repository.js';
import { validateSettingsFile } from '../config/validate-repository.js';
import { SettingsInvalidError } from './settings-error.js';
import type { DesiredState } from '../model/desired.js';
import type { Plan } from '../model/plan.js';
import type { KeycloakPort } from '../keycloak/port.js';
import type { LiveClient } from '../model/live.js';
import { computePlan } from '../plan/index.js';
import type { SyncPolicy } from './sync-policy.js';

export interface SyncInputs {
  readonly dir: string;
  readonly keycloak: KeycloakPort;
  readonly now: Date;
  /**
   * The git revision, or the promise of it: `plan` passes gitRevision's promise so that its git
   * processes run while the files are read and validated, not before (about 70 ms on 2 cores).
   */
  readonly revision: string | null | Promise<string | null>;
  /** How the run may act; the planner reads `allowEmpty` (default: the defaults of syncPolicy()). */
  readonly policy?: Pick<SyncPolicy, 'allowEmpty'>;
}

export { SettingsInvalidError } from './settings-error.js';

export interface SyncPlan {
  readonly validation: ValidationResult;
  readonly desired: DesiredState;
  readonly live: readonly LiveClient[];
  readonly plan: Plan;
}

interface EarlyList {
  readonly realm: string;
  readonly scopes: readonly string[];
  readonly clients: Promise<LiveClient[]>;
}

/** Starts listing Keycloak's clients from clientsync.yaml alone; null when it cannot be read. */
function startEarlyList(inputs: SyncInputs): EarlyList | null {
  let settings;
  let accounts: number;
  try {
    settings = validateSettingsFile(readSettingsFile(inputs.dir)).settings;
    accounts = listRepository(inputs.dir).accounts.length;
  } catch {
    return null; // loadRepository reports what is wrong
  }
  if (!settings) return null;
  const scopes = Object.keys(settings.scopes);
  // How many clients to expect, for reading pages ahead (paging.ts): every file at the limit.
  const clients = inputs.keycloak.listClients(settings.realm, scopes, accounts * settings.clientLimit);
  clients.catch(() => undefined); // awaited below, or dropped when not used
  return { realm: settings.realm, scopes, clients };
}

export async function planSync(inputs: SyncInputs): Promise<SyncPlan> {
  const early = startEarlyList(inputs);
  const validation = await loadRepository(inputs.dir, inputs.now);
  const desired = validation.desired;
  if (!desired) throw new SettingsInvalidError(validation);
  const realm = desired.settings.realm;
  const scopes = Object.keys(desired.settings.scopes);
  const sameRead = early !== null && early.realm === realm && early.scopes.join('\n') === scopes.join('\n');
  const live = sameRead ? await early.clients : await inputs.keycloak.listClients(realm, scopes, validation.clientCount);
  const plan = computePlan({
    desired,
    live: { realm, clients: live },
    now: inputs.now,
    revision: await inputs.revision,
    ...(inputs.policy?.allowEmpty === true ? { allowEmpty: true } : {}),
  });
  return { validation, desired, live, plan };
}
