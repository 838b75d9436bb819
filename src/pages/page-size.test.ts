// The overview for 200 accounts stays small (design: a page people trust loads fast anywhere).
// Sizes are deterministic (no timing): the numbers are stated in docs/pages.md.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LOCAL_VIEWER } from './access.js';
import { renderAccountPage } from './account-page.js';
import { renderOverviewPage } from './overview-page.js';
import type { PageData } from './shared.js';
import type { AccountView, ClientView, PagesSnapshot } from './view-model.js';

const client = (account: string, i: number): ClientView => ({
  clientId: `${account}_client-${i}`,
  displayName: `Client ${i} of ${account}`,
  description: 'Monthly usage reports for the finance team',
  capabilities: ['WebApp', 'Backchannel'],
  scopes: ['datahub-api', 'push-data'],
  accessUrl: `https://app-${i}.${account}.example/dashboard`,
  state: 'in-sync',
  driftFields: [],
  problem: null,
  failed: false,
  nextRotation: '2027-01-15T09:00:00Z',
  rotationDue: null,
  lastRotation: '2026-06-01T09:00:00Z',
  revision: 'a'.repeat(40),
  pendingDelivery: null,
});

function data(accounts: number): PageData {
  const views: AccountView[] = Array.from({ length: accounts }, (_, n) => {
    const account = `account-${String(n).padStart(3, '0')}`;
    return { account, file: `clients/${account}.yaml`, state: 'in-sync', reason: 'Keycloak holds what git says', clientsUsed: 5, clientLimit: 5, clients: Array.from({ length: 5 }, (_, i) => client(account, i)), problems: [], revisions: ['a'.repeat(40)] };
  });
  const snapshot: PagesSnapshot = { runId: 1, revision: 'a'.repeat(40), realm: 'insights', readAt: '2026-12-06T10:00:00.000Z', endedAt: '2026-12-06T10:00:02.000Z', refusal: null, accounts: views };
  return { snapshot, lastRun: null, lastApplied: () => ({ runId: 1, revision: 'a'.repeat(40), at: '2026-12-06T10:00:02.000Z' }) };
}

const ctx = { viewer: LOCAL_VIEWER, signIn: false, commitUrl: (r: string) => `https://github.com/acme/clients/commit/${r}` };

describe('page size', () => {
  it('the overview of 200 accounts is under 150 kB (under 15 kB gzipped); an account page of 5 clients under 15 kB', () => {
    const overview = renderOverviewPage(ctx, data(200), '');
    const d = data(1);
    const account = renderAccountPage(ctx, d, d.snapshot!.accounts[0]!, '');
    const sizes = { overview: Buffer.byteLength(overview), overviewGzip: gzipSync(overview).length, account: Buffer.byteLength(account) };
    expect(sizes.overview).toBeLessThan(150_000);
    expect(sizes.overviewGzip).toBeLessThan(15_000);
    expect(sizes.account).toBeLessThan(15_000);
    expect(overview.match(/<tr /g)?.length).toBe(200);
  });
});
