// `npm run bench:keycloak`: clientsync side by side with the raw HTTP it makes (and
// keycloak-config-cli when KCC_JAR names its jar), on the real Keycloak started through the
// test harness (test/support/keycloak-server.ts). Run it under the shared lock on a shared
// machine: `flock /tmp/clientsync-heavy.lock npm run bench:keycloak`.
//
// For each size (BENCH_SIZES, default 1000,5000 clients; 5 per account) and each of
// BENCH_REPEAT repeats (default 3), every tool gets a fresh realm (admin events on; a service
// account with manage-clients + view-events) and runs the scenarios: create, no-op (full),
// no-op (start-up) and no-op (incremental) of the daemon, one change, update all, delete all.
//   - clientsync CLI: one `clientsync apply` (or `plan` for the no-op) process each; seconds
//     from spawn to exit (process start and reading the YAML included).
//   - clientsync daemon: one daemon process (--dir); a run per scenario, triggered by a signed
//     webhook; seconds = the run's durationMs from /status. Also its peak RSS through
//     BENCH_MEMORY_RUNS (default 100) quiet runs while holding the realm's clients.
//   - raw HTTP: bench/raw-http.mjs, the same requests at the same concurrency (8), one token,
//     Node's fetch and nothing else; seconds from spawn to exit (and inside the process).
//   - keycloak-config-cli (KCC_JAR, run by KCC_JAVA, default java): how to build it:
//     bench/keycloak-config-cli.md.
// Every tool talks to Keycloak through a counting proxy (bench/counting-proxy.ts): request
// counts are measured. The 1-minute load average is noted with every figure.
// Writes bench/keycloak-results{-LABEL}.json, .md and bench/keycloak-chart{-LABEL}.svg (vega-lite).
// BENCH_MEMORY_SIZE=5000 adds the daemon's memory at that size alone (creates, then quiet runs).
// BENCH_TOOLS picks tools (e.g. 'clientsync daemon'); BENCH_WARMUP=0 skips the warm-up.
// BENCH_CLI_ROOT runs another build of clientsync (a folder with bin/ and dist/, e.g. the code
// before a change) with BENCH_LABEL naming it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signBody } from '../src/daemon/webhook.js';
import { clientBody } from '../src/keycloak/mapping.js';
import type { ManagedFields } from '../src/model/live.js';
import { adminRequest } from '../test/support/keycloak-admin.js';
import { KEYCLOAK_VERSION, startKeycloak } from '../test/support/keycloak-server.js';
import { createServiceAccount, createTestRealm, type TestRealm } from '../test/support/realm-admin.js';
import { startCountingProxy, type CountingProxy } from './counting-proxy.js';
import { renderChart } from './chart.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const env = process.env;
const SIZES = (env['BENCH_SIZES'] ?? '1000,5000').split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
const REPEAT = Number(env['BENCH_REPEAT'] ?? 3);
const CONCURRENCY = 8;
const PER_ACCOUNT = 5;
const MEMORY_RUNS = Number(env['BENCH_MEMORY_RUNS'] ?? 100);
/**
 * No-op runs measured per repeat (each a sample): a no-op lasts a fraction of a second, and one
 * that meets Keycloak busy after the previous tool's thousands of writes (GC, caches) would
 * otherwise be half of a median of two.
 */
const NOOP_RUNS = Number(env['BENCH_NOOP_RUNS'] ?? 3);
const times = async (n: number, fn: () => Promise<unknown>) => {
  for (let i = 0; i < n; i++) await fn();
};
const CLI_ROOT = env['BENCH_CLI_ROOT'] ?? ROOT;
const LABEL = env['BENCH_LABEL'] ?? '';
const KCC_JAR = env['KCC_JAR'] ?? '';
/** keycloak-config-cli 6.5 needs Java 21 or later (the harness's Keycloak runs on 17). */
const KCC_JAVA = env['KCC_JAVA'] ?? 'java';
const WEBHOOK_SECRET = 'bench-webhook-secret-0123456789';
const suffix = LABEL ? `-${LABEL}` : '';

