// `clientsync daemon`: keeps Keycloak in line with git (docs/design.md, "Daemon"). This file
// parses the flags, constructs the real adapters (clock, logger, git source, Keycloak, cron
// schedule, and for `--local-trial` the in-process emulator, loaded on demand) and hands them to
// src/daemon, then waits for SIGTERM/SIGINT and stops gracefully.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSettingsFile } from '../config/index.js';
import { validateSettingsFile } from '../config/validate-repository.js';
import {
  abortableSleep,
  createLogger,
  cronProblem,
  cronSchedule,
  DEFAULT_BRANCH,
  DEFAULT_FULL_READ_INTERVAL_MS,
  DEFAULT_SCHEDULE,
  DirSource,
  GitSource,
  logSettingsFromEnv,
  scrubber,
  startDaemon,
  systemClock,
  type DesiredSource,
  type RunningDaemon,
} from '../daemon/index.js';
import type { RunningEmulator } from '@clientsync/keycloak-emulator';
import { loadEmulator, type EmulatorModule } from './load-emulator.js';
import { PullRequestSource } from '../daemon/pull-request-source.js';
import { GitHubReporter } from '../github/reporter.js';
import { GITHUB_ENV_HELP, githubSettingsFromEnv, GitHubSettingsError } from '../github/settings.js';
import { CONNECTION_HELP, connectionFromEnv, DEFAULT_RETRY, KeycloakAdapter, type ConnectionSettings } from '../keycloak/index.js';
import { DEFAULT_MAX_DELETES } from '../plan/index.js';
import { ACCESS_ENV_HELP, accessSettingsFromEnv, type AccessSettings } from '../pages/index.js';
import { DEFAULT_CONCURRENCY } from '../sync/sync-policy.js';
import { policyFlags } from './sync-policy-flags.js';
import { type CliIo, type Command, EXIT_FAILURE, EXIT_OK, integer, parseFlags, stringFlag, UsageError } from './command.js';
import { resolveDir } from './validate.js';

/** The policy flags the daemon offers: not --allow-empty (a daemon must never wipe the realm by a flag left on). */
const POLICY = policyFlags('daemon', ['max-deletes', 'concurrency', 'secret-delivery', 'secret-sink']);

export const DEFAULT_LISTEN = '127.0.0.1:8080';
export const DEFAULT_RUN_TIMEOUT_SECONDS = 600;
export const DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 60;
/** `--local-trial` (npm start): a short schedule, so edits to clients/ show up quickly. */
export const LOCAL_TRIAL_SCHEDULE = '*/30 * * * * *';
/** `--local-trial`: the emulator's port unless --emulator-port says otherwise (a free one when taken). */
export const DEFAULT_EMULATOR_PORT = 8180;

