// The API Clients pages in a real browser (Debian's Chromium via playwright-core), served by the
// daemon in-process on 127.0.0.1 (local trial: no sign-in) over the fake Keycloak port: hostile
// data renders as text and runs nothing, states read right, the search filters as one types and
// by ?q= without JavaScript, keyboard and 320 px work, axe finds no violation in light and dark.
// Needs the shared lock (it starts Chromium): flock /tmp/clientsync-heavy.lock npx vitest run test/pages
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NONE_SINK } from '../../src/apply/index.js';
import { syncPolicy } from '../../src/sync/sync-policy.js';
import { FakeKeycloak } from '../support/fake-keycloak.js';
import { startDaemon, type RunningDaemon } from '../../src/daemon/daemon.js';
import { fakeRepository, FakeClock, ManualSchedule, MemoryLogger, removeFakeRepositories } from '../support/daemon-helpers.js';
import { KeycloakUnavailableError } from '../../src/model/errors.js';
import { desiredFields } from '../../src/plan/index.js';
import { settings } from '../support/plan-builders.js';
import type { LiveClient, ManagedFields } from '../../src/model/live.js';
import { axeViolations, browserExpected, launchBrowser, screenshotDir } from '../support/browser.js';

const SCRIPT = '<script>window.__pwned = "script"</script>';
const IMG = '"><img src=x onerror="window.__pwned = \'img\'">';
const JS_URL = 'javascript:window.__pwned="link"';

const files = {
  'clientsync.yaml': 'realm: insights\nclientLimit: 5\nclientLimits:\n  acme: 8\nscopes:\n  datahub-api: Required to query the Insights API.\n  push-data: Required to send datapoints to the platform.\n',
  'clients/acme.yaml': `clients:
  - clientId: acme_reporting
    displayName: Reporting dashboard
    description: Monthly usage reports
    capabilities: [WebApp]
    rootUrl: https://reports.acme.example
    homeUrl: /dashboard
    redirectUris: ["https://reports.acme.example/*"]
    scopes: [datahub-api]
  - clientId: acme_ingest
    displayName: Ingest pipeline
    description: Sends meter readings every minute
    capabilities: [Script]
    scopes: [push-data]
    rotate: 2027-01-15T09:00:00Z
  - clientId: acme_billing
    displayName: Billing export
    description: Nightly invoice export (new)
    capabilities: [Script]
    scopes: [datahub-api]
`,
  'clients/mallory.yaml': `clients:
  - clientId: mallory_hostile
    displayName: ${JSON.stringify(IMG)}
    description: ${JSON.stringify(`${SCRIPT} ${IMG}`)}
    capabilities: [Script]
`,
  'clients/globex.yaml': 'clients:\n  - clientId: globex_sync\n    displayName: Globex sync\n    capabilities: [Script]\n    scopes: [datahub-api]\n',
  // Invalid (an http:// URL to a public host): skipped, its client in Keycloak left as is.
  'clients/initech.yaml': 'clients:\n  - clientId: initech_portal\n    capabilities: [WebApp]\n    rootUrl: http://portal.initech.example\n    redirectUris: ["/*"]\n',
};

function live(clientId: string, fields: Partial<ManagedFields>, extra: Partial<LiveClient> = {}): LiveClient {
  return {
    id: `id-${clientId}`,
    clientId,
    managed: true,
    account: clientId.split('_')[0]!,
    revision: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
    rotatedAt: null,
    builtIn: false,
    fields: { ...desiredFields({ clientId, capabilities: ['Script'] }, settings()), ...fields },
    ...extra,
  };
}

let browser: Browser | null = null;
let daemon: RunningDaemon;
const shots = screenshotDir();

