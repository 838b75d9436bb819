import { NetworkError } from '@keycloak/keycloak-admin-client';
import { describe, expect, it } from 'vitest';
import { KeycloakRefusedError, KeycloakUnavailableError } from '../model/errors.js';
import { withRetry, type RetryPolicy } from './retry.js';

function httpError(status: number, body: unknown = {}, headers: Record<string, string> = {}): NetworkError {
  return new NetworkError('x', { response: new Response(null, { status, headers }), responseData: body });
}

function policy(sleeps: number[]): RetryPolicy {
  return { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 10_000, sleep: async (ms) => void sleeps.push(ms), random: () => 1 };
}

describe('withRetry', () => {
  it('retries 5xx, 429 and connection failures with exponential backoff, honouring Retry-After', async () => {
    const sleeps: number[] = [];
    const failures = [httpError(503), new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }), httpError(429, {}, { 'retry-after': '3' })];
    const result = await withRetry('x', async () => {
      const next = failures.shift();
      if (next) throw next;
      return 'ok';
    }, policy(sleeps));
    expect(result).toBe('ok');
    expect(sleeps).toEqual([100, 200, 3000]);
  });

  it('does not retry a refusal, and types it with status and message', async () => {
    let calls = 0;
    const error = await withRetry('create acme_x', async () => {
      calls++;
      throw httpError(409, { errorMessage: 'Client acme_x already exists' });
    }, policy([])).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(error).toBeInstanceOf(KeycloakRefusedError);
    expect(error).toMatchObject({ status: 409, keycloakMessage: 'Client acme_x already exists' });
    expect((error as Error).message).toBe('create acme_x: Keycloak refused (409): Client acme_x already exists');
  });

  it('does not retry 501 Not Implemented (a server without the endpoint, e.g. the emulator)', async () => {
    let calls = 0;
    const error = await withRetry('read admin events', async () => {
      calls++;
      throw httpError(501, { error: 'not implemented' });
    }, policy([])).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(error).toMatchObject({ status: 501 });
    expect(error).toBeInstanceOf(KeycloakRefusedError);
  });

  it('gives up after the attempts with a retryable error', async () => {
    let calls = 0;
    const error = await withRetry('list', async () => {
      calls++;
      throw httpError(502);
    }, policy([])).catch((e: unknown) => e);
    expect(calls).toBe(4);
    expect(error).toBeInstanceOf(KeycloakUnavailableError);
  });

  it('renews the token once on 401, then retries', async () => {
    let renewed = 0;
    let calls = 0;
    const result = await withRetry('x', async () => {
      calls++;
      if (calls === 1) throw httpError(401);
      return 'ok';
    }, policy([]), { onUnauthorized: async () => void renewed++ });
    expect([result, renewed, calls]).toEqual(['ok', 1, 2]);
  });

  it('lets a check before the retry settle an uncertain call', async () => {
    let calls = 0;
    const result = await withRetry('create', async () => {
      calls++;
      throw new TypeError('fetch failed', { cause: { code: 'UND_ERR_SOCKET' } });
    }, policy([]), { beforeRetry: async () => ({ done: true, value: 'found' }) });
    expect([result, calls]).toEqual(['found', 1]);
  });

  it('rethrows errors that are not about HTTP (our bugs) untouched', async () => {
    const bug = new RangeError('bug');
    await expect(withRetry('x', async () => { throw bug; }, policy([]))).rejects.toBe(bug);
  });
});
