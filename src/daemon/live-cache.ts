// The daemon's memory of Keycloak between runs, so that a quiet run costs what changed, not how
// many clients exist. Each run's Keycloak port is wrapped (port()): its listClients reads every
// client (a full read) or only the clients that Keycloak's admin events name since the last run
// (an incremental read), as decideRead (src/sync/live-events.ts, pure) says; writes made through
// the wrapper mark their clients for a re-read. Any doubt means a full read: the first run, the
// configured interval, events switched off or unreadable (403 without view-events, 404 from a
// server without the endpoint), a gap, a failed write. lastRead says which mode ran and why
// (/status, the run's log line).
import type { EventsSettings, LiveEventsPort } from '../keycloak/events-port.js';
import { hasLiveEvents } from '../keycloak/events-port.js';
import type { KeycloakPort } from '../keycloak/port.js';
import { KeycloakRefusedError } from '../model/errors.js';
import type { LiveClient } from '../model/live.js';
import {
  advanceWindow,
  classifyEvents,
  decideRead,
  EVENT_RESOURCE_TYPES,
  fullReadWindow,
  MAX_EVENTS_PER_RUN,
  mergeLive,
  newEvents,
  scopesKeyOf,
  tooManyToReread,
  type AdminEvent,
  type LiveSnapshot,
  type ReadMode,
} from '../sync/live-events.js';

/** Events remembered at a full read at most (more, as after a bulk change, are re-read once later). */
const PRE_READ_LIMIT = 5 * MAX_EVENTS_PER_RUN;

/** Default of --full-read-interval: a full read at least hourly bounds what any missed event can cost. */
export const DEFAULT_FULL_READ_INTERVAL_MS = 60 * 60_000;

export interface LiveRead {
  readonly mode: ReadMode;
  readonly reason: string;
  /** Clients read one by one (incremental); 0 for a full read. */
  readonly clientsReread: number;
  /** New admin events acted on (incremental). */
  readonly events: number;
  /** Whether the next run may read incrementally, and if not why (events off, no permission, …). */
  readonly next: string;
  /** How long the read took, events included. */
  readonly ms: number;
}

export interface LiveCacheOptions {
  /** 0 turns incremental reads off. */
  readonly fullReadIntervalMs: number;
  /** Local time in ms. */
  readonly now: () => number;
}

function eventsUnavailable(error: unknown): string | null {
  if (!(error instanceof KeycloakRefusedError)) return null;
  if (error.status === 403) return "the account may not read admin events (it needs realm-management's view-events role; see docs/sync.md)";
  if (error.status === 404 || error.status === 501) return `this Keycloak has no admin-events endpoint (${error.status}; the emulator has none)`;
  return `Keycloak refused to hand out admin events (${error.status})`;
}

export class LiveCache {
  #snapshot: LiveSnapshot | null = null;
  #lastRead: LiveRead | null = null;

  constructor(readonly options: LiveCacheOptions) {}

  get lastRead(): LiveRead | null {
    return this.#lastRead;
  }

  /** Wraps one run's port: listClients goes through the cache, writes mark their clients. */
  port(inner: KeycloakPort): KeycloakPort {
    const events = hasLiveEvents(inner) ? inner : null;
    const mark = <T>(id: string | null, write: () => Promise<T>): Promise<T> =>
      write().then(
        (value) => {
          this.#markDirty(id);
          return value;
        },
        (error: unknown) => {
          this.#forceFull('a change failed in the last run (its outcome may be unknown)');
          throw error;
        },
      );
    return {
      listClients: (realm, scopes, expected) => this.#list(inner, events, realm, scopes, expected),
      findClient: (realm, clientId, scopes) => inner.findClient(realm, clientId, scopes),
      createClient: (realm, clientId, fields, markers, scopes) =>
        inner.createClient(realm, clientId, fields, markers, scopes).then(
          (id) => {
            this.#markDirty(id);
            return id;
          },
          (error: unknown) => {
            this.#forceFull('a create failed in the last run (its outcome may be unknown)');
            throw error;
          },
        ),
      updateClient: (realm, live, fields, markers, scopes) => mark(live.id, () => inner.updateClient(realm, live, fields, markers, scopes)),
      recordRotation: (realm, live, fields, markers) => mark(live.id, () => inner.recordRotation(realm, live, fields, markers)),
      deleteClient: (realm, id) => mark(id, () => inner.deleteClient(realm, id)),
      regenerateSecret: (realm, id) => inner.regenerateSecret(realm, id),
      getSecret: (realm, id) => inner.getSecret(realm, id),
      listClientScopes: (realm) => inner.listClientScopes(realm),
    };
  }