const help = `Usage: clientsync daemon [--dir DIR | --git-url URL [--branch B] [--work-dir DIR]]
                         [--schedule CRON] [--listen HOST:PORT] [--max-deletes N]
                         [--concurrency N] [--secret-delivery FILE] [--secret-sink SINK]
                         [--run-timeout SECONDS]
                         [--shutdown-timeout SECONDS] [--stale-after SECONDS]
                         [--full-read-interval SECONDS]
                         [--local-trial [--emulator-port N]] [--insecure-http]

Keeps Keycloak in line with git. Each run checks out the desired state, validates it, plans,
and applies the plan (exactly as 'clientsync apply' does); an invalid account file is skipped
and the others proceed. A run happens at start-up, on the cron schedule and on a verified
GitHub push webhook; one at a time, and triggers during a run coalesce into one follow-up run.
A failing run (git or Keycloak unreachable, a refused run) never stops the daemon: it is
logged, shown in /status, and the next trigger retries.

Pull requests (with --git-url, a GitHub identity and the webhook's pull_request event): each
head is read as data (never checked out or run), validated, planned read-only against Keycloak,
and reported as one comment and the status clientsync/plan; after each run clientsync/sync is
set on the revision applied. See docs/github.md.

Desired state (one of):
  --dir DIR              a local folder holding clientsync.yaml and clients/, read as it is
                         on every run (default: the current folder)
  --git-url URL          a git repository (https://, ssh://, file://), cloned into the work
                         directory and fetched + reset to the branch head before every run
  --branch B             the branch to follow (default: ${DEFAULT_BRANCH}); pushes to other branches
                         do not trigger runs
  --work-dir DIR         where the clone lives; clientsync owns DIR/checkout and
                         DIR/pull-requests.git and refuses either when it did not make it
                         (default: a folder in the system's temporary
                         directory, named after URL and branch)

Options:
  --schedule CRON        node-cron expression: five fields, or six with seconds first
                         (default: '${DEFAULT_SCHEDULE}', every 5 minutes)
  --listen HOST:PORT     HTTP address for /healthz, /readyz, /status, /metrics, /webhook
                         (default: ${DEFAULT_LISTEN}, this machine only; in a container, pass
                         --listen 0.0.0.0:8080 so that others can reach it; port 0 picks a
                         free port, which is logged)
  --max-deletes N        refuse a run (changing nothing) that would delete more than N
                         clients (default: ${DEFAULT_MAX_DELETES})
  --concurrency N        changes run at once, 1 to 64 (default: ${DEFAULT_CONCURRENCY})
  --secret-delivery FILE the delivery targets for new secrets (default $CLIENTSYNC_SECRET_DELIVERY;
                         see docs/secrets.md); owed secrets are retried on every run
  --secret-sink SINK     none (default) or file:DIR: one directory target (see 'apply --help')
  --run-timeout S        a run's time limit in seconds; at the limit it stops at its next step
                         (default: ${DEFAULT_RUN_TIMEOUT_SECONDS})
  --shutdown-timeout S   on SIGTERM/SIGINT, how long the run in flight may take to finish
                         before it is cut short (default: ${DEFAULT_SHUTDOWN_TIMEOUT_SECONDS})
  --stale-after S        /readyz turns 503 when the last completed run ended longer ago than
                         this (default: three schedule intervals)
  --full-read-interval S read every client of the realm at least this often (default: 3600);
                         between full reads, a run reads Keycloak's admin events since the
                         last run and re-reads only the clients they name, so a quiet run
                         costs what changed. Needs admin events on in the realm and the
                         realm-management role view-events; without them (or with 0 here)
                         every run reads every client. /status says which read ran and why
  --local-trial          what 'npm start' uses: when KEYCLOAK_URL is unset, start the in-memory
                         Keycloak EMULATOR in this process (never for production); fall back to
                         a free port when the listen port is taken; schedule every 30 s unless
                         --schedule is given; print where to look
  --emulator-port N      with --local-trial: the emulator's port (default: ${DEFAULT_EMULATOR_PORT}); when it
                         is taken, a free port is used instead and printed; 0 always picks a
                         free one
  -h, --help             show this help

HTTP:
  GET  /healthz   200 while the process serves
  GET  /readyz    200 once a run completed (success or partial) within --stale-after; else 503
  GET  /          the API Clients pages (also /accounts/<id>, /runs): behind sign-in when
                  configured; without sign-in only on a loopback --listen address
  GET  /status    JSON: the last run, the last completed run, per-account state; needs
                  CLIENTSYNC_STATUS_TOKEN or an operator's sign-in when either is set, and is
                  off on a non-loopback --listen address when neither is
  GET  /metrics   Prometheus text
  POST /webhook   GitHub push and pull_request webhooks, X-Hub-Signature-256 verified with
                  CLIENTSYNC_WEBHOOK_SECRET (401 when wrong or missing; 404 when the secret is
                  not set: the webhook is then disabled); a delivery id or body seen before is
                  acknowledged and ignored. pull_request deliveries are planned read-only
                  against Keycloak and reported on GitHub (see docs/github.md)

Environment:
  CLIENTSYNC_WEBHOOK_SECRET   the webhook's shared secret (unset: webhook disabled)
  CLIENTSYNC_GIT_TOKEN        a token for https:// git URLs (sent as an HTTP header, never in
                              the URL or a log line)
  CLIENTSYNC_GIT_USERNAME     the user name sent with the token (default: x-access-token)
${GITHUB_ENV_HELP}
  LOG_LEVEL                   fatal, error, warn, info (default), debug, trace
  LOG_FORMAT                  json (one JSON object per line; the default) or pretty (one
                              readable line; the default with --local-trial on a terminal)

${ACCESS_ENV_HELP}

${CONNECTION_HELP}

SIGTERM or SIGINT: no new runs; the run in flight finishes (up to --shutdown-timeout), the
server closes, exit 0 (1 when the run had to be cut short).
`;

