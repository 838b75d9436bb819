// Prometheus metrics of the daemon, in a registry of its own (nothing global): counted from run
// records, webhook answers and triggers. Label values come from closed sets, so cardinality is
// fixed whatever the repository holds.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Action } from '../model/plan.js';
import { succeeded } from './daemon-state.js';
import { API_RESULTS, type ApiResult } from '../github/github-client.js';
import { PLAN_OUTCOMES, type PlanOutcome } from './pull-request-planner.js';
import type { TriggerResult, TriggerSource } from './run-loop.js';
import { FAILURE_STAGES, RUN_OUTCOMES, type RunRecord } from './run-record.js';

export type WebhookResult =
  | 'triggered'
  | 'ignored'
  | 'ping'
  | 'unauthorized'
  | 'too-large'
  | 'bad-request'
  | 'disabled'
  | 'stopping'
  | 'replayed'
  | 'plan-queued'
  | 'plan-refused';

const ACTIONS: readonly Action[] = ['create', 'adopt', 'update', 'rotate', 'delete'];

export class DaemonMetrics {
  readonly registry = new Registry();
  readonly #runs: Counter<'outcome'>;
  readonly #duration: Histogram<'outcome'>;
  readonly #changes: Counter<'action' | 'outcome'>;
  readonly #failures: Counter<'stage'>;
  readonly #lastSuccess: Gauge;
  readonly #lastRun: Gauge;
  readonly #managed: Gauge;
  readonly #skipped: Gauge;
  readonly #conflicts: Gauge;
  readonly #scheduled: Gauge;
  readonly #webhooks: Counter<'result'>;
  readonly #triggers: Counter<'source' | 'result'>;
  readonly #deliveries: Counter<'target' | 'outcome'>;
  readonly #plans: Counter<'outcome'>;
  readonly #githubCalls: Counter<'result'>;
  readonly #liveReads: Counter<'mode'>;

