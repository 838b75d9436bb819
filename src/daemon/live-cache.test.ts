import { describe, expect, it } from 'vitest';
import { FakeKeycloak } from '../../test/support/fake-keycloak.js';
import { fields, liveClient, REALM } from '../../test/support/apply-builders.js';
import type { EventsSettings, LiveEventsPort } from '../keycloak/events-port.js';
import { KeycloakRefusedError } from '../model/errors.js';
import type { LiveClient } from '../model/live.js';
import { COMMIT_MARGIN_MS, type AdminEvent } from '../sync/live-events.js';
import { LiveCache } from './live-cache.js';

/** FakeKeycloak plus admin events kept in a list; counts the reads the cache makes. */
class EventsFake extends FakeKeycloak implements LiveEventsPort {
  events: AdminEvent[] = [];
  settings: EventsSettings | Error = { adminEventsEnabled: true, expirationSeconds: null };
  eventsError: Error | null = null;
  /** Keycloak's clock as its tokens give it (iat); null: tokens without one. */
  clock: (() => number) | null = null;
  reads = { list: 0, events: 0, clients: [] as string[], eventsFrom: [] as number[], eventsReturned: 0 };

  async keycloakTime(): Promise<number | null> {
    return this.clock?.() ?? null;
  }

  override async listClients(realm: string): Promise<LiveClient[]> {
    this.reads.list++;
    return super.listClients(realm);
  }
  async readEventsSettings(): Promise<EventsSettings> {
    if (this.settings instanceof Error) throw this.settings;
    return this.settings;
  }
  async readAdminEvents(_realm: string, from: number, _types: readonly string[], limit: number): Promise<{ events: AdminEvent[]; more: boolean }> {
    this.reads.events++;
    this.reads.eventsFrom.push(from);
    if (this.eventsError) throw this.eventsError;
    const all = this.events.filter((e) => e.time >= from);
    this.reads.eventsReturned += Math.min(all.length, limit);
    return { events: all.slice(0, limit), more: all.length > limit };
  }
  async readClients(_realm: string, ids: readonly string[]): Promise<Map<string, LiveClient | null>> {
    this.reads.clients.push(...ids);
    const all = this.liveState().clients;
    return new Map(ids.map((id) => [id, all.find((c) => c.id === id) ?? null]));
  }
}

function setup(fullReadIntervalMs = 3_600_000) {
  let now = 1_000_000;
  const kc = new EventsFake(REALM);
  kc.seed(liveClient('acme_a'));
  kc.seed(liveClient('acme_b'));
  const cache = new LiveCache({ fullReadIntervalMs, now: () => now });
  const run = async () => {
    kc.reads = { list: 0, events: 0, clients: [], eventsFrom: [], eventsReturned: 0 };
    const clients = await cache.port(kc).listClients(REALM, ['datahub-api']);
    return { clients: clients.map((c) => `${c.clientId}:${c.fields.description}`), read: cache.lastRead!, reads: kc.reads };
  };
  return { kc, cache, run, tick: (ms: number) => (now += ms), now: () => now };
}