export interface DaemonRunOptions {
  /** Resolves when the daemon should stop; by default the first SIGINT or SIGTERM. */
  readonly until?: Promise<unknown>;
  readonly onReady?: (daemon: RunningDaemon) => void;
}

function untilSignal(onRepeat: (signal: NodeJS.Signals) => void): Promise<NodeJS.Signals> {
  return new Promise((resolvePromise) => {
    let received = false;
    const handler = (signal: NodeJS.Signals): void => {
      if (received) {
        onRepeat(signal);
        return;
      }
      received = true;
      resolvePromise(signal);
    };
    // Kept installed: a second signal (npm forwards the terminal's Ctrl-C too) must not kill
    // the process in the middle of a run; --shutdown-timeout bounds the wait instead.
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}

/** HOST:PORT or [IPv6]:PORT. */
export function parseListen(value: string): { host: string; port: number } {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:\s[\]]+)):(\d{1,5})$/.exec(value);
  const port = Number(match?.[3]);
  if (!match || port > 65535) {
    throw new UsageError(`--listen '${value}' is not HOST:PORT (e.g. 127.0.0.1:8080, 0.0.0.0:8080, [::1]:8080; port 0 picks a free one); see 'clientsync daemon --help'`);
  }
  return { host: (match[1] ?? match[2])!, port };
}

