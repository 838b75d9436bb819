// Retries with exponential backoff and full jitter, honouring Retry-After, for calls that are
// safe to repeat. The sleep and the random source are injected so tests need no real waiting.
import { describeFailure, isRetryable, toTypedError, type HttpFailure } from './http-errors.js';

export interface RetryPolicy {
  /** Total attempts including the first. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Upper bound on a server-requested Retry-After wait. */
  readonly maxRetryAfterMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 6,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

export function backoffDelay(policy: RetryPolicy, attempt: number, failure: HttpFailure): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const jittered = policy.random() * exponential;
  const requested = failure.retryAfterSeconds === null ? 0 : Math.min(policy.maxRetryAfterMs, failure.retryAfterSeconds * 1000);
  return Math.max(jittered, requested);
}

export interface RetryHooks {
  /** Called before a retry after a failure whose outcome is unknown; may settle the call itself. */
  readonly beforeRetry?: (failure: HttpFailure) => Promise<{ done: true; value: unknown } | { done: false }>;
  /** Called on a 401: renew the token; the call is then retried once more. */
  readonly onUnauthorized?: () => Promise<void>;
}

/**
 * Runs `call` until it succeeds, a failure is not retryable, or attempts run out; then throws
 * a typed error naming `what`.
 */
export async function withRetry<T>(what: string, call: () => Promise<T>, policy: RetryPolicy, hooks: RetryHooks = {}): Promise<T> {
  let renewed = false;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const failure = describeFailure(error);
      if (!failure) throw error;
      if (failure.status === 401 && hooks.onUnauthorized && !renewed) {
        renewed = true;
        await hooks.onUnauthorized();
        attempt--;
        continue;
      }
      if (!isRetryable(failure) || attempt + 1 >= policy.attempts) throw toTypedError(what, failure, error);
      await policy.sleep(backoffDelay(policy, attempt, failure));
      if (hooks.beforeRetry) {
        const settled = await hooks.beforeRetry(failure);
        if (settled.done) return settled.value as T;
      }
    }
  }
}
