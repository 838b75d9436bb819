// Incremental reads of the live state from Keycloak's admin events, pure: which clients the
// events touch, whether they can be trusted, whether this run reads every client or only the
// touched ones, and the merge of re-read clients into the clients known from earlier runs.
// The daemon's live cache (src/daemon/live-cache.ts) does the fetching and keeps the state;
// the event shapes come from the real Keycloak 26 (docs/keycloak-notes.md, "Admin events").
import type { LiveClient } from '../model/live.js';

/** The fields of Keycloak's AdminEventRepresentation that matter here. */
export interface AdminEvent {
  /** Keycloak 26 gives every admin event an id; older servers may not (time + path then stand in). */
  readonly id: string;
  /** Epoch milliseconds, Keycloak's clock. */
  readonly time: number;
  readonly operationType: string;
  readonly resourceType: string;
  readonly resourcePath: string;
}

/** Resource types asked for: the clients, their scope links, and what invalidates both. */
export const EVENT_RESOURCE_TYPES = ['CLIENT', 'CLIENT_SCOPE_CLIENT_MAPPING', 'CLIENT_SCOPE', 'REALM'] as const;

/** Above this many events since the last run, one full read is cheaper than re-reading each client. */
export const MAX_EVENTS_PER_RUN = 2000;

/**
 * Events are asked for from this long before the last query started: covers the clock
 * difference between clientsync and Keycloak and transactions that commit late. Events in the
 * overlap are recognised by id and not acted on twice.
 */
export const EVENT_OVERLAP_MS = 5 * 60_000;

export interface EventClassification {
  /** Internal ids of the clients to re-read (sorted). */
  readonly touched: readonly string[];
  /** Why the events say the cache cannot be trusted; null when they don't. */
  readonly distrust: string | null;
}

const CLIENT_PATH = /^clients\/([^/]+)(?:\/|$)/;

/**
 * What the events mean for the cached clients. Client create/update/delete and secret
 * regeneration (CLIENT), default/optional scope links (CLIENT_SCOPE_CLIENT_MAPPING) name the
 * client in their path; a changed client scope (renamed, deleted) or a change to the realm's
 * event settings (admin events switched off and on again: a gap) cannot be pinned to clients.
 */
export function classifyEvents(events: readonly AdminEvent[]): EventClassification {
  const touched = new Set<string>();
  let distrust: string | null = null;
  for (const event of events) {
    if (event.resourceType === 'REALM') {
      if (event.resourcePath === 'events/config' || event.resourcePath.startsWith('partialImport') || event.resourcePath === '') {
        distrust ??= `the realm's ${event.resourcePath === 'events/config' ? 'event settings were changed' : 'data was imported'} since the last run (events may be missing)`;
      }
      continue;
    }
    if (event.resourceType === 'CLIENT_SCOPE') {
      distrust ??= 'a client scope was changed since the last run (scope names on clients may differ)';
      continue;
    }
    const match = CLIENT_PATH.exec(event.resourcePath);
    if (match) touched.add(decodeURIComponent(match[1]!));
    else distrust ??= `an admin event on '${event.resourcePath}' names no client`;
  }
  return { touched: [...touched].sort(), distrust };
}

/** What the daemon remembers of Keycloak between runs. */
export interface LiveSnapshot {
  readonly realm: string;
  /** The managed scopes the clients were mapped with (a change means a full read). */
  readonly scopesKey: string;
  readonly clients: ReadonlyMap<string, LiveClient>;
  /** Local time (ms) when the last full read started. */
  readonly fullReadAt: number;
  /** Events are asked for from this time on (Keycloak's clock, ms). */
  readonly eventsFrom: number;
  /** Ids of events at or after `eventsFrom` already acted on, with their time. */
  readonly seenEvents: ReadonlyMap<string, number>;
  /** Clients written by clientsync since the last read: re-read next run whatever the events say. */
  readonly dirty: ReadonlySet<string>;
  /** Why the next run must read everything (a failed write, events unavailable); null when it needn't. */
  readonly forceFull: string | null;
  /** Keycloak's admin-event expiration in seconds when it could be read; null when unknown. */
  readonly expirationSeconds: number | null;
  /** Local time (ms) when the events were last read. */
  readonly eventsReadAt: number;
}

export type ReadMode = 'full' | 'incremental';

export interface ReadDecision {
  readonly mode: ReadMode;
  readonly reason: string;
}

export interface DecideInput {
  readonly snapshot: LiveSnapshot | null;
  readonly realm: string;
  readonly scopesKey: string;
  /** Local time, ms. */
  readonly now: number;
  /** A full read at least this often; 0: every run reads everything. */
  readonly fullReadIntervalMs: number;
}

function minutes(ms: number): string {
  const m = ms / 60_000;
  return m >= 1 ? `${Math.round(m)} min` : `${Math.round(ms / 1000)} s`;
}

