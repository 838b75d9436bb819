import { describe, expect, it } from 'vitest';
import type { ChangeOutcome } from '../apply/outcome.js';
import type { Problem } from '../model/problem.js';
import { account, builtIns, desired, invalidAccount, live, liveClient, liveMatching, NOW, plan, spec, unmanaged } from '../../test/support/plan-builders.js';
import { accessUrl, buildSnapshot, type ViewInputs } from './build-view.js';

const problem = (file: string, line: number, severity: Problem['severity'] = 'error'): Problem => ({ file, line, column: 5, rule: 'url', severity, message: `bad at ${line}` });

function inputs(d: ViewInputs['desired'], l: ReturnType<typeof live>, extra: Partial<ViewInputs> = {}): ViewInputs {
  return {
    runId: 7,
    startedAt: NOW,
    endedAt: new Date(NOW.getTime() + 2000),
    revision: 'abc123',
    desired: d,
    live: l.clients,
    plan: plan(d, l),
    problems: [],
    outcomes: [],
    refusal: null,
    ...extra,
  };
}

describe('buildSnapshot', () => {
  const reporting = spec('acme_reporting', { description: 'Reports', scopes: ['datahub-api'], rotate: '2026-09-01T00:00:00Z' });
  const ingest = spec('acme_ingest', { displayName: 'Ingest' });
  const fresh = spec('acme_new');
  const d = desired([account('acme', [reporting, ingest, fresh]), invalidAccount('beta', 2)], { clientLimits: { acme: 8 } });
  const l = live([
    ...builtIns(),
    liveMatching(reporting, { revision: 'r1', rotatedAt: '2026-01-01T00:00:00Z' }),
    liveClient('acme_ingest', { fields: { displayName: 'Old name', description: 'x' } }),
    liveClient('acme_gone'),
    liveClient('beta_kept', { fields: { description: 'frozen one' } }),
  ]);

  it('shows what a refused run left to do: drift with fields, to be created, to be deleted, a scheduled rotation, a skipped account with its reason', () => {
    const snap = buildSnapshot(inputs(d, l, { refusal: 'would delete 1 client, above --max-deletes 0', problems: [problem('clients/beta.yaml', 3), problem('clients/beta.yaml', 9, 'warning'), problem('clients/acme.yaml', 4, 'warning')] }));
    expect(snap.accounts.map((a) => [a.account, a.state])).toEqual([
      ['acme', 'drift'],
      ['beta', 'skipped'],
    ]);
    const acme = snap.accounts[0]!;
    expect(acme.clientLimit).toBe(8);
    expect(acme.clientsUsed).toBe(3);
    const byId = Object.fromEntries(acme.clients.map((c) => [c.clientId, c]));
    expect(byId['acme_ingest']).toMatchObject({ state: 'drift', driftFields: ['displayName', 'description'], failed: false });
    expect(byId['acme_ingest']!.problem).toContain('the run was refused');
    expect(byId['acme_new']).toMatchObject({ state: 'to-create', revision: null });
    expect(byId['acme_gone']).toMatchObject({ state: 'to-delete' });
    expect(byId['acme_reporting']).toMatchObject({ state: 'in-sync', nextRotation: '2026-09-01T00:00:00Z', lastRotation: '2026-01-01T00:00:00Z', revision: 'r1', description: 'Reports', scopes: ['datahub-api'] });
    expect(acme.problems.map((p) => `${p.file}:${p.line}`)).toEqual(['clients/acme.yaml:4']);

    const beta = snap.accounts[1]!;
    expect(beta.reason).toMatch(/clients\/beta\.yaml has 2 errors/);
    expect(beta.clients).toEqual([expect.objectContaining({ clientId: 'beta_kept', state: 'frozen', description: 'frozen one' })]);
    expect(beta.problems.map((p) => [p.line, p.severity])).toEqual([
      [3, 'error'],
      [9, 'warning'],
    ]);
    expect(snap).toMatchObject({ runId: 7, revision: 'abc123', refusal: expect.stringContaining('max-deletes') });
  });

  it('after an apply: applied changes are in sync with this revision; a failed one says why and makes the account failing', () => {
    const p = plan(d, l);
    const outcomes: ChangeOutcome[] = p.changes.map((c) =>
      c.clientId === 'acme_new' ? { change: c, outcome: 'failed', error: { message: 'Keycloak answered 500', retryable: true } } : { change: c, outcome: 'applied' },
    );
    const snap = buildSnapshot(inputs(d, l, { outcomes }));
    const acme = snap.accounts.find((a) => a.account === 'acme')!;
    const byId = Object.fromEntries(acme.clients.map((c) => [c.clientId, c]));
    expect(acme.state).toBe('failing');
    expect(byId['acme_new']).toMatchObject({ state: 'to-create', failed: true, problem: 'create failed: Keycloak answered 500' });
    expect(byId['acme_ingest']).toMatchObject({ state: 'in-sync', revision: 'abc123' });
    expect(byId['acme_gone']).toBeUndefined();
  });

  it('a conflict is shown with its message; a due rotation that did not happen is shown as due', () => {
    const due = spec('acme_due', { rotate: '2026-05-01T00:00:00Z' });
    const d2 = desired([account('acme', [spec('acme_taken'), due])]);
    const l2 = live([unmanaged('acme_taken'), liveMatching(due, { rotatedAt: '2026-01-01T00:00:00Z' })]);
    const snap = buildSnapshot(inputs(d2, l2, { refusal: 'refused' }));
    const byId = Object.fromEntries(snap.accounts[0]!.clients.map((c) => [c.clientId, c]));
    expect(byId['acme_taken']).toMatchObject({ state: 'conflict' });
    expect(byId['acme_taken']!.problem).toMatch(/adopt/);
    expect(byId['acme_due']).toMatchObject({ rotationDue: '2026-05-01T00:00:00Z' });
    expect(snap.accounts[0]!.state).toBe('failing');
  });

  it('an account whose file was removed still shows its clients to be deleted', () => {
    const d3 = desired([account('acme', [])]);
    const l3 = live([liveClient('zeta_one')]);
    const snap = buildSnapshot(inputs(d3, l3));
    expect(snap.accounts.map((a) => [a.account, a.state, a.clients.map((c) => c.state)])).toEqual([
      ['acme', 'in-sync', []],
      ['zeta', 'pending', ['to-delete']],
    ]);
  });

  it('holds no field beyond those the view names (nothing spread from the models)', () => {
    const snap = buildSnapshot(inputs(d, l));
    const keys = new Set(snap.accounts.flatMap((a) => a.clients.flatMap((c) => Object.keys(c))));
    expect([...keys].sort()).toEqual(
      ['accessUrl', 'capabilities', 'clientId', 'description', 'displayName', 'driftFields', 'failed', 'lastRotation', 'nextRotation', 'pendingDelivery', 'problem', 'revision', 'rotationDue', 'scopes', 'state'].sort(),
    );
  });
});

