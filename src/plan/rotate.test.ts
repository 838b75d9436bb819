import { describe, expect, it } from 'vitest';
import type { ClientSpec } from '../model/desired.js';
import type { LiveState } from '../model/live.js';
import { account, applyPlan, desired, live, liveMatching, NOW, plan, spec, unmanaged } from '../../test/support/plan-builders.js';
import { rotationState } from './rotation.js';

const at = (iso: string) => new Date(iso);
const ingest = (rotate: string, extra: Partial<ClientSpec> = {}) => spec('acme_ingest', { rotate, ...extra });
const planFor = (declared: ClientSpec, liveState: LiveState, now = NOW) =>
  plan(desired([account('acme', [declared])]), liveState, { now });
const rotations = (declared: ClientSpec, liveState: LiveState, now = NOW) =>
  planFor(declared, liveState, now).changes.filter((c) => c.action === 'rotate');

describe('rotate on an existing client', () => {
  it('rotates when rotate is in the past and none is recorded, recording the value as written', () => {
    const declared = ingest('2026-05-01T10:00:00+02:00');
    expect(planFor(declared, live([liveMatching(declared)])).changes).toEqual([
      {
        action: 'rotate',
        account: 'acme',
        clientId: 'acme_ingest',
        id: 'id-acme_ingest',
        rotateAt: '2026-05-01T10:00:00+02:00',
      },
    ]);
  });

  it('rotates when rotate equals now', () => {
    const declared = ingest(NOW.toISOString());
    expect(rotations(declared, live([liveMatching(declared)]))).toHaveLength(1);
  });

  it('schedules a rotate one millisecond after now', () => {
    const declared = ingest('2026-06-01T12:00:00.001Z');
    const result = planFor(declared, live([liveMatching(declared)]));
    expect(result.changes).toEqual([]);
    expect(result.scheduled).toEqual([
      { account: 'acme', clientId: 'acme_ingest', rotateAt: '2026-06-01T12:00:00.001Z' },
    ]);
  });

  it('does nothing when rotate equals the recorded rotated-at', () => {
    const declared = ingest('2026-05-01T00:00:00Z');
    expect(rotations(declared, live([liveMatching(declared, { rotatedAt: '2026-05-01T00:00:00Z' })]))).toEqual([]);
  });

  it('does nothing when rotate is earlier than the recorded rotated-at', () => {
    const declared = ingest('2026-04-01T00:00:00Z');
    expect(rotations(declared, live([liveMatching(declared, { rotatedAt: '2026-05-01T00:00:00Z' })]))).toEqual([]);
  });

  it('rotates when rotate is later than the recorded rotated-at', () => {
    const declared = ingest('2026-05-02T00:00:00Z');
    const current = liveMatching(declared, { rotatedAt: '2026-05-01T00:00:00Z' });
    expect(rotations(declared, live([current]))).toMatchObject([{ rotateAt: '2026-05-02T00:00:00Z' }]);
  });

  it('compares instants, not strings: the same instant in another zone is already honoured', () => {
    const declared = ingest('2026-05-01T11:00:00+02:00');
    const current = liveMatching(declared, { rotatedAt: '2026-05-01T09:00:00Z' });
    expect(rotations(declared, live([current]))).toEqual([]);
  });

  it('compares instants, not strings: a later instant that sorts earlier as text still rotates', () => {
    // 08:30-02:00 is 10:30Z, after the recorded 10:00Z, though "08:30" < "10:00" as strings.
    const declared = ingest('2026-05-01T08:30:00-02:00');
    const current = liveMatching(declared, { rotatedAt: '2026-05-01T10:00:00Z' });
    expect(rotations(declared, live([current]))).toHaveLength(1);
  });

  it('rotates again when the recorded value is not a timestamp (at-least-once, and the rewrite repairs it)', () => {
    const declared = ingest('2026-05-01T00:00:00Z');
    expect(rotations(declared, live([liveMatching(declared, { rotatedAt: 'garbage' })]))).toHaveLength(1);
  });

  it('lists an update before the rotation of the same client', () => {
    const declared = ingest('2026-05-01T00:00:00Z', { displayName: 'Ingest' });
    const result = planFor(declared, live([liveMatching(declared, { fields: { displayName: '' } })]));
    expect(result.changes.map((c) => c.action)).toEqual(['update', 'rotate']);
  });

  it('rotates an adopted client that has no recorded rotation', () => {
    const declared = ingest('2026-05-01T00:00:00Z', { adopt: true });
    const result = planFor(declared, live([unmanaged('acme_ingest')]));
    expect(result.changes.map((c) => c.action)).toEqual(['adopt', 'rotate']);
  });
});

