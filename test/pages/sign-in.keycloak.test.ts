// Sign-in to the pages through the real Keycloak of the test run (OIDC authorization code +
// PKCE, openid-client), in Chromium: a viewer whose token names `acme` signs in on Keycloak's own
// login form, sees acme's clients with the seed's columns, filters by typing, gets 403 on globex
// and signs out (ending the Keycloak session too); an operator sees every account and /runs.
// Needs the shared lock (real Keycloak + Chromium):
//   flock /tmp/clientsync-heavy.lock npx vitest run test/pages/sign-in.keycloak.test.ts
import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NONE_SINK } from '../../src/apply/index.js';
import { startDaemon, type RunningDaemon } from '../../src/daemon/daemon.js';
import { fakeRepository, ManualSchedule, MemoryLogger, removeFakeRepositories } from '../support/daemon-helpers.js';
import { systemClock } from '../../src/daemon/clock.js';
import { KeycloakAdapter } from '../../src/keycloak/index.js';
import { accessSettingsFromEnv } from '../../src/pages/index.js';
import { syncPolicy } from '../../src/sync/sync-policy.js';
import { axeViolations, browserExpected, launchBrowser } from '../support/browser.js';
import '../support/keycloak-target.js';
import { createAccountGroup, createSignInClient, createUser, type TestUser } from '../support/sign-in-realm.js';
import { createServiceAccount, useTestRealm } from '../support/test-realm.js';

const keycloak = inject('keycloak');

