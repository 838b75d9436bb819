import { describe, expect, it } from 'vitest';
import type { ManagedFieldName, ManagedFields } from '../model/live.js';
import type { Change } from '../model/plan.js';
import { computePlan } from './compute-plan.js';
import { desiredFields } from './desired-fields.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import { renderText } from './render-text.js';
import {
  account,
  builtIns,
  desired,
  invalidAccount,
  live,
  liveClient,
  liveMatching,
  NOW,
  plan,
  settings,
  spec,
  unmanaged,
} from '../../test/support/plan-builders.js';

const actions = (changes: readonly Change[]) => changes.map((c) => `${c.action} ${c.clientId}`);

const reporting = spec('acme_reporting', {
  displayName: 'Reporting dashboard',
  description: 'Monthly usage reports',
  capabilities: ['WebApp', 'Backchannel'],
  rootUrl: 'https://reports.acme.example',
  homeUrl: '/dashboard',
  adminUrl: 'https://reports.acme.example/admin',
  redirectUris: ['https://reports.acme.example/*'],
  postLogoutRedirectUris: ['https://reports.acme.example/'],
  webOrigins: ['+'],
  backchannelLogoutUrl: 'https://reports.acme.example/logout',
  scopes: ['datahub-api'],
});

describe('computePlan: create', () => {
  it('creates a declared client absent in Keycloak, listing every non-empty field against the empty value', () => {
    const result = plan(desired([account('acme', [spec('acme_ingest', { scopes: ['push-data'] })])]), live([]));
    expect(result.changes).toEqual([
      {
        action: 'create',
        account: 'acme',
        clientId: 'acme_ingest',
        fields: [
          { field: 'capabilities', before: [], after: ['Script'] },
          { field: 'scopes', before: [], after: ['push-data'] },
        ],
        desired: desiredFields(spec('acme_ingest', { scopes: ['push-data'] }), settings()),
      },
    ]);
    expect(result.summary).toEqual({ create: 1, update: 0, delete: 0, rotate: 0, adopt: 0 });
  });

  it('lists all eleven declared fields of a fully specified client, in canonical order', () => {
    const [change] = plan(desired([account('acme', [reporting])]), live([])).changes;
    expect(change?.fields?.map((f) => f.field)).toEqual([
      'displayName',
      'description',
      'capabilities',
      'rootUrl',
      'homeUrl',
      'adminUrl',
      'redirectUris',
      'postLogoutRedirectUris',
      'webOrigins',
      'backchannelLogoutUrl',
      'scopes',
    ]);
    expect(change?.fields?.find((f) => f.field === 'displayName')).toEqual({
      field: 'displayName',
      before: '',
      after: 'Reporting dashboard',
    });
    expect(change?.desired?.confidential).toBe(true);
    expect(change).not.toHaveProperty('id');
  });
});

describe('computePlan: update', () => {
  it('plans nothing when Keycloak holds what the YAML says', () => {
    const result = plan(desired([account('acme', [reporting])]), live([liveMatching(reporting)]));
    expect(result.changes).toEqual([]);
  });

  const drifts: Readonly<Record<ManagedFieldName, Partial<ManagedFields>>> = {
    displayName: { displayName: 'Old name' },
    description: { description: '' },
    capabilities: { capabilities: ['WebApp'] },
    rootUrl: { rootUrl: 'https://old.acme.example' },
    homeUrl: { homeUrl: '' },
    adminUrl: { adminUrl: 'https://reports.acme.example/old-admin' },
    redirectUris: { redirectUris: ['https://evil.example/*', 'https://reports.acme.example/*'] },
    postLogoutRedirectUris: { postLogoutRedirectUris: [] },
    webOrigins: { webOrigins: ['https://other.example'] },
    backchannelLogoutUrl: { backchannelLogoutUrl: '' },
    scopes: { scopes: ['datahub-api', 'push-data'] },
    confidential: { confidential: false },
  };

  for (const [field, drift] of Object.entries(drifts)) {
    it(`updates a managed client whose ${field} differs, with before and after`, () => {
      const current = liveMatching(reporting, { fields: drift });
      const result = plan(desired([account('acme', [reporting])]), live([current]));
      const wanted = desiredFields(reporting, settings());
      expect(result.changes).toEqual([
        {
          action: 'update',
          account: 'acme',
          clientId: 'acme_reporting',
          id: 'id-acme_reporting',
          fields: [{ field, before: current.fields[field as ManagedFieldName], after: wanted[field as ManagedFieldName] }],
          desired: wanted,
        },
      ]);
    });
  }

  it('lists each differing field once, in canonical order', () => {
    const current = liveMatching(reporting, { fields: { scopes: [], displayName: 'x', webOrigins: [] } });
    const [change] = plan(desired([account('acme', [reporting])]), live([current])).changes;
    expect(change?.fields?.map((f) => f.field)).toEqual(['displayName', 'webOrigins', 'scopes']);
  });

  it('ignores list order, duplicates and Keycloak built-in scopes on the live side', () => {
    const current = liveMatching(reporting, {
      fields: {
        capabilities: ['Backchannel', 'WebApp'],
        redirectUris: ['https://reports.acme.example/*', 'https://reports.acme.example/*'],
        scopes: ['profile', 'datahub-api', 'email', 'roles'],
      },
    });
    expect(plan(desired([account('acme', [reporting])]), live([current])).changes).toEqual([]);
  });

  it('never updates because of clientsync.revision alone', () => {
    const current = liveMatching(reporting, { revision: 'some-older-commit' });
    expect(plan(desired([account('acme', [reporting])]), live([current]), { revision: 'new' }).changes).toEqual([]);
  });
});

