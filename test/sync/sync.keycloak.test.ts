// The sync engine against the real Keycloak 26, over real HTTP with the real admin client:
// every action, the safety rules, drift, rotation at the token endpoint, idempotence. The clock
// is injected (planSync's `now`), the way the daemon and CLI pass it.
import { describe, expect, inject, it } from 'vitest';
import { applyPlan, NONE_SINK, type SecretSink } from '../../src/apply/index.js';
import { KeycloakAdapter } from '../../src/keycloak/index.js';
import type { RetryPolicy } from '../../src/keycloak/retry.js';
import type { Secret } from '../../src/keycloak/secret.js';
import { planSync } from '../../src/sync/sync-plan.js';
import { adminRequest, tokenRequest, type KeycloakConnection } from '../support/keycloak-admin.js';
import '../support/keycloak-target.js';
import { createServiceAccount, useTestRealm, type ServiceAccount } from '../support/test-realm.js';
import { tempRepo } from '../support/temp-repo.js';
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll } from 'vitest';

const keycloak = inject('keycloak');
const FAST: RetryPolicy = { attempts: 3, baseDelayMs: 50, maxDelayMs: 200, maxRetryAfterMs: 1000, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), random: Math.random };

interface RawClient {
  id: string;
  clientId: string;
  name?: string;
  description?: string;
  rootUrl?: string;
  baseUrl?: string;
  adminUrl?: string;
  redirectUris?: string[];
  webOrigins?: string[];
  standardFlowEnabled?: boolean;
  serviceAccountsEnabled?: boolean;
  publicClient?: boolean;
  directAccessGrantsEnabled?: boolean;
  attributes?: Record<string, string>;
  defaultClientScopes?: string[];
  secret?: string;
}