describe('LiveCache', () => {
  it('says how long each read took, events included', async () => {
    const t = setup();
    const slow = t.kc.listClients.bind(t.kc);
    t.kc.listClients = async (realm: string) => {
      t.tick(250); // the list takes 250 ms on the cache's clock
      return slow(realm);
    };
    expect((await t.run()).read).toMatchObject({ mode: 'full', ms: 250 });
    t.tick(60_000);
    expect((await t.run()).read).toMatchObject({ mode: 'incremental', ms: 0 });
  });

  it('reads everything first, then only what the events name; a quiet run reads no client', async () => {
    const t = setup();
    const first = await t.run();
    expect(first.read).toMatchObject({ mode: 'full', reason: 'first run since start-up', next: 'incremental' });
    expect(first.reads.list).toBe(1);

    t.tick(60_000);
    const quiet = await t.run();
    expect(quiet.read).toMatchObject({ mode: 'incremental', clientsReread: 0, events: 0 });
    expect(quiet.reads).toMatchObject({ list: 0, events: 1, clients: [] });
    expect(quiet.clients).toEqual(first.clients);

    // A change by hand: Keycloak records an event; the next run re-reads that client only.
    await t.kc.updateClient(REALM, t.kc.client('acme_b')!, fields({ description: 'by hand' }), { account: 'acme', revision: null }, []);
    t.kc.events.push({ id: 'e1', time: t.now(), operationType: 'UPDATE', resourceType: 'CLIENT', resourcePath: 'clients/id-acme_b' });
    t.tick(60_000);
    const changed = await t.run();
    expect(changed.read).toMatchObject({ mode: 'incremental', clientsReread: 1, events: 1 });
    expect(changed.reads.clients).toEqual(['id-acme_b']);
    expect(changed.clients).toContain('acme_b:by hand');

    // The same event is not acted on twice; a deleted client leaves the list.
    await t.kc.deleteClient(REALM, 'id-acme_a');
    t.kc.events.push({ id: 'e2', time: t.now(), operationType: 'DELETE', resourceType: 'CLIENT', resourcePath: 'clients/id-acme_a' });
    t.tick(60_000);
    const deleted = await t.run();
    expect(deleted.reads.clients).toEqual(['id-acme_a']);
    expect(deleted.clients).toEqual(['acme_b:by hand']);
  });

  it("re-reads the clients its own writes touched, and reads everything after a failed write", async () => {
    const t = setup();
    await t.run();
    const port = t.cache.port(t.kc);
    await port.updateClient(REALM, t.kc.client('acme_a')!, fields({ description: 'mine' }), { account: 'acme', revision: 'r1' }, []);
    t.tick(1000);
    expect((await t.run()).reads.clients).toEqual(['id-acme_a']);
    t.kc.fail('updateClient', 'acme_b', new KeycloakRefusedError('boom', 400, null));
    await expect(port.updateClient(REALM, t.kc.client('acme_b')!, fields(), { account: 'acme', revision: 'r1' }, [])).rejects.toThrow('boom');
    t.tick(1000);
    expect((await t.run()).read).toMatchObject({ mode: 'full', reason: expect.stringMatching(/change failed/) });
  });

  it('falls back to full reads, saying why, when events are off, forbidden, missing or show a gap', async () => {
    const off = setup();
    off.kc.settings = { adminEventsEnabled: false, expirationSeconds: null };
    expect((await off.run()).read.next).toMatch(/does not record admin events/);
    off.tick(1000);
    expect((await off.run()).read).toMatchObject({ mode: 'full', reason: expect.stringMatching(/adminEventsEnabled is off/) });

    const forbidden = setup();
    forbidden.kc.settings = new KeycloakRefusedError('no', 403, null);
    expect((await forbidden.run()).read.next).toMatch(/view-events/);

    const emulator = setup();
    await emulator.run();
    emulator.kc.eventsError = new KeycloakRefusedError('not found', 404, null);
    emulator.tick(1000);
    const missing = await emulator.run();
    expect(missing.read).toMatchObject({ mode: 'full', reason: expect.stringMatching(/no admin-events endpoint/) });
    expect(missing.reads.list).toBe(1);

    const gap = setup();
    await gap.run();
    gap.kc.events.push({ id: 'g', time: gap.now(), operationType: 'UPDATE', resourceType: 'REALM', resourcePath: 'events/config' });
    gap.tick(1000);
    expect((await gap.run()).read).toMatchObject({ mode: 'full', reason: expect.stringMatching(/event settings were changed/) });
  });

  it("with Keycloak's clock (the token's iat), a full read asks only for the events of the seconds before its token", async () => {
    const t = setup();
    t.kc.clock = t.now;
    // A bulk change a minute ago: its thousands of events are in the list, not asked for again.
    for (let i = 0; i < 2500; i++) t.kc.events.push({ id: `bulk-${i}`, time: t.now() - 60_000, operationType: 'CREATE', resourceType: 'CLIENT', resourcePath: `clients/bulk-${i}` });
    // Stamped 2 s before the token: maybe committed just before the list, so read and remembered.
    t.kc.events.push({ id: 'late', time: t.now() - 2000, operationType: 'UPDATE', resourceType: 'CLIENT', resourcePath: 'clients/id-acme_a' });
    const full = await t.run();
    expect(full.read).toMatchObject({ mode: 'full', next: 'incremental' });
    expect(full.reads.eventsFrom).toEqual([t.now() - COMMIT_MARGIN_MS]);
    expect(full.reads.eventsReturned).toBe(1);

    // Later: a change by hand. The next run re-reads that client only; nothing before is new.
    t.tick(60_000);
    t.kc.events.push({ id: 'by-hand', time: t.now(), operationType: 'UPDATE', resourceType: 'CLIENT', resourcePath: 'clients/id-acme_b' });
    const next = await t.run();
    expect(next.read).toMatchObject({ mode: 'incremental', events: 1, clientsReread: 1 });
    expect(next.reads.clients).toEqual(['id-acme_b']);

    // Without an iat the window reaches 5 minutes back (the clocks may differ): the bulk is read.
    const without = setup();
    for (let i = 0; i < 2500; i++) without.kc.events.push({ id: `bulk-${i}`, time: without.now() - 60_000, operationType: 'CREATE', resourceType: 'CLIENT', resourcePath: `clients/bulk-${i}` });
    expect((await without.run()).reads.eventsReturned).toBe(2500);
  });

  it('after a bulk change: one full read, then quiet runs are incremental again (old events do not count)', async () => {
    const t = setup();
    await t.run();
    for (let i = 0; i < 2500; i++) t.kc.events.push({ id: `bulk-${i}`, time: t.now(), operationType: 'CREATE', resourceType: 'CLIENT', resourcePath: `clients/bulk-${i}` });
    t.tick(5000);
    expect((await t.run()).read).toMatchObject({ mode: 'full', reason: expect.stringMatching(/more than 2000/) });
    t.tick(5000);
    const quiet = await t.run();
    expect(quiet.read).toMatchObject({ mode: 'incremental', clientsReread: 0, events: 0 });
    expect(quiet.reads.list).toBe(0);
  });

  it('lists instead of re-reading many clients one by one (after clientsync changed them all)', async () => {
    const t = setup();
    for (let i = 0; i < 60; i++) t.kc.seed(liveClient(`acme_n${i}`));
    await t.run();
    const port = t.cache.port(t.kc);
    for (const c of t.kc.liveState().clients) await port.updateClient(REALM, c, fields({ description: 'all' }), { account: 'acme', revision: 'r2' }, []);
    t.tick(1000);
    const next = await t.run();
    expect(next.read).toMatchObject({ mode: 'full', reason: expect.stringMatching(/62 clients to re-read one by one/) });
    expect(next.reads.clients).toEqual([]);
  });

  it('reads everything again once the interval has passed, or always with interval 0', async () => {
    const t = setup(600_000);
    await t.run();
    t.tick(600_000);
    expect((await t.run()).read).toMatchObject({ mode: 'full', reason: expect.stringMatching(/10 min old/) });
    const never = setup(0);
    await never.run();
    expect((await never.run()).read).toMatchObject({ mode: 'full', next: expect.stringMatching(/off/) });
  });
});
