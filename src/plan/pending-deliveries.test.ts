// The plan lists secrets still owed to delivery targets (docs/secrets.md): never as changes,
// left out where a rotation supersedes them or a delete makes them moot.
import { describe, expect, it } from 'vitest';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import { renderText } from './render-text.js';
import { account, desired, invalidAccount, live, liveClient, plan, spec, unmanaged } from '../../test/support/plan-builders.js';

const owing = { at: '2026-05-30T08:00:00.000Z', reason: 'created' as const, targets: ['files', 'vault'] };

describe('pending deliveries in the plan', () => {
  it('lists managed clients that owe a secret, sorted, and changes nothing else', () => {
    const result = plan(
      desired([account('acme', [spec('acme_b'), spec('acme_a')]), invalidAccount('beta')]),
      live([liveClient('acme_b', { pendingDelivery: owing }), liveClient('acme_a', { pendingDelivery: { ...owing, targets: ['vault'] } }), liveClient('beta_x', { pendingDelivery: owing }), unmanaged('acme_u', { pendingDelivery: owing })]),
    );
    expect(result.changes).toEqual([]);
    expect(result.pendingDeliveries?.map((d) => [d.account, d.clientId, d.pending.targets])).toEqual([
      ['acme', 'acme_a', ['vault']],
      ['acme', 'acme_b', ['files', 'vault']],
      // An invalid account file does not hold back a secret that exists already.
      ['beta', 'beta_x', ['files', 'vault']],
    ]);
  });

  it('leaves out a client rotated (the new secret supersedes) or deleted in this plan; none at all: no key', () => {
    const result = plan(
      desired([account('acme', [spec('acme_r', { rotate: '2026-01-01T00:00:00Z' })])]),
      live([liveClient('acme_r', { pendingDelivery: owing }), liveClient('acme_gone', { pendingDelivery: owing })]),
    );
    expect(result.changes.map((c) => `${c.action} ${c.clientId}`)).toEqual(['delete acme_gone', 'rotate acme_r']);
    expect(result.pendingDeliveries).toBeUndefined();
    expect(renderJson(result)).not.toContain('pendingDeliveries');
  });

  it('is shown by every rendering, and a plan with only these still has no changes', () => {
    const result = plan(desired([account('acme', [spec('acme_a')])]), live([liveClient('acme_a', { pendingDelivery: owing })]));
    const text = renderText(result);
    expect(text).toContain('✉ acme_a (account acme): files, vault (secret created 2026-05-30T08:00:00.000Z)');
    expect(text).toContain('No changes');
    expect(JSON.parse(renderJson(result)).pendingDeliveries).toEqual([
      { account: 'acme', clientId: 'acme_a', targets: ['files', 'vault'], reason: 'created', since: '2026-05-30T08:00:00.000Z' },
    ]);
    expect(renderMarkdown(result)).toContain("| `acme` | `acme_a` | `files, vault (secret created 2026-05-30T08:00:00.000Z)` |");
  });
});
