// The real Keycloak, for tests and for developers: the pinned server distribution is fetched with
// Maven into a per-machine cache outside the repository, unpacked once, and started in dev mode as
// throwaway servers on free loopback ports.
//
// Invariants:
// - The cache is shared by every checkout and process on the machine. Each preparation step
//   (download, unpack, first start) runs under a lock directory and publishes its result by
//   rename, so a crashed or concurrent run never leaves a half-written file in a final place.
// - The first start (under the lock) also augments the distribution for our fixed build options
//   and keeps the freshly bootstrapped database as a template. Later starts copy that template
//   into a new private data directory: every server starts from the same pristine state and skips
//   the ~15 s schema creation, and no two servers ever share data.
// - A started server listens on 127.0.0.1 only, and dies with the process that started it (a
//   watchdog stops it if that process vanishes without calling stop()).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { homedir, hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const KEYCLOAK_VERSION = '26.7.3';
export const KEYCLOAK_ARTIFACT = `org.keycloak:keycloak-quarkus-dist:${KEYCLOAK_VERSION}:zip`;

/** Loopback-only throwaway servers: fixed, well-known bootstrap admin credentials. */
export const KEYCLOAK_ADMIN_USERNAME = 'admin';
export const KEYCLOAK_ADMIN_PASSWORD = 'admin';

/**
 * Build-time options. Keycloak re-augments itself (~45 s, rewriting lib/quarkus of the shared
 * distribution) whenever these change, so they are fixed here and part of the template's key.
 * The database is start-dev's default `dev-file` (H2 in the data directory): that is what makes
 * the database template possible.
 */
const BUILD_OPTIONS: readonly string[] = ['--health-enabled=true'];

const log0 = (message: string): void => {
  process.stderr.write(`keycloak: ${message}\n`);
};

export type Log = (message: string) => void;

export interface KeycloakPaths {
  readonly cacheDir: string;
  readonly zip: string;
  readonly dist: string;
  readonly template: string;
  readonly logs: string;
}

/** `$CLIENTSYNC_KEYCLOAK_CACHE`, else `$XDG_CACHE_HOME/clientsync/keycloak`, else `~/.cache/clientsync/keycloak`. */
export function keycloakCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env['CLIENTSYNC_KEYCLOAK_CACHE'];
  if (explicit) return resolve(explicit);
  const base = env['XDG_CACHE_HOME'] || join(homedir(), '.cache');
  return join(base, 'clientsync', 'keycloak');
}

export function keycloakPaths(cacheDir: string = keycloakCacheDir()): KeycloakPaths {
  const key = createHash('sha256')
    .update([KEYCLOAK_VERSION, ...BUILD_OPTIONS, KEYCLOAK_ADMIN_USERNAME, KEYCLOAK_ADMIN_PASSWORD].join('\n'))
    .digest('hex')
    .slice(0, 10);
  return {
    cacheDir,
    zip: join(cacheDir, `keycloak-quarkus-dist-${KEYCLOAK_VERSION}.zip`),
    dist: join(cacheDir, `keycloak-${KEYCLOAK_VERSION}`),
    template: join(cacheDir, `keycloak-${KEYCLOAK_VERSION}-db-${key}`),
    logs: join(cacheDir, 'logs'),
  };
}

function javaCommand(env: NodeJS.ProcessEnv): string {
  const javaHome = env['JAVA_HOME'];
  return javaHome ? join(javaHome, 'bin', 'java') : 'java';
}

/** Java's major version, or null when no runnable `java` is found (JAVA_HOME first, as kc.sh does). */
export function javaMajorVersion(env: NodeJS.ProcessEnv = process.env): number | null {
  const result = spawnSync(javaCommand(env), ['-version'], { encoding: 'utf8', timeout: 30_000 });
  if (result.error || result.status !== 0) return null;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match) return null;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

function hasCommand(command: string, args: readonly string[]): boolean {
  const result = spawnSync(command, [...args], { stdio: 'ignore', timeout: 60_000 });
  return !result.error && result.status === 0;
}

/**
 * What is missing to run the real Keycloak here, as short phrases (empty when nothing is).
 * Maven is needed only while the distribution is not yet in the cache.
 */
