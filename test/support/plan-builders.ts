// Small builders for the planner's tests, plus a model of what a successful apply does to the
// live state (used to check that re-planning after an apply converges). Test-only code.
import type { ClientSpec, DesiredAccount, DesiredState, Settings } from '../../src/model/desired.js';
import type { LiveClient, LiveState, ManagedFields } from '../../src/model/live.js';
import type { Plan } from '../../src/model/plan.js';
import { computePlan, type PlanInput } from '../../src/plan/compute-plan.js';
import { desiredFields } from '../../src/plan/desired-fields.js';

export const REALM = 'insights';
export const NOW = new Date('2026-06-01T12:00:00Z');

export function settings(overrides: Partial<Settings> = {}): Settings {
  return {
    realm: REALM,
    accountIdPattern: '^[a-z0-9][a-z0-9-]{0,62}$',
    clientLimit: 5,
    clientLimits: {},
    allowedInternalHosts: [],
    scopes: { 'datahub-api': 'Required to query the Insights API.', 'push-data': 'Required to send datapoints.' },
    ...overrides,
  };
}

/** A minimal valid Script client; override what the test is about. */
export function spec(clientId: string, overrides: Partial<ClientSpec> = {}): ClientSpec {
  return { clientId, capabilities: ['Script'], ...overrides };
}

export function account(accountId: string, clients: readonly ClientSpec[]): DesiredAccount {
  return { accountId, file: `clients/${accountId}.yaml`, valid: true, errorCount: 0, clients };
}

/** An account whose file has errors: the loader passes no clients for it. */
export function invalidAccount(accountId: string, errorCount = 2, clients: readonly ClientSpec[] = []): DesiredAccount {
  return { accountId, file: `clients/${accountId}.yaml`, valid: false, errorCount, clients };
}

export function desired(accounts: readonly DesiredAccount[], overrides: Partial<Settings> = {}): DesiredState {
  return { settings: settings(overrides), accounts };
}

type LiveOverrides = Partial<Omit<LiveClient, 'fields'>> & { readonly fields?: Partial<ManagedFields> };

/** A managed live client, by default holding exactly what `spec(clientId)` declares. */
export function liveClient(clientId: string, overrides: LiveOverrides = {}): LiveClient {
  const { fields, ...rest } = overrides;
  return {
    id: `id-${clientId}`,
    clientId,
    managed: true,
    account: clientId.split('_')[0] ?? null,
    revision: 'rev-0',
    rotatedAt: null,
    builtIn: false,
    fields: { ...desiredFields(spec(clientId), settings()), ...fields },
    ...rest,
  };
}

/** A managed live client holding exactly what `declared` asks for. */
export function liveMatching(declared: ClientSpec, overrides: LiveOverrides = {}): LiveClient {
  return liveClient(declared.clientId, { ...overrides, fields: { ...desiredFields(declared, settings()), ...overrides.fields } });
}

export function unmanaged(clientId: string, overrides: LiveOverrides = {}): LiveClient {
  return liveClient(clientId, { managed: false, account: null, revision: null, ...overrides });
}

/** Keycloak's own clients of a realm. */
export function builtIns(): readonly LiveClient[] {
  return ['account', 'account-console', 'admin-cli', 'broker', 'realm-management', 'security-admin-console'].map((id) =>
    unmanaged(id, { builtIn: true, fields: { capabilities: ['WebApp'], confidential: false } }),
  );
}

export function live(clients: readonly LiveClient[]): LiveState {
  return { realm: REALM, clients };
}

export function plan(
  desiredState: DesiredState,
  liveState: LiveState,
  extra: Partial<Omit<PlanInput, 'desired' | 'live'>> = {},
): Plan {
  return computePlan({ desired: desiredState, live: liveState, now: NOW, revision: 'abc123', ...extra });
}

/** What Keycloak holds after every change of `applied` succeeded (docs/design.md, "Apply": its effects). */
export function applyPlan(applied: Plan, before: LiveState): LiveState {
  const clients = new Map(before.clients.map((c) => [c.clientId, c]));
  for (const change of applied.changes) {
    const current = clients.get(change.clientId);
    switch (change.action) {
      case 'create':
        if (change.desired === undefined) throw new Error('create without desired');
        clients.set(change.clientId, {
          id: `new-${change.clientId}`,
          clientId: change.clientId,
          managed: true,
          account: change.account,
          revision: applied.revision,
          rotatedAt: change.rotateAt ?? null,
          builtIn: false,
          fields: change.desired,
        });
        break;
      case 'adopt':
      case 'update':
        if (current === undefined || change.desired === undefined) throw new Error(`${change.action} of a missing client`);
        clients.set(change.clientId, {
          ...current,
          managed: true,
          account: change.account,
          revision: applied.revision,
          fields: change.desired,
        });
        break;
      case 'rotate':
        if (current === undefined || change.rotateAt === undefined) throw new Error('rotate of a missing client');
        clients.set(change.clientId, { ...current, rotatedAt: change.rotateAt });
        break;
      case 'delete':
        clients.delete(change.clientId);
        break;
    }
  }
  return { realm: before.realm, clients: [...clients.values()] };
}
