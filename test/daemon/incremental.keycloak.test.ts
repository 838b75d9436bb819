// Incremental reads against the real Keycloak: the built daemon, its requests counted by a
// recording proxy between it and Keycloak. With admin events on, a quiet run reads no client;
// a change made by hand through the admin REST API (as the admin console makes it) is seen and
// corrected in the next run; with events switched off, the run falls back to a full read and
// /status says why.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { signBody } from '../../src/daemon/webhook.js';
import { KeycloakAdapter } from '../../src/keycloak/index.js';
import '../support/keycloak-target.js';
import { gitRepo } from '../support/git-repo.js';
import { adminRequest } from '../support/keycloak-admin.js';
import { createServiceAccount, useTestRealm, type TestRealm } from '../support/test-realm.js';
import { startRecordingProxy, type RecordingProxy } from '../reliability/support/recording-proxy.js';
import { pushEvent, startDaemonProcess, tempWorkDir, WEBHOOK_SECRET, type DaemonProcess, type StatusDoc } from './daemon-process.js';
import { managedClients } from './keycloak-view.js';

const keycloak = inject('keycloak');

interface LiveReadDoc {
  readonly mode: string;
  readonly reason: string;
  readonly clientsReread: number;
  readonly events: number;
  readonly next: string;
}

const liveRead = (s: StatusDoc) => (s.lastRun as unknown as { liveRead: LiveReadDoc | null }).liveRead;

/** Grants the service account of `clientUuid` a realm-management role (e.g. view-events). */
async function grantRole(realm: TestRealm, clientUuid: string, role: string): Promise<void> {
  const { url } = realm.connection;
  const base = `/${realm.name}`;
  const user = (await adminRequest(url, realm.admin, 'GET', `${base}/clients/${clientUuid}/service-account-user`)).json as { id: string };
  const rm = ((await adminRequest(url, realm.admin, 'GET', `${base}/clients?clientId=realm-management`)).json as { id: string }[])[0]!;
  const rep = (await adminRequest(url, realm.admin, 'GET', `${base}/clients/${rm.id}/roles/${role}`)).json;
  const granted = await adminRequest(url, realm.admin, 'POST', `${base}/users/${user.id}/role-mappings/clients/${rm.id}`, [rep]);
  expect(granted.status).toBe(204);
}

async function setAdminEvents(realm: TestRealm, enabled: boolean): Promise<void> {
  const result = await adminRequest(realm.connection.url, realm.admin, 'PUT', `/${realm.name}/events/config`, { adminEventsEnabled: enabled });
  expect(result.status).toBe(204);
}

