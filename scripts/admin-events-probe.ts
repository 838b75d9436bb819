// `npx vite-node scripts/admin-events-probe.ts` (under the shared lock: it starts the real
// Keycloak): asks the real server how admin events look for every change clientsync cares about,
// and prints what it answers. docs/keycloak-notes.md ("Admin events") records the findings; run
// this again when the pinned Keycloak version changes. KEYCLOAK_PROBE_URL reuses a running
// server (admin/admin) instead of starting one.
import { adminRequest, idFromLocation, type HttpResult } from '../test/support/keycloak-admin.js';
import { startKeycloak, KEYCLOAK_VERSION } from '../test/support/keycloak-server.js';
import { createServiceAccount, createTestRealm } from '../test/support/realm-admin.js';

const out = (title: string, value: unknown) => process.stdout.write(`\n## ${title}\n${typeof value === 'string' ? value : JSON.stringify(value, null, 2)}\n`);
const brief = (r: HttpResult) => ({ status: r.status, body: r.text.slice(0, 600) });

async function main(): Promise<void> {
  const external = process.env['KEYCLOAK_PROBE_URL'];
  const server = external ? null : await startKeycloak({ log: () => undefined });
  const url = external ?? server!.url;
  try {
    const connection = { url, adminUsername: 'admin', adminPassword: 'admin' };
    const realm = await createTestRealm(connection, `probe-${Date.now()}`);
    const r = `/${realm.name}`;
    const admin = realm.admin;
    out('Keycloak', KEYCLOAK_VERSION);
    out('events config before', (await adminRequest(url, admin, 'GET', `${r}/events/config`)).json);
    out('admin-events with events disabled', brief(await adminRequest(url, admin, 'GET', `${r}/admin-events`)));
    out(
      'enable admin events (PUT events/config)',
      brief(await adminRequest(url, admin, 'PUT', `${r}/events/config`, { adminEventsEnabled: true, adminEventsDetailsEnabled: false })),
    );
    out('events config after', (await adminRequest(url, admin, 'GET', `${r}/events/config`)).json);

    const t0 = Date.now();
    // Service accounts: clientsync's (manage-clients) and one with view-events as well.
    const plain = await createServiceAccount(realm, { clientId: 'probe-manage', manageClients: true });
    const viewer = await createServiceAccount(realm, { clientId: 'probe-viewer', manageClients: true });
    const users = (await adminRequest(url, admin, 'GET', `${r}/clients/${viewer.id}/service-account-user`)).json as { id: string };
    const rm = ((await adminRequest(url, admin, 'GET', `${r}/clients?clientId=realm-management`)).json as { id: string }[])[0]!;
    const viewEvents = (await adminRequest(url, admin, 'GET', `${r}/clients/${rm.id}/roles/view-events`)).json;
    await adminRequest(url, admin, 'POST', `${r}/users/${users.id}/role-mappings/clients/${rm.id}`, [viewEvents]);
    const t1 = Date.now();

    // The changes, made as clientsync (the viewer account) and as the console would (admin).
    const asSa = viewer.tokens;
    const created = await adminRequest(url, asSa, 'POST', `${r}/clients`, { clientId: 'probe_app', protocol: 'openid-connect', publicClient: false, attributes: { 'clientsync.managed': 'true' } });
    const id = idFromLocation(created.headers.get('location'));
    await adminRequest(url, asSa, 'PUT', `${r}/clients/${id}`, { clientId: 'probe_app', description: 'changed by clientsync' });
    await adminRequest(url, admin, 'PUT', `${r}/clients/${id}`, { clientId: 'probe_app', description: 'changed by hand' });
    await adminRequest(url, admin, 'POST', `${r}/clients/${id}/client-secret`);
    await adminRequest(url, admin, 'PUT', `${r}/clients/${id}/default-client-scopes/${realm.scopeIds['datahub-api']}`);
    await adminRequest(url, admin, 'DELETE', `${r}/clients/${id}/default-client-scopes/${realm.scopeIds['datahub-api']}`);
    await adminRequest(url, admin, 'PUT', `${r}/clients/${id}/optional-client-scopes/${realm.scopeIds['push-data']}`);
    await adminRequest(url, admin, 'DELETE', `${r}/clients/${id}/optional-client-scopes/${realm.scopeIds['push-data']}`);
    // A change to a client scope itself (not a client): which resource type?
    await adminRequest(url, admin, 'PUT', `${r}/client-scopes/${realm.scopeIds['push-data']}`, { name: 'push-data', protocol: 'openid-connect', description: 'x' });
    await adminRequest(url, admin, 'DELETE', `${r}/clients/${id}`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const t2 = Date.now();

    const all = await adminRequest(url, admin, 'GET', `${r}/admin-events?dateFrom=${t1}`);
    out(`every admin event since t1 (${t1}), newest first`, all.json);
    out('resourceTypes=CLIENT&direction=asc', ((await adminRequest(url, admin, 'GET', `${r}/admin-events?resourceTypes=CLIENT&direction=asc`)).json as unknown[]).map((e) => {
      const { time, operationType, resourcePath, resourceType } = e as Record<string, unknown>;
      return { time, operationType, resourceType, resourcePath };
    }));
    out('dateFrom as yyyy-MM-dd', brief(await adminRequest(url, admin, 'GET', `${r}/admin-events?dateFrom=${new Date(t0).toISOString().slice(0, 10)}&max=1`)));
    out('dateFrom as epoch ms in the future', brief(await adminRequest(url, admin, 'GET', `${r}/admin-events?dateFrom=${t2 + 60_000}`)));
    out('dateFrom as ISO timestamp', brief(await adminRequest(url, admin, 'GET', `${r}/admin-events?dateFrom=${encodeURIComponent(new Date(t1).toISOString())}&max=1`)));
    out('paging first=1&max=2', ((await adminRequest(url, admin, 'GET', `${r}/admin-events?resourceTypes=CLIENT&first=1&max=2&direction=asc`)).json as { time: number }[]).map((e) => e.time));
    out('as manage-clients only: admin-events', brief(await adminRequest(url, plain.tokens, 'GET', `${r}/admin-events?max=1`)));
    out('as manage-clients only: events/config', brief(await adminRequest(url, plain.tokens, 'GET', `${r}/events/config`)));
    out('as manage-clients only: GET realm', brief(await adminRequest(url, plain.tokens, 'GET', `${r}`)));
    out('as manage-clients + view-events: admin-events', brief(await adminRequest(url, viewer.tokens, 'GET', `${r}/admin-events?max=1`)));
    out('as manage-clients + view-events: events/config', brief(await adminRequest(url, viewer.tokens, 'GET', `${r}/events/config`)));
    out('as manage-clients + view-events: GET realm', brief(await adminRequest(url, viewer.tokens, 'GET', `${r}`)));
    out(
      'expiration: PUT events/config adminEventsExpiration=3600',
      brief(await adminRequest(url, admin, 'PUT', `${r}/events/config`, { adminEventsEnabled: true, adminEventsExpiration: 3600 } as unknown)),
    );
    out('events config with expiration', (await adminRequest(url, admin, 'GET', `${r}/events/config`)).json);
    out('realm attributes (adminEventsExpiration?)', ((await adminRequest(url, admin, 'GET', `${r}`)).json as { attributes?: unknown; adminEventsEnabled?: unknown }));
    await adminRequest(url, admin, 'PUT', `${r}/events/config`, { adminEventsEnabled: false });
    out('events config disabled again', (await adminRequest(url, admin, 'GET', `${r}/events/config`)).json);
    out('admin-events after disabling (old events kept?)', brief(await adminRequest(url, admin, 'GET', `${r}/admin-events?max=2`)));
    await realm.delete();
  } finally {
    await server?.stop();
  }
}

await main();

