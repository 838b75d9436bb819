// Secret delivery over many runs, as a property: whatever targets fail in which runs and when
// rotations come, (1) a rotation happens once per rotate value, never because a delivery failed;
// (2) no target is sent the same secret twice (no crash here, so "at least once" is exactly
// once); (3) once the targets work again, each holds the live secret and the marker is gone;
// (4) a superseded secret is never sent after the newer one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../plan/compute-plan.js';
import { account, desired, NOW, spec } from '../../test/support/plan-builders.js';
import { applyPlan } from './apply-plan.js';
import { FakeKeycloak } from '../../test/support/fake-keycloak.js';
import { RecordingTarget, sinkOf } from '../../test/support/fake-sink.js';

const runSpec = fc.record({ rotate: fc.boolean(), failA: fc.boolean(), failB: fc.boolean() });

describe('delivery across runs', () => {
  it('rotates once per value, sends each secret once per target, and ends with the live secret everywhere', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(runSpec, { minLength: 1, maxLength: 8 }), async (runs) => {
        const keycloak = new FakeKeycloak('insights');
        const a = new RecordingTarget('a');
        const b = new RecordingTarget('b');
        let rotateValue: string | undefined;
        let dueRotations = 0;
        const all = [...runs, { rotate: false, failA: false, failB: false }];
        for (const [i, run] of all.entries()) {
          if (run.rotate) {
            rotateValue = `2026-01-${String(i + 1).padStart(2, '0')}T00:00:00Z`;
            if (i > 0) dueRotations++; // a value present at the create is honoured by it
          }
          a.failure = run.failA ? new Error('a is down') : undefined;
          b.failure = run.failB ? new Error('b is down') : undefined;
          const live = keycloak.liveState();
          const planned = computePlan({ desired: desired([account('acme', [spec('acme_x', rotateValue === undefined ? {} : { rotate: rotateValue })])]), live, now: NOW, revision: 'r' });
          await applyPlan(planned, { keycloak, policy: { sink: sinkOf(a, b), concurrency: 2 }, revision: 'r', live, managedScopes: [], now: () => new Date(NOW.getTime() + i * 1000) });
        }
        expect(keycloak.calls.filter((c) => c.method === 'regenerateSecret')).toHaveLength(dueRotations);
        const live = keycloak.currentSecret('acme_x');
        for (const target of [a, b]) {
          const secrets = target.received.map((d) => d.secret.reveal());
          expect(new Set(secrets).size).toBe(secrets.length);
          expect(secrets.at(-1)).toBe(live);
          // Secrets arrive in the order they were generated: never an older one after a newer one.
          const order = keycloak.issuedSecrets;
          expect([...secrets].sort((x, y) => order.indexOf(x) - order.indexOf(y))).toEqual(secrets);
        }
        expect(keycloak.client('acme_x')?.pendingDelivery).toBeUndefined();
      }),
      { numRuns: 150 },
    );
  });
});
