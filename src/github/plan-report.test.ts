import { describe, expect, it } from 'vitest';
import type { Problem } from '../model/problem.js';
import { account, desired, live, NOW, plan, spec } from '../../test/support/plan-builders.js';
import { MAX_COMMENT, MAX_DESCRIPTION, planComment, planStatus, syncStatus, fitDescription } from './plan-report.js';

const SHA = 'a'.repeat(40);
const problem = (file: string, line: number, message = 'bad'): Problem => ({ file, line, column: 3, rule: 'schema', severity: 'error', message });

describe('planStatus', () => {
  it('counts changes on success, names the file and line of problems on failure, and always fits 140 characters', () => {
    const p = plan(desired([account('acme', [spec('acme_a'), spec('acme_b')])]), live([]), { revision: SHA });
    expect(planStatus({ kind: 'planned', plan: p, problems: [] })).toEqual({ state: 'success', description: '2 to create, 0 to update, 0 to delete' });
    expect(planStatus({ kind: 'planned', plan: p, problems: [problem('clients/acme.yaml', 4), problem('clients/acme.yaml', 9)] })).toEqual({
      state: 'failure',
      description: '2 problems in clients/acme.yaml, first at clients/acme.yaml:4',
    });
    expect(planStatus({ kind: 'no-client-changes' })).toMatchObject({ state: 'success', description: expect.stringContaining('No client changes') });
    expect(planStatus({ kind: 'unreachable', what: 'Keycloak', message: 'x' })).toMatchObject({ state: 'error' });
    const long = planStatus({ kind: 'planned', plan: p, problems: [problem(`clients/${'x'.repeat(300)}.yaml`, 1)] });
    expect([...long.description].length).toBeLessThanOrEqual(MAX_DESCRIPTION);
    expect(long.description.endsWith('…')).toBe(true);
    expect(fitDescription('a\nb\tc')).toBe('a b c');
  });

  it('clientsync/sync: success, or failure naming failed changes and skipped accounts; nothing when Keycloak was not reached', () => {
    const base = { summary: { create: 1, update: 0, delete: 0, rotate: 0, adopt: 0 }, applied: 1, failed: 0, skippedAccounts: [], conflicts: 0, refusal: null, failureMessage: null } as const;
    expect(syncStatus({ ...base, outcome: 'success' })).toEqual({ state: 'success', description: 'Applied 1 change; Keycloak matches this revision' });
    expect(syncStatus({ ...base, outcome: 'partial', applied: 2, failed: 1, skippedAccounts: [{ account: 'beta' }] })).toEqual({
      state: 'failure',
      description: '1 of 3 changes failed; account beta skipped',
    });
    expect(syncStatus({ ...base, outcome: 'failed', summary: null })).toBeNull();
  });
});

describe('planComment', () => {
  it('holds the marker, the head, the time, linked problems and the markdown plan', () => {
    const p = plan(desired([account('acme', [spec('acme_a')])]), live([]), { revision: SHA });
    const body = planComment({ result: { kind: 'planned', plan: p, problems: [problem('clients/acme.yaml', 4, 'use `x` <b>')] }, headSha: SHA, plannedAt: NOW, htmlUrl: 'https://github.com/o/r' });
    expect(body.startsWith('<!-- clientsync-plan -->\n## clientsync plan\n')).toBe(true);
    expect(body.match(/<!-- clientsync-plan -->/g)).toHaveLength(1);
    expect(body).toContain(`[\`aaaaaaaaaaaa\`](https://github.com/o/r/commit/${SHA})`);
    expect(body).toContain('2026-06-01T12:00:00.000Z');
    expect(body).toContain(`[\`clients/acme.yaml:4:3\`](https://github.com/o/r/blob/${SHA}/clients/acme.yaml#L4) [schema] use \\\`x\\\` \\<b\\>`);
    expect(body).toContain('**+ create** `acme_a`');
  });

  it('is cut below 65,536 characters with a pointer to clientsync plan', () => {
    const clients = Array.from({ length: 400 }, (_, i) => spec(`acme_${i}`, { description: 'd'.repeat(200) }));
    const p = plan(desired([account('acme', clients)], { clientLimits: { acme: 400 } }), live([]), { revision: SHA });
    const body = planComment({ result: { kind: 'planned', plan: p, problems: [] }, headSha: SHA, plannedAt: NOW, htmlUrl: null });
    expect(body.length).toBeLessThan(65_536);
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT);
    expect(body).toContain('Run `clientsync plan`');
  });
});
