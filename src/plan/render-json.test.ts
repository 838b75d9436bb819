import { describe, expect, it } from 'vitest';
import { goldenPlan } from '../../test/support/golden-fixture.js';
import { renderJson } from './render-json.js';
import { account, desired, live, liveClient, plan } from '../../test/support/plan-builders.js';

describe('renderJson', () => {
  it('writes the formatVersion 1 document with keys in a stable order, 2-space indent, trailing newline', () => {
    const json = renderJson(goldenPlan());
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.startsWith('{\n  "formatVersion": 1,\n  "revision": "3f2c')).toBe(true);
    const document = JSON.parse(json) as Record<string, unknown>;
    expect(Object.keys(document)).toEqual([
      'formatVersion',
      'revision',
      'realm',
      'changes',
      'scheduled',
      'skippedAccounts',
      'conflicts',
      'summary',
      'notices',
    ]);
    expect(Object.keys(document['summary'] as object)).toEqual(['create', 'update', 'delete', 'rotate', 'adopt']);
  });

  it('leaves out Keycloak ids and the desired block, keeps fields and rotateAt', () => {
    const document = JSON.parse(renderJson(goldenPlan())) as { changes: Record<string, unknown>[] };
    for (const change of document.changes) {
      expect(Object.keys(change).filter((k) => !['fields', 'rotateAt'].includes(k))).toEqual([
        'action',
        'account',
        'clientId',
      ]);
    }
    expect(renderJson(goldenPlan())).not.toMatch(/"id"|"desired"|id-acme/);
  });

  it('writes a null revision and notices', () => {
    const document = JSON.parse(renderJson(plan(desired([]), live([liveClient('acme_a')]), { revision: null }))) as {
      revision: unknown;
      notices: string[];
    };
    expect(document.revision).toBeNull();
    expect(document.notices[0]).toContain('--allow-empty');
  });

  it('renders an empty plan', () => {
    expect(JSON.parse(renderJson(plan(desired([account('acme', [])]), live([]))))).toEqual({
      formatVersion: 1,
      revision: 'abc123',
      realm: 'insights',
      changes: [],
      scheduled: [],
      skippedAccounts: [],
      conflicts: [],
      summary: { create: 0, update: 0, delete: 0, rotate: 0, adopt: 0 },
      notices: [],
    });
  });
});
