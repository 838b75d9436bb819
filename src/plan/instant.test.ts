import { describe, expect, it } from 'vitest';
import { parseInstant } from './instant.js';

describe('parseInstant', () => {
  it('reads RFC 3339 timestamps with a zone as instants', () => {
    expect(parseInstant('2026-11-20T09:00:00Z')).toBe(Date.UTC(2026, 10, 20, 9));
    expect(parseInstant('2026-11-20T10:00:00+01:00')).toBe(Date.UTC(2026, 10, 20, 9));
    expect(parseInstant('2026-11-20T04:30:00-04:30')).toBe(Date.UTC(2026, 10, 20, 9));
  });

  it('accepts the RFC 3339 variants: lower-case t and z, a space, fractions of any length', () => {
    expect(parseInstant('2026-11-20t09:00:00z')).toBe(Date.UTC(2026, 10, 20, 9));
    expect(parseInstant('2026-11-20 09:00:00Z')).toBe(Date.UTC(2026, 10, 20, 9));
    expect(parseInstant('2026-11-20T09:00:00.5Z')).toBe(Date.UTC(2026, 10, 20, 9, 0, 0, 500));
    expect(parseInstant('2026-11-20T09:00:00.123456789Z')).toBe(Date.UTC(2026, 10, 20, 9, 0, 0, 123));
  });

  it('refuses a timestamp without a zone (it would depend on the machine’s TZ) and non-timestamps', () => {
    expect(parseInstant('2026-11-20T09:00:00')).toBeNull();
    expect(parseInstant('2026-11-20')).toBeNull();
    expect(parseInstant('next tuesday')).toBeNull();
    expect(parseInstant('2026-13-20T09:00:00Z')).toBeNull();
    expect(parseInstant('')).toBeNull();
  });
});
