import { describe, expect, it } from 'vitest';
import { KeycloakRefusedError, KeycloakUnavailableError } from '../model/errors.js';
import type { Change } from '../model/plan.js';
import { applyPlan, type ApplyDeps, type ApplyPolicy } from './apply-plan.js';
import { FakeKeycloak } from '../../test/support/fake-keycloak.js';
import { RecordingSink, RecordingTarget, sinkOf } from '../../test/support/fake-sink.js';
import { NONE_SINK } from './secret-sink.js';
import { adopt, create, del, fields, liveClient, plan, REALM, rotate, update } from '../../test/support/apply-builders.js';

/** What the planner would list for this client now (its marker, as the fake holds it). */
function owed(keycloak: FakeKeycloak, clientId: string) {
  const client = keycloak.client(clientId);
  if (client?.pendingDelivery === undefined) return [];
  return [{ account: 'acme', clientId, id: client.id, pending: client.pendingDelivery }];
}

function setup(seeded: readonly string[] = [], options: { unmanaged?: readonly string[] } = {}) {
  const keycloak = new FakeKeycloak(REALM);
  for (const clientId of seeded) keycloak.seed(liveClient(clientId));
  for (const clientId of options.unmanaged ?? []) {
    keycloak.seed(liveClient(clientId, { managed: false, account: null, revision: null }));
  }
  const sink = new RecordingSink();
  // The policy's two parts are overridden like the other deps: deps({ sink }), deps({ concurrency: 2 }).
  const deps = ({ sink: policySink = sink, concurrency = 8, ...overrides }: Partial<ApplyDeps & ApplyPolicy> = {}): ApplyDeps => ({
    keycloak,
    policy: { sink: policySink, concurrency },
    revision: 'rev-1',
    live: keycloak.liveState(),
    managedScopes: ['datahub-api', 'push-data'],
    now: () => AT,
    ...overrides,
  });
  return { keycloak, sink, deps };
}

