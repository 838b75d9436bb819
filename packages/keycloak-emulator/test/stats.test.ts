// Request counters: by route template (never by concrete path), reset to zero, /_emulator/* not counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator, Stats } from '../src/index.js';
import { adminToken, call, idOf, start } from './helpers.js';

describe('GET /_emulator/stats and POST /_emulator/reset', () => {
  let emulator: RunningEmulator;
  let token: string;
  beforeAll(async () => {
    emulator = await start();
    token = await adminToken(emulator);
  });
  afterAll(() => emulator.close());

  it('counts requests by route template and zeroes them on reset', async () => {
    expect((await call(emulator.url, 'POST', '/_emulator/reset')).status).toBe(204);
    const created = await call(emulator.url, 'POST', '/admin/realms/insights/clients', { token, body: { clientId: 'acme_one' } });
    const id = idOf(created);
    await call(emulator.url, 'GET', '/admin/realms/insights/clients', { token });
    await call(emulator.url, 'GET', '/admin/realms/insights/clients?clientId=acme_one', { token });
    await call(emulator.url, 'GET', `/admin/realms/insights/clients/${id}`, { token });
    await call(emulator.url, 'GET', '/admin/realms/insights/clients/no-such-id', { token });
    await call(emulator.url, 'GET', '/nowhere');
    await call(emulator.url, 'GET', '/_emulator/faults');

    const stats = (await call(emulator.url, 'GET', '/_emulator/stats')).json as Stats;
    expect(stats.requests).toEqual({
      total: 6,
      byRoute: {
        'GET (unmatched)': 1,
        'GET /admin/realms/{realm}/clients': 2,
        'GET /admin/realms/{realm}/clients/{id}': 2,
        'POST /admin/realms/{realm}/clients': 1,
      },
    });
    expect(emulator.stats()).toEqual(stats);

    expect((await call(emulator.url, 'POST', '/_emulator/reset')).status).toBe(204);
    expect(((await call(emulator.url, 'GET', '/_emulator/stats')).json as Stats).requests).toEqual({ total: 0, byRoute: {} });
  });

  it('counts the token endpoint and injected faults', async () => {
    emulator.resetStats();
    await adminToken(emulator);
    emulator.setFaults({ errorRate: 1 });
    await call(emulator.url, 'GET', '/admin/realms/insights/clients', { token });
    emulator.setFaults({ errorRate: 0 });
    const stats = emulator.stats();
    expect(stats.requests.byRoute).toEqual({
      'GET /admin/realms/{realm}/clients': 1,
      'POST /realms/{realm}/protocol/openid-connect/token': 1,
    });
    expect(stats.faults).toEqual({ dropped: 0, throttled: 0, errors: 1 });
  });
});