describe('computePlan: adopt', () => {
  it('adopts an unmanaged client declared with adopt: true, listing the differences', () => {
    const legacy = spec('acme_legacy', { adopt: true, description: 'Legacy export' });
    const result = plan(desired([account('acme', [legacy])]), live([unmanaged('acme_legacy')]));
    expect(result.changes).toEqual([
      {
        action: 'adopt',
        account: 'acme',
        clientId: 'acme_legacy',
        id: 'id-acme_legacy',
        fields: [{ field: 'description', before: '', after: 'Legacy export' }],
        desired: desiredFields(legacy, settings()),
      },
    ]);
    expect(result.summary.adopt).toBe(1);
    expect(result.conflicts).toEqual([]);
  });

  it('adopts even when every field already matches: the markers still have to be written', () => {
    const result = plan(desired([account('acme', [spec('acme_legacy', { adopt: true })])]), live([unmanaged('acme_legacy')]));
    expect(result.changes).toMatchObject([{ action: 'adopt', clientId: 'acme_legacy', fields: [] }]);
  });

  it('adopting a public client (a browser app) is a change with a warning that its users now need a secret (#12.7)', () => {
    const web = spec('acme_spa', { adopt: true });
    const result = plan(desired([account('acme', [web])]), live([unmanaged('acme_spa', { publicClient: true, fields: { confidential: false } })]));
    expect(result.changes).toMatchObject([{ action: 'adopt', clientId: 'acme_spa', fields: [{ field: 'confidential', before: false, after: true }] }]);
    expect(result.changes[0]!.warnings).toEqual([expect.stringMatching(/public client.*confidential.*secret/)]);
    expect(renderText(result)).toMatch(/warning: .*public client/);
    expect(renderMarkdown(result)).toMatch(/\*\*Warning:\*\* .*public client/);
    expect(JSON.parse(renderJson(result)).changes[0].warnings).toHaveLength(1);
    // A confidential one gets no warning.
    const quiet = plan(desired([account('acme', [web])]), live([unmanaged('acme_spa')]));
    expect(quiet.changes[0]!.warnings).toBeUndefined();
  });

  it('treats adopt: true on a managed client as a normal update, and on an absent one as a create', () => {
    const result = plan(
      desired([account('acme', [spec('acme_a', { adopt: true, displayName: 'A' }), spec('acme_b', { adopt: true })])]),
      live([liveClient('acme_a')]),
    );
    expect(actions(result.changes)).toEqual(['update acme_a', 'create acme_b']);
  });
});

