// Time, as the daemon sees it: passed in, so the scheduling logic runs under a fake clock in
// unit tests. Only src/cli/daemon.ts uses systemClock.

export interface Clock {
  now(): Date;
  /** Calls `fn` once after `ms`; the returned function cancels it. */
  setTimer(fn: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => new Date(),
  setTimer(fn, ms) {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
};

/** Resolves after `ms` on `clock`; `cancel` resolves it early. */
export function sleep(clock: Clock, ms: number): { readonly done: Promise<void>; cancel(): void } {
  let cancelTimer = (): void => {};
  let finish = (): void => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
    cancelTimer = clock.setTimer(resolve, ms);
  });
  return {
    done,
    cancel() {
      cancelTimer();
      finish();
    },
  };
}

/**
 * A real-time sleep that rejects with the signal's reason once it is aborted: the retry policy
 * of a run's Keycloak adapter sleeps with it, so a run at its time limit (or at shutdown) stops
 * retrying instead of finishing its backoff.
 */
export function abortableSleep(signal: AbortSignal): (ms: number) => Promise<void> {
  return (ms) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
}
