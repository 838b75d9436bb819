import { describe, expect, it } from 'vitest';
import { checkDeleteLimit, DEFAULT_MAX_DELETES } from './delete-limit.js';
import { account, desired, live, liveClient, plan } from '../../test/support/plan-builders.js';

const withDeletes = (n: number) =>
  plan(desired([account('acme', [])]), live(Array.from({ length: n }, (_, i) => liveClient(`acme_c${i}`))));

describe('checkDeleteLimit', () => {
  it('allows up to the limit', () => {
    expect(checkDeleteLimit(withDeletes(0), 0)).toBeNull();
    expect(checkDeleteLimit(withDeletes(3), 3)).toBeNull();
    expect(checkDeleteLimit(withDeletes(DEFAULT_MAX_DELETES), DEFAULT_MAX_DELETES)).toBeNull();
  });

  it('refuses above the limit, naming the count and the flag', () => {
    const message = checkDeleteLimit(withDeletes(4), 3);
    expect(message).toBe(
      'Refusing to apply: the plan deletes 4 clients, more than --max-deletes 3 allows. Nothing was changed. ' +
        'Review the plan; if these deletes are intended, run again with --max-deletes 4.',
    );
    expect(checkDeleteLimit(withDeletes(1), 0)).toContain('--max-deletes 0');
  });

  it('counts only deletes', () => {
    const mixed = plan(desired([account('acme', [{ clientId: 'acme_new', capabilities: ['Script'] }])]), live([liveClient('acme_old')]));
    expect(mixed.changes).toHaveLength(2);
    expect(checkDeleteLimit(mixed, 1)).toBeNull();
  });

  it('throws on a limit that is not a whole number ≥ 0 rather than letting every delete through', () => {
    expect(() => checkDeleteLimit(withDeletes(1), Number.NaN)).toThrow(RangeError);
    expect(() => checkDeleteLimit(withDeletes(1), -1)).toThrow(RangeError);
    expect(() => checkDeleteLimit(withDeletes(1), 1.5)).toThrow(RangeError);
  });
});
