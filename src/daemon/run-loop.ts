// The daemon's scheduler core: one run at a time, and triggers that arrive during a run coalesce
// into exactly one follow-up run (level-based: a trigger carries nothing, every run recomputes
// from git and Keycloak, so N triggers during a run need one more run, not N).
//
// Invariants:
// - At most one run executes; the next starts only after the previous has settled, even when
//   it overran its time limit (its signal is aborted then, and it stops at its next step).
// - A trigger is never lost while the loop runs: it starts a run, or marks the one pending
//   follow-up run (which starts as soon as the current run settles).
// - After stop(), no run starts; the run in flight gets `graceMs` to finish, then its signal is
//   aborted.
// - `execute` failing (it should not: it records failures as results) never stops the loop.
import { type Clock, sleep } from './clock.js';
import type { DaemonLogger } from './logger.js';

export type TriggerSource = 'startup' | 'schedule' | 'webhook';

/** What a trigger did: started a run, became the pending follow-up, joined it, or was refused. */
export type TriggerResult = 'started' | 'queued' | 'coalesced' | 'stopped';

export interface RunRequest {
  /** 1, 2, 3… in start order. */
  readonly id: number;
  /** The trigger that asked for this run first. */
  readonly trigger: TriggerSource;
  /** How many triggers this run answers (1 plus those coalesced into it). */
  readonly triggers: number;
  readonly startedAt: Date;
  /** Aborted with a RunTimeLimitError when the run reaches its time limit, or at shutdown. */
  readonly signal: AbortSignal;
}

export interface RunningInfo {
  readonly id: number;
  readonly trigger: TriggerSource;
  readonly startedAt: Date;
}

export interface LoopStatus {
  readonly running: RunningInfo | null;
  /** A follow-up run will start when the current one ends. */
  readonly pending: boolean;
  readonly stopped: boolean;
  /** Runs started since the loop was created. */
  readonly started: number;
}

export interface RunLoopOptions<R> {
  readonly clock: Clock;
  readonly logger: DaemonLogger;
  /** A run's time limit; at the limit its signal is aborted. */
  readonly timeLimitMs: number;
  readonly execute: (request: RunRequest) => Promise<R>;
  /** Called with each run's result, before the next run starts. */
  readonly onFinished?: (result: R, request: RunRequest) => void;
}

/** The reason a run's signal is aborted when it reaches its time limit. */
export class RunTimeLimitError extends Error {
  override readonly name = 'RunTimeLimitError';
  constructor(readonly limitMs: number) {
    super(`the run reached its time limit of ${formatSeconds(limitMs)}; it stopped at its next step and the next trigger retries`);
  }
}

/** The reason a run's signal is aborted when the daemon stops before the run finished. */
export class ShutdownError extends Error {
  override readonly name = 'ShutdownError';
  constructor(graceMs: number) {
    super(`the daemon is stopping and the run did not finish within ${formatSeconds(graceMs)}; the next start retries`);
  }
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

interface Current {
  readonly request: RunRequest;
  readonly controller: AbortController;
  readonly settled: Promise<void>;
}

export class RunLoop<R> {
  readonly #options: RunLoopOptions<R>;
  #current: Current | null = null;
  #pending: { trigger: TriggerSource; triggers: number } | null = null;
  #stopped = false;
  #started = 0;
  #idleWaiters: (() => void)[] = [];

  constructor(options: RunLoopOptions<R>) {
    if (!(options.timeLimitMs > 0)) throw new RangeError(`timeLimitMs must be positive, got ${options.timeLimitMs}`);
    this.#options = options;
  }

  trigger(source: TriggerSource): TriggerResult {
    if (this.#stopped) return 'stopped';
    if (this.#current === null) {
      this.#start(source, 1);
      return 'started';
    }
    if (this.#pending !== null) {
      this.#pending.triggers += 1;
      return 'coalesced';
    }
    this.#pending = { trigger: source, triggers: 1 };
    return 'queued';
  }

  status(): LoopStatus {
    const current = this.#current?.request;
    return {
      running: current ? { id: current.id, trigger: current.trigger, startedAt: current.startedAt } : null,
      pending: this.#pending !== null,
      stopped: this.#stopped,
      started: this.#started,
    };
  }

  /** Resolves once no run is executing and none is pending. */
  whenIdle(): Promise<void> {
    if (this.#current === null) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /**
   * Stops triggering: the pending follow-up is dropped, later triggers are refused. Waits up to
   * `graceMs` for the run in flight; if it is still going, aborts its signal and waits up to
   * `abortWaitMs` more. Resolves true when no run was left unfinished.
   */
  async stop(graceMs: number, abortWaitMs = 5_000): Promise<boolean> {
    this.#stopped = true;
    this.#pending = null;
    const current = this.#current;
    if (current === null) return true;
    if (await this.#settlesWithin(current, graceMs)) return true;
    this.#options.logger.warn({ runId: current.request.id, graceMs }, 'run still going at shutdown: stopping it at its next step');
    current.controller.abort(new ShutdownError(graceMs));
    await this.#settlesWithin(current, abortWaitMs);
    return false;
  }

  async #settlesWithin(current: Current, ms: number): Promise<boolean> {
    const timer = sleep(this.#options.clock, ms);
    let settled = false;
    await Promise.race([current.settled.then(() => (settled = true)), timer.done]);
    timer.cancel();
    return settled;
  }

  #start(trigger: TriggerSource, triggers: number): void {
    const { clock, logger, timeLimitMs, execute, onFinished } = this.#options;
    this.#started += 1;
    const controller = new AbortController();
    const request: RunRequest = { id: this.#started, trigger, triggers, startedAt: clock.now(), signal: controller.signal };
    const cancelLimit = clock.setTimer(() => {
      logger.warn({ runId: request.id, timeLimitMs }, 'run reached its time limit: stopping it at its next step');
      controller.abort(new RunTimeLimitError(timeLimitMs));
    }, timeLimitMs);
    const settled = (async () => {
      try {
        const result = await execute(request);
        onFinished?.(result, request);
      } catch (error) {
        logger.error({ runId: request.id, err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, 'run failed unexpectedly');
      } finally {
        cancelLimit();
      }
    })();
    this.#current = { request, controller, settled };
    void settled.then(() => this.#next());
  }

  #next(): void {
    this.#current = null;
    const pending = this.#pending;
    this.#pending = null;
    if (pending !== null && !this.#stopped) {
      this.#start(pending.trigger, pending.triggers);
      return;
    }
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}
