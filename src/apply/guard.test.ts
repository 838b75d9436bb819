import { describe, expect, it } from 'vitest';
import { applyGuard } from './guard.js';
import { create, del, plan } from '../../test/support/apply-builders.js';

describe('applyGuard', () => {
  const threeDeletes = plan([create('acme_a'), del('acme_b'), del('acme_c'), del('acme_d')]);

  it('refuses a plan that deletes more than --max-deletes allows, saying nothing was changed', () => {
    const refusal = applyGuard(threeDeletes, { maxDeletes: 2 });
    expect(refusal).toContain('Refusing to apply');
    expect(refusal).toContain('Nothing was changed');
    expect(refusal).toContain('--max-deletes 3');
  });

  it('lets a plan within the limit through', () => {
    expect(applyGuard(threeDeletes, { maxDeletes: 3 })).toBeNull();
    expect(applyGuard(plan([create('acme_a')]), { maxDeletes: 0 })).toBeNull();
  });

  it('refuses every delete with --max-deletes 0', () => {
    expect(applyGuard(plan([del('acme_b')]), { maxDeletes: 0 })).not.toBeNull();
  });
});