/** Before the events are read: must this run read every client? */
export function decideRead(input: DecideInput): ReadDecision {
  const { snapshot, now } = input;
  if (input.fullReadIntervalMs <= 0) return { mode: 'full', reason: 'incremental reads are off (--full-read-interval 0)' };
  if (snapshot === null) return { mode: 'full', reason: 'first run since start-up' };
  if (snapshot.forceFull !== null) return { mode: 'full', reason: snapshot.forceFull };
  if (snapshot.realm !== input.realm) return { mode: 'full', reason: `the realm changed (${snapshot.realm} → ${input.realm})` };
  if (snapshot.scopesKey !== input.scopesKey) return { mode: 'full', reason: 'the scopes listed in clientsync.yaml changed' };
  const age = now - snapshot.fullReadAt;
  if (age >= input.fullReadIntervalMs) return { mode: 'full', reason: `the last full read is ${minutes(age)} old (--full-read-interval ${minutes(input.fullReadIntervalMs)})` };
  const since = now - snapshot.eventsReadAt;
  if (snapshot.expirationSeconds !== null && since >= snapshot.expirationSeconds * 1000 - EVENT_OVERLAP_MS) {
    return { mode: 'full', reason: `admin events expire after ${snapshot.expirationSeconds} s and were last read ${minutes(since)} ago (some may be gone)` };
  }
  return { mode: 'incremental', reason: 'admin events are recorded: only the clients they name are re-read' };
}

/**
 * Events are also asked for from this long before the newest event seen (Keycloak's own
 * clock, so no clock difference enters): covers transactions that commit after a later one.
 * Without it, the window would stay 5 minutes wide, and a bulk change (a thousand creates)
 * would be paged through again on every run for 5 minutes.
 */
export const RECENT_OVERLAP_MS = 60_000;

/**
 * Why re-reading `count` clients one by one costs more than listing all `cached` (pages of
 * 200, each about as dear as a few single reads), or null when it does not: after a bulk
 * change (clientsync updating every client) the next run lists instead of a thousand GETs.
 */
export function tooManyToReread(count: number, cached: number): string | null {
  const limit = Math.max(50, Math.ceil(cached / 20));
  return count > limit ? `${count} clients to re-read one by one: one full read is cheaper` : null;
}

/**
 * Keycloak stamps an admin event (with its own clock) when the change is made and stores it in
 * the change's transaction: the commit follows within this margin, with plenty to spare.
 */
export const COMMIT_MARGIN_MS = 5_000;

/**
 * Where the events start that a full read must know of (Keycloak's clock, ms). `keycloakTime` is
 * a time by Keycloak's clock before the list is asked for (the iat of the run's token): a change
 * whose event was stamped COMMIT_MARGIN_MS before it was committed before the list was read, so
 * the list holds it, and no run needs its event. Without Keycloak's clock: 5 minutes before the
 * read by the local one (EVENT_OVERLAP_MS covers the clocks' difference), which right after a
 * bulk change means paging through its thousands of events before the list.
 */
export function fullReadWindow(keycloakTime: number | null, localStartedAt: number): number {
  return keycloakTime === null ? localStartedAt - EVENT_OVERLAP_MS : keycloakTime - COMMIT_MARGIN_MS;
}

/** The events not acted on yet. */
export function newEvents(events: readonly AdminEvent[], seen: ReadonlyMap<string, number>): AdminEvent[] {
  return events.filter((e) => !seen.has(e.id));
}

/**
 * The window after a read of `read` (every event the query returned) whose query started at
 * local time `queryStartedAt`: events before the later of (start − 5 min) and (the newest
 * event − 1 min) are done with; those after are remembered by id.
 */
export function advanceWindow(
  eventsFrom: number,
  seen: ReadonlyMap<string, number>,
  read: readonly AdminEvent[],
  queryStartedAt: number,
): { eventsFrom: number; seenEvents: Map<string, number> } {
  const newest = read.reduce((max, e) => Math.max(max, e.time), -Infinity);
  const from = Math.max(eventsFrom, queryStartedAt - EVENT_OVERLAP_MS, newest - RECENT_OVERLAP_MS);
  const seenEvents = new Map<string, number>();
  for (const [id, time] of seen) if (time >= from) seenEvents.set(id, time);
  for (const e of read) if (e.time >= from) seenEvents.set(e.id, e.time);
  return { eventsFrom: from, seenEvents };
}

/**
 * The cached clients with the re-read ones put in: a client read again replaces its entry, one
 * found gone (null) is removed. Ordered as a full list is (by clientId), so that plans do not
 * depend on how the live state was read.
 */
export function mergeLive(cached: ReadonlyMap<string, LiveClient>, reread: ReadonlyMap<string, LiveClient | null>): Map<string, LiveClient> {
  const merged = new Map(cached);
  for (const [id, client] of reread) {
    if (client === null) merged.delete(id);
    else merged.set(id, client);
  }
  // Keycloak may hand the same clientId a new id (deleted and created again between runs):
  // keep only the entry read last for each clientId.
  const keep = new Map<string, string>();
  for (const [id, client] of merged) {
    if (!keep.has(client.clientId) || reread.has(id)) keep.set(client.clientId, id);
  }
  const entries = [...merged].filter(([id, client]) => keep.get(client.clientId) === id);
  entries.sort(([, a], [, b]) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0));
  return new Map(entries);
}

export function scopesKeyOf(scopes: readonly string[]): string {
  return [...scopes].sort().join('\n');
}
