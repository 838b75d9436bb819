// The run loop under a fake clock: one run at a time, coalescing, time limit, stop.
import { describe, expect, it } from 'vitest';
import { RunLoop, RunTimeLimitError, ShutdownError, type RunRequest } from './run-loop.js';
import { FakeClock, flush, MemoryLogger } from '../../test/support/daemon-helpers.js';

interface Held {
  readonly request: RunRequest;
  finish(): void;
  fail(error: Error): void;
}

function harness(timeLimitMs = 10_000) {
  const clock = new FakeClock();
  const logger = new MemoryLogger();
  const held: Held[] = [];
  const finished: number[] = [];
  const loop = new RunLoop<number>({
    clock,
    logger,
    timeLimitMs,
    execute: (request) =>
      new Promise<number>((resolve, reject) => {
        held.push({ request, finish: () => resolve(request.id), fail: reject });
      }),
    onFinished: (id) => finished.push(id),
  });
  return { clock, logger, held, finished, loop };
}

describe('RunLoop', () => {
  it('runs one at a time; triggers during a run coalesce into exactly one follow-up', async () => {
    const { loop, held, finished } = harness();
    expect(loop.trigger('startup')).toBe('started');
    expect(loop.trigger('webhook')).toBe('queued');
    expect(loop.trigger('schedule')).toBe('coalesced');
    expect(loop.trigger('webhook')).toBe('coalesced');
    await flush();
    expect(held).toHaveLength(1);
    expect(loop.status()).toMatchObject({ running: { id: 1, trigger: 'startup' }, pending: true, started: 1 });

    held[0]!.finish();
    await flush();
    expect(finished).toEqual([1]);
    expect(held).toHaveLength(2);
    expect(held[1]!.request).toMatchObject({ id: 2, trigger: 'webhook', triggers: 3 });
    expect(loop.status().pending).toBe(false);

    held[1]!.finish();
    await loop.whenIdle();
    expect(finished).toEqual([1, 2]);
    expect(held).toHaveLength(2);
    expect(loop.status()).toMatchObject({ running: null, pending: false, started: 2 });
    expect(loop.trigger('schedule')).toBe('started');
  });

  it('keeps going when a run throws (it should not), and logs it', async () => {
    const { loop, held, logger, finished } = harness();
    loop.trigger('startup');
    loop.trigger('schedule');
    await flush();
    held[0]!.fail(new Error('boom'));
    await flush();
    expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'error', msg: 'run failed unexpectedly' }));
    expect(held).toHaveLength(2);
    held[1]!.finish();
    await loop.whenIdle();
    expect(finished).toEqual([2]);
  });

  it('aborts a run at its time limit; the next run starts only after it has settled', async () => {
    const { loop, held, clock } = harness(5_000);
    loop.trigger('startup');
    await flush();
    const first = held[0]!.request;
    await clock.advance(4_999);
    expect(first.signal.aborted).toBe(false);
    loop.trigger('webhook');
    await clock.advance(1);
    expect(first.signal.aborted).toBe(true);
    expect(first.signal.reason).toBeInstanceOf(RunTimeLimitError);
    expect(held).toHaveLength(1); // still settling: no second run yet
    held[0]!.finish();
    await flush();
    expect(held).toHaveLength(2);
    expect(held[1]!.request.signal.aborted).toBe(false);
    held[1]!.finish();
    await loop.whenIdle();
    expect(clock.pendingTimers).toBe(0); // time-limit timers are cancelled when runs end
  });

  it('stop(): drops the pending run, refuses triggers, and waits for the run in flight', async () => {
    const { loop, held, clock, finished } = harness();
    loop.trigger('startup');
    loop.trigger('webhook');
    await flush();
    const stopping = loop.stop(30_000);
    expect(loop.trigger('schedule')).toBe('stopped');
    await clock.advance(10_000);
    held[0]!.finish();
    expect(await stopping).toBe(true);
    expect(finished).toEqual([1]);
    expect(held).toHaveLength(1);
    expect(loop.status()).toMatchObject({ stopped: true, running: null, pending: false });
  });

  it('stop(): a run that overruns the grace period is aborted with a ShutdownError', async () => {
    const { loop, held, clock } = harness(600_000);
    loop.trigger('startup');
    await flush();
    const stopping = loop.stop(1_000, 2_000);
    await clock.advance(1_000);
    expect(held[0]!.request.signal.reason).toBeInstanceOf(ShutdownError);
    held[0]!.finish(); // it notices the signal and returns
    expect(await stopping).toBe(false);
  });

  it('stop() with nothing running resolves at once', async () => {
    const { loop } = harness();
    expect(await loop.stop(1_000)).toBe(true);
  });
});
