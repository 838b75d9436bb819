// The model carries no secret; this checks the planner never copies a live object wholesale
// into a plan, so a secret the adapter left on one could not reach an output either.
import { describe, expect, it } from 'vitest';
import type { LiveClient } from '../model/live.js';
import { PLAN_FORMATS, renderPlan } from './render.js';
import { account, desired, live, liveClient, plan, spec, unmanaged } from '../../test/support/plan-builders.js';

const SECRET = 'sEcReT-1f9c2b7a';

function leaky(client: LiveClient): LiveClient {
  return Object.assign({}, client, { secret: SECRET, fields: Object.assign({}, client.fields, { secret: SECRET }) });
}

describe('secrets', () => {
  it('never appear in a plan or its renderings, even if a live object carried one', () => {
    const result = plan(
      desired([
        account('acme', [
          spec('acme_a', { displayName: 'changed', rotate: '2026-01-01T00:00:00Z' }),
          spec('acme_b', { adopt: true }),
          spec('acme_c'),
        ]),
      ]),
      live([leaky(liveClient('acme_a')), leaky(unmanaged('acme_b')), leaky(unmanaged('acme_c')), leaky(liveClient('acme_d'))]),
    );
    expect(result.summary).toMatchObject({ update: 1, adopt: 1, rotate: 1, delete: 1 });
    expect(JSON.stringify(result)).not.toContain(SECRET);
    for (const format of PLAN_FORMATS) expect(renderPlan(result, format, { color: true })).not.toContain(SECRET);
  });
});