  #markDirty(id: string | null): void {
    const s = this.#snapshot;
    if (s === null || id === null) return;
    this.#snapshot = { ...s, dirty: new Set([...s.dirty, id]) };
  }

  #forceFull(reason: string): void {
    if (this.#snapshot !== null && this.#snapshot.forceFull === null) this.#snapshot = { ...this.#snapshot, forceFull: reason };
  }

  async #list(inner: KeycloakPort, events: LiveEventsPort | null, realm: string, scopes: readonly string[], expected?: number): Promise<LiveClient[]> {
    const now = this.options.now;
    const scopesKey = scopesKeyOf(scopes);
    const readStartedAt = now();
    const decision = decideRead({ snapshot: this.#snapshot, realm, scopesKey, now: readStartedAt, fullReadIntervalMs: this.options.fullReadIntervalMs });
    if (decision.mode === 'incremental' && events !== null && this.#snapshot !== null) {
      const snapshot = this.#snapshot;
      const queryStartedAt = now();
      let read: { events: AdminEvent[]; more: boolean } | null = null;
      let why: string | null = null;
      try {
        // The window holds the events already acted on too (the overlap): only new ones count
        // against the limit, so the events of a bulk change do not force full reads for minutes.
        read = await events.readAdminEvents(realm, snapshot.eventsFrom, EVENT_RESOURCE_TYPES, snapshot.seenEvents.size + MAX_EVENTS_PER_RUN);
      } catch (error) {
        why = eventsUnavailable(error);
        if (why === null) throw error;
      }
      if (read !== null) {
        const fresh = newEvents(read.events, snapshot.seenEvents);
        const { touched, distrust } = classifyEvents(fresh);
        const ids = [...new Set([...touched, ...snapshot.dirty])].sort();
        why = read.more ? `more than ${MAX_EVENTS_PER_RUN} admin events since the last run: one full read is cheaper` : (distrust ?? tooManyToReread(ids.length, snapshot.clients.size));
        if (why === null) {
          const reread = ids.length === 0 ? new Map<string, LiveClient | null>() : await events.readClients(realm, ids, scopes);
          const clients = mergeLive(snapshot.clients, reread);
          this.#snapshot = { ...snapshot, clients, ...advanceWindow(snapshot.eventsFrom, snapshot.seenEvents, read.events, queryStartedAt), dirty: new Set(), eventsReadAt: queryStartedAt };
          this.#lastRead = { mode: 'incremental', reason: decision.reason, clientsReread: ids.length, events: fresh.length, next: 'incremental', ms: Math.max(0, now() - readStartedAt) };
          return [...clients.values()];
        }
      }
      return this.#full(inner, events, realm, scopes, scopesKey, expected, `admin events cannot be trusted: ${why}`, readStartedAt);
    }
    const reason = decision.mode === 'incremental' ? 'the Keycloak adapter cannot read admin events' : decision.reason;
    return this.#full(inner, events, realm, scopes, scopesKey, expected, reason, readStartedAt);
  }

  async #full(
    inner: KeycloakPort,
    events: LiveEventsPort | null,
    realm: string,
    scopes: readonly string[],
    scopesKey: string,
    expected: number | undefined,
    reason: string,
    readStartedAt: number,
  ): Promise<LiveClient[]> {
    const now = this.options.now;
    const startedAt = now();
    // Whether the runs after this one may read incrementally: asked before the list is read, so
    // that no event between the two is missed. The events asked for are those the next run's
    // window would hold that the list holds already (fullReadWindow): remembered as acted on,
    // they are not re-read or distrusted. (Reading them while the list is read was tried and
    // measured, 1,000 clients on the real Keycloak: slower, 581 against 444 ms, the two competing
    // for the server, and its cut-off by time left a bulk change's last events for another
    // full read.)
    let settings: EventsSettings | null = null;
    let preRead: AdminEvent[] = [];
    let eventsFrom = fullReadWindow(null, startedAt);
    let next: string | null = this.options.fullReadIntervalMs <= 0 ? 'incremental reads are off (--full-read-interval 0)' : null;
    if (next === null) {
      if (events === null) next = 'the Keycloak adapter cannot read admin events';
      else {
        eventsFrom = fullReadWindow(await events.keycloakTime(), startedAt);
        // Both in one round trip: the settings say whether the events count.
        const [read, recorded] = await Promise.allSettled([
          events.readEventsSettings(realm),
          events.readAdminEvents(realm, eventsFrom, EVENT_RESOURCE_TYPES, PRE_READ_LIMIT),
        ]);
        const failure = read.status === 'rejected' ? (read.reason as unknown) : recorded.status === 'rejected' ? (recorded.reason as unknown) : null;
        if (failure !== null) {
          next = eventsUnavailable(failure);
          if (next === null) throw failure;
        } else if (read.status === 'fulfilled' && recorded.status === 'fulfilled') {
          settings = read.value;
          if (!settings.adminEventsEnabled) next = `realm '${realm}' does not record admin events (adminEventsEnabled is off)`;
          else preRead = recorded.value.events;
        }
      }
    }
    const list = await inner.listClients(realm, scopes, expected);
    this.#snapshot = {
      realm,
      scopesKey,
      clients: mergeLive(new Map(), new Map(list.map((c) => [c.id, c]))),
      fullReadAt: startedAt,
      ...advanceWindow(eventsFrom, new Map(), preRead, startedAt),
      dirty: new Set(),
      forceFull: next,
      expirationSeconds: settings?.expirationSeconds ?? null,
      eventsReadAt: startedAt,
    };
    this.#lastRead = { mode: 'full', reason, clientsReread: 0, events: 0, next: next ?? 'incremental', ms: Math.max(0, now() - readStartedAt) };
    return list;
  }
}
