// Wires the daemon together: run loop + sync run + state + metrics + HTTP server + schedule.
// Every adapter (clock, logger, git source, Keycloak, schedule) is passed in; only the CLI
// (src/cli/daemon.ts) constructs real ones.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { describeSink } from '../apply/index.js';
import type { KeycloakPort } from '../keycloak/port.js';
import type { SyncPolicy } from '../sync/sync-policy.js';
import { type Clock, sleep } from './clock.js';
import { DaemonState, type Readiness } from './daemon-state.js';
import type { DesiredSource } from './git-source.js';
import { createDaemonServer } from './http-server.js';
import type { DaemonLogger } from './logger.js';
import { DaemonMetrics } from './metrics.js';
import type { ApiResult } from '../github/github-client.js';
import type { PlanReporter } from '../github/reporter.js';
import { describeFollowed, type FollowedRepository, type RepositoryName } from '../github/repository-name.js';
import { createPullRequestPlan } from './pull-request-plan.js';
import { PullRequestPlanner } from './pull-request-planner.js';
import type { PullRequestHead } from './pull-request-source.js';
import { RecentDeliveries } from './recent-deliveries.js';
import { createSyncStatusReporter } from './sync-status.js';
import { RunLoop, type TriggerResult, type TriggerSource } from './run-loop.js';
import type { RunRecord } from './run-record.js';
import type { Schedule } from './schedule.js';
import { createSyncRun } from './sync-run.js';
import { createPages, NO_ACCESS_SETTINGS, PagesState, type AccessSettings, type PagesMode, type SignInProvider } from '../pages/index.js';
import { DEFAULT_FULL_READ_INTERVAL_MS, LiveCache } from './live-cache.js';

/** Readiness allows this many schedule intervals since the last completed run. */
export const STALE_INTERVALS = 3;

export interface DaemonOptions {
  readonly host: string;
  /** 0 lets the system pick a free port (the bound one is logged and returned). */
  readonly port: number;
  /** When the port is taken, listen on a free one instead of failing (npm start). */
  readonly portFallback?: boolean;
  readonly runTimeLimitMs: number;
  /** Default: STALE_INTERVALS × the schedule's interval. */
  readonly staleAfterMs?: number;
  readonly webhookSecret: string | null;
  readonly version: string;
  /** A full read of Keycloak at least this often; between them, admin events say what to re-read. 0: always full. Default 1 h. */
  readonly fullReadIntervalMs?: number;
  /** Disable default process metrics (tests creating many daemons in one process). */
  readonly defaultMetrics?: boolean;
  /** Sign-in and the /status token (src/pages/); default: neither (loopback-only pages and /status). */
  readonly access?: AccessSettings;
}

export interface DaemonDeps {
  readonly clock: Clock;
  readonly logger: DaemonLogger;
  readonly source: DesiredSource;
  /** A fresh Keycloak port per run, given the run's signal (see SyncRunDeps). */
  readonly keycloak: (signal: AbortSignal) => KeycloakPort;
  /** How every sync run may act (max deletes, concurrency, secret delivery; src/sync/sync-policy.ts). */
  readonly policy: SyncPolicy;
  readonly schedule: Schedule;
  /** Removes known secret values from text the daemon serves. */
  readonly scrub?: (text: string) => string;
  /** The sign-in provider (tests); by default openid-client against the configured issuer. */
  readonly signInProvider?: SignInProvider;
  /** Pull request planning and commit statuses on GitHub (absent: off). */
  readonly github?: DaemonGitHub;
}

export interface DaemonGitHub {
  /** The repository deliveries must be about; null when unknown (then pull requests are not planned). */
  readonly followed: FollowedRepository | null;
  /** Why pull request planning is off, or null when it is on (then source and reporter are set). */
  readonly planningOff: string | null;
  readonly source: { read(number: number, signal: AbortSignal): Promise<PullRequestHead> } | null;
  /** Builds the reporter, given where to count API calls. */
  readonly reporter: ((onResult: (result: ApiResult) => void) => PlanReporter) | null;
  /** Where clientsync/sync statuses go (the followed repository); null: none are set. */
  readonly syncRepository: RepositoryName | null;
  readonly maxQueued?: number;
  readonly planTimeLimitMs?: number;
}