beforeAll(async () => {
  browser = await launchBrowser();
  if (browser === null) return;
  const repo = fakeRepository(files);
  const keycloak = new FakeKeycloak('insights');
  const s = settings();
  keycloak.seed(live('acme_reporting', desiredFields({ clientId: 'acme_reporting', displayName: 'Reporting dashboard', description: 'Monthly usage reports', capabilities: ['WebApp'], rootUrl: 'https://reports.acme.example', homeUrl: '/dashboard', redirectUris: ['https://reports.acme.example/*'], scopes: ['datahub-api'] }, s), { rotatedAt: '2026-01-10T08:00:00Z' }));
  // Drift: Keycloak holds another description and scope; the update fails, so it stays drifted.
  keycloak.seed(live('acme_ingest', { displayName: 'Ingest pipeline', description: 'edited by hand in the console', scopes: [] }));
  keycloak.fail('updateClient', 'acme_ingest', new KeycloakUnavailableError('update acme_ingest: Keycloak answered 503', 503));
  keycloak.fail('createClient', 'acme_billing', new KeycloakUnavailableError('create acme_billing: Keycloak answered 503', 503));
  keycloak.seed(live('mallory_hostile', { displayName: IMG, description: `${SCRIPT} ${IMG}` }));
  keycloak.seed(live('globex_sync', { displayName: 'Globex sync', scopes: ['datahub-api'] }));
  // The skipped account's client, as Keycloak has it: a javascript: URL set by hand.
  keycloak.seed(live('initech_portal', { capabilities: ['WebApp'], rootUrl: JS_URL, homeUrl: '', description: `legacy ${SCRIPT}` }));
  daemon = await startDaemon(
    { host: '127.0.0.1', port: 0, runTimeLimitMs: 30_000, webhookSecret: null, version: 'browser-test', defaultMetrics: false },
    { clock: new FakeClock(Date.parse('2026-12-01T10:00:00Z')), logger: new MemoryLogger(), source: repo.source, keycloak: () => keycloak, policy: syncPolicy({ maxDeletes: 10, concurrency: 2, sink: NONE_SINK }), schedule: new ManualSchedule() },
  );
  await daemon.whenIdle();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await daemon?.stop(1_000);
  removeFakeRepositories();
});

/** A page that records dialogs and console errors; `pwned` reads the hostile data's marker. */
async function open(context: BrowserContext, path: string): Promise<{ page: Page; dialogs: string[]; pwned: () => Promise<unknown> }> {
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const response = await page.goto(`${daemon.url}${path}`);
  expect(response?.status(), path).toBeLessThan(500);
  return { page, dialogs, pwned: () => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned) };
}

const rowOf = (page: Page, clientId: string) => page.locator(`tr[data-client="${clientId}"]`);