describe('computePlan: conflict', () => {
  it('reports a declared client that exists unmanaged without adopt: true, and does nothing to it', () => {
    const declared = spec('acme_legacy', { displayName: 'Different', rotate: '2026-01-01T00:00:00Z' });
    const future = spec('acme_other', { rotate: '2027-01-01T00:00:00Z' });
    const result = plan(
      desired([account('acme', [declared, future])]),
      live([unmanaged('acme_legacy'), unmanaged('acme_other')]),
    );
    expect(result.changes).toEqual([]);
    expect(result.scheduled).toEqual([]);
    expect(result.conflicts).toEqual([
      {
        account: 'acme',
        clientId: 'acme_legacy',
        message:
          'exists in Keycloak but is not managed by clientsync, so nothing is done to it. To take it over, ' +
          'add `adopt: true` to its entry in clients/acme.yaml; otherwise give this client another clientId.',
      },
      expect.objectContaining({ clientId: 'acme_other' }),
    ]);
  });

  it('reports a clientId declared twice and does nothing for it', () => {
    const result = plan(
      desired([account('acme', [spec('acme_x'), spec('acme_x', { displayName: 'Twin' })])]),
      live([liveClient('acme_x', { fields: { displayName: 'Live' } })]),
    );
    expect(result.changes).toEqual([]);
    expect(result.conflicts).toEqual([
      { account: 'acme', clientId: 'acme_x', message: expect.stringContaining('declared 2 times') },
    ]);
  });

  it('reports a rotate value that is not a timestamp with a zone instead of guessing', () => {
    const result = plan(
      desired([account('acme', [spec('acme_x', { rotate: '2026-01-01T00:00:00' })])]),
      live([liveClient('acme_x', { fields: { displayName: 'drift' } })]),
    );
    expect(result.changes).toEqual([]);
    expect(result.conflicts).toEqual([
      { account: 'acme', clientId: 'acme_x', message: expect.stringContaining('not an RFC 3339 timestamp with a zone') },
    ]);
  });

  it('reports a declared clientId that is one of Keycloak’s own clients', () => {
    const result = plan(desired([account('acme', [spec('admin-cli')])]), live(builtIns()));
    expect(result.changes).toEqual([]);
    expect(result.conflicts).toMatchObject([{ clientId: 'admin-cli', message: expect.stringContaining('own clients') }]);
  });
});

describe('computePlan: delete', () => {
  it('deletes a managed client declared nowhere, under the account of its marker', () => {
    const result = plan(
      desired([account('acme', [])]),
      live([liveClient('acme_old', { account: 'acme' }), liveClient('gamma_x', { account: 'gamma' })]),
    );
    expect(result.changes).toEqual([
      { action: 'delete', account: 'acme', clientId: 'acme_old', id: 'id-acme_old' },
      { action: 'delete', account: 'gamma', clientId: 'gamma_x', id: 'id-gamma_x' },
    ]);
    expect(result.summary.delete).toBe(2);
  });

  it('falls back to the clientId prefix before the first "_" when the account marker is missing', () => {
    const result = plan(
      desired([account('acme', [])]),
      live([liveClient('beta_old_one', { account: null }), liveClient('beta_two', { account: '' })]),
    );
    expect(result.changes.map((c) => [c.account, c.clientId])).toEqual([
      ['beta', 'beta_old_one'],
      ['beta', 'beta_two'],
    ]);
  });

  it('never deletes or updates unmanaged clients, declared or not', () => {
    const result = plan(
      desired([account('acme', [])]),
      live([unmanaged('acme_manual'), unmanaged('zeta_manual', { fields: { displayName: 'x' } })]),
    );
    expect(result.changes).toEqual([]);
  });

  it('shows a changed clientId as a delete of the old one and a create of the new one', () => {
    const result = plan(desired([account('acme', [spec('acme_new')])]), live([liveClient('acme_old')]));
    expect(actions(result.changes)).toEqual(['create acme_new', 'delete acme_old']);
  });
});

describe('computePlan: built-in clients', () => {
  it('never lists Keycloak’s own clients, even if one carried clientsync’s marker', () => {
    const markedBuiltIn = liveClient('broker', { builtIn: true, managed: true, account: 'acme' });
    const result = plan(desired([account('acme', [])]), live([...builtIns(), markedBuiltIn]));
    expect(result.changes).toEqual([]);
    expect(JSON.stringify(result)).not.toMatch(/admin-cli|broker|realm-management|security-admin-console/);
  });
});

