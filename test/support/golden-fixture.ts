// One rich plan for the golden files: every action, a scheduled rotation, a skipped account,
// conflicts, built-in and unmanaged clients that must not show, and text that needs escaping.
// Test-only code.
import type { Plan } from '../../src/model/plan.js';
import {
  account,
  builtIns,
  desired,
  invalidAccount,
  live,
  liveClient,
  liveMatching,
  plan,
  spec,
  unmanaged,
} from './plan-builders.js';

export function goldenPlan(): Plan {
  const reporting = spec('acme_reporting', {
    displayName: 'Reporting | `beta` <b>dashboard</b>',
    description: 'Monthly usage reports',
    capabilities: ['WebApp', 'Backchannel'],
    rootUrl: 'https://reports.acme.example',
    homeUrl: '/dashboard',
    redirectUris: ['https://reports.acme.example/*', 'https://reports.acme.example/callback'],
    postLogoutRedirectUris: ['https://reports.acme.example/'],
    webOrigins: ['+'],
    backchannelLogoutUrl: 'https://reports.acme.example/logout',
    scopes: ['datahub-api'],
    rotate: '2026-05-15T09:00:00+02:00',
  });
  const batch = spec('acme_batch', { scopes: ['push-data'], rotate: '2027-01-01T00:00:00Z' });
  const desiredState = desired([
    account('acme', [
      reporting,
      spec('acme_ingest', {
        displayName: 'Ingest',
        description: 'Sends datapoints\nevery hour',
        scopes: ['push-data', 'datahub-api'],
        rotate: '2026-01-01T00:00:00Z',
      }),
      spec('acme_new', { rotate: '2026-12-24T18:00:00Z' }),
      spec('acme_legacy', { adopt: true, displayName: 'Legacy export', scopes: ['datahub-api'] }),
      spec('acme_handmade', { displayName: 'Made by hand' }),
      batch,
    ]),
    invalidAccount('beta', 2),
    account('delta', [spec('delta_app', { displayName: 'Delta' })]),
  ]);
  const liveState = live([
    ...builtIns(),
    liveMatching(reporting, {
      rotatedAt: '2026-03-01T00:00:00Z',
      fields: {
        displayName: 'Reporting',
        redirectUris: ['https://reports.acme.example/*'],
        webOrigins: [],
        scopes: ['datahub-api', 'profile', 'email'],
      },
    }),
    unmanaged('acme_legacy', { fields: { capabilities: ['Script'], description: 'made in 2019' } }),
    unmanaged('acme_handmade'),
    liveMatching(batch, { rotatedAt: '2026-01-01T00:00:00Z' }),
    liveClient('acme_old'),
    liveClient('beta_app', { fields: { displayName: 'drifted' } }),
    liveClient('beta_old'),
    liveClient('delta_app', { fields: { displayName: 'Delta' } }),
    liveClient('gamma_stale', { account: 'gamma' }),
    unmanaged('gamma_manual'),
  ]);
  return plan(desiredState, liveState, { revision: '3f2c1e0a9b8d7c6f5e4d3c2b1a0f9e8d7c6b5a49' });
}