function seconds(flag: string, value: string | boolean | undefined, fallback: number, min = 1, max = 86_400): number {
  return integer('daemon', flag, value, fallback, min, max);
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function defaultWorkDir(url: string, branch: string): string {
  const key = createHash('sha256').update(`${url}\n${branch}`).digest('hex').slice(0, 12);
  return join(tmpdir(), `clientsync-${key}`);
}

/**
 * For `npm start` in a checkout: true when a source file is newer than the build it runs
 * (dist/ is built by `npm ci`/`npm run build`, not by `npm start`, which must start in seconds).
 */
export function buildIsStale(): boolean {
  try {
    const built = statSync(fileURLToPath(new URL('./main.js', import.meta.url))).mtimeMs;
    const src = fileURLToPath(new URL('../../src', import.meta.url));
    const newer = (dir: string): boolean =>
      readdirSync(dir, { withFileTypes: true }).some((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return newer(path);
        return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && statSync(path).mtimeMs > built;
      });
    return newer(src);
  } catch {
    return false; // no src/ next to dist/ (an installed package, a container image)
  }
}

/** The realm and scopes of the folder's clientsync.yaml, for the local-trial emulator (defaults when unreadable). */
function trialRealm(dir: string, { DEFAULT_REALM, DEFAULT_SCOPES }: EmulatorModule): { realm: string; scopes: readonly string[] } {
  try {
    const settings = validateSettingsFile(readSettingsFile(dir)).settings;
    if (settings && settings.realm !== 'master') return { realm: settings.realm, scopes: Object.keys(settings.scopes) };
  } catch {
    // The daemon's runs report what is wrong with the folder.
  }
  return { realm: DEFAULT_REALM, scopes: DEFAULT_SCOPES };
}

/** The emulator on `port`, or on a free port when that one is taken (the banner says which). */
async function startTrialEmulator(
  { startEmulator }: EmulatorModule,
  port: number,
  realm: string,
  scopes: readonly string[],
): Promise<{ emulator: RunningEmulator; takenPort: number | null }> {
  try {
    return { emulator: await startEmulator({ port, realm, scopes }), takenPort: null };
  } catch (error) {
    if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    return { emulator: await startEmulator({ port: 0, realm, scopes }), takenPort: port };
  }
}

export async function runDaemonCommand(argv: readonly string[], io: CliIo, options: DaemonRunOptions = {}): Promise<number> {
  const { values } = parseFlags('daemon', argv, {
    'insecure-http': { type: 'boolean' },
    dir: { type: 'string' },
    'git-url': { type: 'string' },
    branch: { type: 'string' },
    'work-dir': { type: 'string' },
    schedule: { type: 'string' },
    listen: { type: 'string' },
    ...POLICY.flags,
    'run-timeout': { type: 'string' },
    'shutdown-timeout': { type: 'string' },
    'stale-after': { type: 'string' },
    'full-read-interval': { type: 'string' },
    'local-trial': { type: 'boolean' },
    'emulator-port': { type: 'string' },
  });
  const str = (name: string): string | undefined => stringFlag(values, name);
  const trial = values['local-trial'] === true;
  if (!trial && values['emulator-port'] !== undefined) throw new UsageError("--emulator-port goes with --local-trial; see 'clientsync daemon --help'");
  const emulatorPort = integer('daemon', 'emulator-port', values['emulator-port'], DEFAULT_EMULATOR_PORT, 0, 65535);
  const gitUrl = str('git-url');
  if (gitUrl !== undefined && str('dir') !== undefined) throw new UsageError("give either --dir or --git-url, not both; see 'clientsync daemon --help'");
  if (gitUrl === undefined && (str('branch') !== undefined || str('work-dir') !== undefined)) {
    throw new UsageError("--branch and --work-dir go with --git-url; see 'clientsync daemon --help'");
  }
  const scheduleExpr = str('schedule') ?? (trial ? LOCAL_TRIAL_SCHEDULE : DEFAULT_SCHEDULE);
  const problem = cronProblem(scheduleExpr);
  if (problem !== null) throw new UsageError(`--schedule: ${problem}; see 'clientsync daemon --help'`);
  const listen = parseListen(str('listen') ?? DEFAULT_LISTEN);
  const policy = await POLICY.build(values, io);
  const runTimeoutMs = seconds('run-timeout', values['run-timeout'], DEFAULT_RUN_TIMEOUT_SECONDS) * 1000;
  const shutdownMs = seconds('shutdown-timeout', values['shutdown-timeout'], DEFAULT_SHUTDOWN_TIMEOUT_SECONDS, 0) * 1000;
  const staleAfter = str('stale-after');
  const staleAfterMs = staleAfter === undefined ? undefined : seconds('stale-after', staleAfter, 0, 1, 366 * 86_400) * 1000;
  const fullReadIntervalMs = seconds('full-read-interval', values['full-read-interval'], DEFAULT_FULL_READ_INTERVAL_MS / 1000, 0, 7 * 86_400) * 1000;
  const logSettings = logSettingsFromEnv(io.env, trial && io.stdout.isTTY === true ? 'pretty' : 'json');
  if (typeof logSettings === 'string') throw new UsageError(logSettings);
  const env = io.env;
  const webhookSecret = env['CLIENTSYNC_WEBHOOK_SECRET'] ? env['CLIENTSYNC_WEBHOOK_SECRET'] : null;
  let access: AccessSettings;
  try {
    access = accessSettingsFromEnv(env);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; see 'clientsync daemon --help'`);
  }

  let githubEnv;
  try {
    githubEnv = githubSettingsFromEnv(env, { gitUrl, webhookSecret: webhookSecret !== null, readFile: (path) => readFileSync(resolve(io.cwd, path), 'utf8') });
  } catch (error) {
    if (error instanceof GitHubSettingsError) throw new UsageError(error.message);
    throw error;
  }

  let source: DesiredSource;
  let pullRequestSource: PullRequestSource | null = null;
  let dir: string | null = null;
  if (gitUrl !== undefined) {
    const branch = str('branch') ?? DEFAULT_BRANCH;
    const workDir = resolve(io.cwd, str('work-dir') ?? defaultWorkDir(gitUrl, branch));
    const token = env['CLIENTSYNC_GIT_TOKEN'];
    const tokenUser = env['CLIENTSYNC_GIT_USERNAME'];
    const gitSource = new GitSource({
      url: gitUrl,
      branch,
      workDir,
      env,
      ...(token ? { token } : {}),
      ...(tokenUser ? { tokenUser } : {}),
    });
    // Someone else's folder at DIR/checkout: refuse at start-up rather than on every run.
    const checkoutProblem = gitSource.checkoutProblem();
    if (checkoutProblem !== null) throw new UsageError(checkoutProblem);
    source = gitSource;
    if (githubEnv.planningOff === null) {
      pullRequestSource = new PullRequestSource({ url: gitUrl, branch, workDir, env, ...(token ? { token } : {}), ...(tokenUser ? { tokenUser } : {}) });
    }
  } else {
    dir = await resolveDir(io, 'daemon', str('dir'));
    source = new DirSource(dir);
  }

  // The Keycloak to sync: from the environment, or the in-process emulator for a local trial.
  let emulator: RunningEmulator | null = null;
  let takenEmulatorPort: number | null = null;
  let connection: ConnectionSettings;
  if (trial && !env['KEYCLOAK_URL']?.trim()) {
    const emulatorModule = await loadEmulator();
    const { realm, scopes } = dir ? trialRealm(dir, emulatorModule) : { realm: emulatorModule.DEFAULT_REALM, scopes: emulatorModule.DEFAULT_SCOPES };
    ({ emulator, takenPort: takenEmulatorPort } = await startTrialEmulator(emulatorModule, emulatorPort, realm, scopes));
    connection = {
      url: emulator.url,
      authRealm: 'master',
      credentials: { kind: 'client', clientId: emulator.serviceAccount.clientId, clientSecret: emulator.serviceAccount.clientSecret },
    };
  } else {
    connection = connectionFromEnv(env, { insecureHttp: values['insecure-http'] === true });
  }

  const secrets = [
    env['KEYCLOAK_CLIENT_SECRET'],
    env['KEYCLOAK_PASSWORD'],
    env['CLIENTSYNC_WEBHOOK_SECRET'],
    env['CLIENTSYNC_GIT_TOKEN'],
    env['CLIENTSYNC_OIDC_CLIENT_SECRET'],
    env['CLIENTSYNC_STATUS_TOKEN'],
    env['CLIENTSYNC_SESSION_KEY'],
    env['CLIENTSYNC_GITHUB_TOKEN'],
    githubEnv.settings?.identity.kind === 'app' ? githubEnv.settings.identity.privateKey : undefined,
    connection.credentials.kind === 'client' ? connection.credentials.clientSecret : connection.credentials.password,
  ];
  const logger = createLogger({ level: logSettings.level, format: logSettings.format, secrets });
  if (webhookSecret !== null && webhookSecret.length < 16) logger.warn({}, 'CLIENTSYNC_WEBHOOK_SECRET is shorter than 16 characters: use a long random value');
  if (emulator !== null) logger.warn({ url: emulator.url }, 'syncing against the in-process Keycloak EMULATOR: data in memory only, never for production');
  if (trial && buildIsStale()) logger.warn({}, 'src/ changed since the last build: this runs the older dist/; run `npm run build` first to run your changes');

  // Listen for signals before starting, so a SIGTERM during start-up is not lost.
  const until = options.until ?? untilSignal((signal) => logger.warn({ signal }, 'already stopping: waiting for the run in flight (bounded by --shutdown-timeout)'));
  let daemon: RunningDaemon;
  const schedule = cronSchedule(scheduleExpr, logger);
  try {
    daemon = await startDaemon(
      {
        host: listen.host,
        port: listen.port,
        portFallback: trial,
        runTimeLimitMs: runTimeoutMs,
        ...(staleAfterMs === undefined ? {} : { staleAfterMs }),
        fullReadIntervalMs,
        webhookSecret,
        version: version(),
        access,
      },
      {
        clock: systemClock,
        logger,
        source,
        keycloak: (signal) => new KeycloakAdapter(connection, { retry: { ...DEFAULT_RETRY, sleep: abortableSleep(signal) }, pageConcurrency: policy.pageConcurrency }),
        policy,
        schedule,
        scrub: scrubber(secrets),
        github: {
          followed: githubEnv.followed,
          planningOff: githubEnv.planningOff,
          source: pullRequestSource,
          reporter: githubEnv.settings === null ? null : ((settings) => (onResult) => new GitHubReporter(settings, { logger, onResult, version: version() }))(githubEnv.settings),
          syncRepository: githubEnv.syncRepository,
        },
      },
    );
  } catch (error) {
    await schedule.stop();
    await emulator?.close();
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new UsageError(`--listen ${listen.host}:${listen.port}: the port is in use; pick another (port 0 picks a free one)`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(`--listen ${listen.host}:${listen.port}: not an address of this machine`);
    throw error;
  }
  if (trial) io.stderr.write(trialBanner(daemon, emulator, takenEmulatorPort, dir, scheduleExpr));
  options.onReady?.(daemon);

  const reason = await until;
  logger.info({ signal: typeof reason === 'string' ? reason : undefined }, 'shutdown requested');
  const clean = await daemon.stop(shutdownMs);
  await emulator?.close();
  return clean ? EXIT_OK : EXIT_FAILURE;
}

function trialBanner(daemon: RunningDaemon, emulator: RunningEmulator | null, takenPort: number | null, dir: string | null, schedule: string): string {
  const lines = [
    '',
    `clientsync daemon is running (local trial): it syncs ${dir ?? 'the git repository'} ${schedule === LOCAL_TRIAL_SCHEDULE ? 'every 30 s' : `on the schedule '${schedule}'`}.`,
    '',
    ...(daemon.pagesMode === 'local' ? [`  pages     ${daemon.url}/   (local trial: no sign-in)`] : []),
    `  status    ${daemon.url}/status`,
    `  ready     ${daemon.url}/readyz`,
    `  metrics   ${daemon.url}/metrics`,
  ];
  if (emulator !== null) {
    lines.push(
      '',
      `  Keycloak  EMULATOR at ${emulator.url} (realm ${emulator.realms.join(', ')})`,
      ...(takenPort === null ? [] : [`            (port ${takenPort} was taken, so the emulator took a free one; --emulator-port N sets it)`]),
      `            admin ${emulator.adminUsername} / ${emulator.adminPassword}; service account ${emulator.serviceAccount.clientId} / ${emulator.serviceAccount.clientSecret}`,
      '            The emulator keeps its data in memory (lost when this stops) and is for trials',
      '            and tests only, never production. Set KEYCLOAK_URL (and credentials) to use a',
      '            real Keycloak instead.',
    );
  }
  lines.push('', 'Logs follow below. Stop with Ctrl-C.', '', '');
  return lines.join('\n');
}

export const daemonCommand: Command = {
  name: 'daemon',
  help,
  run: (argv, io) => runDaemonCommand(argv, io),
};
