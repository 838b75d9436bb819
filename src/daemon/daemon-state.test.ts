import { describe, expect, it } from 'vitest';
import { DaemonState, type DaemonInfo } from './daemon-state.js';
import type { LoopStatus } from './run-loop.js';
import type { AccountSnapshot, RunRecord } from './run-record.js';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000);
const info: DaemonInfo = {
  version: 'test',
  startedAt: at(0),
  source: { kind: 'dir', dir: '/x' },
  schedule: '*/5 * * * *',
  staleAfterMs: 900_000,
  runTimeLimitMs: 600_000,
  webhook: 'enabled',
  maxDeletes: 10,
  secretSink: 'none',
};
const idle: LoopStatus = { running: null, pending: false, stopped: false, started: 0 };

function account(name: string, state: AccountSnapshot['state'] = 'synced'): AccountSnapshot {
  return {
    account: name,
    file: `clients/${name}.yaml`,
    state,
    clients: [`${name}_a`],
    skipped: state === 'skipped' ? { reason: 'invalid', problems: 1, details: [] } : null,
    conflicts: [],
    scheduledRotations: [],
    changes: { applied: 0, failed: 0 },
  };
}

function run(id: number, startS: number, partial: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    trigger: 'schedule',
    triggers: 1,
    startedAt: at(startS),
    endedAt: at(startS + 2),
    revision: `${id}`.padStart(40, '0'),
    realm: 'insights',
    outcome: 'success',
    summary: { create: 0, update: 0, delete: 0, rotate: 0, adopt: 0 },
    applied: 0,
    failed: 0,
    changes: [],
    skippedAccounts: [],
    conflicts: [],
    scheduled: [],
    notices: [],
    refusal: null,
    failure: null,
    managedClients: 1,
    accounts: [account('acme'), account('beta')],
    pages: null,
    ...partial,
  };
}

describe('DaemonState', () => {
  it('is unready until a run completes, ready while the last completed run is recent, unready when stale', () => {
    const state = new DaemonState(info);
    expect(state.readiness(at(1))).toMatchObject({ ready: false, reason: expect.stringContaining('first run has not finished') });
    state.record(run(1, 0, { outcome: 'failed', failure: { stage: 'keycloak', message: 'unreachable', retryable: true }, accounts: null, summary: null }));
    expect(state.readiness(at(3))).toMatchObject({ ready: false, reason: expect.stringContaining('keycloak: unreachable') });
    state.record(run(2, 10, { outcome: 'partial' }));
    expect(state.readiness(at(12 + 900))).toMatchObject({ ready: true });
    expect(state.readiness(at(12 + 901))).toMatchObject({ ready: false, reason: expect.stringContaining('longer than 900 s') });
    state.record(run(3, 1000, { outcome: 'refused', refusal: 'too many deletes' }));
    expect(state.readiness(at(1003))).toMatchObject({ ready: false }); // a refused run is not a completed one
  });

  it('keeps each account’s last applied change across runs, and since when it is skipped', () => {
    const state = new DaemonState(info);
    state.record(
      run(1, 0, {
        changes: [
          { change: { action: 'create', account: 'acme', clientId: 'acme_a' }, outcome: 'applied' },
          { change: { action: 'create', account: 'beta', clientId: 'beta_a' }, outcome: 'failed', error: { message: 'x', retryable: true } },
        ],
      }),
    );
    state.record(run(2, 60, { skippedAccounts: [{ account: 'beta', file: 'clients/beta.yaml', problems: 1 }], accounts: [account('acme'), account('beta', 'skipped')] }));
    state.record(run(3, 120, { skippedAccounts: [{ account: 'beta', file: 'clients/beta.yaml', problems: 1 }], accounts: [account('acme'), account('beta', 'skipped')] }));
    // A run that failed before planning leaves the accounts as they were.
    state.record(run(4, 180, { outcome: 'failed', accounts: null, failure: { stage: 'git', message: 'down', retryable: true } }));
    const status = state.status(at(200), idle, null) as { accounts: { account: string; lastChange: unknown; skipped: { since: string } | null }[]; accountsAsOf: { runId: number }; lastRun: { id: number }; lastSuccess: { id: number } };
    expect(status.lastRun.id).toBe(4);
    expect(status.lastSuccess.id).toBe(3);
    expect(status.accountsAsOf.runId).toBe(3);
    expect(status.accounts[0]).toMatchObject({ account: 'acme', lastChange: { action: 'create', clientId: 'acme_a', runId: 1 }, skipped: null });
    expect(status.accounts[1]).toMatchObject({ account: 'beta', lastChange: null, skipped: { since: at(60).toISOString() } });

    state.record(run(5, 240));
    const fixed = state.status(at(300), idle, null) as { accounts: { skipped: unknown }[] };
    expect(fixed.accounts[1]?.skipped).toBeNull();
  });
});