/** Triggers one run by a signed push webhook (a fresh delivery id each) and waits for it to finish. */
async function nextRun(d: DaemonProcess, proxy: RecordingProxy): Promise<{ status: StatusDoc; requests: string[] }> {
  const before = (await d.status()).lastRun?.id ?? 0;
  const from = proxy.log.length;
  // A distinct head per delivery: the daemon ignores a body it has already acted on (replay).
  const body = JSON.stringify(pushEvent('main', randomBytes(20).toString('hex')));
  const response = await fetch(`${d.url}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': signBody(WEBHOOK_SECRET, body) },
    body,
  });
  expect(response.status).toBe(202);
  const status = await d.waitForStatus((s) => (s.lastRun?.id ?? 0) > before && s.running === null && !s.pending, 60_000, `run ${before + 1}`);
  await proxy.settled();
  return { status, requests: proxy.log.slice(from).map((r) => `${r.method} ${r.path.replace(/\?.*$/, '')}`) };
}

/** Reads of clients: the paged list (the admin client asks for `clients/?first=…`) or one client. */
const clientReads = (requests: readonly string[]) => requests.filter((r) => /^GET \/admin\/realms\/[^/]+\/clients(\/[^/]*)?$/.test(r));

describe.skipIf(!keycloak.available)('incremental reads from admin events (real Keycloak)', () => {
  if (!keycloak.available) return;
  const connection = { url: keycloak.url, adminUsername: keycloak.adminUsername, adminPassword: keycloak.adminPassword };
  const realm = useTestRealm(() => connection);
  const proxies: RecordingProxy[] = [];
  afterAll(async () => {
    for (const p of proxies) await p.close();
  });
  const script = (id: string, extra = '') => `  - clientId: ${id}\n    capabilities: [Script]\n${extra}`;

  it('reads no client when nothing changed, sees a change by hand, and falls back to full reads when events are off', { timeout: 150_000 }, async () => {
    const { name } = realm();
    await setAdminEvents(realm(), true);
    const account = await createServiceAccount(realm(), { clientId: 'clientsync-incremental', manageClients: true });
    await grantRole(realm(), account.id, 'view-events');
    const proxy = await startRecordingProxy(keycloak.url);
    proxies.push(proxy);
    const repo = await gitRepo(
      { 'clients/inc.yaml': `clients:\n${script('inc_one', '    description: from git\n    scopes: [datahub-api]\n')}${script('inc_two')}` },
      `realm: ${name}\nscopes:\n  datahub-api: Query.\n  push-data: Send.\n`,
    );
    const env = { KEYCLOAK_URL: proxy.url, KEYCLOAK_AUTH_REALM: name, KEYCLOAK_CLIENT_ID: account.clientId, KEYCLOAK_CLIENT_SECRET: account.secret };
    const d = await startDaemonProcess(['--git-url', `file://${repo.dir}`, '--work-dir', tempWorkDir(), '--schedule', '0 0 1 1 *'], env);

    // Start-up: a full read; events are on and readable, so the next runs may be incremental.
    const first = await d.waitForStatus((s) => s.lastRun !== null && s.running === null, 60_000, 'the start-up run');
    expect(first.lastRun).toMatchObject({ outcome: 'success', summary: { create: 2 } });
    expect(liveRead(first)).toMatchObject({ mode: 'full', reason: 'first run since start-up', next: 'incremental' });

    // The clients it wrote are read once more; after that, a quiet run reads no client at all.
    const second = await nextRun(d, proxy);
    expect(liveRead(second.status)).toMatchObject({ mode: 'incremental', clientsReread: 2 });
    const quiet = await nextRun(d, proxy);
    expect(quiet.status.lastRun).toMatchObject({ outcome: 'success', summary: { create: 0, update: 0, delete: 0 } });
    expect(liveRead(quiet.status)).toMatchObject({ mode: 'incremental', clientsReread: 0 });
    expect(clientReads(quiet.requests)).toEqual([]);
    expect(quiet.requests.some((r) => r.endsWith('/admin-events'))).toBe(true);

    // A change by hand, straight to Keycloak as the admin console makes it: seen and corrected.
    const one = ((await adminRequest(keycloak.url, realm().admin, 'GET', `/${name}/clients?clientId=inc_one`)).json as { id: string }[])[0]!;
    const put = await adminRequest(keycloak.url, realm().admin, 'PUT', `/${name}/clients/${one.id}`, { clientId: 'inc_one', description: 'changed by hand' });
    expect(put.status).toBe(204);
    const drift = await nextRun(d, proxy);
    expect(liveRead(drift.status)).toMatchObject({ mode: 'incremental', clientsReread: 1, events: 1 });
    expect(clientReads(drift.requests)).toEqual([`GET /admin/realms/${name}/clients/${one.id}`]);
    expect(drift.status.lastRun).toMatchObject({ outcome: 'success', summary: { update: 1 } });
    expect((await managedClients(connection, name)).find((c) => c.clientId === 'inc_one')?.description).toBe('from git');

    // Events switched off: the switch itself is an event (a gap): a full read, and so on after.
    await setAdminEvents(realm(), false);
    const gap = await nextRun(d, proxy);
    expect(liveRead(gap.status)).toMatchObject({ mode: 'full', reason: expect.stringMatching(/event settings were changed/) });
    expect(liveRead(gap.status)?.next).toMatch(/adminEventsEnabled is off/);
    const off = await nextRun(d, proxy);
    expect(liveRead(off.status)).toMatchObject({ mode: 'full', reason: expect.stringMatching(/adminEventsEnabled is off/) });
    expect(clientReads(off.requests)).toEqual([`GET /admin/realms/${name}/clients`] /* the paged list */);

    expect(await d.stop()).toBe(0);
  });

  it('reads everything when admin events expire sooner than the runs come (read with view-realm)', { timeout: 90_000 }, async () => {
    const { name } = realm();
    await setAdminEvents(realm(), true);
    // Keycloak keeps the expiration (seconds) as a realm attribute; 60 s is shorter than the
    // 5-minute overlap the daemon asks events for, so no incremental read can be trusted.
    const set = await adminRequest(keycloak.url, realm().admin, 'PUT', `/${name}`, { realm: name, attributes: { adminEventsExpiration: '60' } });
    expect(set.status).toBe(204);
    const account = await createServiceAccount(realm(), { clientId: 'clientsync-expiring', manageClients: true });
    await grantRole(realm(), account.id, 'view-events');
    await grantRole(realm(), account.id, 'view-realm');
    const proxy = await startRecordingProxy(keycloak.url);
    proxies.push(proxy);
    const repo = await gitRepo({ 'clients/exp.yaml': `clients:\n${script('exp_one')}` }, `realm: ${name}\nscopes:\n  datahub-api: Query.\n  push-data: Send.\n`);
    const env = { KEYCLOAK_URL: proxy.url, KEYCLOAK_AUTH_REALM: name, KEYCLOAK_CLIENT_ID: account.clientId, KEYCLOAK_CLIENT_SECRET: account.secret };
    const d = await startDaemonProcess(['--git-url', `file://${repo.dir}`, '--work-dir', tempWorkDir(), '--schedule', '0 0 1 1 *'], env);
    await d.waitForStatus((s) => s.lastRun !== null && s.running === null, 60_000, 'the start-up run');
    const second = await nextRun(d, proxy);
    expect(liveRead(second.status)).toMatchObject({ mode: 'full', reason: expect.stringMatching(/expire after 60 s/) });
    expect(await d.stop()).toBe(0);
  });

  it("gives its clock in the admin token's iat, which bounds the events a full read asks for", { timeout: 60_000 }, async () => {
    const { name } = realm();
    const account = await createServiceAccount(realm(), { clientId: 'clientsync-clock', manageClients: true });
    const adapter = new KeycloakAdapter({ url: keycloak.url, authRealm: name, credentials: { kind: 'client', clientId: account.clientId, clientSecret: account.secret } });
    const before = Date.now();
    const time = await adapter.keycloakTime();
    // Whole seconds, rounded down; Keycloak runs on this machine's clock here.
    expect(time).not.toBeNull();
    expect(time! % 1000).toBe(0);
    expect(time!).toBeGreaterThanOrEqual(before - 1000);
    expect(time!).toBeLessThanOrEqual(Date.now());
    // No Date header to read it from instead (docs/keycloak-notes.md, admin events).
    const answer = await fetch(`${keycloak.url}/realms/${name}/.well-known/openid-configuration`);
    expect(answer.headers.get('date')).toBeNull();
  });

  it('falls back to full reads, saying so, when the account may not read admin events', { timeout: 90_000 }, async () => {
    const { name } = realm();
    await setAdminEvents(realm(), true);
    const account = await createServiceAccount(realm(), { clientId: 'clientsync-no-events', manageClients: true });
    const proxy = await startRecordingProxy(keycloak.url);
    proxies.push(proxy);
    const repo = await gitRepo({ 'clients/noev.yaml': `clients:\n${script('noev_one')}` }, `realm: ${name}\nscopes:\n  datahub-api: Query.\n  push-data: Send.\n`);
    const env = { KEYCLOAK_URL: proxy.url, KEYCLOAK_AUTH_REALM: name, KEYCLOAK_CLIENT_ID: account.clientId, KEYCLOAK_CLIENT_SECRET: account.secret };
    const d = await startDaemonProcess(['--git-url', `file://${repo.dir}`, '--work-dir', tempWorkDir(), '--schedule', '0 0 1 1 *'], env);
    const first = await d.waitForStatus((s) => s.lastRun !== null && s.running === null, 60_000, 'the start-up run');
    expect(first.lastRun).toMatchObject({ outcome: 'success' });
    expect(liveRead(first)?.next).toMatch(/view-events/);
    const second = await nextRun(d, proxy);
    expect(liveRead(second.status)).toMatchObject({ mode: 'full', reason: expect.stringMatching(/view-events/) });
    expect(await d.stop()).toBe(0);
  });
});
