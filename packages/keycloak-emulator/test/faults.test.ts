// Fault injection (README.md, "Faults and counters"): each fault at its configured rate, reproducible with a seed,
// switchable off, validated input, never applied to /_emulator/*.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { adminToken, call, start } from './helpers.js';

const REQUESTS = 400;

/** Sends `n` simple admin requests one after the other and tallies what happened to them. */
async function tally(emulator: RunningEmulator, token: string, n = REQUESTS): Promise<{ ok: number; throttled: number; errors: number; dropped: number; retryAfter: Set<string> }> {
  const out = { ok: 0, throttled: 0, errors: 0, dropped: 0, retryAfter: new Set<string>() };
  for (let i = 0; i < n; i++) {
    try {
      const r = await call(emulator.url, 'GET', '/admin/realms/insights/client-scopes', { token });
      if (r.status === 200) out.ok++;
      else if (r.status === 429) {
        out.throttled++;
        out.retryAfter.add(r.headers.get('retry-after') ?? '');
      } else if (r.status >= 500) out.errors++;
    } catch {
      out.dropped++;
    }
  }
  return out;
}

/** Generous bounds: 400 draws at p=0.25 stay within ±0.08 far beyond 4 standard deviations. */
function expectShare(count: number, rate: number, n = REQUESTS): void {
  expect(count / n).toBeGreaterThan(rate - 0.08);
  expect(count / n).toBeLessThan(rate + 0.08);
}

describe('fault injection', () => {
  let emulator: RunningEmulator;
  let token: string;
  beforeAll(async () => {
    emulator = await start({ seed: 42 });
    token = await adminToken(emulator);
  });
  afterAll(() => emulator.close());

  it('answers this share of requests with a 500 in Keycloak’s body, then none once switched off', async () => {
    emulator.setFaults({ errorRate: 0.25 });
    const on = await tally(emulator, token);
    expectShare(on.errors, 0.25);
    expect(on.ok + on.errors).toBe(REQUESTS);
    const one = await (async () => {
      for (;;) {
        const r = await call(emulator.url, 'GET', '/admin/realms/insights/client-scopes', { token });
        if (r.status === 500) return r;
      }
    })();
    expect(one.json).toEqual({ error: 'unknown_error', error_description: 'For more on this error consult the server log.' });
    expect(one.headers.get('x-emulator-fault')).toBe('error');
    emulator.setFaults({ errorRate: 0 });
    expect((await tally(emulator, token, 100)).ok).toBe(100);
  });

  it('throttles this share with 429 and Retry-After, then none once switched off', async () => {
    emulator.setFaults({ throttleRate: 0.25 });
    const on = await tally(emulator, token);
    expectShare(on.throttled, 0.25);
    expect([...on.retryAfter]).toEqual(['1']);
    emulator.setFaults({ throttleRate: 0 });
    expect((await tally(emulator, token, 100)).ok).toBe(100);
  });

  it('drops this share of connections without an answer, then none once switched off', async () => {
    emulator.setFaults({ dropRate: 0.25 });
    const on = await tally(emulator, token);
    expectShare(on.dropped, 0.25);
    expect(on.ok + on.dropped).toBe(REQUESTS);
    emulator.setFaults({ dropRate: 0 });
    expect((await tally(emulator, token, 100)).ok).toBe(100);
  });

  it('adds latency with jitter, and none once switched off', async () => {
    emulator.setFaults({ latencyMs: 60, jitterMs: 20 });
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      await call(emulator.url, 'GET', '/admin/realms/insights/client-scopes', { token });
      times.push(performance.now() - t0);
    }
    expect(Math.min(...times)).toBeGreaterThanOrEqual(38);
    expect(Math.max(...times)).toBeLessThan(400);
    emulator.setFaults({ latencyMs: 0, jitterMs: 0 });
    const t0 = performance.now();
    await call(emulator.url, 'GET', '/admin/realms/insights/client-scopes', { token });
    expect(performance.now() - t0).toBeLessThan(35);
  });

  it('combines rates without overlap: each fault keeps its own share', async () => {
    emulator.setFaults({ errorRate: 0.2, throttleRate: 0.2, dropRate: 0.2 });
    const on = await tally(emulator, token);
    expectShare(on.errors, 0.2);
    expectShare(on.throttled, 0.2);
    expectShare(on.dropped, 0.2);
    emulator.setFaults({ errorRate: 0, throttleRate: 0, dropRate: 0 });
  });

  it('never applies faults to /_emulator/* routes', async () => {
    emulator.setFaults({ dropRate: 1 });
    for (let i = 0; i < 20; i++) expect((await call(emulator.url, 'GET', '/_emulator/stats')).status).toBe(200);
    const off = await call(emulator.url, 'PUT', '/_emulator/faults', { body: { dropRate: 0 } });
    expect(off.status).toBe(200);
    expect((off.json as { dropRate: number }).dropRate).toBe(0);
    expect((await call(emulator.url, 'GET', '/admin/realms/insights/client-scopes', { token })).status).toBe(200);
  });

  it('replays the same faults for the same seed', async () => {
    const pattern = async (seed: number): Promise<string> => {
      const e = await start({ seed, faults: { errorRate: 0.5 } });
      try {
        let s = '';
        for (let i = 0; i < 40; i++) s += (await call(e.url, 'GET', '/admin/realms/insights/clients')).status === 500 ? 'E' : '.';
        return s;
      } finally {
        await e.close();
      }
    };
    const a = await pattern(7);
    expect(await pattern(7)).toBe(a);
    expect(a).toContain('E');
    expect(a).toContain('.');
    expect(await pattern(8)).not.toBe(a);
  });
});

