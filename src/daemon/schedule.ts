// The cron schedule (node-cron 4: five fields, or six with seconds first). The daemon only asks
// it for ticks; what a tick does (trigger a run, coalesced) is the run loop's business.
import { createTask, validate, type ScheduledTask } from 'node-cron';
import type { DaemonLogger } from './logger.js';

export const DEFAULT_SCHEDULE = '*/5 * * * *';

/** Fire times looked at to find the schedule's interval. */
const SAMPLE_RUNS = 20;

export interface Schedule {
  readonly expression: string;
  /**
   * The longest gap between consecutive fire times among the next few: the "interval" of the
   * readiness rule (a weekday-only schedule has a weekend-long interval).
   */
  readonly intervalMs: number;
  /** Starts calling `onTick` at each fire time. */
  start(onTick: () => void): void;
  stop(): Promise<void>;
  nextRun(): Date | null;
}

/** Null when `expression` is a cron expression node-cron accepts, else what is wrong. */
export function cronProblem(expression: string): string | null {
  if (expression.trim() === '') return 'the schedule is empty';
  try {
    if (validate(expression)) return null;
  } catch {
    // fall through
  }
  return `'${expression}' is not a cron expression: write five fields (minute hour day month weekday, e.g. '*/5 * * * *') or six with seconds first (e.g. '*/30 * * * * *')`;
}

/** Longest gap between consecutive dates, in ms; null with fewer than two. */
export function longestGapMs(dates: readonly Date[]): number | null {
  let longest: number | null = null;
  for (let i = 1; i < dates.length; i++) {
    const gap = dates[i]!.getTime() - dates[i - 1]!.getTime();
    if (longest === null || gap > longest) longest = gap;
  }
  return longest;
}

export function cronSchedule(expression: string, logger: DaemonLogger): Schedule {
  const problem = cronProblem(expression);
  if (problem !== null) throw new RangeError(problem);
  let onTick: () => void = () => {};
  const task: ScheduledTask = createTask(expression, () => onTick(), {
    name: 'clientsync-sync',
    logger: {
      info: (message) => logger.debug({ component: 'node-cron' }, message),
      warn: (message) => logger.warn({ component: 'node-cron' }, message),
      error: (message) => logger.error({ component: 'node-cron' }, String(message)),
      debug: (message) => logger.debug({ component: 'node-cron' }, String(message)),
    },
  });
  const intervalMs = longestGapMs(task.getNextRuns(SAMPLE_RUNS));
  if (intervalMs === null) {
    void task.destroy();
    throw new RangeError(`the schedule '${expression}' never fires twice`);
  }
  return {
    expression,
    intervalMs,
    start(fn) {
      onTick = fn;
      void task.start();
    },
    async stop() {
      onTick = () => {};
      await task.destroy();
    },
    nextRun: () => task.getNextRun(),
  };
}