describe.skipIf(!keycloak.available)('sync against the real Keycloak', () => {
  if (!keycloak.available) return;
  const connection: KeycloakConnection = { url: keycloak.url, adminUsername: keycloak.adminUsername, adminPassword: keycloak.adminPassword };
  const realm = useTestRealm(() => connection);
  let account: ServiceAccount;
  let dir: string;
  const delivered: { clientId: string; secret: Secret }[] = [];
  const sink: SecretSink = {
    targets: [
      {
        name: 'test',
        kind: 'command',
        deliver: (d) => {
          delivered.push({ clientId: d.clientId, secret: d.secret });
          return Promise.resolve({ output: '' });
        },
      },
    ],
  };

  beforeAll(async () => {
    account = await createServiceAccount(realm(), { clientId: 'clientsync-sa', manageClients: true });
    dir = tempRepo({ 'clients/.gitkeep': '', 'clientsync.yaml': `realm: ${realm().name}\nscopes:\n  datahub-api: Query.\n  push-data: Send.\n` });
  });

  const adapter = () =>
    new KeycloakAdapter(
      { url: connection.url, authRealm: realm().name, credentials: { kind: 'client', clientId: account.clientId, clientSecret: account.secret } },
      { retry: FAST },
    );

  function declare(files: Record<string, string | null>) {
    for (const [name, content] of Object.entries(files)) {
      const path = join(dir, 'clients', `${name}.yaml`);
      if (content === null) rmSync(path, { force: true });
      else writeFileSync(path, content);
    }
  }

  async function sync(now = new Date(), options: { sink?: SecretSink } = {}) {
    const kc = adapter();
    const planned = await planSync({ dir, keycloak: kc, now, revision: 'rev-test' });
    const report = await applyPlan(planned.plan, { keycloak: kc, policy: { sink: options.sink ?? NONE_SINK, concurrency: 4 }, revision: 'rev-test', live: { realm: realm().name, clients: planned.live }, managedScopes: Object.keys(planned.desired.settings.scopes) });
    return { plan: planned.plan, report };
  }

  /** Every client as Keycloak returns it; scope lists sorted (Keycloak's order varies between reads). */
  async function rawClients(): Promise<RawClient[]> {
    const clients = (await adminRequest(connection.url, realm().admin, 'GET', `/${realm().name}/clients`)).json as (RawClient & { optionalClientScopes?: string[] })[];
    return clients.map((c) => ({ ...c, defaultClientScopes: [...(c.defaultClientScopes ?? [])].sort(), optionalClientScopes: [...(c.optionalClientScopes ?? [])].sort() }));
  }
  async function raw(clientId: string): Promise<RawClient> {
    const found = (await rawClients()).find((c) => c.clientId === clientId);
    if (!found) throw new Error(`no client ${clientId}`);
    return found;
  }
  const actions = (plan: { changes: readonly { action: string; clientId: string }[] }) => plan.changes.map((c) => `${c.action} ${c.clientId}`);

  const fullClient = `clients:
  - clientId: acme_web
    displayName: Reporting dashboard
    description: Monthly usage reports
    capabilities: [WebApp, Script, Backchannel]
    rootUrl: https://reports.acme.example
    homeUrl: /dashboard
    redirectUris: ["https://reports.acme.example/*", "/callback"]
    postLogoutRedirectUris: ["https://reports.acme.example/", "+"]
    webOrigins: ["+", "https://other.acme.example"]
    adminUrl: https://reports.acme.example/admin
    backchannelLogoutUrl: https://reports.acme.example/logout
    scopes: [datahub-api, push-data]
`;

  it('creates a client with every field, and a second run plans nothing', async () => {
    declare({ acme: fullClient });
    const first = await sync();
    expect(actions(first.plan)).toEqual(['create acme_web']);
    expect(first.report.ok).toBe(true);
    const c = await raw('acme_web');
    expect(c).toMatchObject({
      name: 'Reporting dashboard',
      description: 'Monthly usage reports',
      rootUrl: 'https://reports.acme.example',
      baseUrl: '/dashboard',
      adminUrl: 'https://reports.acme.example/admin',
      standardFlowEnabled: true,
      serviceAccountsEnabled: true,
      publicClient: false,
      directAccessGrantsEnabled: false,
    });
    expect(c.redirectUris!.sort()).toEqual(['/callback', 'https://reports.acme.example/*']);
    expect(c.webOrigins!.sort()).toEqual(['+', 'https://other.acme.example']);
    expect(c.attributes).toMatchObject({
      'post.logout.redirect.uris': '+##https://reports.acme.example/',
      'backchannel.logout.url': 'https://reports.acme.example/logout',
      'backchannel.logout.session.required': 'true',
      'clientsync.managed': 'true',
      'clientsync.account': 'acme',
      'clientsync.revision': 'rev-test',
    });
    // The managed scopes are linked, and Keycloak's built-in defaults are still there.
    expect(c.defaultClientScopes).toEqual(expect.arrayContaining(['datahub-api', 'push-data', 'profile', 'email', 'roles', 'web-origins']));
    const second = await sync();
    expect(second.plan.changes).toEqual([]);
  });

  it('updates each managed field, clears removed ones, and never touches built-in scopes', async () => {
    declare({
      acme: `clients:
  - clientId: acme_web
    displayName: Renamed
    capabilities: [WebApp]
    redirectUris: ["https://new.acme.example/*"]
    webOrigins: ["https://new.acme.example"]
    scopes: [push-data]
`,
    });
    const run = await sync();
    expect(actions(run.plan)).toEqual(['update acme_web']);
    expect(run.plan.changes[0]!.fields!.map((f) => f.field)).toEqual([
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
    expect(run.report.ok).toBe(true);
    const c = await raw('acme_web');
    expect(c).toMatchObject({ name: 'Renamed', description: '', rootUrl: '', baseUrl: '', adminUrl: '', serviceAccountsEnabled: false, redirectUris: ['https://new.acme.example/*'], webOrigins: ['https://new.acme.example'] });
    expect(c.attributes?.['backchannel.logout.url'] ?? '').toBe('');
    expect(c.attributes?.['post.logout.redirect.uris'] ?? '').toBe('');
    expect(c.defaultClientScopes).not.toContain('datahub-api');
    expect(c.defaultClientScopes).toEqual(expect.arrayContaining(['push-data', 'profile', 'email', 'roles', 'web-origins', 'acr', 'basic']));
    expect((await sync()).plan.changes).toEqual([]);
  });

  it('shows a change made directly in Keycloak as drift, and reverts it', async () => {
    const c = await raw('acme_web');
    const put = await adminRequest(connection.url, realm().admin, 'PUT', `/${realm().name}/clients/${c.id}`, {
      redirectUris: ['https://evil.example/*'],
      publicClient: true,
      description: 'edited by hand',
    });
    expect(put.status).toBe(204);
    const run = await sync();
    expect(actions(run.plan)).toEqual(['update acme_web']);
    expect(run.plan.changes[0]!.fields!.map((f) => f.field).sort()).toEqual(['confidential', 'description', 'redirectUris']);
    const after = await raw('acme_web');
    expect(after).toMatchObject({ redirectUris: ['https://new.acme.example/*'], publicClient: false, description: '' });
    expect((await sync()).plan.changes).toEqual([]);
  });

  it('rotates: the old secret is refused at the token endpoint, the new one works; exactly once', async () => {
    declare({ beta: 'clients:\n  - clientId: beta_job\n    capabilities: [Script]\n' });
    await sync(new Date(), { sink });
    const created = delivered.find((d) => d.clientId === 'beta_job')!.secret.reveal();
    const token = (secret: string) => tokenRequest(connection.url, realm().name, { grant_type: 'client_credentials', client_id: 'beta_job', client_secret: secret });
    expect((await token(created)).status).toBe(200);

    declare({ beta: 'clients:\n  - clientId: beta_job\n    capabilities: [Script]\n    rotate: "2030-01-01T00:00:00Z"\n' });
    const early = await sync(new Date('2029-12-31T23:59:59Z'), { sink });
    expect(early.plan.changes).toEqual([]);
    expect(early.plan.scheduled).toEqual([{ account: 'beta', clientId: 'beta_job', rotateAt: '2030-01-01T00:00:00Z' }]);

    const due = await sync(new Date('2030-01-01T00:00:00Z'), { sink });
    expect(actions(due.plan)).toEqual(['rotate beta_job']);
    expect(due.report.ok).toBe(true);
    const rotated = delivered.filter((d) => d.clientId === 'beta_job').at(-1)!.secret.reveal();
    expect(rotated).not.toBe(created);
    const refused = await token(created);
    expect(refused.status).toBe(401);
    expect((await token(rotated)).status).toBe(200);
    expect((await raw('beta_job')).attributes?.['clientsync.rotated-at']).toBe('2030-01-01T00:00:00Z');

    for (const later of ['2030-01-02T00:00:00Z', '2031-06-01T00:00:00Z']) {
      expect((await sync(new Date(later), { sink })).plan.changes).toEqual([]);
    }
    expect(delivered.filter((d) => d.clientId === 'beta_job')).toHaveLength(2);
  });

  it('adopts an unmanaged client only with adopt: true; otherwise a conflict that changes nothing', async () => {
    const made = await adminRequest(connection.url, realm().admin, 'POST', `/${realm().name}/clients`, { clientId: 'gamma_legacy', description: 'by hand', serviceAccountsEnabled: true });
    expect(made.status).toBe(201);
    const before = await raw('gamma_legacy');
    declare({ gamma: 'clients:\n  - clientId: gamma_legacy\n    capabilities: [Script]\n' });
    const conflicted = await sync();
    expect(conflicted.plan.conflicts.map((c) => c.clientId)).toEqual(['gamma_legacy']);
    expect(conflicted.plan.changes.filter((c) => c.clientId === 'gamma_legacy')).toEqual([]);
    expect(await raw('gamma_legacy')).toEqual(before);

    declare({ gamma: 'clients:\n  - clientId: gamma_legacy\n    capabilities: [Script]\n    adopt: true\n' });
    const adopted = await sync();
    expect(actions(adopted.plan)).toEqual(['adopt gamma_legacy']);
    const after = await raw('gamma_legacy');
    expect(after.attributes).toMatchObject({ 'clientsync.managed': 'true', 'clientsync.account': 'gamma' });
    expect(after.description).toBe('');
    expect(after.secret).toBe(before.secret); // adopting keeps the secret
    expect((await sync()).plan.changes).toEqual([]);
  });

  it('leaves unmanaged and built-in clients byte for byte unchanged, and deletes only managed ones', async () => {
    await adminRequest(connection.url, realm().admin, 'POST', `/${realm().name}/clients`, { clientId: 'delta_manual', description: 'not ours' });
    const untouched = (await rawClients()).filter((c) => !c.attributes?.['clientsync.managed']);
    declare({ acme: null, beta: 'clients: []\n', gamma: null });
    const run = await sync();
    expect(actions(run.plan).sort()).toEqual(['delete acme_web', 'delete beta_job', 'delete gamma_legacy']);
    expect(run.report.ok).toBe(true);
    const remaining = await rawClients();
    expect(remaining.filter((c) => c.attributes?.['clientsync.managed'])).toEqual([]);
    const byId = new Map(remaining.map((c) => [c.id, c]));
    for (const c of untouched) expect(byId.get(c.id)).toEqual(c);
  });

  it('an invalid account file skips that account only', async () => {
    declare({ eps: 'clients:\n  - clientId: eps_a\n    capabilities: [Script]\n', zeta: 'clients:\n  - clientId: zeta_a\n    capabilities: [Script]\n' });
    await sync();
    declare({ eps: 'clients:\n  - clientId: eps_a\n    capabilities: [Script]\n    description: x\n', zeta: 'clients:\n  - clientId: zeta_a\n    capabilities: [Bogus]\n' });
    const run = await sync();
    expect(run.plan.skippedAccounts).toEqual([{ account: 'zeta', file: 'clients/zeta.yaml', problems: 1 }]);
    expect(actions(run.plan)).toEqual(['update eps_a']);
    expect((await raw('zeta_a')).attributes?.['clientsync.managed']).toBe('true');
  });

  it('reads a realm of many pages with several pages in flight: every client exactly once, whatever the estimate', async () => {
    const all = (await rawClients()).map((c) => c.id).sort();
    expect(all.length).toBeGreaterThanOrEqual(9);
    // A page size that divides the count ends on an empty page; one that does not, on a short one.
    const sizes = [3, all.length % 3 === 0 ? 4 : 3, all.length / 2].filter(Number.isInteger);
    for (const pageSize of new Set(sizes)) {
      for (const expected of [0, 3, all.length - 4, all.length, all.length * 3]) {
        const kc = new KeycloakAdapter(
          { url: connection.url, authRealm: realm().name, credentials: { kind: 'client', clientId: account.clientId, clientSecret: account.secret } },
          { retry: FAST, pageSize, pageConcurrency: 3 },
        );
        const listed = (await kc.listClients(realm().name, ['datahub-api'], expected)).map((c) => c.id).sort();
        expect(listed, `page size ${pageSize}, expected ${expected}`).toEqual(all);
      }
    }
  });

  it('the service account with manage-clients needs nothing more', async () => {
    // Every call above ran with this account's token; a token without the role is refused.
    const weak = await createServiceAccount(realm(), { clientId: 'weak-sa', manageClients: false });
    const kc = new KeycloakAdapter({ url: connection.url, authRealm: realm().name, credentials: { kind: 'client', clientId: weak.clientId, clientSecret: weak.secret } }, { retry: FAST });
    await expect(kc.listClients(realm().name, [])).rejects.toMatchObject({ status: 403 });
  });
});
