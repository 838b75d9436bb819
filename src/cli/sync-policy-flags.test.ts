import { describe, expect, it } from 'vitest';
import { UsageError } from '../model/errors.js';
import { NONE_SINK } from '../apply/index.js';
import { syncPolicy } from '../sync/sync-policy.js';
import { policyFlags } from './sync-policy-flags.js';

const MISSING_FILE = { CLIENTSYNC_SECRET_DELIVERY: '/nonexistent/clientsync-delivery.yaml' };

describe('the sync policy from flags', () => {
  const apply = policyFlags('apply', ['max-deletes', 'allow-empty', 'concurrency', 'secret-delivery', 'secret-sink']);
  const plan = policyFlags('plan', ['allow-empty']);

  it('is the defaults when no flag is given', async () => {
    expect(await apply.build({}, { env: {} })).toEqual(syncPolicy());
    expect(syncPolicy()).toMatchObject({ maxDeletes: 10, allowEmpty: false, concurrency: 8, sink: NONE_SINK });
  });

  it('takes each flag a command offers, once, into one value', async () => {
    const policy = await apply.build({ 'max-deletes': '3', 'allow-empty': true, concurrency: '2' }, { env: {} });
    expect(policy).toMatchObject({ maxDeletes: 3, allowEmpty: true, concurrency: 2 });
    expect(apply.flags).toHaveProperty('secret-delivery');
    expect(plan.flags).toEqual({ 'allow-empty': { type: 'boolean' } });
  });

  it('refuses a bad value as a usage error naming the flag', async () => {
    await expect(apply.build({ concurrency: '0' }, { env: {} })).rejects.toThrow(UsageError);
    await expect(apply.build({ concurrency: '65' }, { env: {} })).rejects.toThrow(/--concurrency/);
    await expect(apply.build({ 'max-deletes': '-1' }, { env: {} })).rejects.toThrow(/--max-deletes/);
  });

  it('reads the delivery file from the environment only for a command that delivers secrets', async () => {
    await expect(apply.build({}, { env: MISSING_FILE })).rejects.toThrow();
    expect((await plan.build({}, { env: MISSING_FILE })).sink).toBe(NONE_SINK);
  });
});
