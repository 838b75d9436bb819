import { describe, expect, it } from 'vitest';
import { phasesOf } from './sync-run.js';

const at = (ms: number) => new Date(1_000_000 + ms);

describe('phasesOf', () => {
  it('gives each finished phase its milliseconds, and leaves out the phases a run did not finish', () => {
    expect(phasesOf(at(0), at(40), at(340), at(345))).toEqual({ checkoutMs: 40, planMs: 300, applyMs: 5 });
    // Failed while reading Keycloak: checked out, never planned.
    expect(phasesOf(at(0), at(40), null, at(900))).toEqual({ checkoutMs: 40 });
    // Failed in git.
    expect(phasesOf(at(0), null, null, at(900))).toEqual({});
  });
});
