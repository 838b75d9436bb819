// Small builders for the applier's tests. Test-only code (under test/, so never in the build).
import type { LiveClient, ManagedFields } from '../../src/model/live.js';
import type { Change, Plan } from '../../src/model/plan.js';
import { EMPTY_FIELDS } from '../../src/plan/fields.js';

export const REALM = 'insights';

export function fields(overrides: Partial<ManagedFields> = {}): ManagedFields {
  return { ...EMPTY_FIELDS, capabilities: ['Script'], confidential: true, ...overrides };
}

export function liveClient(clientId: string, overrides: Partial<LiveClient> = {}): LiveClient {
  return {
    id: `id-${clientId}`,
    clientId,
    managed: true,
    account: accountOf(clientId),
    revision: 'rev-0',
    rotatedAt: null,
    builtIn: false,
    fields: fields(),
    ...overrides,
  };
}

export function accountOf(clientId: string): string {
  return clientId.split('_')[0] ?? clientId;
}

export function create(clientId: string, overrides: Partial<Change> = {}): Change {
  const desired = fields({ description: `the ${clientId} client` });
  return { action: 'create', account: accountOf(clientId), clientId, desired, fields: [], ...overrides };
}

export function update(clientId: string, overrides: Partial<Change> = {}): Change {
  const desired = fields({ description: 'updated' });
  return {
    action: 'update',
    account: accountOf(clientId),
    clientId,
    id: `id-${clientId}`,
    desired,
    fields: [{ field: 'description', before: '', after: 'updated' }],
    ...overrides,
  };
}

export function adopt(clientId: string, overrides: Partial<Change> = {}): Change {
  return { ...update(clientId), action: 'adopt', ...overrides };
}

export function rotate(clientId: string, rotateAt = '2026-05-01T00:00:00Z'): Change {
  return { action: 'rotate', account: accountOf(clientId), clientId, id: `id-${clientId}`, rotateAt };
}

export function del(clientId: string): Change {
  return { action: 'delete', account: accountOf(clientId), clientId, id: `id-${clientId}` };
}

export function plan(changes: readonly Change[], overrides: Partial<Plan> = {}): Plan {
  const tally = (a: Change['action']) => changes.filter((c) => c.action === a).length;
  return {
    formatVersion: 1,
    revision: 'rev-1',
    realm: REALM,
    changes,
    scheduled: [],
    skippedAccounts: [],
    conflicts: [],
    summary: { create: tally('create'), update: tally('update'), delete: tally('delete'), rotate: tally('rotate'), adopt: tally('adopt') },
    notices: [],
    ...overrides,
  };
}