export function missingPrerequisites(paths: KeycloakPaths = keycloakPaths(), env: NodeJS.ProcessEnv = process.env): string[] {
  const missing: string[] = [];
  const major = javaMajorVersion(env);
  if (major === null) missing.push('Java 17+ (no runnable `java` on PATH or in JAVA_HOME)');
  else if (major < 17) missing.push(`Java 17+ (found Java ${major})`);
  const haveDistribution = existsSync(paths.zip) || existsSync(join(paths.dist, 'bin', 'kc.sh'));
  if (!haveDistribution && !hasCommand('mvn', ['-v'])) {
    missing.push(`Maven (\`mvn\`, to download ${KEYCLOAK_ARTIFACT} once into ${paths.cacheDir})`);
  }
  return missing;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `fn` holding a lock directory; a lock left by a dead process on this host is broken. */
async function withLock<T>(lockDir: string, log: Log, fn: () => Promise<T>): Promise<T> {
  const ownerFile = join(lockDir, 'owner.json');
  const deadline = Date.now() + 20 * 60_000;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, host: hostname() }));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let stale = false;
    try {
      const owner = JSON.parse(readFileSync(ownerFile, 'utf8')) as { pid: number; host: string };
      stale = owner.host === hostname() && !isAlive(owner.pid);
    } catch {
      // The owner file is written right after mkdir; if it never appears the holder died in between.
      try {
        stale = Date.now() - statSync(lockDir).mtimeMs > 60_000;
      } catch {
        continue; // released meanwhile
      }
    }
    if (stale) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for the lock ${lockDir}; remove it if no process holds it`);
    if (!announced) {
      log(`waiting for another process that is preparing Keycloak (lock ${lockDir})`);
      announced = true;
    }
    await sleep(500);
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function run(command: string, args: readonly string[], options: { cwd?: string } = {}): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, [...args], { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.slice(-4000)}`));
    });
  });
}

function scratchDir(parent: string, prefix: string): string {
  return mkdtempSync(join(parent, `.${prefix}-${process.pid}-`));
}

async function download(paths: KeycloakPaths, log: Log): Promise<void> {
  log(`downloading ${KEYCLOAK_ARTIFACT} with Maven into ${paths.cacheDir} (once per machine)`);
  const scratch = scratchDir(paths.cacheDir, 'download');
  try {
    await run('mvn', ['-B', '-q', 'dependency:copy', `-Dartifact=${KEYCLOAK_ARTIFACT}`, `-DoutputDirectory=${scratch}`]);
    renameSync(join(scratch, `keycloak-quarkus-dist-${KEYCLOAK_VERSION}.zip`), paths.zip);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function unpack(paths: KeycloakPaths, log: Log): Promise<void> {
  log(`unpacking ${paths.zip}`);
  const scratch = scratchDir(paths.cacheDir, 'unpack');
  try {
    if (hasCommand('unzip', ['-v'])) {
      await run('unzip', ['-q', paths.zip, '-d', scratch]);
    } else {
      const javaHome = process.env['JAVA_HOME'];
      await run(javaHome ? join(javaHome, 'bin', 'jar') : 'jar', ['xf', paths.zip], { cwd: scratch });
    }
    const top = join(scratch, `keycloak-${KEYCLOAK_VERSION}`);
    // `jar xf` does not keep the executable bits.
    for (const name of readdirSync(join(top, 'bin'))) {
      if (name.endsWith('.sh')) chmodSync(join(top, 'bin', name), 0o755);
    }
    renameSync(top, paths.dist);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** First start on an empty database (this also augments the distribution), then keep the database. */
async function makeTemplate(paths: KeycloakPaths, log: Log): Promise<void> {
  log('first start of this distribution: building it and bootstrapping a template database (about a minute)');
  const server = await launch(paths, { useTemplate: false, readyTimeoutMs: 10 * 60_000 });
  const db = join(server.home, 'data', 'h2', 'keycloakdb.mv.db');
  await server.stop({ keepHome: true });
  try {
    if (!existsSync(db)) throw new Error(`Keycloak left no database at ${db}; see ${server.logFile}`);
    const scratch = scratchDir(paths.cacheDir, 'template');
    copyFileSync(db, join(scratch, 'keycloakdb.mv.db'));
    renameSync(scratch, paths.template);
  } finally {
    rmSync(server.home, { recursive: true, force: true });
  }
}

/** Download, unpack and first start, each only if not done yet on this machine. */
export async function prepareKeycloak(paths: KeycloakPaths = keycloakPaths(), log: Log = log0): Promise<void> {
  const done = () => existsSync(join(paths.dist, 'bin', 'kc.sh')) && existsSync(join(paths.template, 'keycloakdb.mv.db'));
  if (done()) return;
  mkdirSync(paths.cacheDir, { recursive: true });
  await withLock(join(paths.cacheDir, `keycloak-${KEYCLOAK_VERSION}.lock`), log, async () => {
    if (done()) return;
    if (!existsSync(join(paths.dist, 'bin', 'kc.sh'))) {
      if (!existsSync(paths.zip)) await download(paths, log);
      await unpack(paths, log);
    }
    if (!existsSync(join(paths.template, 'keycloakdb.mv.db'))) await makeTemplate(paths, log);
  });
}

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}

export interface RunningKeycloak {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly url: string;
  /** Management interface (health: /health/ready). */
  readonly managementUrl: string;
  readonly adminUsername: string;
  readonly adminPassword: string;
  /** Keycloak's own output, kept after the server stops. */
  readonly logFile: string;
  /** From spawning kc.sh to the first successful readiness probe. */
  readonly startupMs: number;
  readonly javaMajor: number | null;
  stop(): Promise<void>;
}

interface Launched extends Omit<RunningKeycloak, 'javaMajor' | 'stop'> {
  readonly home: string;
  stop(options?: { keepHome?: boolean }): Promise<void>;
}

class PortInUseError extends Error {}

/** Environment for kc.sh: no KC_* from the caller's shell (a stray KC_DB would re-augment the shared distribution). */
function serverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('KC_') && !key.startsWith('KEYCLOAK_ADMIN')) env[key] = value;
  }
  // C1 only: start-up takes about half the CPU time (≈14 s instead of ≈26 s measured here), and a
  // test run is too short for C2's better code to pay back its compile time.
  env['JAVA_OPTS_APPEND'] = [process.env['JAVA_OPTS_APPEND'], '-XX:TieredStopAtLevel=1'].filter(Boolean).join(' ');
  env['KC_BOOTSTRAP_ADMIN_USERNAME'] = KEYCLOAK_ADMIN_USERNAME;
  env['KC_BOOTSTRAP_ADMIN_PASSWORD'] = KEYCLOAK_ADMIN_PASSWORD;
  return env;
}

