// daemon/: `clientsync daemon` — keeps Keycloak in line with git. Each run checks out the
// desired state (git branch or local folder), validates, plans, guards and applies it (the same
// sync as `clientsync apply`), and records the outcome for /status, /metrics and the log.
//
// Invariants:
// - One run at a time; triggers (start-up, cron schedule, verified webhook) arriving during a
//   run coalesce into exactly one follow-up run. Triggers carry nothing: every run recomputes
//   from git and Keycloak.
// - A run has a time limit; at the limit it stops at its next step. A failing run never stops
//   the daemon: it is logged, shown in /status and counted, and the next trigger retries.
// - Nothing unverified triggers a run: the webhook needs a valid HMAC-SHA256 signature.
// - No secret reaches a log line or an HTTP answer: the sync's values hold none, fields that
//   might are redacted, and known secret values are scrubbed from every line served or logged.
// - Keycloak is read in full at start-up, at least every --full-read-interval and whenever its
//   admin events cannot be trusted; in between, only the clients the events name (live-cache.ts).
// - Only src/cli/daemon.ts constructs real adapters (clock, logger, git, Keycloak, schedule).
// - Pull requests are hostile until merged: pull-request-source.ts reads their files as blobs
//   (nothing checked out or run), pull-request-plan.ts plans them read only, and the plan queue
//   (pull-request-planner.ts) shares nothing with the sync run loop, so it never holds a run up.
// - A webhook delivery is acted on once (recent-deliveries.ts: ids and body digests).
export { abortableSleep, systemClock, type Clock } from './clock.js';
export { startDaemon, STALE_INTERVALS, type DaemonDeps, type DaemonOptions, type RunningDaemon } from './daemon.js';
export { DaemonState, type Readiness } from './daemon-state.js';
export { DirSource, GitSource, GitSourceError, DEFAULT_BRANCH, type DesiredSource, type Checkout } from './git-source.js';
export { createLogger, logSettingsFromEnv, scrubber, type DaemonLogger, type LogFormat } from './logger.js';
export { RunLoop, RunTimeLimitError, ShutdownError, type RunRequest, type TriggerResult, type TriggerSource } from './run-loop.js';
export type { RunOutcome, RunRecord, FailureStage } from './run-record.js';
export { LiveCache, DEFAULT_FULL_READ_INTERVAL_MS, type LiveRead } from './live-cache.js';
export { cronProblem, cronSchedule, DEFAULT_SCHEDULE, type Schedule } from './schedule.js';
export { signBody, verifySignature, MAX_WEBHOOK_BODY_BYTES } from './webhook.js';