export interface RunningDaemon {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly state: DaemonState;
  readonly metrics: DaemonMetrics;
  /** Whether the pages are served, and to whom. */
  readonly pagesMode: PagesMode;
  trigger(source: TriggerSource): TriggerResult;
  readiness(): Readiness;
  /** Resolves once no run executes and none is pending. */
  whenIdle(): Promise<void>;
  /** Resolves once no pull request plan runs or waits. */
  whenPlansIdle(): Promise<void>;
  /**
   * Stops triggers, lets the run in flight finish (up to `graceMs`, then aborts it at its next
   * step), closes the server. Resolves true when no run had to be cut short.
   */
  stop(graceMs: number): Promise<boolean>;
}

export async function startDaemon(options: DaemonOptions, deps: DaemonDeps): Promise<RunningDaemon> {
  const { clock, logger, schedule } = deps;
  const scrub = deps.scrub ?? ((text: string) => text);
  const staleAfterMs = options.staleAfterMs ?? STALE_INTERVALS * schedule.intervalMs;
  const state = new DaemonState({
    version: options.version,
    startedAt: clock.now(),
    source: deps.source.description,
    schedule: schedule.expression,
    staleAfterMs,
    runTimeLimitMs: options.runTimeLimitMs,
    webhook: options.webhookSecret === null ? 'disabled' : 'enabled',
    maxDeletes: deps.policy.maxDeletes,
    secretSink: describeSink(deps.policy.sink),
  });
  const liveCache = new LiveCache({ fullReadIntervalMs: options.fullReadIntervalMs ?? DEFAULT_FULL_READ_INTERVAL_MS, now: () => clock.now().getTime() });
  let stopping = false;
  const readiness = (): Readiness => (stopping ? { ready: false, reason: 'the daemon is stopping' } : state.readiness(clock.now()));
  const loop: RunLoop<RunRecord> = new RunLoop<RunRecord>({
    clock,
    logger,
    timeLimitMs: options.runTimeLimitMs,
    execute: createSyncRun({ source: deps.source, keycloak: deps.keycloak, clock, logger, policy: deps.policy, liveCache }),
    onFinished: (record) => {
      state.record(record);
      pagesState.record(record);
      metrics.recordRun(record);
      void reportSync?.(record);
    },
  });
  const github = deps.github;
  const reporter = github?.reporter?.((result) => metrics.recordGitHubCall(result)) ?? null;
  const reportSync = reporter !== null && github?.syncRepository ? createSyncStatusReporter(reporter, github.syncRepository, logger) : null;
  const planningOff = github === undefined ? 'GitHub is not configured' : (github.planningOff ?? (reporter === null || github.source === null ? 'GitHub is not configured' : null));
  const planner =
    planningOff === null && reporter !== null && github?.source
      ? new PullRequestPlanner({
          clock,
          logger,
          ...(github.maxQueued === undefined ? {} : { maxQueued: github.maxQueued }),
          ...(github.planTimeLimitMs === undefined ? {} : { timeLimitMs: github.planTimeLimitMs }),
          execute: createPullRequestPlan({
            source: github.source,
            keycloak: deps.keycloak,
            reporter,
            clock,
            logger,
            syncedRealm: () => state.lastSuccess?.realm ?? state.lastRun?.realm ?? null,
            htmlUrl: (job) => job.event.htmlUrl,
          }),
          onFinished: (record) => metrics.recordPlan(record.outcome),
          onDropped: (job, outcome, message) => {
            metrics.recordPlan(outcome);
            const target = { repository: job.event.repository, installationId: job.event.installationId };
            reporter
              .setStatus(target, job.event.headSha, 'clientsync/plan', { state: 'error', description: message.slice(0, 140) })
              .catch((error: unknown) => logger.warn({ pullRequest: job.event.number, err: error instanceof Error ? error.message.slice(0, 300) : String(error) }, 'GitHub could not be told'));
          },
        })
      : null;
  if (planningOff !== null && github !== undefined) logger.info({ reason: planningOff }, 'pull request planning is off: pull_request deliveries are acknowledged and ignored');
  const metrics = new DaemonMetrics({
    ready: () => readiness().ready,
    running: () => loop.status().running !== null,
    ...(options.defaultMetrics === undefined ? {} : { defaultMetrics: options.defaultMetrics }),
  });
  const trigger = (source: TriggerSource): TriggerResult => {
    const result = loop.trigger(source);
    metrics.recordTrigger(source, result);
    if (result !== 'started') logger.info({ trigger: source, result }, result === 'stopped' ? 'trigger refused: stopping' : 'trigger coalesced into the next run');
    return result;
  };

  const pagesState = new PagesState();
  const pages = createPages(options.access ?? NO_ACCESS_SETTINGS, {
    host: options.host,
    state: pagesState,
    gitUrl: deps.source.description['url'] ?? null,
    now: () => clock.now(),
    logger,
    scrub,
    ...(deps.signInProvider ? { provider: deps.signInProvider } : {}),
  });
  const server = createDaemonServer({
    logger,
    readiness,
    status: () => ({
      ...state.status(clock.now(), loop.status(), stopping ? null : schedule.nextRun()),
      pullRequests: planner === null ? { planning: 'off', reason: planningOff } : { planning: 'on', repository: github?.followed ? describeFollowed(github.followed) : null, ...planner.status() },
    }),
    metrics: () => metrics.text(),
    scrub,
    webhook: {
      secret: options.webhookSecret,
      branch: deps.source.branch,
      trigger: () => (stopping ? null : trigger('webhook')),
      record: (result) => metrics.recordWebhook(result),
      deliveries: new RecentDeliveries(),
      context: { followed: github?.followed ?? null, planningOff },
      plan: (event) => (stopping || planner === null ? null : planner.enqueue(event)),
    },
    pages,
  });
  const address = await listen(server, options.host, options.port, options.portFallback === true, logger);
  const urlHost = address.address.includes(':') ? `[${address.address}]` : address.address;
  const url = `http://${urlHost}:${address.port}`;
  logger.info(
    {
      url,
      host: address.address,
      port: address.port,
      source: deps.source.description,
      schedule: schedule.expression,
      staleAfterMs,
      runTimeLimitMs: options.runTimeLimitMs,
      webhook: options.webhookSecret === null ? 'disabled (CLIENTSYNC_WEBHOOK_SECRET is not set)' : 'enabled',
      ...pages.describe(),
    },
    'listening',
  );
  if (pages.mode === 'off') logger.warn(pages.describe(), 'pages off on this address: configure sign-in to serve them');

  trigger('startup');
  schedule.start(() => trigger('schedule'));

  let stopped: Promise<boolean> | null = null;
  return {
    url,
    host: address.address,
    port: address.port,
    state,
    metrics,
    pagesMode: pages.mode,
    trigger,
    readiness,
    whenIdle: () => loop.whenIdle(),
    whenPlansIdle: () => planner?.whenIdle() ?? Promise.resolve(),
    stop(graceMs) {
      stopped ??= (async () => {
        stopping = true;
        const running = loop.status().running;
        logger.info({ graceMs, runInFlight: running?.id ?? null }, 'stopping: no new runs; waiting for the run in flight');
        await schedule.stop();
        const [clean] = await Promise.all([loop.stop(graceMs), planner?.stop(Math.min(graceMs, 5_000))]);
        await closeServer(server, clock);
        logger.info({ clean }, clean ? 'stopped' : 'stopped; the run in flight was cut short and the next start retries it');
        return clean;
      })();
      return stopped;
    },
  };
}

async function listen(server: Server, host: string, port: number, fallback: boolean, logger: DaemonLogger): Promise<AddressInfo> {
  const attempt = (p: number) =>
    new Promise<AddressInfo>((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      server.once('error', onError);
      server.listen(p, host, () => {
        server.off('error', onError);
        resolve(server.address() as AddressInfo);
      });
    });
  try {
    return await attempt(port);
  } catch (error) {
    if (!fallback || port === 0 || (error as { code?: string }).code !== 'EADDRINUSE') throw error;
    logger.warn({ host, port }, 'port in use: listening on a free port instead');
    return attempt(0);
  }
}

async function closeServer(server: Server, clock: Clock): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = sleep(clock, 5_000);
  await Promise.race([closed, timer.done]);
  timer.cancel();
  server.closeAllConnections();
  await closed;
}