describe('pending secret delivery', () => {
  const ingest = spec('acme_ingest');
  const other = spec('acme_other');
  const d = desired([account('acme', [ingest, other])]);
  const l = live([liveMatching(ingest), liveMatching(other)]);
  const owed = { account: 'acme', clientId: 'acme_ingest', id: 'id-ingest', pending: { at: '2026-11-01T00:00:00Z', reason: 'rotated' as const, targets: ['files', 'vault'] } };

  it('shows what a client still owes after the run: owed before, less what it delivered, plus what failed', () => {
    const planned = { ...plan(d, l), pendingDeliveries: [owed] };
    const snap = buildSnapshot(
      inputs(d, l, {
        plan: planned,
        deliveries: [
          { account: 'acme', clientId: 'acme_ingest', target: 'files', reason: 'rotated', since: '2026-11-01T00:00:00Z', outcome: 'delivered' },
          { account: 'acme', clientId: 'acme_ingest', target: 'vault', reason: 'rotated', since: '2026-11-01T00:00:00Z', outcome: 'failed', error: 'vault: exit 2' },
        ],
      }),
    );
    const [acme] = snap.accounts;
    expect(acme?.clients.find((c) => c.clientId === 'acme_ingest')?.pendingDelivery).toEqual({ targets: ['vault'], since: '2026-11-01T00:00:00Z', failed: true });
    expect(acme?.clients.find((c) => c.clientId === 'acme_other')?.pendingDelivery).toBeNull();
  });

  it('shows nothing once every target has it', () => {
    const planned = { ...plan(d, l), pendingDeliveries: [owed] };
    const delivered = (target: string) => ({ account: 'acme', clientId: 'acme_ingest', target, reason: 'rotated' as const, since: owed.pending.at, outcome: 'delivered' as const });
    const snap = buildSnapshot(inputs(d, l, { plan: planned, deliveries: [delivered('files'), delivered('vault')] }));
    expect(snap.accounts[0]?.clients.every((c) => c.pendingDelivery === null)).toBe(true);
  });
});

describe('accessUrl', () => {
  it('resolves a relative home URL against the root URL as Keycloak does', () => {
    expect(accessUrl('https://a.example/', '/dash')).toBe('https://a.example/dash');
    expect(accessUrl('https://a.example', '')).toBe('https://a.example');
    expect(accessUrl('', 'https://b.example/x')).toBe('https://b.example/x');
  });
});
