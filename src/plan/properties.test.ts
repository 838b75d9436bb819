// Properties of the planner over many small, messy states: determinism, convergence after an
// apply, exactly-once rotation and the safety rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { desiredStates, liveStates, NOWS, shuffledDesired, shuffledLive } from '../../test/support/plan-arbitraries.js';
import { computePlan } from './compute-plan.js';
import { PLAN_FORMATS, renderPlan } from './render.js';
import { applyPlan } from '../../test/support/plan-builders.js';

const nows = fc.constantFrom(...NOWS).map((iso) => new Date(iso));
const run = { numRuns: 300 };

describe('planner properties', () => {
  it('gives the same plan and the same bytes whatever the order of its inputs', () => {
    fc.assert(
      fc.property(
        desiredStates.chain((d) => fc.tuple(fc.constant(d), shuffledDesired(d))),
        liveStates.chain((l) => fc.tuple(fc.constant(l), shuffledLive(l))),
        nows,
        ([d1, d2], [l1, l2], now) => {
          const a = computePlan({ desired: d1, live: l1, now, revision: 'r' });
          const b = computePlan({ desired: d2, live: l2, now, revision: 'r' });
          expect(b).toEqual(a);
          for (const format of PLAN_FORMATS) {
            expect(renderPlan(b, format, { color: true })).toBe(renderPlan(a, format, { color: true }));
          }
        },
      ),
      run,
    );
  });

  it('converges: after applying a plan, planning again finds nothing to do (rotations included)', () => {
    fc.assert(
      fc.property(desiredStates, liveStates, nows, fc.boolean(), (d, l, now, allowEmpty) => {
        const first = computePlan({ desired: d, live: l, now, revision: 'r1', allowEmpty });
        const after = applyPlan(first, l);
        const second = computePlan({ desired: d, live: after, now, revision: 'r2', allowEmpty });
        expect(second.changes).toEqual([]);
        expect(second.conflicts).toEqual(first.conflicts);
        expect(second.skippedAccounts).toEqual(first.skippedAccounts);
      }),
      run,
    );
  });

  it('keeps the safety rules', () => {
    fc.assert(
      fc.property(desiredStates, liveStates, nows, fc.boolean(), (d, l, now, allowEmpty) => {
        const result = computePlan({ desired: d, live: l, now, revision: null, allowEmpty });
        const liveById = new Map(l.clients.map((c) => [c.clientId, c]));
        const invalid = new Set(d.accounts.filter((a) => !a.valid).map((a) => a.accountId));
        const adopted = new Set(result.changes.filter((c) => c.action === 'adopt').map((c) => c.clientId));
        const declared = new Set(d.accounts.flatMap((a) => a.clients.map((c) => c.clientId)));
        for (const change of result.changes) {
          const current = liveById.get(change.clientId);
          expect(current?.builtIn ?? false).toBe(false);
          expect(invalid.has(change.account)).toBe(false);
          if (change.action === 'create') expect(current).toBeUndefined();
          if (change.action === 'update' || change.action === 'delete') expect(current?.managed).toBe(true);
          if (change.action === 'rotate') expect(current?.managed === true || adopted.has(change.clientId)).toBe(true);
          if (change.action === 'delete') {
            expect(declared.has(change.clientId)).toBe(false);
            expect(invalid.has(change.clientId.split('_')[0] ?? '')).toBe(false);
            expect(d.accounts.length > 0 || allowEmpty).toBe(true);
          }
        }
        const builtInIds = new Set(l.clients.filter((c) => c.builtIn).map((c) => c.clientId));
        const mentioned = [...result.changes, ...result.scheduled, ...result.conflicts].map((x) => x.clientId);
        expect(mentioned.filter((id) => builtInIds.has(id))).toEqual([]);
      }),
      run,
    );
  });
});
