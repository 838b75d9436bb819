// The `rotate` validation rule (config/) and the planner (plan/) read the value with one parser:
// on every input, the rule reports an error exactly when the planner refuses the value (a
// conflict), and a warning ("scheduled") exactly when the planner schedules the rotation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { problemsOf } from '../../test/support/config-helpers.js';
import { account, builtIns, desired, live, liveMatching, NOW, spec } from '../../test/support/plan-builders.js';
import { computePlan } from './compute-plan.js';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Strings shaped like timestamps, many of them subtly wrong: out-of-range fields, odd separators and zones. */
const nearTimestamps: fc.Arbitrary<string> = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.integer({ min: 0, max: 61 }),
    separator: fc.constantFrom('T', 't', ' ', 'x', ''),
    fraction: fc.option(fc.stringMatching(/^\d{0,12}$/), { nil: undefined }),
    zone: fc.oneof(
      fc.constantFrom('Z', 'z', '', 'UTC', '+01', '+0100'),
      fc.record({ sign: fc.constantFrom('+', '-'), h: fc.integer({ min: 0, max: 25 }), m: fc.integer({ min: 0, max: 61 }) }).map(({ sign, h, m }) => `${sign}${pad(h, 2)}:${pad(m, 2)}`),
    ),
    shortDay: fc.boolean(),
  })
  .map(
    (t) =>
      `${pad(t.year, 4)}-${pad(t.month, 2)}-${t.shortDay ? t.day : pad(t.day, 2)}${t.separator}${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}` +
      `${t.fraction === undefined ? '' : `.${t.fraction}`}${t.zone}`,
  );

const anyValue = fc.oneof(nearTimestamps, fc.string({ unit: 'grapheme-ascii', maxLength: 40 }));

function ruleSays(value: string): 'error' | 'warning' | 'ok' {
  const yaml = `clients:\n  - clientId: acme_a\n    capabilities: [Script]\n    rotate: ${JSON.stringify(value)}\n`;
  const problems = problemsOf(yaml, 'acme', NOW).filter((p) => p.rule === 'rotate');
  if (problems.some((p) => p.severity === 'error')) return 'error';
  return problems.some((p) => p.severity === 'warning') ? 'warning' : 'ok';
}

function plannerSays(value: string): 'error' | 'warning' | 'ok' {
  const declared = spec('acme_a', { capabilities: ['Script'], rotate: value });
  const plan = computePlan({ desired: desired([account('acme', [declared])]), live: live([...builtIns(), liveMatching(declared)]), now: NOW, revision: null });
  if (plan.conflicts.some((c) => c.clientId === 'acme_a')) return 'error';
  if (plan.scheduled.some((s) => s.clientId === 'acme_a')) return 'warning';
  expect(plan.changes.filter((c) => c.clientId === 'acme_a').map((c) => c.action)).toEqual(['rotate']);
  return 'ok';
}

describe('rotate: the validation rule and the planner agree', () => {
  it('on every input: an error is a conflict, a warning is a scheduled rotation, else a rotation now', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        expect(plannerSays(value)).toBe(ruleSays(value));
      }),
      { numRuns: 400 },
    );
  });

  it('on the cases where two parsers used to disagree', () => {
    for (const value of ['2026-02-30T09:00:00Z', '2026-11-20T09:00:60Z', '2026-11-20T09:00:00+24:00', '0050-01-01T00:00:00Z', '2026-11-20t09:00:00z']) {
      expect([value, plannerSays(value)]).toEqual([value, ruleSays(value)]);
    }
  });
});
