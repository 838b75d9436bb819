import { describe, expect, it } from 'vitest';
import { parseRfc3339 } from './rfc3339.js';

describe('parseRfc3339', () => {
  it('reads RFC 3339 timestamps with a zone as instants', () => {
    expect(parseRfc3339('2026-11-20T09:00:00Z')).toBe(Date.UTC(2026, 10, 20, 9));
    expect(parseRfc3339('2026-11-20T10:00:00+01:00')).toBe(Date.UTC(2026, 10, 20, 9));
    expect(parseRfc3339('2026-11-20T04:30:00-04:30')).toBe(Date.UTC(2026, 10, 20, 9));
  });

  it('accepts the RFC 3339 variants: lower-case t and z, a space, fractions of any length', () => {
    expect(parseRfc3339('2026-11-20t09:00:00z')).toBe(Date.UTC(2026, 10, 20, 9));
    expect(parseRfc3339('2026-11-20 09:00:00Z')).toBe(Date.UTC(2026, 10, 20, 9));
    expect(parseRfc3339('2026-11-20T09:00:00.5Z')).toBe(Date.UTC(2026, 10, 20, 9, 0, 0, 500));
    expect(parseRfc3339('2026-11-20T09:00:00.123456789Z')).toBe(Date.UTC(2026, 10, 20, 9, 0, 0, 123));
  });

  it('refuses a timestamp without a zone (it would depend on the machine’s TZ) and non-timestamps', () => {
    expect(parseRfc3339('2026-11-20T09:00:00')).toBeNull();
    expect(parseRfc3339('2026-11-20')).toBeNull();
    expect(parseRfc3339('next tuesday')).toBeNull();
    expect(parseRfc3339('2026-13-20T09:00:00Z')).toBeNull();
    expect(parseRfc3339('')).toBeNull();
  });
});

describe('parseRfc3339: every field is range-checked, not left to Date.parse', () => {
  it('knows the length of each month, leap years included', () => {
    expect(parseRfc3339('2028-02-29T00:00:00Z')).toBe(Date.UTC(2028, 1, 29));
    expect(parseRfc3339('2026-02-29T00:00:00Z')).toBeNull();
    expect(parseRfc3339('2026-02-30T00:00:00Z')).toBeNull();
    expect(parseRfc3339('2100-02-29T00:00:00Z')).toBeNull();
    expect(parseRfc3339('2000-02-29T00:00:00Z')).toBe(Date.UTC(2000, 1, 29));
    expect(parseRfc3339('2026-04-31T00:00:00Z')).toBeNull();
  });

  it('refuses hours, minutes, seconds and offsets out of range, and leap seconds', () => {
    expect(parseRfc3339('2026-11-20T24:00:00Z')).toBeNull();
    expect(parseRfc3339('2026-11-20T09:60:00Z')).toBeNull();
    expect(parseRfc3339('2026-11-20T09:00:60Z')).toBeNull();
    expect(parseRfc3339('2026-11-20T09:00:00+24:00')).toBeNull();
    expect(parseRfc3339('2026-11-20T09:00:00+01:60')).toBeNull();
    expect(parseRfc3339('2026-11-20T09:00:00+0100')).toBeNull();
  });

  it('reads years below 100 as such (not as 19xx)', () => {
    const expected = new Date(0);
    expected.setUTCFullYear(50, 0, 1);
    expect(parseRfc3339('0050-01-01T00:00:00Z')).toBe(expected.getTime());
  });
});
