// The pull request planning queue: one plan at a time, at most one per pull request in flight
// or waiting, a newer head supersedes the older (the waiting job is replaced, the running one is
// stopped at its next step and does not report), and a bounded queue.
//
// Invariants:
// - It shares nothing with the sync run loop: a pull request plan never holds up a sync run
//   (bound: zero; they run side by side, the plan only reads Keycloak). Each plan has its own
//   time limit (PLAN_TIME_LIMIT_MS by default).
// - When MAX_QUEUED pull requests wait already, a new one is refused: said in the log, in the
//   webhook's answer, and on GitHub (an `error` status asking to push again later).
// - An older head's plan never reports after a newer head was asked for.
// - `execute` records failures as results; an exception from it is logged and never stops the queue.
import type { PullRequestEvent } from '../github/pull-request-event.js';
import { formatRepository } from '../github/repository-name.js';
import { plural } from '../shared/plural.js';
import type { Clock } from './clock.js';
import type { PlanRequestResult } from './http-server.js';
import type { DaemonLogger } from './logger.js';

export const DEFAULT_MAX_QUEUED = 20;
export const PLAN_TIME_LIMIT_MS = 120_000;
/** Last plans kept per pull request for /status (the most recent pull requests). */
export const MAX_REMEMBERED_PLANS = 100;

export type PlanOutcome = 'success' | 'failure' | 'error' | 'superseded' | 'refused';
export const PLAN_OUTCOMES: readonly PlanOutcome[] = ['success', 'failure', 'error', 'superseded', 'refused'];

export interface PlanJob {
  readonly event: PullRequestEvent;
  readonly receivedAt: Date;
}

export interface PullRequestPlanRecord {
  readonly repository: string;
  readonly number: number;
  /** The head the delivery named. */
  readonly requestedSha: string;
  /** The head planned (what refs/pull/N/head held); null when it could not be fetched. */
  readonly headSha: string | null;
  readonly outcome: PlanOutcome;
  /** The commit status description (or why nothing was reported). */
  readonly description: string;
  readonly startedAt: Date;
  readonly endedAt: Date;
  /** False when GitHub could not be told (see the log). */
  readonly reported: boolean;
}

/** Why a running plan's signal is aborted when a newer head of its pull request arrives. */
export class SupersededError extends Error {
  override readonly name = 'SupersededError';
  constructor(readonly newerSha: string) {
    super(`a newer head (${newerSha.slice(0, 12)}) was pushed; its plan replaces this one`);
  }
}

export class PlanTimeLimitError extends Error {
  override readonly name = 'PlanTimeLimitError';
  constructor(readonly limitMs: number) {
    super(`the plan took longer than ${Math.round(limitMs / 1000)} s`);
  }
}

export interface PlannerOptions {
  readonly clock: Clock;
  readonly logger: DaemonLogger;
  readonly maxQueued?: number;
  readonly timeLimitMs?: number;
  readonly execute: (job: PlanJob, signal: AbortSignal) => Promise<PullRequestPlanRecord>;
  readonly onFinished?: (record: PullRequestPlanRecord) => void;
  /** Tells GitHub a plan was refused (queue full) or superseded before it started. */
  readonly onDropped?: (job: PlanJob, outcome: 'refused' | 'superseded', message: string) => void;
}

interface Running {
  readonly job: PlanJob;
  readonly key: string;
  readonly controller: AbortController;
  readonly startedAt: Date;
}

function keyOf(event: PullRequestEvent): string {
  return `${formatRepository(event.repository).toLowerCase()}#${event.number}`;
}

export class PullRequestPlanner {
  readonly #options: PlannerOptions;
  readonly #maxQueued: number;
  readonly #timeLimitMs: number;
  readonly #queue = new Map<string, PlanJob>();
  #running: Running | null = null;
  #stopped = false;
  readonly #last = new Map<string, PullRequestPlanRecord>();
  #idle: (() => void)[] = [];
  #settled: Promise<void> = Promise.resolve();

  constructor(options: PlannerOptions) {
    this.#options = options;
    this.#maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
    this.#timeLimitMs = options.timeLimitMs ?? PLAN_TIME_LIMIT_MS;
  }