export type Tool = 'clientsync CLI' | 'clientsync daemon' | 'raw HTTP' | 'keycloak-config-cli';
export type Scenario = 'create' | 'no-op (full)' | 'no-op (start-up)' | 'no-op (incremental)' | 'one change' | 'update all' | 'delete all';
export const SCENARIOS: readonly Scenario[] = ['create', 'no-op (full)', 'no-op (start-up)', 'no-op (incremental)', 'one change', 'update all', 'delete all'];

export interface Sample {
  readonly size: number;
  readonly tool: Tool;
  readonly scenario: Scenario;
  readonly repeat: number;
  readonly seconds: number;
  /** raw HTTP only: inside the process (no process start): what a daemon run compares with. */
  readonly innerSeconds?: number;
  readonly requests: number;
  readonly cpuSeconds?: number;
  readonly rssMb?: number;
  readonly load: number;
  /** The daemon's read of Keycloak (full/incremental) when it says. */
  readonly read?: string;
  /** The daemon's run by phase (/status lastRun.phases, and the read's ms), in ms. */
  readonly phases?: Readonly<Record<string, number>>;
}

const samples: Sample[] = [];
const memory: { size: number; runs: number; peakRssMb: number; lastRssMb: number; load: number }[] = [];
const load1 = () => Number(loadavg()[0]!.toFixed(2));
const log = (m: string) => process.stderr.write(`bench: ${m}\n`);

// ---- desired state ----

type Version = (account: number, client: number) => string | null; // null: the client is gone

function fieldsOf(account: number, client: number, description: string): ManagedFields {
  const web = client % 2 === 0;
  return {
    displayName: '',
    description,
    capabilities: web ? ['WebApp'] : ['Script'],
    rootUrl: '',
    homeUrl: '',
    adminUrl: '',
    redirectUris: web ? [`https://acct-${account}.example/c${client}/*`] : [],
    postLogoutRedirectUris: [],
    webOrigins: [],
    backchannelLogoutUrl: '',
    scopes: [web ? 'datahub-api' : 'push-data'],
    confidential: true,
  };
}

/** Writes clientsync.yaml and clients/*.yaml, and the raw baseline's bodies; returns the latter's path. */
function writeDesired(dir: string, realm: string, accounts: number, version: Version, changedFrom: Version | null): string {
  rmSync(join(dir, 'clients'), { recursive: true, force: true });
  mkdirSync(join(dir, 'clients'), { recursive: true });
  writeFileSync(join(dir, 'clientsync.yaml'), `realm: ${realm}\nscopes:\n  datahub-api: Query.\n  push-data: Send.\n`);
  const raw: { clientId: string; body: unknown; scope: string; changed: boolean }[] = [];
  for (let a = 0; a < accounts; a++) {
    const lines = ['clients:'];
    for (let c = 0; c < PER_ACCOUNT; c++) {
      const description = version(a, c);
      if (description === null) continue;
      const id = `acct-${a}_c${c}`;
      const f = fieldsOf(a, c, description);
      lines.push(`  - clientId: ${id}`, `    description: ${description}`);
      if (f.capabilities.includes('WebApp')) lines.push('    capabilities: [WebApp]', `    redirectUris: ["${f.redirectUris[0]}"]`, '    scopes: [datahub-api]');
      else lines.push('    capabilities: [Script]', '    scopes: [push-data]');
      const changed = changedFrom !== null && changedFrom(a, c) !== description;
      raw.push({ clientId: id, body: clientBody(id, f, { account: `acct-${a}`, revision: null }, changedFrom === null ? 'create' : 'update'), scope: f.scopes[0]!, changed });
    }
    writeFileSync(join(dir, 'clients', `acct-${a}.yaml`), lines.length === 1 ? 'clients: []\n' : `${lines.join('\n')}\n`);
  }
  const file = join(dir, 'raw.json');
  writeFileSync(file, JSON.stringify(raw));
  return file;
}

const v1: Version = () => 'v1';
const oneChanged: Version = (a, c) => (a === 0 && c === 0 ? 'v1-changed' : 'v1');
const v2: Version = () => 'v2';
const none: Version = () => null;

// ---- realms and processes ----

interface BenchRealm {
  readonly realm: TestRealm;
  readonly clientId: string;
  readonly secret: string;
}

