// Golden files: the three renderings of one rich plan, reviewed like code. After an intended
// change, regenerate them with `UPDATE_GOLDEN=1 npx vitest run src/plan/golden.test.ts` and
// review the diff.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { goldenPlan } from '../../test/support/golden-fixture.js';
import { renderPlan, type PlanFormat } from './render.js';

const GOLDEN: Readonly<Record<PlanFormat, string>> = { text: 'plan.txt', markdown: 'plan.md', json: 'plan.json' };

function compareGolden(name: string, actual: string): void {
  const path = fileURLToPath(new URL(`../../test/golden/${name}`, import.meta.url));
  if (process.env['UPDATE_GOLDEN'] === '1') {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) {
    throw new Error(`golden file test/golden/${name} is missing: run with UPDATE_GOLDEN=1 to write it`);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('golden plan renderings', () => {
  for (const [format, file] of Object.entries(GOLDEN) as [PlanFormat, string][]) {
    it(`${format} matches test/golden/${file}`, () => {
      compareGolden(file, renderPlan(goldenPlan(), format));
    });
  }

  it('the fixture exercises every action, a scheduled rotation, a skipped account and conflicts', () => {
    const plan = goldenPlan();
    expect(plan.summary).toEqual({ create: 2, update: 1, delete: 2, rotate: 1, adopt: 1 });
    expect(plan.scheduled.length).toBeGreaterThan(0);
    expect(plan.skippedAccounts.length).toBeGreaterThan(0);
    expect(plan.conflicts.length).toBeGreaterThan(0);
  });
});
