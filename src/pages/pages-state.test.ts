import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../daemon/run-record.js';
import { MAX_RUNS, PagesState } from './pages-state.js';

function run(id: number, partial: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    trigger: 'schedule',
    triggers: 1,
    startedAt: new Date(Date.UTC(2026, 0, 1, 0, id)),
    endedAt: new Date(Date.UTC(2026, 0, 1, 0, id, 2)),
    revision: `rev-${id}`,
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
    managedClients: 0,
    accounts: [],
    pages: { runId: id, revision: `rev-${id}`, realm: 'insights', readAt: '', endedAt: '', refusal: null, accounts: [] },
    ...partial,
  };
}

describe('PagesState', () => {
  it('keeps the last snapshot through failed runs, the newest runs first (bounded), and when each account last changed', () => {
    const state = new PagesState();
    state.record(run(1, { changes: [{ change: { action: 'create', account: 'acme', clientId: 'acme_a' }, outcome: 'applied' }, { change: { action: 'create', account: 'beta', clientId: 'beta_a' }, outcome: 'failed' }] }));
    state.record(run(2, { outcome: 'failed', pages: null, failure: { stage: 'git', message: 'unreachable', retryable: true } }));
    expect(state.snapshot?.runId).toBe(1);
    expect(state.runs.map((r) => [r.id, r.outcome, r.message])).toEqual([
      [2, 'failed', 'git: unreachable'],
      [1, 'success', null],
    ]);
    expect(state.lastApplied('acme')).toMatchObject({ runId: 1, revision: 'rev-1' });
    expect(state.lastApplied('beta')).toBeNull();
    for (let i = 3; i < 3 + MAX_RUNS; i++) state.record(run(i));
    expect(state.runs).toHaveLength(MAX_RUNS);
    expect(state.runs[0]!.id).toBe(2 + MAX_RUNS);
  });
});