describe('computePlan: invalid account files', () => {
  const current = [
    liveClient('beta_app', { fields: { displayName: 'drifted' }, rotatedAt: null }),
    liveClient('beta_gone'),
    liveClient('beta_nomarker', { account: null }),
    liveClient('acme_old'),
  ];

  it('skips the whole account: nothing created, changed or deleted, listed with its file and problems', () => {
    const result = plan(
      desired([
        invalidAccount('beta', 3, [spec('beta_new'), spec('beta_app', { rotate: '2026-01-01T00:00:00Z' })]),
        account('acme', [spec('acme_new')]),
      ]),
      live(current),
    );
    expect(actions(result.changes)).toEqual(['create acme_new', 'delete acme_old']);
    expect(result.skippedAccounts).toEqual([{ account: 'beta', file: 'clients/beta.yaml', problems: 3 }]);
  });

  it('does not delete a client whose marker names a valid account but whose prefix names an invalid one', () => {
    const result = plan(
      desired([invalidAccount('beta'), account('acme', [])]),
      live([liveClient('beta_moved', { account: 'acme' })]),
    );
    expect(result.changes).toEqual([]);
  });

  it('does not delete a client whose marker names an invalid account', () => {
    const result = plan(
      desired([invalidAccount('beta'), account('acme', [])]),
      live([liveClient('acme_owned_by_beta', { account: 'beta' })]),
    );
    expect(result.changes).toEqual([]);
  });
});

describe('computePlan: empty desired state', () => {
  const managedLive = live([...builtIns(), liveClient('acme_a'), liveClient('beta_b'), unmanaged('gamma_c')]);

  it('deletes nothing when no account file exists and says which flag allows it', () => {
    const result = plan(desired([]), managedLive);
    expect(result.changes).toEqual([]);
    expect(result.notices).toHaveLength(1);
    expect(result.notices[0]).toContain('--allow-empty');
    expect(result.notices[0]).toContain('2 clients');
  });

  it('deletes every managed client with allowEmpty', () => {
    const result = plan(desired([]), managedLive, { allowEmpty: true });
    expect(actions(result.changes)).toEqual(['delete acme_a', 'delete beta_b']);
    expect(result.notices).toEqual([]);
  });

  it('says nothing when Keycloak holds no managed client either', () => {
    expect(plan(desired([]), live([...builtIns(), unmanaged('gamma_c')])).notices).toEqual([]);
  });

  it('is not triggered by an account file that declares no clients: that is how a team removes its clients', () => {
    const result = plan(desired([account('acme', [])]), live([liveClient('acme_a')]));
    expect(actions(result.changes)).toEqual(['delete acme_a']);
    expect(result.notices).toEqual([]);
  });
});

describe('computePlan: inputs', () => {
  it('passes the revision through and takes the realm from the settings', () => {
    const result = plan(desired([]), live([]), { revision: null });
    expect(result).toMatchObject({ formatVersion: 1, revision: null, realm: 'insights' });
  });

  it('refuses a live state read from another realm', () => {
    expect(() =>
      computePlan({ desired: desired([]), live: { realm: 'other', clients: [] }, now: NOW, revision: null }),
    ).toThrow(/realm/);
  });

  it('refuses an invalid clock', () => {
    expect(() =>
      computePlan({ desired: desired([]), live: live([]), now: new Date(Number.NaN), revision: null }),
    ).toThrow(RangeError);
  });

  it('does not modify its inputs', () => {
    const desiredState = desired([account('acme', [spec('acme_b'), spec('acme_a', { redirectUris: ['z', 'a'] })])]);
    const liveState = live([liveClient('acme_z'), liveClient('acme_b', { fields: { scopes: ['push-data', 'datahub-api'] } })]);
    const snapshot = JSON.stringify([desiredState, liveState]);
    plan(desiredState, liveState);
    expect(JSON.stringify([desiredState, liveState])).toBe(snapshot);
  });
});

describe('computePlan: ordering', () => {
  it('sorts changes by account, then clientId, then action order', () => {
    const result = plan(
      desired([
        account('beta', [spec('beta_b', { displayName: 'B', rotate: '2026-01-01T00:00:00Z' }), spec('beta_a')]),
        account('acme', [spec('acme_z'), spec('acme_legacy', { adopt: true, rotate: '2026-01-01T00:00:00Z' })]),
      ]),
      live([liveClient('beta_b'), liveClient('acme_gone'), unmanaged('acme_legacy', { fields: { displayName: 'x' } })]),
    );
    expect(actions(result.changes)).toEqual([
      'delete acme_gone',
      'adopt acme_legacy',
      'rotate acme_legacy',
      'create acme_z',
      'create beta_a',
      'update beta_b',
      'rotate beta_b',
    ]);
  });
});