/** A port that was free a moment ago (the redirect URL must name it before the daemon listens). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// Skipped only when the global setup found no Keycloak (outside CI) or no Chromium (outside CI).
describe.skipIf(!keycloak.available || !browserExpected())('sign-in to the pages through the real Keycloak', () => {
  if (!keycloak.available) return;
  const keycloakUrl = keycloak.url;
  const connection = { url: keycloak.url, adminUsername: keycloak.adminUsername, adminPassword: keycloak.adminPassword };
  const realm = useTestRealm(() => connection);
  let browser: Browser | null = null;
  let daemon: RunningDaemon;
  let ann: TestUser;
  let olga: TestUser;
  let signInSecret = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    const { name } = realm();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const service = await createServiceAccount(realm(), { clientId: 'clientsync-daemon', manageClients: true });
    const pagesClient = await createSignInClient(realm(), { clientId: 'clientsync-pages', redirectUrl: `${base}/auth/callback`, postLogoutUrl: `${base}/signed-out` });
    signInSecret = pagesClient.secret;
    ann = await createUser(realm(), 'ann', { groups: [await createAccountGroup(realm(), 'acme')] });
    olga = await createUser(realm(), 'olga', { realmRoles: ['clientsync-operator'] });

    const repo = fakeRepository({
      'clientsync.yaml': `realm: ${name}\nscopes:\n  datahub-api: Query.\n  push-data: Send.\n`,
      'clients/acme.yaml': 'clients:\n  - clientId: acme_reporting\n    displayName: Reporting dashboard\n    description: Monthly usage reports\n    capabilities: [Script]\n    scopes: [datahub-api]\n  - clientId: acme_ingest\n    displayName: Ingest\n    capabilities: [Script]\n    scopes: [push-data]\n    rotate: 2099-01-01T00:00:00Z\n',
      'clients/globex.yaml': 'clients:\n  - clientId: globex_sync\n    capabilities: [Script]\n',
    });
    const access = accessSettingsFromEnv({
      CLIENTSYNC_OIDC_ISSUER: `${keycloak.url}/realms/${name}`,
      CLIENTSYNC_OIDC_CLIENT_ID: pagesClient.clientId,
      CLIENTSYNC_OIDC_CLIENT_SECRET: pagesClient.secret,
      CLIENTSYNC_OIDC_REDIRECT_URL: `${base}/auth/callback`,
    });
    daemon = await startDaemon(
      // 127.0.0.1 with sign-in configured: sign-in is required there too.
      { host: '127.0.0.1', port, runTimeLimitMs: 60_000, webhookSecret: null, version: 'kc-test', defaultMetrics: false, access },
      {
        clock: systemClock,
        logger: new MemoryLogger(),
        source: repo.source,
        keycloak: () => new KeycloakAdapter({ url: keycloak.url, authRealm: name, credentials: { kind: 'client', clientId: service.clientId, clientSecret: service.secret } }),
        policy: syncPolicy({ maxDeletes: 10, concurrency: 2, sink: NONE_SINK }),
        schedule: new ManualSchedule(),
      },
    );
    await daemon.whenIdle();
    expect(daemon.state.lastRun).toMatchObject({ outcome: 'success' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await daemon?.stop(1_000);
    removeFakeRepositories();
  });

  async function signIn(page: Page, user: TestUser, path: string): Promise<void> {
    const first = await page.goto(`${daemon.url}${path}`);
    expect(first?.status()).toBe(401);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.href.startsWith(keycloakUrl));
    await page.locator('#username').fill(user.username);
    await page.locator('#password').fill(user.password);
    await page.locator('#kc-login').click();
    await page.waitForURL((u) => u.href.startsWith(daemon.url) && u.pathname === path);
  }

  it('a viewer whose token names acme sees acme only, filters by typing, gets 403 on globex, and signs out of Keycloak too', { timeout: 90_000 }, async () => {
    const context = await browser!.newContext();
    const page = await context.newPage();
    await signIn(page, ann, '/');
    const accounts = await page.locator('#accounts tbody tr td[data-label="Account"]').allTextContents();
    expect(accounts).toEqual(['acme']);
    expect(await page.locator('header .who').textContent()).toContain('ann');
    expect(await page.getByRole('link', { name: 'Runs' }).count()).toBe(0);

    await page.getByRole('link', { name: 'acme' }).click();
    await page.waitForURL(`${daemon.url}/accounts/acme`);
    expect((await page.locator('#clients thead th').allTextContents()).slice(0, 5)).toEqual(['Client ID', 'Display Name', 'Description', 'Capability Types', 'Scopes']);
    const visible = () => page.locator('#clients tbody tr:visible td[data-label="Client ID"]').allTextContents();
    expect(await visible()).toEqual(['acme_ingest', 'acme_reporting']);
    expect(await page.locator('tr[data-client="acme_ingest"] td[data-label="Secret rotation"]').textContent()).toContain('next: 2099-01-01 00:00 UTC');
    await page.locator('#clients-q').pressSequentially('report');
    await expect.poll(visible).toEqual(['acme_reporting']);
    expect(await axeViolations(page)).toEqual([]);

    const other = await page.goto(`${daemon.url}/accounts/globex`);
    expect(other?.status()).toBe(403);
    expect(page.url()).toBe(`${daemon.url}/accounts/globex`);
    expect(await page.locator('main').textContent()).toContain("does not name account 'globex'");
    expect((await page.goto(`${daemon.url}/runs`))?.status()).toBe(403);
    expect((await page.goto(`${daemon.url}/status`))?.status()).toBe(401);

    // No secret on any page (the sign-in client's or a synced client's).
    await page.goto(`${daemon.url}/accounts/acme`);
    expect(await page.content()).not.toContain(signInSecret);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${daemon.url}/signed-out`);
    expect(await page.locator('h1').textContent()).toBe('Signed out');
    expect((await context.cookies()).filter((c) => c.name.includes('clientsync-session'))).toEqual([]);
    // The Keycloak session ended too: signing in again asks for the password.
    await page.getByRole('link', { name: 'Sign in again' }).click();
    await page.waitForURL((u) => u.href.startsWith(keycloakUrl));
    expect(await page.locator('#password').count()).toBe(1);
    await context.close();
  });

  it('an operator (realm role clientsync-operator) sees every account, /runs and /status', { timeout: 90_000 }, async () => {
    const context = await browser!.newContext();
    const page = await context.newPage();
    await signIn(page, olga, '/runs');
    expect(await page.locator('tbody tr').first().textContent()).toMatch(/startup.*success/);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${daemon.url}/`);
    expect(await page.locator('#accounts tbody tr td[data-label="Account"]').allTextContents()).toEqual(['acme', 'globex']);
    expect((await page.goto(`${daemon.url}/accounts/globex`))?.status()).toBe(200);
    const status = await page.goto(`${daemon.url}/status`);
    expect(status?.status()).toBe(200);
    expect(await status?.json()).toMatchObject({ lastRun: { outcome: 'success' } });
    await context.close();
  });
});