async function freshRealm(connection: { url: string; adminUsername: string; adminPassword: string }, name: string): Promise<BenchRealm> {
  const realm = await createTestRealm(connection, name);
  const { url } = connection;
  const put = await adminRequest(url, realm.admin, 'PUT', `/${name}/events/config`, { adminEventsEnabled: true });
  if (put.status !== 204) throw new Error(`enable admin events: ${put.status}`);
  const account = await createServiceAccount(realm, { clientId: 'clientsync-bench', manageClients: true });
  const user = (await adminRequest(url, realm.admin, 'GET', `/${name}/clients/${account.id}/service-account-user`)).json as { id: string };
  const rm = ((await adminRequest(url, realm.admin, 'GET', `/${name}/clients?clientId=realm-management`)).json as { id: string }[])[0]!;
  const role = (await adminRequest(url, realm.admin, 'GET', `/${name}/clients/${rm.id}/roles/view-events`)).json;
  await adminRequest(url, realm.admin, 'POST', `/${name}/users/${user.id}/role-mappings/clients/${rm.id}`, [role]);
  return { realm, clientId: account.clientId, secret: account.secret };
}

interface Ran {
  readonly seconds: number;
  readonly stdout: string;
  readonly cpuSeconds?: number;
  readonly rssMb?: number;
}

