import { describe, expect, it } from 'vitest';
import { liveClient } from '../../test/support/apply-builders.js';
import { advanceWindow, classifyEvents, decideRead, EVENT_OVERLAP_MS, mergeLive, RECENT_OVERLAP_MS, tooManyToReread, newEvents, scopesKeyOf, type AdminEvent, type LiveSnapshot } from './live-events.js';

const ev = (resourceType: string, resourcePath: string, time = 1000, id = `${resourceType}-${resourcePath}-${time}`): AdminEvent => ({ id, time, operationType: 'UPDATE', resourceType, resourcePath });

function snapshot(overrides: Partial<LiveSnapshot> = {}): LiveSnapshot {
  return {
    realm: 'insights',
    scopesKey: scopesKeyOf(['a', 'b']),
    clients: new Map(),
    fullReadAt: 0,
    eventsFrom: 0,
    seenEvents: new Map(),
    dirty: new Set(),
    forceFull: null,
    expirationSeconds: null,
    eventsReadAt: 0,
    ...overrides,
  };
}

describe('classifyEvents (shapes as the real Keycloak 26 records them)', () => {
  it('names the client of create/update/delete, secret regeneration and scope links', () => {
    const result = classifyEvents([
      ev('CLIENT', 'clients/c1'),
      ev('CLIENT', 'clients/c2/client-secret'),
      ev('CLIENT_SCOPE_CLIENT_MAPPING', 'clients/c3/default-client-scopes/s1'),
      ev('CLIENT_SCOPE_CLIENT_MAPPING', 'clients/c3/optional-client-scopes/s2'),
      ev('CLIENT', 'clients/c1'),
    ]);
    expect(result).toEqual({ touched: ['c1', 'c2', 'c3'], distrust: null });
  });

  it('distrusts the cache after a change to the event settings (a gap) or to a client scope', () => {
    expect(classifyEvents([ev('CLIENT', 'clients/c1'), ev('REALM', 'events/config')]).distrust).toMatch(/event settings were changed/);
    expect(classifyEvents([ev('CLIENT_SCOPE', 'client-scopes/s1')]).distrust).toMatch(/client scope was changed/);
    expect(classifyEvents([ev('REALM', 'partialImport')]).distrust).toMatch(/imported/);
  });

  it('ignores other realm changes', () => {
    expect(classifyEvents([ev('REALM', 'clients-initial-access/x')])).toEqual({ touched: [], distrust: null });
  });
});

describe('decideRead', () => {
  const base = { realm: 'insights', scopesKey: scopesKeyOf(['b', 'a']), now: 10 * 60_000, fullReadIntervalMs: 3_600_000 };

  it('reads everything on the first run, when told to, after the interval, or when realm or scopes changed', () => {
    expect(decideRead({ ...base, snapshot: null })).toMatchObject({ mode: 'full', reason: 'first run since start-up' });
    expect(decideRead({ ...base, snapshot: snapshot(), fullReadIntervalMs: 0 }).mode).toBe('full');
    expect(decideRead({ ...base, snapshot: snapshot({ forceFull: 'events are off' }) })).toEqual({ mode: 'full', reason: 'events are off' });
    expect(decideRead({ ...base, snapshot: snapshot(), now: 3_600_000 }).reason).toMatch(/last full read is 60 min old/);
    expect(decideRead({ ...base, snapshot: snapshot({ realm: 'other' }) }).reason).toMatch(/realm changed/);
    expect(decideRead({ ...base, snapshot: snapshot({ scopesKey: 'a' }) }).reason).toMatch(/scopes/);
  });

  it('reads everything when events may have expired since they were last read', () => {
    const s = snapshot({ expirationSeconds: 600, eventsReadAt: 0 });
    expect(decideRead({ ...base, snapshot: s, now: 4 * 60_000 }).mode).toBe('incremental');
    expect(decideRead({ ...base, snapshot: s, now: 6 * 60_000 }).reason).toMatch(/expire after 600 s/);
  });

  it('reads incrementally otherwise', () => {
    expect(decideRead({ ...base, snapshot: snapshot() }).mode).toBe('incremental');
  });
});

describe('the event window', () => {
  it('acts on each event once, and forgets ids that fall out of the overlap', () => {
    const a = ev('CLIENT', 'clients/a', 100, 'a');
    const b = ev('CLIENT', 'clients/b', EVENT_OVERLAP_MS + 500, 'b');
    expect(newEvents([a, b], new Map([['a', 100]]))).toEqual([b]);
    const next = advanceWindow(0, new Map([['a', 100]]), [b], EVENT_OVERLAP_MS + 1000);
    // The later of (query start − 5 min) and (newest event − 1 min).
    expect(next.eventsFrom).toBe(EVENT_OVERLAP_MS + 500 - RECENT_OVERLAP_MS);
    expect([...next.seenEvents.keys()]).toEqual(['b']);
    expect(advanceWindow(0, new Map(), [], EVENT_OVERLAP_MS + 1000).eventsFrom).toBe(1000);
    // The lower bound never moves back.
    expect(advanceWindow(5000, new Map(), [], EVENT_OVERLAP_MS).eventsFrom).toBe(5000);
  });
});

describe('mergeLive', () => {
  it('replaces re-read clients, removes deleted ones, adds new ones, ordered by clientId', () => {
    const cached = new Map([
      ['id-b', liveClient('acme_b')],
      ['id-a', liveClient('acme_a')],
    ]);
    const changed = liveClient('acme_a', { revision: 'rev-1' });
    const merged = mergeLive(cached, new Map([['id-a', changed], ['id-b', null], ['id-c', liveClient('acme_c', { id: 'id-c' })]]));
    expect([...merged.values()].map((c) => [c.clientId, c.revision])).toEqual([
      ['acme_a', 'rev-1'],
      ['acme_c', 'rev-0'],
    ]);
  });

  it('keeps the entry read last when a clientId came back with a new id', () => {
    const cached = new Map([['old', liveClient('acme_a', { id: 'old' })]]);
    const merged = mergeLive(cached, new Map([['new', liveClient('acme_a', { id: 'new' })]]));
    expect([...merged.keys()]).toEqual(['new']);
  });
});

describe('tooManyToReread', () => {
  it('lists instead of re-reading more than 50 clients, or more than 5 % of a large realm', () => {
    expect(tooManyToReread(50, 100)).toBeNull();
    expect(tooManyToReread(51, 100)).toMatch(/51 clients to re-read/);
    expect(tooManyToReread(250, 5000)).toBeNull();
    expect(tooManyToReread(251, 5000)).not.toBeNull();
  });
});