describe('PUT /_emulator/faults', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await start();
  });
  afterAll(() => emulator.close());

  it('accepts any subset and answers the whole setting', async () => {
    const r = await call(emulator.url, 'PUT', '/_emulator/faults', { body: { latencyMs: 5, errorRate: 0.5 } });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ latencyMs: 5, jitterMs: 0, errorRate: 0.5, throttleRate: 0, dropRate: 0, tokenLifespanSeconds: null });
    const again = await call(emulator.url, 'PUT', '/_emulator/faults', { body: { errorRate: 0, latencyMs: 0 } });
    expect((await call(emulator.url, 'GET', '/_emulator/faults')).json).toEqual(again.json);
  });

  it.each([
    [{ errorRate: 1.5 }, 'errorRate must be a number from 0 to 1'],
    [{ dropRate: -0.1 }, 'dropRate must be a number from 0 to 1'],
    [{ throttleRate: '0.5' }, 'throttleRate must be a number from 0 to 1'],
    [{ latencyMs: 2.5 }, 'latencyMs must be a whole number'],
    [{ tokenLifespanSeconds: 0 }, 'tokenLifespanSeconds must be a whole number of seconds'],
    [{ bogus: 1 }, 'unknown field "bogus"'],
    [[1, 2], 'the body must be a JSON object'],
    ['{"errorRate":', 'the body must be JSON'],
  ])('refuses %j with 400 and changes nothing', async (body, message) => {
    const before = (await call(emulator.url, 'GET', '/_emulator/faults')).json;
    const r = await call(emulator.url, 'PUT', '/_emulator/faults', { body, headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect((r.json as { error: string }).error).toBe('invalid_faults');
    expect((r.json as { error_description: string }).error_description).toContain(message);
    expect((await call(emulator.url, 'GET', '/_emulator/faults')).json).toEqual(before);
  });

  it('reports every problem at once', async () => {
    const r = await call(emulator.url, 'PUT', '/_emulator/faults', { body: { errorRate: 2, dropRate: 2 } });
    expect((r.json as { error_description: string }).error_description).toMatch(/errorRate.*; dropRate/);
  });

  it('setFaults refuses bad values too', () => {
    expect(() => emulator.setFaults({ errorRate: 3 })).toThrow(RangeError);
  });
});

describe('token lifespan', () => {
  it('expires tokens after tokenLifespanSeconds: admin calls then get 401', async () => {
    const emulator = await start({ tokenLifespanSeconds: 1 });
    try {
      const login = await call(emulator.url, 'POST', '/realms/master/protocol/openid-connect/token', {
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'clientsync', client_secret: emulator.serviceAccount.clientSecret }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      const { access_token: token, expires_in: expiresIn } = login.json as { access_token: string; expires_in: number };
      expect(expiresIn).toBe(1);
      expect((await call(emulator.url, 'GET', '/admin/realms/insights/clients?max=1', { token })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const expired = await call(emulator.url, 'GET', '/admin/realms/insights/clients?max=1', { token });
      expect(expired.status).toBe(401);
      expect(expired.json).toEqual({ error: 'HTTP 401 Unauthorized' });
    } finally {
      await emulator.close();
    }
  });

  it('uses Keycloak’s lifespans by default: 60 s in master, 300 s in other realms', async () => {
    const emulator = await start();
    try {
      const master = await call(emulator.url, 'POST', '/realms/master/protocol/openid-connect/token', {
        body: 'grant_type=password&client_id=admin-cli&username=admin&password=admin',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect((master.json as { expires_in: number }).expires_in).toBe(60);
      emulator.setFaults({ tokenLifespanSeconds: 5 });
      const short = await call(emulator.url, 'POST', '/realms/master/protocol/openid-connect/token', {
        body: 'grant_type=password&client_id=admin-cli&username=admin&password=admin',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect((short.json as { expires_in: number }).expires_in).toBe(5);
    } finally {
      await emulator.close();
    }
  });
});