const AT = new Date('2026-06-01T12:00:00Z');
const owing = (targets: string[], reason: 'created' | 'rotated' = 'created', at = '2026-05-30T08:00:00.000Z') => ({ at, reason, targets });

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('applyPlan', () => {
  it('executes every action and reports each outcome in the plan order, with counts', async () => {
    const { keycloak, sink, deps } = setup(['acme_c', 'acme_d'], { unmanaged: ['acme_b'] });
    const changes: Change[] = [create('acme_a'), adopt('acme_b'), update('acme_c'), rotate('acme_c'), del('acme_d')];

    const report = await applyPlan(plan(changes), deps());

    expect(report.outcomes).toEqual(
      changes.map((c) => ({ change: { action: c.action, account: c.account, clientId: c.clientId }, outcome: 'applied' })),
    );
    expect(report).toMatchObject({ realm: REALM, revision: 'rev-1', applied: 5, failed: 0, ok: true });
    expect(report.counts).toEqual({
      create: { applied: 1, failed: 0 },
      adopt: { applied: 1, failed: 0 },
      update: { applied: 1, failed: 0 },
      rotate: { applied: 1, failed: 0 },
      delete: { applied: 1, failed: 0 },
    });
    expect(keycloak.client('acme_a')).toMatchObject({ managed: true, account: 'acme', revision: 'rev-1' });
    expect(keycloak.client('acme_b')).toMatchObject({ managed: true, account: 'acme', fields: { description: 'updated' } });
    expect(keycloak.client('acme_c')).toMatchObject({ rotatedAt: '2026-05-01T00:00:00Z', fields: { description: 'updated' } });
    expect(keycloak.client('acme_d')).toBeUndefined();
    expect(sink.received.map((d) => [d.clientId, d.reason])).toEqual([
      ['acme_a', 'created'],
      ['acme_c', 'rotated'],
    ]);
  });

  it('writes the markers: account and revision on create and update, the honoured rotate on create', async () => {
    const { keycloak, deps } = setup(['acme_c']);
    await applyPlan(plan([create('acme_a', { rotateAt: '2026-01-01T00:00:00Z' }), update('acme_c')]), deps());
    const markers = keycloak.calls.map((c) => [c.method, c.markers]);
    expect(markers).toContainEqual([
      'createClient',
      { account: 'acme', revision: 'rev-1', rotatedAt: '2026-01-01T00:00:00Z', pendingDelivery: { at: AT.toISOString(), reason: 'created', targets: ['recorder'] } },
    ]);
    expect(markers).toContainEqual(['updateClient', { account: 'acme', revision: 'rev-1' }]);
  });

  it('tells create and update which scopes clientsync manages (the ones they may unlink)', async () => {
    const { keycloak, deps } = setup(['acme_c']);
    await applyPlan(plan([create('acme_a'), update('acme_c')]), deps({ managedScopes: ['push-data'] }));
    const writes = keycloak.calls.filter((c) => c.method === 'createClient' || c.method === 'updateClient');
    expect(writes.map((c) => [c.method, c.managedScopes])).toEqual([
      ['createClient', ['push-data']],
      ['updateClient', ['push-data']],
    ]);
  });

  it('starts deletes only after every other change has finished', async () => {
    const { keycloak, deps } = setup(['acme_c', 'acme_d', 'acme_e']);
    // The writes are slow; the deletes would overtake them if they were not held back.
    keycloak.gate = async (call) => {
      if (call.method !== 'deleteClient') for (let i = 0; i < 20; i++) await tick();
    };
    const report = await applyPlan(plan([create('acme_a'), del('acme_d'), update('acme_c'), del('acme_e'), rotate('acme_c')]), deps());

    expect(report.ok).toBe(true);
    const methods = keycloak.calls.map((c) => c.method);
    const firstDelete = methods.indexOf('deleteClient');
    expect(firstDelete).toBe(methods.length - 2);
    expect(methods.slice(firstDelete)).toEqual(['deleteClient', 'deleteClient']);
  });

  it('runs one client’s changes in order: update, then regenerate, record with the pending marker, deliver, clear the marker', async () => {
    const { keycloak, sink, deps } = setup(['acme_c']);
    const seenAtDelivery: string[][] = [];
    sink.onDeliver = (d) => seenAtDelivery.push(keycloak.callsFor(d.clientId));

    await applyPlan(plan([update('acme_c'), rotate('acme_c')]), deps());

    expect(keycloak.callsFor('acme_c')).toEqual(['updateClient', 'regenerateSecret', 'recordRotation', 'recordRotation']);
    expect(seenAtDelivery).toEqual([['updateClient', 'regenerateSecret', 'recordRotation']]);
    // The rotation writes back what the update just wrote, not the stale live fields.
    const [record, cleared] = keycloak.calls.filter((c) => c.method === 'recordRotation');
    expect(record?.fields).toEqual(update('acme_c').desired);
    expect(record?.markers).toEqual({
      account: 'acme',
      revision: 'rev-1',
      rotatedAt: '2026-05-01T00:00:00Z',
      pendingDelivery: { at: AT.toISOString(), reason: 'rotated', targets: ['recorder'] },
    });
    expect(cleared?.markers).toEqual({ account: 'acme', revision: null, pendingDelivery: null });
    expect(keycloak.client('acme_c')?.pendingDelivery).toBeUndefined();
  });

  it('a rotation on its own writes back the live fields', async () => {
    const { keycloak, deps } = setup();
    const liveFields = fields({ displayName: 'Live name', scopes: ['push-data'] });
    keycloak.seed(liveClient('acme_r', { fields: liveFields }));
    await applyPlan(plan([rotate('acme_r')]), deps({ live: keycloak.liveState() }));
    expect(keycloak.calls.find((c) => c.method === 'recordRotation')?.fields).toEqual(liveFields);
  });

  it('delivers the new secret of a created and of a rotated client to the sink', async () => {
    const { keycloak, sink, deps } = setup(['acme_r']);
    const before = keycloak.currentSecret('acme_r');
    await applyPlan(plan([create('acme_a'), rotate('acme_r')]), deps());

    const delivered = new Map(sink.received.map((d) => [d.clientId, d]));
    expect(delivered.get('acme_a')).toMatchObject({ realm: REALM, accountId: 'acme', reason: 'created', revision: 'rev-1', at: AT.toISOString() });
    expect(delivered.get('acme_a')?.secret.reveal()).toBe(keycloak.currentSecret('acme_a'));
    expect(delivered.get('acme_r')).toMatchObject({ realm: REALM, reason: 'rotated' });
    expect(delivered.get('acme_r')?.secret.reveal()).toBe(keycloak.currentSecret('acme_r'));
    expect(keycloak.currentSecret('acme_r')).not.toBe(before);
  });

  it('with the none sink never reads a secret', async () => {
    const { keycloak, deps } = setup(['acme_r']);
    const report = await applyPlan(plan([create('acme_a'), rotate('acme_r')]), deps({ sink: NONE_SINK }));
    expect(report.ok).toBe(true);
    expect(keycloak.calls.map((c) => c.method)).not.toContain('getSecret');
    expect(keycloak.callsFor('acme_r')).toEqual(['regenerateSecret', 'recordRotation']);
  });

  it('respects the concurrency bound and uses it', async () => {
    for (const bound of [1, 3, 8]) {
      const { keycloak, deps } = setup();
      const pending: (() => void)[] = [];
      keycloak.gate = () => new Promise<void>((resolve) => pending.push(resolve));
      const changes = Array.from({ length: 20 }, (_, i) => create(`acme_c${String(i).padStart(2, '0')}`));

      let done = false;
      const run = applyPlan(plan(changes), deps({ concurrency: bound, sink: NONE_SINK })).finally(() => {
        done = true;
      });
      while (!done) {
        for (let i = 0; i < 5; i++) await tick();
        expect(keycloak.inFlight).toBeLessThanOrEqual(bound);
        for (const release of pending.splice(0)) release();
      }
      const report = await run;
      expect(report.applied).toBe(20);
      expect(keycloak.maxInFlight).toBe(bound);
    }
  });

  it('counts a client, not a call, against the bound: one client’s steps hold one slot', async () => {
    const { keycloak, deps } = setup(['acme_a', 'acme_b', 'acme_c']);
    keycloak.gate = async () => {
      for (let i = 0; i < 3; i++) await tick();
    };
    const changes = ['acme_a', 'acme_b', 'acme_c'].flatMap((id) => [update(id), rotate(id)]);
    await applyPlan(plan(changes), deps({ concurrency: 2 }));
    expect(keycloak.maxInFlight).toBe(2);
  });

  it('does not let one failure stop the others, and describes each failure', async () => {
    const { keycloak, deps } = setup(['acme_b', 'acme_d', 'acme_e']);
    keycloak.fail('updateClient', 'acme_b', new KeycloakRefusedError('Keycloak refused: invalid redirect URI (400)', 400, 'invalid'));
    keycloak.fail('createClient', 'acme_c', new KeycloakUnavailableError('Keycloak answered 503 after 4 tries', 503));
    keycloak.fail('deleteClient', 'acme_d', new KeycloakUnavailableError('connection reset', null));
    keycloak.fail('deleteClient', 'acme_e', new TypeError('boom'));
    const changes = [create('acme_a'), update('acme_b'), create('acme_c'), del('acme_d'), del('acme_e'), create('acme_f')];

    const report = await applyPlan(plan(changes), deps());

    expect(report.outcomes.map((o) => [o.change.clientId, o.outcome, o.error])).toEqual([
      ['acme_a', 'applied', undefined],
      ['acme_b', 'failed', { message: 'Keycloak refused: invalid redirect URI (400)', status: 400, retryable: false }],
      ['acme_c', 'failed', { message: 'Keycloak answered 503 after 4 tries', status: 503, retryable: true }],
      ['acme_d', 'failed', { message: 'connection reset', retryable: true }],
      ['acme_e', 'failed', { message: 'boom', retryable: false }],
      ['acme_f', 'applied', undefined],
    ]);
    expect(report).toMatchObject({ applied: 2, failed: 4, ok: false });
    expect(report.counts.create).toEqual({ applied: 2, failed: 1 });
    expect(report.counts.delete).toEqual({ applied: 0, failed: 2 });
    expect(keycloak.client('acme_f')).toBeDefined();
  });

  it('still rotates after a failed update of the same client, writing back the live fields', async () => {
    const { keycloak, deps } = setup(['acme_c']);
    keycloak.fail('updateClient', 'acme_c', new KeycloakRefusedError('refused (400)', 400, null));
    const report = await applyPlan(plan([update('acme_c'), rotate('acme_c')]), deps());
    expect(report.outcomes.map((o) => o.outcome)).toEqual(['failed', 'applied']);
    expect(keycloak.calls.find((c) => c.method === 'recordRotation')?.fields).toEqual(liveClient('acme_c').fields);
  });

  describe('rotation happens once per rotate value; delivery is at least once', () => {
    // #12 item 1: a broken target used to rotate the secret again on every run.
    it('when delivery fails: the rotation is recorded, the delivery stays pending, and later runs deliver without rotating again', async () => {
      const { keycloak, sink, deps } = setup(['acme_r']);
      sink.failure = new Error('EACCES: permission denied');
      const first = await applyPlan(plan([rotate('acme_r')]), deps());
      expect(first.outcomes[0]).toMatchObject({ outcome: 'applied' });
      expect(first.deliveries).toEqual([
        expect.objectContaining({ clientId: 'acme_r', target: 'recorder', outcome: 'failed', reason: 'rotated', since: AT.toISOString() }),
      ]);
      expect(first.deliveries[0]?.error).toContain('EACCES: permission denied');
      expect(first.deliveries[0]?.error).toContain('stays pending');
      expect(first).toMatchObject({ ok: false, failed: 0, deliveriesFailed: 1 });
      expect(keycloak.client('acme_r')).toMatchObject({ rotatedAt: '2026-05-01T00:00:00Z', pendingDelivery: { reason: 'rotated', targets: ['recorder'] } });
      const secret = keycloak.currentSecret('acme_r');

      // Later runs plan afresh: no rotation (it is recorded), the secret is owed; still failing.
      for (let run = 0; run < 3; run++) {
        const again = await applyPlan(plan([], { pendingDeliveries: owed(keycloak, 'acme_r') }), deps({ live: keycloak.liveState() }));
        expect(again.deliveriesFailed).toBe(1);
      }
      expect(keycloak.calls.filter((c) => c.method === 'regenerateSecret')).toHaveLength(1);
      expect(keycloak.currentSecret('acme_r')).toBe(secret);

      sink.failure = undefined;
      const fixed = await applyPlan(plan([], { pendingDeliveries: owed(keycloak, 'acme_r') }), deps({ live: keycloak.liveState() }));
      expect(fixed.ok).toBe(true);
      expect(sink.received.map((d) => [d.secret.reveal(), d.reason, d.at])).toEqual([[secret, 'rotated', AT.toISOString()]]);
      expect(keycloak.client('acme_r')?.pendingDelivery).toBeUndefined();
      expect(keycloak.calls.filter((c) => c.method === 'regenerateSecret')).toHaveLength(1);
    });

    it('when regeneration fails: nothing is delivered or recorded', async () => {
      const { keycloak, sink, deps } = setup(['acme_r']);
      keycloak.fail('regenerateSecret', 'acme_r', new KeycloakUnavailableError('Keycloak answered 502', 502));
      const report = await applyPlan(plan([rotate('acme_r')]), deps());
      expect(report.outcomes[0]?.error).toMatchObject({ status: 502, retryable: true });
      expect(report.outcomes[0]?.error?.message).toMatch(/^regenerating the secret failed: Keycloak answered 502\./);
      expect(sink.received).toEqual([]);
      expect(keycloak.callsFor('acme_r')).toEqual(['regenerateSecret']);
    });

    it('when recording fails: nothing is delivered, and the failure says the next run rotates again', async () => {
      const { keycloak, sink, deps } = setup(['acme_r']);
      keycloak.fail('recordRotation', 'acme_r', new KeycloakUnavailableError('Keycloak answered 500', 500));
      const report = await applyPlan(plan([rotate('acme_r')]), deps());
      expect(sink.received).toHaveLength(0);
      expect(report.outcomes[0]?.error).toMatchObject({ status: 500, retryable: true });
      expect(report.outcomes[0]?.error?.message).toContain('`clientsync secret get acme_r`');
      expect(report.outcomes[0]?.error?.message).toContain('The next run rotates again');
    });

    it('a rotation while a delivery is pending supersedes it: only the new secret is delivered', async () => {
      const { keycloak, sink, deps } = setup();
      keycloak.seed(liveClient('acme_r', { pendingDelivery: owing(['recorder'], 'created') }));
      const report = await applyPlan(plan([rotate('acme_r')]), deps({ live: keycloak.liveState() }));
      expect(report.ok).toBe(true);
      expect(sink.received.map((d) => [d.reason, d.secret.reveal()])).toEqual([['rotated', keycloak.currentSecret('acme_r')]]);
      expect(keycloak.client('acme_r')?.pendingDelivery).toBeUndefined();
    });

    it('a rotation with no target configured clears an older undelivered marker (that secret no longer works)', async () => {
      const { keycloak, deps } = setup();
      keycloak.seed(liveClient('acme_r', { pendingDelivery: owing(['vault'], 'created') }));
      await applyPlan(plan([rotate('acme_r')]), deps({ live: keycloak.liveState(), sink: NONE_SINK }));
      expect(keycloak.calls.find((c) => c.method === 'recordRotation')?.markers?.pendingDelivery).toBeNull();
      expect(keycloak.client('acme_r')?.pendingDelivery).toBeUndefined();
    });
  });

  describe('secrets owed from earlier runs', () => {
    it('two targets, one failing: the other is not repeated, the failing one is retried until it takes the secret', async () => {
      const good = new RecordingTarget('good');
      const bad = new RecordingTarget('bad');
      bad.failure = new Error('exit code 3');
      const { keycloak, deps } = setup();
      const sink = sinkOf(good, bad);
      const first = await applyPlan(plan([create('acme_a')]), deps({ sink }));
      expect(first.deliveries.map((d) => [d.target, d.outcome])).toEqual([
        ['bad', 'failed'],
        ['good', 'delivered'],
      ]);
      expect(keycloak.client('acme_a')?.pendingDelivery).toEqual({ at: AT.toISOString(), reason: 'created', targets: ['bad'] });

      const second = await applyPlan(plan([], { pendingDeliveries: owed(keycloak, 'acme_a') }), deps({ sink, live: keycloak.liveState() }));
      expect(second.deliveries.map((d) => [d.target, d.outcome])).toEqual([['bad', 'failed']]);
      bad.failure = undefined;
      const third = await applyPlan(plan([], { pendingDeliveries: owed(keycloak, 'acme_a') }), deps({ sink, live: keycloak.liveState() }));
      expect(third.deliveries.map((d) => [d.target, d.outcome])).toEqual([['bad', 'delivered']]);
      expect(good.received).toHaveLength(1);
      expect(bad.received.map((d) => d.secret.reveal())).toEqual([keycloak.currentSecret('acme_a')]);
      expect(keycloak.client('acme_a')?.pendingDelivery).toBeUndefined();
    });

    it('delivers an owed secret after the client’s update, writing back the updated fields with the marker', async () => {
      const { keycloak, sink, deps } = setup();
      keycloak.seed(liveClient('acme_c', { pendingDelivery: owing(['recorder']) }));
      const report = await applyPlan(plan([update('acme_c')], { pendingDeliveries: owed(keycloak, 'acme_c') }), deps({ live: keycloak.liveState() }));
      expect(report.ok).toBe(true);
      expect(keycloak.callsFor('acme_c')).toEqual(['updateClient', 'getSecret', 'recordRotation']);
      expect(keycloak.calls.at(-1)?.fields).toEqual(update('acme_c').desired);
      expect(sink.received.map((d) => [d.reason, d.at, d.revision])).toEqual([['created', '2026-05-30T08:00:00.000Z', 'rev-0']]);
    });

    it('a target added later is not owed an older secret; a marker naming a target not configured here is kept', async () => {
      const { keycloak, sink, deps } = setup();
      keycloak.seed(liveClient('acme_c', { pendingDelivery: owing(['elsewhere']) }));
      const report = await applyPlan(plan([], { pendingDeliveries: owed(keycloak, 'acme_c') }), deps({ live: keycloak.liveState() }));
      expect(report.deliveries).toEqual([]);
      expect(sink.received).toEqual([]);
      expect(keycloak.calls).toEqual([]);
      expect(keycloak.client('acme_c')?.pendingDelivery).toEqual(owing(['elsewhere']));
    });

    it('an unreadable marker owes every configured target', async () => {
      const { keycloak, sink, deps } = setup();
      keycloak.seed(liveClient('acme_c', { pendingDelivery: { at: '', reason: 'rotated', targets: [], unreadable: true } }));
      const report = await applyPlan(plan([], { pendingDeliveries: owed(keycloak, 'acme_c') }), deps({ live: keycloak.liveState() }));
      expect(report.deliveries.map((d) => [d.target, d.outcome])).toEqual([['recorder', 'delivered']]);
      expect(sink.received).toHaveLength(1);
      expect(keycloak.client('acme_c')?.pendingDelivery).toBeUndefined();
    });

    it('with no target configured, owed secrets are left alone', async () => {
      const { keycloak, deps } = setup();
      keycloak.seed(liveClient('acme_c', { pendingDelivery: owing(['recorder']) }));
      const report = await applyPlan(plan([], { pendingDeliveries: owed(keycloak, 'acme_c') }), deps({ live: keycloak.liveState(), sink: NONE_SINK }));
      expect(report).toMatchObject({ ok: true, deliveries: [] });
      expect(keycloak.calls).toEqual([]);
    });

    it('a failed marker write after a delivery reports it, so the next run delivers again', async () => {
      const { keycloak, sink, deps } = setup();
      keycloak.seed(liveClient('acme_c', { pendingDelivery: owing(['recorder']) }));
      keycloak.fail('recordRotation', 'acme_c', new KeycloakUnavailableError('Keycloak answered 503', 503));
      const report = await applyPlan(plan([], { pendingDeliveries: owed(keycloak, 'acme_c') }), deps({ live: keycloak.liveState() }));
      expect(sink.received).toHaveLength(1);
      expect(report.deliveries[0]).toMatchObject({ outcome: 'failed' });
      expect(report.deliveries[0]?.error).toContain('the next run delivers it again');
      expect(keycloak.client('acme_c')?.pendingDelivery).toEqual(owing(['recorder']));
    });
  });

  it('tells targets of a deleted client, so a file target removes its file', async () => {
    const { sink, deps } = setup(['acme_d']);
    const report = await applyPlan(plan([del('acme_d')]), deps());
    expect(report.ok).toBe(true);
    expect(sink.forgotten).toEqual(['acme_d']);
  });

  it('a created client whose secret could not be delivered is created; the delivery fails and stays pending', async () => {
    const { keycloak, sink, deps } = setup();
    sink.failure = new Error('ENOSPC: no space left on device');
    const report = await applyPlan(plan([create('acme_a')]), deps());
    expect(keycloak.client('acme_a')).toBeDefined();
    expect(report.outcomes[0]?.outcome).toBe('applied');
    expect(report.deliveries[0]).toMatchObject({ clientId: 'acme_a', outcome: 'failed', reason: 'created' });
    expect(report.ok).toBe(false);
    // The create body itself carried the marker: a crash before the delivery loses nothing.
    expect(keycloak.calls.find((c) => c.method === 'createClient')?.markers?.pendingDelivery).toEqual({ at: AT.toISOString(), reason: 'created', targets: ['recorder'] });
    expect(keycloak.client('acme_a')?.pendingDelivery?.targets).toEqual(['recorder']);
  });

  it('never puts a secret into the report', async () => {
    const { keycloak, sink, deps } = setup(['acme_c', 'acme_r', 'acme_s']);
    // A sink error that carries the secret object: it must still not leak into the report.
    sink.onDeliver = (d) => {
      if (d.clientId === 'acme_s') sink.failure = new Error(`could not write ${String(d.secret)}`);
    };
    keycloak.fail('recordRotation', 'acme_r', new KeycloakUnavailableError('Keycloak answered 500', 500));
    const report = await applyPlan(plan([create('acme_a'), update('acme_c'), rotate('acme_c'), rotate('acme_r'), rotate('acme_s')]), deps());

    expect(report.failed).toBeGreaterThan(0);
    const json = JSON.stringify(report);
    expect(keycloak.issuedSecrets.length).toBeGreaterThan(3);
    for (const secret of keycloak.issuedSecrets) expect(json).not.toContain(secret);
  });

  it('fails a change whose client is missing from the live state, without calling Keycloak for it', async () => {
    const { keycloak, deps } = setup();
    const report = await applyPlan(plan([update('acme_x'), rotate('acme_y')]), deps());
    expect(report.outcomes.map((o) => o.outcome)).toEqual(['failed', 'failed']);
    expect(report.outcomes[0]?.error?.message).toContain('not in the live state');
    expect(keycloak.calls).toEqual([]);
  });

  it('refuses to run with another realm or a bad bound, before any call', async () => {
    const { keycloak, deps } = setup(['acme_d']);
    const deletes = plan([del('acme_d')]);
    await expect(applyPlan(deletes, deps({ realm: 'other' }))).rejects.toThrow(/realm/);
    await expect(applyPlan(deletes, deps({ live: { realm: 'other', clients: [] } }))).rejects.toThrow(/realm/);
    await expect(applyPlan(deletes, deps({ concurrency: 0 }))).rejects.toThrow(RangeError);
    await expect(applyPlan(deletes, deps({ concurrency: 1.5 }))).rejects.toThrow(RangeError);
    expect(keycloak.calls).toEqual([]);
  });

  it('reports an empty plan as ok', async () => {
    const { keycloak, deps } = setup();
    const report = await applyPlan(plan([]), deps());
    expect(report).toMatchObject({ outcomes: [], applied: 0, failed: 0, ok: true });
    expect(keycloak.calls).toEqual([]);
  });
});