  constructor(options: { readonly ready: () => boolean; readonly running: () => boolean; readonly defaultMetrics?: boolean }) {
    const registers = [this.registry];
    this.#runs = new Counter({ name: 'clientsync_runs_total', help: 'Sync runs finished, by outcome (success, partial, refused, failed).', labelNames: ['outcome'], registers });
    this.#duration = new Histogram({
      name: 'clientsync_run_duration_seconds',
      help: 'Duration of sync runs, by outcome.',
      labelNames: ['outcome'],
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
      registers,
    });
    this.#changes = new Counter({
      name: 'clientsync_changes_total',
      help: 'Changes executed against Keycloak, by action and outcome (applied, failed).',
      labelNames: ['action', 'outcome'],
      registers,
    });
    this.#failures = new Counter({
      name: 'clientsync_run_failures_total',
      help: 'Runs that could not complete, by the stage where they stopped (git, settings, keycloak, timeout, shutdown, internal).',
      labelNames: ['stage'],
      registers,
    });
    this.#lastSuccess = new Gauge({ name: 'clientsync_last_success_timestamp_seconds', help: 'End of the last run that completed (outcome success or partial), Unix time.', registers });
    this.#lastRun = new Gauge({ name: 'clientsync_last_run_timestamp_seconds', help: 'End of the last run, whatever its outcome, Unix time.', registers });
    this.#managed = new Gauge({ name: 'clientsync_managed_clients', help: 'Clients managed by clientsync in the realm after the last run that read Keycloak.', registers });
    this.#skipped = new Gauge({ name: 'clientsync_skipped_accounts', help: 'Accounts skipped by the last run because their file is invalid.', registers });
    this.#conflicts = new Gauge({ name: 'clientsync_conflicts', help: 'Declared clients that exist in Keycloak unmanaged and without adopt (last run).', registers });
    this.#scheduled = new Gauge({ name: 'clientsync_scheduled_rotations', help: 'Secret rotations scheduled for a later time (last run).', registers });
    // Target names come from the operator's delivery file: a fixed, small set.
    this.#deliveries = new Counter({
      name: 'clientsync_secret_deliveries_total',
      help: 'Secret deliveries to a delivery target, by target and outcome (delivered, failed).',
      labelNames: ['target', 'outcome'],
      registers,
    });
    this.#liveReads = new Counter({ name: 'clientsync_live_reads_total', help: 'Reads of Keycloak by runs: full (every client) or incremental (the clients admin events name); /status says why.', labelNames: ['mode'], registers });
    this.#webhooks = new Counter({ name: 'clientsync_webhook_requests_total', help: 'POST /webhook requests, by result.', labelNames: ['result'], registers });
    this.#triggers = new Counter({
      name: 'clientsync_triggers_total',
      help: 'Run triggers, by source (startup, schedule, webhook) and what they did (started, queued, coalesced, stopped).',
      labelNames: ['source', 'result'],
      registers,
    });
    this.#plans = new Counter({
      name: 'clientsync_pull_request_plans_total',
      help: 'Pull request plans, by outcome (success, failure, error, superseded, refused).',
      labelNames: ['outcome'],
      registers,
    });
    this.#githubCalls = new Counter({
      name: 'clientsync_github_api_calls_total',
      help: 'GitHub API calls, by result (success, client-error, rate-limited, server-error, network-error).',
      labelNames: ['result'],
      registers,
    });
    for (const outcome of PLAN_OUTCOMES) this.#plans.inc({ outcome }, 0);
    for (const result of API_RESULTS) this.#githubCalls.inc({ result }, 0);
    new Gauge({
      name: 'clientsync_ready',
      help: '1 when /readyz answers 200: a run completed recently enough.',
      registers,
      collect() {
        this.set(options.ready() ? 1 : 0);
      },
    });
    new Gauge({
      name: 'clientsync_run_in_progress',
      help: '1 while a run executes.',
      registers,
      collect() {
        this.set(options.running() ? 1 : 0);
      },
    });
    // Every series exists from the start, so rate() and absent() behave before the first event.
    for (const outcome of RUN_OUTCOMES) this.#runs.inc({ outcome }, 0);
    for (const stage of FAILURE_STAGES) this.#failures.inc({ stage }, 0);
    for (const action of ACTIONS) for (const outcome of ['applied', 'failed']) this.#changes.inc({ action, outcome }, 0);
    for (const mode of ['full', 'incremental']) this.#liveReads.inc({ mode }, 0);
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  recordRun(run: RunRecord): void {
    const end = run.endedAt.getTime() / 1000;
    this.#runs.inc({ outcome: run.outcome });
    this.#duration.observe({ outcome: run.outcome }, (run.endedAt.getTime() - run.startedAt.getTime()) / 1000);
    this.#lastRun.set(end);
    if (succeeded(run.outcome)) this.#lastSuccess.set(end);
    if (run.failure !== null) this.#failures.inc({ stage: run.failure.stage });
    for (const { change, outcome } of run.changes) this.#changes.inc({ action: change.action, outcome });
    for (const d of run.deliveries ?? []) this.#deliveries.inc({ target: d.target, outcome: d.outcome });
    if (run.managedClients !== null) this.#managed.set(run.managedClients);
    if (run.liveRead) this.#liveReads.inc({ mode: run.liveRead.mode });
    if (run.accounts !== null) {
      this.#skipped.set(run.skippedAccounts.length);
      this.#conflicts.set(run.conflicts.length);
      this.#scheduled.set(run.scheduled.length);
    }
  }

  recordWebhook(result: WebhookResult): void {
    this.#webhooks.inc({ result });
  }

  recordPlan(outcome: PlanOutcome): void {
    this.#plans.inc({ outcome });
  }

  recordGitHubCall(result: ApiResult): void {
    this.#githubCalls.inc({ result });
  }

  recordTrigger(source: TriggerSource, result: TriggerResult): void {
    this.#triggers.inc({ source, result });
  }

  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