function runProcess(command: string, args: readonly string[], extraEnv: Record<string, string>, probe = false): Promise<Ran> {
  const probeDir = probe ? mkdtempSync(join(tmpdir(), 'clientsync-bench-probe-')) : null;
  const probeFile = probeDir ? join(probeDir, 'probe.json') : '';
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, probe ? ['--import', join(ROOT, 'bench/cli-probe.mjs'), ...args] : [...args], {
      env: { ...process.env, ...extraEnv, NO_COLOR: '1', ...(probe ? { CLIENTSYNC_BENCH_PROBE: probeFile } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => void (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => void (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = (performance.now() - started) / 1000;
      try {
        if (code !== 0) throw new Error(`${args.join(' ').slice(0, 200)} exited ${code}: ${stderr.slice(-1500)}${stdout.slice(-500)}`);
        if (!probeDir) return resolve({ seconds, stdout });
        const p = JSON.parse(readFileSync(probeFile, 'utf8')) as { maxRssKb: number; cpuMs?: number };
        resolve({ seconds, stdout, rssMb: Math.round(p.maxRssKb / 1024), ...(p.cpuMs === undefined ? {} : { cpuSeconds: p.cpuMs / 1000 }) });
      } catch (error) {
        reject(error);
      } finally {
        if (probeDir) rmSync(probeDir, { recursive: true, force: true });
      }
    });
  });
}

function record(proxy: CountingProxy, base: Omit<Sample, 'requests'>): void {
  const sample = { ...base, requests: proxy.count() };
  samples.push(sample);
  const phases = base.phases ? `, ${Object.entries(base.phases).map(([k, v]) => `${k} ${v}`).join(' ')}` : '';
  log(`${base.size} ${base.tool} ${base.scenario}: ${base.seconds.toFixed(2)} s, ${sample.requests} requests${base.read ? ` (${base.read})` : ''}${phases}, load ${base.load}`);
}

// ---- the tools ----

interface Context {
  readonly size: number;
  readonly repeat: number;
  readonly proxy: CountingProxy;
  readonly bench: BenchRealm;
  readonly dir: string;
}

const accountsOf = (size: number) => Math.ceil(size / PER_ACCOUNT);

async function cliTool(ctx: Context): Promise<void> {
  const { proxy, bench, dir, size, repeat } = ctx;
  const name = bench.realm.name;
  const kcEnv = { KEYCLOAK_URL: proxy.url, KEYCLOAK_AUTH_REALM: name, KEYCLOAK_CLIENT_ID: bench.clientId, KEYCLOAK_CLIENT_SECRET: bench.secret };
  const cli = join(CLI_ROOT, 'bin/clientsync.js');
  const step = async (scenario: Scenario | null, version: Version, args: readonly string[]) => {
    writeDesired(dir, name, accountsOf(size), version, null);
    const load = load1();
    proxy.reset();
    const ran = await runProcess(process.execPath, [cli, ...args, '--dir', dir], kcEnv, true);
    if (scenario) record(proxy, { size, tool: 'clientsync CLI', scenario, repeat, seconds: ran.seconds, load, ...(ran.cpuSeconds === undefined ? {} : { cpuSeconds: ran.cpuSeconds }), ...(ran.rssMb === undefined ? {} : { rssMb: ran.rssMb }) });
  };
  const apply = ['apply', '--concurrency', String(CONCURRENCY), '--max-deletes', '1000000'];
  await step('create', v1, apply);
  // Keycloak's first list after a thousand writes is several times slower (its caches fill):
  // every tool reads once before the no-op that is measured, as the daemon's runs do.
  await step(null, v1, ['plan']);
  await times(NOOP_RUNS, () => step('no-op (full)', v1, ['plan']));
  await step('one change', oneChanged, apply);
  await step('update all', v2, apply);
  await step('delete all', none, apply);
}

async function rawTool(ctx: Context): Promise<void> {
  const { proxy, bench, dir, size, repeat } = ctx;
  const name = bench.realm.name;
  const rawEnv = { KEYCLOAK_URL: proxy.url, REALM: name, CLIENT_ID: bench.clientId, CLIENT_SECRET: bench.secret, CONCURRENCY: String(CONCURRENCY) };
  const step = async (scenario: Scenario | null, key: string, version: Version, from: Version | null) => {
    const file = writeDesired(dir, name, accountsOf(size), version, from);
    const load = load1();
    proxy.reset();
    const ran = await runProcess(process.execPath, [join(ROOT, 'bench/raw-http.mjs'), key, file], rawEnv);
    const inner = JSON.parse(ran.stdout.trim().split('\n').pop()!) as { ms: number; cpuMs: number; maxRssKb: number };
    if (scenario) record(proxy, { size, tool: 'raw HTTP', scenario, repeat, seconds: ran.seconds, innerSeconds: inner.ms / 1000, load, cpuSeconds: inner.cpuMs / 1000, rssMb: Math.round(inner.maxRssKb / 1024) });
  };
  await step('create', 'create', v1, null);
  await step(null, 'no-op', v1, v1); // as in cliTool: the first list after the writes is not the one measured
  await times(NOOP_RUNS, () => step('no-op (full)', 'no-op', v1, v1));
  await step('one change', 'one-change', oneChanged, v1);
  await step('update all', 'update-all', v2, oneChanged);
  await step('delete all', 'delete-all', none, v2);
}

interface DaemonRun {
  readonly id: number;
  readonly durationMs: number;
  readonly outcome: string;
  readonly liveRead?: { mode: string; reason: string; ms?: number } | null;
  readonly phases?: Readonly<Record<string, number>> | null;
}

interface Daemon {
  readonly child: ChildProcess;
  readonly url: string;
  status(): Promise<{ lastRun: DaemonRun | null; running: unknown; pending: boolean }>;
}

async function startDaemon(dir: string, kcEnv: Record<string, string>, extraArgs: readonly string[] = []): Promise<Daemon> {
  const child = spawn(
    process.execPath,
    [join(CLI_ROOT, 'bin/clientsync.js'), 'daemon', '--dir', dir, '--listen', '127.0.0.1:0', '--schedule', '0 0 1 1 *', '--max-deletes', '1000000', '--concurrency', String(CONCURRENCY), ...extraArgs],
    { env: { ...process.env, ...kcEnv, LOG_FORMAT: 'json', LOG_LEVEL: 'info', CLIENTSYNC_WEBHOOK_SECRET: WEBHOOK_SECRET }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Logs at info, as a daemon in production writes them (their cost is part of a run); only
  // the start is kept, for the 'listening' line.
  let out = '';
  const keep = (d: Buffer) => {
    if (out.length < 20_000) out += d.toString();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
    if (m) {
      const url = m[1]!;
      return { child, url, status: async () => (await (await fetch(`${url}/status`)).json()) as Awaited<ReturnType<Daemon['status']>> };
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`daemon did not start: ${out.slice(-1500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Whether the daemon of the build under test knows a flag (BENCH_CLI_ROOT may be an older one). */
function daemonHas(flag: string): boolean {
  const help = spawnSync(process.execPath, [join(CLI_ROOT, 'bin/clientsync.js'), 'daemon', '--help'], { encoding: 'utf8' });
  return `${help.stdout}${help.stderr}`.includes(flag);
}

async function waitRun(d: Daemon, after: number): Promise<DaemonRun> {
  for (;;) {
    const s = await d.status();
    if (s.lastRun && s.lastRun.id > after && s.running === null && !s.pending) {
      if (s.lastRun.outcome !== 'success') throw new Error(`daemon run ${s.lastRun.id}: ${JSON.stringify(s.lastRun).slice(0, 1500)}`);
      return s.lastRun;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function trigger(d: Daemon): Promise<void> {
  // A distinct head per delivery: a daemon with replay protection ignores a body it has acted on.
  const body = JSON.stringify({ ref: 'refs/heads/main', after: randomBytes(20).toString('hex'), repository: { full_name: 'bench/clients' } });
  const response = await fetch(`${d.url}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': signBody(WEBHOOK_SECRET, body) },
    body,
  });
  if (response.status !== 202) throw new Error(`webhook: ${response.status} ${await response.text()}`);
}

function rssOf(pid: number): { hwm: number; rss: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);
  return { hwm: Math.round(kb('VmHWM') / 1024), rss: Math.round(kb('VmRSS') / 1024) };
}

async function stopDaemon(d: Daemon): Promise<void> {
  d.child.kill('SIGTERM');
  await new Promise((r) => d.child.once('exit', r));
}

async function daemonTool(ctx: Context): Promise<void> {
  const { proxy, bench, dir, size, repeat } = ctx;
  const name = bench.realm.name;
  const kcEnv = { KEYCLOAK_URL: proxy.url, KEYCLOAK_AUTH_REALM: name, KEYCLOAK_CLIENT_ID: bench.clientId, KEYCLOAK_CLIENT_SECRET: bench.secret };
  const accounts = accountsOf(size);
  const rec = (scenario: Scenario, run: DaemonRun, load: number) =>
    record(proxy, {
      size,
      tool: 'clientsync daemon',
      scenario,
      repeat,
      seconds: run.durationMs / 1000,
      load,
      ...(run.liveRead ? { read: `${run.liveRead.mode}: ${run.liveRead.reason}` } : {}),
      ...(run.phases ? { phases: { ...run.phases, ...(run.liveRead?.ms === undefined ? {} : { readMs: run.liveRead.ms }) } } : {}),
    });
  const step = async (d: Daemon, scenario: Scenario | null, version: Version) => {
    writeDesired(dir, name, accounts, version, null);
    const before = (await d.status()).lastRun?.id ?? 0;
    const load = load1();
    proxy.reset();
    await trigger(d);
    const run = await waitRun(d, before);
    if (scenario) rec(scenario, run, load);
    return run;
  };

  writeDesired(dir, name, accounts, v1, null);
  let load = load1();
  proxy.reset();
  let d = await startDaemon(dir, kcEnv);
  rec('create', await waitRun(d, 0), load);
  await step(d, null, v1); // re-reads what it wrote (not a scenario of the table)
  await times(NOOP_RUNS, () => step(d, 'no-op (incremental)', v1));
  await stopDaemon(d);
  // The full no-op of a running daemon: every run reads every client with --full-read-interval 0,
  // as with admin events off (and like the hourly full read); measured after two warm-up runs.
  // (A build from before incremental reads has no such flag: its every run is a full read.)
  d = await startDaemon(dir, kcEnv, daemonHas('--full-read-interval') ? ['--full-read-interval', '0'] : []);
  await waitRun(d, 0);
  await step(d, null, v1);
  await times(NOOP_RUNS, () => step(d, 'no-op (full)', v1));
  await stopDaemon(d);
  // The first run of a daemon just started: a full read, every file validated by a cold process.
  load = load1();
  proxy.reset();
  d = await startDaemon(dir, kcEnv);
  rec('no-op (start-up)', await waitRun(d, 0), load);
  await step(d, 'one change', oneChanged);
  if (MEMORY_RUNS > 0) {
    const memLoad = load1();
    for (let i = 0; i < MEMORY_RUNS; i++) await step(d, null, oneChanged);
    const { hwm, rss } = rssOf(d.child.pid!);
    memory.push({ size, runs: MEMORY_RUNS, peakRssMb: hwm, lastRssMb: rss, load: memLoad });
    log(`${size} daemon memory through ${MEMORY_RUNS} runs: peak ${hwm} MB, now ${rss} MB`);
  }
  await step(d, 'update all', v2);
  await step(d, 'delete all', none);
  await stopDaemon(d);
}

/**
 * The daemon alone at `size` clients, for its memory: the start-up run creates them, then
 * BENCH_MEMORY_RUNS runs (quiet: incremental reads) while it holds them; the realm is then
 * deleted whole (no delete-all run).
 */
async function memoryOnly(ctx: Context): Promise<void> {
  const { proxy, bench, dir, size } = ctx;
  const name = bench.realm.name;
  const kcEnv = { KEYCLOAK_URL: proxy.url, KEYCLOAK_AUTH_REALM: name, KEYCLOAK_CLIENT_ID: bench.clientId, KEYCLOAK_CLIENT_SECRET: bench.secret };
  writeDesired(dir, name, accountsOf(size), v1, null);
  const d = await startDaemon(dir, kcEnv);
  try {
    let last = await waitRun(d, 0);
    log(`${size} daemon (memory only): created in ${(last.durationMs / 1000).toFixed(1)} s`);
    const load = load1();
    for (let i = 0; i < MEMORY_RUNS; i++) {
      await trigger(d);
      last = await waitRun(d, last.id);
    }
    const { hwm, rss } = rssOf(d.child.pid!);
    memory.push({ size, runs: MEMORY_RUNS, peakRssMb: hwm, lastRssMb: rss, load });
    log(`${size} daemon memory through ${MEMORY_RUNS} runs: peak ${hwm} MB, now ${rss} MB (last run: ${last.liveRead?.mode ?? '?'})`);
  } finally {
    await stopDaemon(d);
  }
}

async function kccTool(ctx: Context, connection: { url: string; adminUsername: string; adminPassword: string }): Promise<void> {
  // keycloak-config-cli imports a realm file; it logs in to master as the admin (through the proxy).
  const { proxy, bench, dir, size, repeat } = ctx;
  const name = bench.realm.name;
  const file = join(dir, 'realm.json');
  const step = async (scenario: Scenario, version: Version) => {
    const clients = [];
    for (let a = 0; a < accountsOf(size); a++) {
      for (let c = 0; c < PER_ACCOUNT; c++) {
        const description = version(a, c);
        if (description === null) continue;
        const f = fieldsOf(a, c, description);
        const body = clientBody(`acct-${a}_c${c}`, f, { account: `acct-${a}`, revision: null }, 'update');
        clients.push({ ...body, defaultClientScopes: ['web-origins', 'acr', 'profile', 'roles', 'basic', 'email', f.scopes[0]] });
      }
    }
    writeFileSync(file, JSON.stringify({ realm: name, enabled: true, clients }));
    const load = load1();
    proxy.reset();
    const ran = await runProcess(KCC_JAVA, [
      '-jar', KCC_JAR,
      `--keycloak.url=${proxy.url}`, `--keycloak.user=${connection.adminUsername}`, `--keycloak.password=${connection.adminPassword}`,
      `--import.files.locations=${file}`, '--import.managed.client=full', '--import.cache.enabled=false',
    ], {});
    record(proxy, { size, tool: 'keycloak-config-cli', scenario, repeat, seconds: ran.seconds, load });
  };
  await step('create', v1);
  await step('no-op (full)', v1);
  await step('one change', oneChanged);
  await step('update all', v2);
  await step('delete all', none);
}

// ---- main ----

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadAtStart = loadavg().map((l) => Number(l.toFixed(2)));
  log(`starting Keycloak ${KEYCLOAK_VERSION} (load ${loadAtStart.join(' / ')})`);
  const server = await startKeycloak({ log: (m) => log(`keycloak: ${m}`) });
  const proxy = await startCountingProxy(server.url);
  const connection = { url: server.url, adminUsername: server.adminUsername, adminPassword: server.adminPassword };
  const dir = mkdtempSync(join(tmpdir(), 'clientsync-bench-kc-'));
  const allTools: Tool[] = ['raw HTTP', 'clientsync CLI', 'clientsync daemon', ...(KCC_JAR ? (['keycloak-config-cli'] as const) : [])];
  // BENCH_TOOLS (comma-separated names) runs some of them, e.g. the daemon alone for its memory at 5,000.
  const only = env['BENCH_TOOLS']?.split(',').map((t) => t.trim());
  const tools = only ? allTools.filter((t) => only.includes(t)) : allTools;
  const failures: string[] = [];
  try {
    // Warm-up, not recorded: a fresh server's first thousand requests run slower (JIT, caches);
    // without this, whichever tool runs first pays for it.
    if (env['BENCH_WARMUP'] !== '0') {
      const warm = await freshRealm(connection, 'bench-warmup');
      const before = samples.length;
      try {
        await rawTool({ size: Math.min(1000, SIZES[0] ?? 1000), repeat: 0, proxy, bench: warm, dir });
      } finally {
        samples.splice(before);
        await warm.realm.delete();
      }
    }
    for (const size of SIZES) {
      for (let repeat = 1; repeat <= REPEAT; repeat++) {
        // The tools take turns at going first.
        const order = tools.map((_, i) => tools[(i + repeat - 1) % tools.length]!);
        for (const tool of order) {
          const bench = await freshRealm(connection, `bench-${size}-${repeat}-${tools.indexOf(tool)}`);
          const ctx = { size, repeat, proxy, bench, dir };
          try {
            if (tool === 'clientsync CLI') await cliTool(ctx);
            else if (tool === 'raw HTTP') await rawTool(ctx);
            else if (tool === 'clientsync daemon') await daemonTool(ctx);
            else await kccTool(ctx, connection);
          } catch (error) {
            const message = `${size} ${tool} repeat ${repeat}: ${error instanceof Error ? error.message : String(error)}`;
            failures.push(message);
            log(`FAILED ${message}`);
          } finally {
            await bench.realm.delete();
          }
        }
      }
    }
    // BENCH_MEMORY_SIZE: the daemon's memory at a size the scenarios did not run (e.g. 5,000).
    const memorySize = Number(env['BENCH_MEMORY_SIZE'] ?? 0);
    if (memorySize > 0 && MEMORY_RUNS > 0) {
      const bench = await freshRealm(connection, `bench-memory-${memorySize}`);
      try {
        await memoryOnly({ size: memorySize, repeat: 1, proxy, bench, dir });
      } catch (error) {
        failures.push(`${memorySize} daemon memory: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        await bench.realm.delete();
      }
    }
  } finally {
    await proxy.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const cpu = cpus();
  const result = {
    generatedAt: startedAt.toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    label: LABEL || 'current',
    cliRoot: CLI_ROOT === ROOT ? 'this checkout' : CLI_ROOT,
    keycloak: KEYCLOAK_VERSION,
    machine: { cores: cpu.length, cpuModel: cpu[0]?.model.trim() ?? 'unknown', node: process.version },
    loadAtStart,
    loadAtEnd: loadavg().map((l) => Number(l.toFixed(2))),
    sizes: [...new Set([...SIZES, ...memory.map((m) => m.size)])].sort((a, b) => a - b),
    repeat: REPEAT,
    concurrency: CONCURRENCY,
    samples,
    memory,
    failures,
  };
  writeFileSync(join(ROOT, `bench/keycloak-results${suffix}.json`), `${JSON.stringify(result, null, 2)}\n`);
  const { renderMarkdown } = await import('./keycloak-report.js');
  writeFileSync(join(ROOT, `bench/keycloak-results${suffix}.md`), renderMarkdown(result));
  writeFileSync(join(ROOT, `bench/keycloak-chart${suffix}.svg`), await renderChart(result));
  log(`wrote bench/keycloak-results${suffix}.md, .json and bench/keycloak-chart${suffix}.svg; ${failures.length} failures`);
  process.exitCode = failures.length > 0 ? 1 : 0;
}

await main();