/** Removes run directories left behind by processes that died without stopping their server. */
function sweepStaleHomes(): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir()).filter((n) => n.startsWith('clientsync-keycloak-'));
  } catch {
    return;
  }
  for (const name of names) {
    const home = join(tmpdir(), name);
    try {
      const owner = JSON.parse(readFileSync(join(home, 'owner.json'), 'utf8')) as { pid: number; keycloakPid: number };
      if (!isAlive(owner.pid) && !isAlive(owner.keycloakPid)) rmSync(home, { recursive: true, force: true });
    } catch {
      // not ours, or being created right now
    }
  }
}

function pruneLogs(dir: string, keep: number): void {
  try {
    const logs = readdirSync(dir)
      .filter((n) => n.endsWith('.log'))
      .sort();
    for (const name of logs.slice(0, Math.max(0, logs.length - keep))) rmSync(join(dir, name), { force: true });
  } catch {
    // best effort
  }
}

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function probe(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => resolvePromise(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolvePromise(true);
    });
  });
}

async function launch(
  paths: KeycloakPaths,
  options: { useTemplate: boolean; readyTimeoutMs: number },
): Promise<Launched> {
  sweepStaleHomes();
  const home = mkdtempSync(join(tmpdir(), 'clientsync-keycloak-'));
  // A private Keycloak home: kc.sh derives kc.home.dir from its own (resolved) location, so it
  // is copied; the read-only parts are linked to the shared distribution; data/ is ours alone.
  mkdirSync(join(home, 'bin'));
  copyFileSync(join(paths.dist, 'bin', 'kc.sh'), join(home, 'bin', 'kc.sh'));
  chmodSync(join(home, 'bin', 'kc.sh'), 0o755);
  for (const part of ['lib', 'conf', 'providers', 'themes']) symlinkSync(join(paths.dist, part), join(home, part));
  mkdirSync(join(home, 'data', 'h2'), { recursive: true });
  if (options.useTemplate) copyFileSync(join(paths.template, 'keycloakdb.mv.db'), join(home, 'data', 'h2', 'keycloakdb.mv.db'));

  const httpPort = await freeLoopbackPort();
  let managementPort = await freeLoopbackPort();
  while (managementPort === httpPort) managementPort = await freeLoopbackPort();

  mkdirSync(paths.logs, { recursive: true });
  pruneLogs(paths.logs, 20);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const logFile = join(paths.logs, `keycloak-${stamp}-${process.pid}-${randomBytes(3).toString('hex')}.log`);
  const logFd = openSync(logFile, 'a');

  const args = [
    'start-dev',
    '--http-host=127.0.0.1',
    `--http-port=${httpPort}`,
    '--http-management-host=127.0.0.1',
    `--http-management-port=${managementPort}`,
    ...BUILD_OPTIONS,
  ];
  const started = Date.now();
  // Own process group, so that stop() can take kc.sh and its java child down together.
  const child = spawn(join(home, 'bin', 'kc.sh'), args, {
    cwd: home,
    detached: true,
    env: serverEnv(),
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  const pid = child.pid;
  if (pid === undefined) {
    rmSync(home, { recursive: true, force: true });
    throw new Error(`could not start ${join(home, 'bin', 'kc.sh')}`);
  }
  writeFileSync(join(home, 'owner.json'), JSON.stringify({ pid: process.pid, keycloakPid: pid }));
  // If this process dies without stop(), the watchdog stops the server (TERM, then KILL the group).
  const watchdog = spawn(
    '/bin/sh',
    [
      '-c',
      [
        'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done',
        'kill -0 "$1" 2>/dev/null && exit 0', // the starter lives: it cleans up itself
        'if kill -0 "$2" 2>/dev/null; then kill -TERM "$2"; i=0; while kill -0 "$2" 2>/dev/null && [ $i -lt 20 ]; do sleep 1; i=$((i+1)); done; fi',
        'kill -KILL -"$2" 2>/dev/null',
        'rm -rf "$3"',
      ].join('\n'),
      'clientsync-keycloak-watchdog',
      String(process.pid),
      String(pid),
      home,
    ],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.unref();

  let stopping: Promise<void> | undefined;
  const stop = (stopOptions: { keepHome?: boolean } = {}): Promise<void> => {
    stopping ??= (async () => {
      if (watchdog.pid !== undefined) {
        try {
          process.kill(watchdog.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      try {
        process.kill(pid, 'SIGTERM'); // kc.sh forwards it to java and waits for it
      } catch {
        // already gone
      }
      if (!(await waitForExit(child, 20_000))) {
        try {
          process.kill(-pid, 'SIGKILL'); // the whole group: kc.sh and java
        } catch {
          // already gone
        }
        await waitForExit(child, 5_000);
      }
      if (!stopOptions.keepHome) rmSync(home, { recursive: true, force: true });
    })();
    return stopping;
  };

  const url = `http://127.0.0.1:${httpPort}`;
  const managementUrl = `http://127.0.0.1:${managementPort}`;
  const deadline = started + options.readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      const text = tail(logFile, 40);
      if (/Address already in use|Port already bound/.test(text)) throw new PortInUseError(text);
      throw new Error(`Keycloak exited during start-up (code ${child.exitCode}); log ${logFile}:\n${text}`);
    }
    if ((await probe(`${managementUrl}/health/ready`)) && (await probe(`${url}/realms/master/.well-known/openid-configuration`))) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Keycloak did not become ready within ${options.readyTimeoutMs / 1000} s; log ${logFile}:\n${tail(logFile, 40)}`);
    }
    await sleep(200);
  }
  return {
    url,
    managementUrl,
    adminUsername: KEYCLOAK_ADMIN_USERNAME,
    adminPassword: KEYCLOAK_ADMIN_PASSWORD,
    logFile,
    startupMs: Date.now() - started,
    home,
    stop,
  };
}

export interface StartOptions {
  readonly paths?: KeycloakPaths;
  readonly log?: Log;
  readonly readyTimeoutMs?: number;
}

/** Prepares the distribution if needed, then starts a fresh server. Call stop() when done. */
export async function startKeycloak(options: StartOptions = {}): Promise<RunningKeycloak> {
  const paths = options.paths ?? keycloakPaths();
  const log = options.log ?? log0;
  await prepareKeycloak(paths, log);
  const javaMajor = javaMajorVersion();
  for (let attempt = 1; ; attempt++) {
    try {
      const server = await launch(paths, { useTemplate: true, readyTimeoutMs: options.readyTimeoutMs ?? 5 * 60_000 });
      const { home: _home, stop, ...rest } = server;
      return { ...rest, javaMajor, stop: () => stop() };
    } catch (error) {
      // Another process took one of the ports between our probe and Keycloak's bind.
      if (error instanceof PortInUseError && attempt < 3) continue;
      throw error;
    }
  }
}
