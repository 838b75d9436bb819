import { describe, expect, it } from 'vitest';
import { KeycloakRefusedError } from '../model/errors.js';
import { applyPlan } from './apply-plan.js';
import { FakeKeycloak } from '../../test/support/fake-keycloak.js';
import { RecordingSink } from '../../test/support/fake-sink.js';
import type { ApplyReport } from './outcome.js';
import { renderApplyReport } from './render-report.js';
import { create, del, liveClient, plan, REALM, rotate, update } from '../../test/support/apply-builders.js';

function report(outcomes: ApplyReport['outcomes']): ApplyReport {
  const failed = outcomes.filter((o) => o.outcome === 'failed').length;
  const zero = { applied: 0, failed: 0 };
  return {
    realm: REALM,
    revision: null,
    outcomes,
    counts: { create: zero, adopt: zero, update: zero, rotate: zero, delete: zero },
    applied: outcomes.length - failed,
    failed,
    deliveries: [],
    deliveriesFailed: 0,
    ok: failed === 0,
  };
}

describe('renderApplyReport', () => {
  it('prints one line per change, a summary, and the re-run hint when something failed', () => {
    const text = renderApplyReport(
      report([
        { change: { action: 'create', account: 'acme', clientId: 'acme_x' }, outcome: 'applied' },
        { change: { action: 'update', account: 'acme', clientId: 'acme_y' }, outcome: 'failed', error: { message: 'refused (400)', status: 400, retryable: false } },
        { change: { action: 'rotate', account: 'acme', clientId: 'acme_z' }, outcome: 'applied' },
        { change: { action: 'delete', account: 'acme', clientId: 'acme_w' }, outcome: 'applied' },
      ]),
    );
    expect(text).toBe(
      [
        '✓ create acme_x',
        '✗ update acme_y: refused (400)',
        '✓ rotate acme_z',
        '✓ delete acme_w',
        '',
        'Applied 3 changes, 1 failed.',
        'Run apply again to retry the failed change: a re-run plans afresh and converges.',
        '',
      ].join('\n'),
    );
  });

  it('has no hint when everything applied, and says so when there was nothing to do', () => {
    const text = renderApplyReport(report([{ change: { action: 'create', account: 'a', clientId: 'a_x' }, outcome: 'applied' }]));
    expect(text).toBe('✓ create a_x\n\nApplied 1 change.\n');
    expect(renderApplyReport(report([]))).toBe('No changes to apply.\n');
  });

  it('keeps a message with control characters on its line', () => {
    const text = renderApplyReport(
      report([{ change: { action: 'update', account: 'a', clientId: 'a_x' }, outcome: 'failed', error: { message: 'bad\n\u001b[31mred', retryable: false } }]),
    );
    expect(text.split('\n')[0]).toBe('✗ update a_x: bad\\n\\u001b[31mred');
  });

  it('shows no secret of a real run, successful or failed', async () => {
    const keycloak = new FakeKeycloak(REALM);
    for (const id of ['acme_c', 'acme_d', 'acme_r']) keycloak.seed(liveClient(id));
    keycloak.fail('updateClient', 'acme_c', new KeycloakRefusedError('refused (400)', 400, null));
    const sink = new RecordingSink();
    sink.onDeliver = (d) => {
      if (d.clientId === 'acme_r') sink.failure = new Error(`sink broke on ${String(d.secret)}`);
    };
    const result = await applyPlan(plan([create('acme_a'), update('acme_c'), rotate('acme_c'), del('acme_d'), rotate('acme_r')]), {
      keycloak,
      policy: { sink, concurrency: 4 },
      revision: null,
      live: keycloak.liveState(),
      managedScopes: [],
    });
    const text = renderApplyReport(result);
    expect(text).toContain('✗');
    expect(keycloak.issuedSecrets.length).toBeGreaterThan(3);
    for (const secret of keycloak.issuedSecrets) {
      expect(text).not.toContain(secret);
      expect(JSON.stringify(result)).not.toContain(secret);
    }
  });
});