// Skipped only outside CI on a machine without Chromium (launchBrowser says so on stderr).
describe.skipIf(!browserExpected())('API Clients pages in Chromium', () => {
  it('hostile data renders as text: no script, no image, no javascript: link (checked with the CSP bypassed, so escaping alone must hold)', async () => {
    const context = await browser!.newContext({ bypassCSP: true });
    for (const path of ['/', '/accounts/mallory', '/accounts/initech']) {
      const { page, dialogs, pwned } = await open(context, path);
      await page.waitForLoadState('load');
      expect(await pwned(), path).toBeUndefined();
      expect(dialogs, path).toEqual([]);
      expect(await page.locator('img').count(), path).toBe(0);
      expect(await page.locator('script:not([src="/assets/filter.js"])').count(), path).toBe(0);
      expect(await page.locator('a[href^="javascript:" i], a[href^="data:" i]').count(), path).toBe(0);
    }
    const { page } = await open(context, '/accounts/mallory');
    await expect.poll(() => rowOf(page, 'mallory_hostile').locator('td[data-label="Description"]').textContent()).toBe(`${SCRIPT} ${IMG}`);
    const initech = (await open(context, '/accounts/initech')).page;
    expect(await rowOf(initech, 'initech_portal').textContent()).toContain(JS_URL);
    await context.close();
  });

  it('shows each state as such: drift with its fields, to be created, a scheduled rotation, a skipped account with its reason and file:line', async () => {
    const context = await browser!.newContext();
    const { page } = await open(context, '/');
    const initechRow = page.locator('#accounts tbody tr', { hasText: 'initech' });
    await expect.poll(() => initechRow.textContent()).toMatch(/skipped.*clients\/initech\.yaml has \d+ errors?.*1 \/ 5/);
    expect(await page.locator('#accounts tbody tr', { hasText: 'acme' }).textContent()).toMatch(/failing.*3 \/ 8|failing/);
    await page.screenshot({ path: join(shots, 'accounts.png'), fullPage: true });

    const acme = (await open(context, '/accounts/acme')).page;
    const header = await acme.locator('#clients thead th').allTextContents();
    expect(header.slice(0, 5)).toEqual(['Client ID', 'Display Name', 'Description', 'Capability Types', 'Scopes']);
    expect(await rowOf(acme, 'acme_ingest').locator('td[data-label="State"]').textContent()).toMatch(/^drift.*differs in: description, scopes.*update failed: update acme_ingest: Keycloak answered 503/);
    expect(await rowOf(acme, 'acme_ingest').locator('td[data-label="Secret rotation"]').textContent()).toContain('next: 2027-01-15 09:00 UTC');
    expect(await rowOf(acme, 'acme_billing').locator('td[data-label="State"]').textContent()).toMatch(/^to be created/);
    expect(await rowOf(acme, 'acme_reporting').locator('td[data-label="State"]').textContent()).toBe('in sync');
    expect(await rowOf(acme, 'acme_reporting').locator('td[data-label="Secret rotation"]').textContent()).toContain('last: 2026-01-10 08:00 UTC');
    expect(await rowOf(acme, 'acme_reporting').locator('a').first().getAttribute('href')).toBe('https://reports.acme.example/dashboard');
    await acme.screenshot({ path: join(shots, 'account.png'), fullPage: true });

    const initech = (await open(context, '/accounts/initech')).page;
    expect(await initech.locator('main').textContent()).toMatch(/skipped ?clients\/initech\.yaml has \d+ errors?/);
    expect(await initech.locator('ul.problems li').first().textContent()).toMatch(/^clients\/initech\.yaml:\d+:\d+ error \[url\]/);
    expect(await rowOf(initech, 'initech_portal').textContent()).toContain('left as is');

    const runs = (await open(context, '/runs')).page;
    expect(await runs.locator('tbody tr').first().textContent()).toMatch(/1.*startup.*partial/);
    await context.close();
  });

  it('filters as one types (the script loads under the real CSP), and by ?q= without JavaScript', async () => {
    const context = await browser!.newContext();
    const { page } = await open(context, '/accounts/acme');
    const visible = () => page.locator('#clients tbody tr:visible').count();
    expect(await visible()).toBe(3);
    await page.locator('#clients-q').pressSequentially('ingest');
    await expect.poll(visible).toBe(1);
    expect(await page.locator('#clients-count').textContent()).toBe('1 of 3 shown');
    await page.locator('#clients-q').fill('to be created');
    await expect.poll(visible).toBe(1);
    await page.locator('#clients-q').fill('');
    await expect.poll(visible).toBe(3);
    await context.close();

    const noScript = await browser!.newContext({ javaScriptEnabled: false });
    const plain = (await open(noScript, '/accounts/acme?q=reporting')).page;
    expect(await plain.locator('#clients tbody tr:visible').count()).toBe(1);
    expect(await plain.locator('#clients-q').inputValue()).toBe('reporting');
    // The form works without script: submitting a search reloads with ?q=.
    await plain.locator('#clients-q').fill('billing');
    await plain.locator('form.search button').click();
    await plain.waitForURL(/\?q=billing/);
    expect(await plain.locator('#clients tbody tr:visible').textContent()).toContain('acme_billing');
    await noScript.close();
  });

  it('is usable with the keyboard and at 320 px', async () => {
    const context = await browser!.newContext({ viewport: { width: 320, height: 640 } });
    const { page } = await open(context, '/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    const reached: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => `${document.activeElement?.tagName}:${document.activeElement?.getAttribute('href') ?? document.activeElement?.id ?? ''}`));
    }
    expect(reached).toContain('INPUT:accounts-q');
    expect(reached).toContain('A:/accounts/acme');
    await page.keyboard.press('Enter'); // follows whatever link has focus: the page must load
    for (const path of ['/', '/accounts/acme', '/runs']) {
      const p = (await open(context, path)).page;
      expect(await p.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
      if (path === '/accounts/acme') await p.screenshot({ path: join(shots, 'account-320.png'), fullPage: true });
    }
    await context.close();
  });

  it('axe finds no violation on any page, in light and in dark mode', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser!.newContext({ bypassCSP: true, colorScheme });
      for (const path of ['/', '/accounts/acme', '/accounts/mallory', '/accounts/initech', '/runs', '/accounts/nobody', '/signed-out']) {
        const { page } = await open(context, path);
        expect(await axeViolations(page), `${colorScheme} ${path}`).toEqual([]);
        if (colorScheme === 'dark' && path === '/accounts/acme') await page.screenshot({ path: join(shots, 'account-dark.png'), fullPage: true });
      }
      await context.close();
    }
  });
});
