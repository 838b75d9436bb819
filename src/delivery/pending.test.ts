import { describe, expect, it } from 'vitest';
import { decodePending, encodePending, markerChanged, owedTargets, pendingFor, remainingAfter } from './pending.js';

const AT = new Date('2026-06-01T12:00:00Z');

describe('pending-delivery marker', () => {
  it('owes every configured target of the moment, sorted; nothing when there is no target', () => {
    expect(pendingFor('created', AT, ['vault', 'files', 'vault'])).toEqual({ at: '2026-06-01T12:00:00.000Z', reason: 'created', targets: ['files', 'vault'] });
    expect(pendingFor('rotated', AT, [])).toBeNull();
  });

  it('round-trips through the attribute value, which holds no more than names, a time and a reason', () => {
    const pending = { at: '2026-06-01T12:00:00.000Z', reason: 'rotated' as const, targets: ['files', 'vault'] };
    const value = encodePending(pending);
    expect(value).toBe('{"at":"2026-06-01T12:00:00.000Z","reason":"rotated","targets":["files","vault"]}');
    expect(decodePending(value)).toEqual(pending);
  });

  it('reads an empty value as nothing pending, and anything it cannot read as owing every configured target', () => {
    expect(decodePending('')).toBeNull();
    expect(decodePending('{"at":"x","reason":"created","targets":[]}')).toBeNull();
    for (const bad of ['vault', '{', '[]', '{"at":1,"reason":"created","targets":["a"]}', '{"at":"x","reason":"later","targets":["a"]}', '{"at":"x","reason":"created","targets":[""]}']) {
      const pending = decodePending(bad);
      expect(pending?.unreadable, bad).toBe(true);
      expect(owedTargets(pending!, ['files', 'vault'])).toEqual({ due: ['files', 'vault'], notConfigured: [] });
    }
  });

  it('delivers only to configured targets the marker names, in the configuration order; others are kept and shown', () => {
    const pending = { at: 'x', reason: 'created' as const, targets: ['gone', 'vault', 'files'] };
    expect(owedTargets(pending, ['vault', 'files', 'new'])).toEqual({ due: ['vault', 'files'], notConfigured: ['gone'] });
  });

  it('a target leaves the marker once delivered; the last one clears it; unknown ones stay', () => {
    const pending = { at: 'x', reason: 'created' as const, targets: ['files', 'gone', 'vault'] };
    expect(remainingAfter(pending, ['files', 'vault'], ['files'], AT)).toEqual({ at: 'x', reason: 'created', targets: ['gone', 'vault'] });
    expect(remainingAfter({ ...pending, targets: ['files'] }, ['files'], ['files'], AT)).toBeNull();
    const unreadable = decodePending('garbage')!;
    expect(remainingAfter(unreadable, ['files', 'vault'], ['files'], AT)).toEqual({ at: AT.toISOString(), reason: 'rotated', targets: ['vault'] });
    expect(remainingAfter(unreadable, ['files'], ['files'], AT)).toBeNull();
  });

  it('knows when the marker must be written', () => {
    const a = { at: 'x', reason: 'created' as const, targets: ['a'] };
    expect(markerChanged(a, { ...a })).toBe(false);
    expect(markerChanged(a, null)).toBe(true);
    expect(markerChanged(null, null)).toBe(false);
    expect(markerChanged(decodePending('?'), null)).toBe(true);
  });
});