  enqueue(event: PullRequestEvent): PlanRequestResult | null {
    if (this.#stopped) return null;
    const key = keyOf(event);
    const job: PlanJob = { event, receivedAt: this.#options.clock.now() };
    const where = `pull request #${event.number} at ${event.headSha.slice(0, 12)}`;
    const last = this.#last.get(key);
    // A `synchronize` for a head planned already (an earlier plan fetched it before its delivery
    // came) is not planned twice; opened, reopened and ready_for_review always plan afresh, so
    // closing and reopening a pull request refreshes a plan made stale by other merges.
    const planned = last?.headSha === event.headSha && last.outcome !== 'error' && last.outcome !== 'superseded';
    if (event.action === 'synchronize' && planned && this.#running?.key !== key && !this.#queue.has(key)) {
      return { accepted: false, message: `${where} was planned already (${last.outcome})` };
    }
    const queued = this.#queue.get(key);
    if (queued !== undefined) {
      this.#queue.set(key, job);
      if (queued.event.headSha !== event.headSha) this.#options.onDropped?.(queued, 'superseded', `superseded by a newer head ${event.headSha.slice(0, 12)}`);
      return { accepted: true, message: `${where} replaces the waiting plan of the same pull request` };
    }
    if (this.#running?.key === key && this.#running.job.event.headSha === event.headSha) {
      return { accepted: false, message: `${where} is being planned right now` };
    }
    if (this.#running?.key !== key && this.#queue.size >= this.#maxQueued) {
      const message = `the plan queue is full (${plural(this.#maxQueued, 'pull request')} waiting); push again later to plan ${where}`;
      this.#options.logger.warn({ pullRequest: event.number, headSha: event.headSha, maxQueued: this.#maxQueued }, 'pull request plan refused: queue full');
      this.#options.onDropped?.(job, 'refused', message);
      return { accepted: false, message };
    }
    this.#queue.set(key, job);
    if (this.#running?.key === key) {
      this.#running.controller.abort(new SupersededError(event.headSha));
      return { accepted: true, message: `${where} supersedes the plan in progress of the same pull request` };
    }
    this.#pump();
    return { accepted: true, message: this.#running?.key === key ? `${where} is being planned` : `${where} is queued (${this.#queue.size} waiting)` };
  }

  #pump(): void {
    if (this.#running !== null || this.#stopped) {
      if (this.#running === null) for (const resolve of this.#idle.splice(0)) resolve();
      return;
    }
    const next = this.#queue.entries().next();
    if (next.done === true) {
      for (const resolve of this.#idle.splice(0)) resolve();
      return;
    }
    const [key, job] = next.value;
    this.#queue.delete(key);
    const controller = new AbortController();
    const running: Running = { job, key, controller, startedAt: this.#options.clock.now() };
    this.#running = running;
    const cancel = this.#options.clock.setTimer(() => controller.abort(new PlanTimeLimitError(this.#timeLimitMs)), this.#timeLimitMs);
    this.#settled = (async () => {
      try {
        const record = await this.#options.execute(job, controller.signal);
        this.#remember(key, record);
        this.#options.onFinished?.(record);
      } catch (error) {
        this.#options.logger.error({ pullRequest: job.event.number, err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, 'pull request plan failed unexpectedly');
      } finally {
        cancel();
        this.#running = null;
        this.#pump();
      }
    })();
  }

  #remember(key: string, record: PullRequestPlanRecord): void {
    this.#last.delete(key);
    this.#last.set(key, record);
    while (this.#last.size > MAX_REMEMBERED_PLANS) {
      const oldest = this.#last.keys().next().value;
      if (oldest === undefined) break;
      this.#last.delete(oldest);
    }
  }

  /** Resolves once nothing runs or waits. */
  whenIdle(): Promise<void> {
    if (this.#running === null && this.#queue.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /** No new plans; the waiting ones are dropped; the running one gets `graceMs`, then is stopped. */
  async stop(graceMs: number): Promise<void> {
    this.#stopped = true;
    this.#queue.clear();
    const running = this.#running;
    if (running === null) return;
    const timer = new Promise<void>((resolve) => this.#options.clock.setTimer(resolve, graceMs));
    await Promise.race([this.#settled, timer]);
    if (this.#running !== null) {
      running.controller.abort(new Error('the daemon is stopping'));
      await this.#settled;
    }
  }

  /** For /status: what runs, what waits, and the last plan of each pull request (newest first). */
  status(): Record<string, unknown> {
    const running = this.#running;
    return {
      running: running ? { pullRequest: running.job.event.number, headSha: running.job.event.headSha, startedAt: running.startedAt.toISOString() } : null,
      queued: [...this.#queue.values()].map((j) => ({ pullRequest: j.event.number, headSha: j.event.headSha })),
      maxQueued: this.#maxQueued,
      timeLimitSeconds: this.#timeLimitMs / 1000,
      lastPlans: [...this.#last.values()].reverse().map((r) => ({
        repository: r.repository,
        pullRequest: r.number,
        headSha: r.headSha,
        requestedSha: r.requestedSha,
        outcome: r.outcome,
        description: r.description,
        at: r.endedAt.toISOString(),
        reported: r.reported,
      })),
    };
  }
}