describe('rotate on a client being created', () => {
  it('records a past rotate as honoured on the create and plans no separate rotation', () => {
    const result = planFor(ingest('2026-05-01T00:00:00Z'), live([]));
    expect(result.changes).toMatchObject([{ action: 'create', rotateAt: '2026-05-01T00:00:00Z' }]);
    expect(result.summary.rotate).toBe(0);
    expect(result.scheduled).toEqual([]);
  });

  it('creates without rotateAt and lists a future rotate as scheduled', () => {
    const result = planFor(ingest('2026-07-01T00:00:00Z'), live([]));
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]).not.toHaveProperty('rotateAt');
    expect(result.scheduled).toEqual([{ account: 'acme', clientId: 'acme_ingest', rotateAt: '2026-07-01T00:00:00Z' }]);
  });
});

describe('rotate across runs (plan, apply, plan again)', () => {
  it('is scheduled until the clock passes it, then honoured exactly once', () => {
    const declared = ingest('2026-07-01T00:00:00Z');
    const runs = [
      at('2026-06-01T00:00:00Z'),
      at('2026-06-30T23:59:59Z'),
      at('2026-07-01T00:00:00Z'),
      at('2026-07-01T00:05:00Z'),
      at('2026-08-01T00:00:00Z'),
    ];
    let state = live([]);
    const log: string[] = [];
    for (const now of runs) {
      const result = planFor(declared, state, now);
      log.push(
        [...result.changes.map((c) => c.action), ...result.scheduled.map(() => 'scheduled')].join('+') || 'nothing',
      );
      state = applyPlan(result, state);
    }
    expect(log).toEqual(['create+scheduled', 'scheduled', 'rotate', 'nothing', 'nothing']);
    expect(state.clients[0]?.rotatedAt).toBe('2026-07-01T00:00:00Z');
  });

  it('rotates once more when a later rotate is written, and not for an older one', () => {
    let state = live([]);
    const step = (rotate: string) => {
      const result = planFor(ingest(rotate), state);
      state = applyPlan(result, state);
      return result.changes.map((c) => (c.rotateAt === undefined ? c.action : `${c.action}@${c.rotateAt}`));
    };
    expect(step('2026-05-01T00:00:00Z')).toEqual(['create@2026-05-01T00:00:00Z']);
    expect(step('2026-05-01T00:00:00Z')).toEqual([]);
    expect(step('2026-05-20T00:00:00Z')).toEqual(['rotate@2026-05-20T00:00:00Z']);
    expect(step('2026-05-20T02:00:00+02:00')).toEqual([]);
    expect(step('2026-05-10T00:00:00Z')).toEqual([]);
  });
});

describe('rotationState', () => {
  const now = Date.parse('2026-06-01T12:00:00Z');
  it.each([
    ['2026-06-01T12:00:00Z', null, 'due'],
    ['2026-06-01T12:00:01Z', null, 'scheduled'],
    ['2026-06-01T12:00:01Z', '2026-06-01T13:00:00Z', 'scheduled'],
    ['2026-05-01T00:00:00Z', '2026-05-01T00:00:00Z', 'honoured'],
    ['2026-05-01T00:00:00Z', '2026-05-01T00:00:00.001Z', 'honoured'],
    ['2026-05-01T00:00:00.001Z', '2026-05-01T00:00:00Z', 'due'],
  ] as const)('rotate %s with recorded %s is %s', (rotate, recorded, expected) => {
    expect(rotationState(Date.parse(rotate), now, recorded)).toBe(expected);
  });
});
