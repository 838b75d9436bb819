// Benchmark of the sync engine (npm run bench:sync): 1,000 accounts × 5 clients against the
// emulator with 0 ms and 10 ms injected latency, and against the real Keycloak 26 (unless
// BENCH_REAL=0 or Java/Maven are missing). Scenarios: initial apply, no-op plan, 10 % of the
// clients updated, 5 % deleted.
// Each scenario is one `clientsync apply` (or `plan`) process, spawned as a user runs it, with
// bench/cli-probe.mjs preloaded to count its requests (at its fetch), to note when the first
// one starts and to read the process's peak RSS at exit. Reported per scenario: requests made
// and the minimum the scenario needs; the local phase (start-up, reading and validating the
// YAML: everything before the first request); the Keycloak phase (first request to exit: list,
// plan, printing it, apply, report); the bound requests × latency / concurrency and the ratio
// of the Keycloak phase to it; the peak RSS. The emulator runs in its own process, so its CPU
// is not the CLI's. Results: printed as a table and written to bench/out/sync.json.
// BENCH_REAL_ACCOUNTS sizes the real-Keycloak run apart (it lists ~50 clients/s on 2 cores).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PAGE_SIZE } from '../src/keycloak/index.js';
import { missingPrerequisites, startKeycloak } from '../test/support/keycloak-server.js';

const ACCOUNTS = Number(process.env['BENCH_ACCOUNTS'] ?? 1000);
const REAL_ACCOUNTS = Number(process.env['BENCH_REAL_ACCOUNTS'] ?? ACCOUNTS);
const PER_ACCOUNT = 5;
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin/clientsync.js');
const PROBE = join(ROOT, 'bench/cli-probe.mjs');

interface Target {
  readonly label: string;
  readonly accounts: number;
  readonly realm: string;
  /** KEYCLOAK_* for the CLI. */
  readonly env: Record<string, string>;
  readonly latencyMs: number;
  /** Clients in the realm that are not clientsync's (built-ins, the service account). */
  readonly otherClients: number;
  stop(): Promise<void>;
}

interface Row {
  target: string;
  scenario: string;
  /** Clients git declares in this target's run (the real Keycloak's run may be smaller). */
  clients: number;
  requests: number;
  minimum: number;
  /** Start-up and reading/validating the YAML: before the first request (not part of the bound). */
  localMs: number;
  /** The Keycloak phase: first request to exit (list, plan, apply, report). */
  wallMs: number;
  boundMs: number | null;
  ratio: number | null;
  /** Of the Keycloak phase: token, list and plan, up to the first change (or the exit). */
  readMs: number;
  /** Of the Keycloak phase: from the first change to the exit (null when nothing changed). */
  applyMs: number | null;
  /** Peak RSS of the CLI process. */
  peakRssMb: number;
}

interface Probe {
  readonly requests: number;
  readonly firstRequestMs: number | null;
  readonly firstChangeMs: number | null;
  readonly exitMs: number;
  readonly maxRssKb: number;
}

function accountFile(account: number, version: (client: number) => string, keep: (client: number) => boolean): string {
  const lines = ['clients:'];
  for (let c = 0; c < PER_ACCOUNT; c++) {
    if (!keep(c)) continue;
    const id = `acct-${account}_c${c}`;
    lines.push(`  - clientId: ${id}`, `    description: ${version(c)}`);
    if (c % 2 === 0) lines.push('    capabilities: [WebApp]', `    redirectUris: ["https://acct-${account}.example/c${c}/*"]`, '    scopes: [datahub-api]');
    else lines.push('    capabilities: [Script]', '    scopes: [push-data]');
  }
  return `${lines.join('\n')}\n`;
}

function writeDesired(dir: string, target: Target, version: (a: number, c: number) => string, keep: (a: number, c: number) => boolean): number {
  writeFileSync(join(dir, 'clientsync.yaml'), `realm: ${target.realm}\nscopes:\n  datahub-api: Query.\n  push-data: Send.\n`);
  mkdirSync(join(dir, 'clients'), { recursive: true });
  let count = 0;
  for (let a = 0; a < target.accounts; a++) {
    writeFileSync(join(dir, 'clients', `acct-${a}.yaml`), accountFile(a, (c) => version(a, c), (c) => keep(a, c)));
    for (let c = 0; c < PER_ACCOUNT; c++) if (keep(a, c)) count++;
  }
  return count;
}

/** Runs the CLI once with the probe; resolves with what the probe saw, rejects on a non-zero exit. */
function runCli(args: readonly string[], env: Record<string, string>): Promise<Probe> {
  const probeFile = join(mkdtempSync(join(tmpdir(), 'clientsync-bench-probe-')), 'probe.json');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', PROBE, CLI, ...args], {
      env: { ...process.env, ...env, CLIENTSYNC_BENCH_PROBE: probeFile, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => void (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      try {
        if (code !== 0) throw new Error(`clientsync ${args[0]} exited ${code}: ${stderr.slice(-2000)}`);
        resolve(JSON.parse(readFileSync(probeFile, 'utf8')) as Probe);
      } catch (error) {
        reject(error);
      } finally {
        rmSync(join(probeFile, '..'), { recursive: true, force: true });
      }
    });
  });
}

async function runScenarios(target: Target): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'clientsync-bench-sync-'));
  const rows: Row[] = [];
  const pages = (n: number) => Math.floor(n / DEFAULT_PAGE_SIZE) + 1;
  const measure = async (scenario: string, minimum: number, command: 'plan' | 'apply') => {
    const args = command === 'plan' ? ['plan', '--dir', dir] : ['apply', '--dir', dir, '--concurrency', String(CONCURRENCY), '--max-deletes', '1000000'];
    const probe = await runCli(args, target.env);
    const first = probe.firstRequestMs ?? probe.exitMs;
    const wallMs = probe.exitMs - first;
    const boundMs = target.latencyMs > 0 ? (probe.requests * target.latencyMs) / CONCURRENCY : null;
    rows.push({
      target: target.label,
      scenario,
      clients: target.accounts * PER_ACCOUNT,
      requests: probe.requests,
      minimum,
      localMs: Math.round(first),
      wallMs: Math.round(wallMs),
      boundMs: boundMs === null ? null : Math.round(boundMs),
      ratio: boundMs ? Number((wallMs / boundMs).toFixed(2)) : null,
      readMs: Math.round((probe.firstChangeMs ?? probe.exitMs) - first),
      applyMs: probe.firstChangeMs === null ? null : Math.round(probe.exitMs - probe.firstChangeMs),
      peakRssMb: Math.round(probe.maxRssKb / 1024),
    });
    process.stderr.write(`  ${target.label}: ${scenario}: ${probe.requests} requests, ${Math.round(wallMs)} ms, ${Math.round(probe.maxRssKb / 1024)} MB\n`);
  };
  try {
    const total = writeDesired(dir, target, () => 'v1', () => true);
    const scopesPerClient = 1;
    // token + list + client-scope ids + the scopes Keycloak links on create (read once) + per client: create and one scope link
    await measure('initial apply', 1 + pages(target.otherClients) + 1 + 2 + total * (1 + scopesPerClient), 'apply');
    await measure('no-op plan', 1 + pages(target.otherClients + total), 'plan');
    const updated = writeDesired(dir, target, (a, c) => ((a * PER_ACCOUNT + c) % 10 === 0 ? 'v2' : 'v1'), () => true);
    await measure('10 % updated', 1 + pages(target.otherClients + updated) + Math.ceil(total / 10), 'apply');
    const kept = writeDesired(dir, target, (a, c) => ((a * PER_ACCOUNT + c) % 10 === 0 ? 'v2' : 'v1'), (a, c) => (a * PER_ACCOUNT + c) % 20 !== 7);
    await measure('5 % deleted', 1 + pages(target.otherClients + total) + (total - kept), 'apply');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

function startEmulatorProcess(latencyMs: number): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/clientsync.js'), 'emulator', '--port', '0', '--realm', 'bench', '--latency-ms', String(latencyMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ url: m[1]!, child });
    });
    child.on('exit', (code) => reject(new Error(`emulator exited ${code}: ${out}`)));
  });
}

async function emulatorTarget(latencyMs: number): Promise<Target> {
  const { url, child } = await startEmulatorProcess(latencyMs);
  return {
    label: `emulator ${latencyMs} ms`,
    accounts: ACCOUNTS,
    realm: 'bench',
    env: { KEYCLOAK_URL: url, KEYCLOAK_AUTH_REALM: 'master', KEYCLOAK_CLIENT_ID: 'clientsync', KEYCLOAK_CLIENT_SECRET: 'clientsync-emulator-secret' },
    latencyMs,
    otherClients: 6,
    stop: async () => void child.kill('SIGTERM'),
  };
}

async function keycloakTarget(): Promise<Target | null> {
  if (process.env['BENCH_REAL'] === '0') return null;
  const missing = missingPrerequisites();
  if (missing.length > 0) {
    process.stderr.write(`bench: real Keycloak skipped (missing ${missing.join(', ')})\n`);
    return null;
  }
  const server = await startKeycloak({ log: () => undefined });
  process.stderr.write(`  Keycloak started in ${(server.startupMs / 1000).toFixed(1)} s\n`);
  const connection = { url: server.url, adminUsername: server.adminUsername, adminPassword: server.adminPassword };
  const { createServiceAccount, createTestRealm } = await import('../test/support/realm-admin.js');
  const realm = await createTestRealm(connection, 'bench');
  const account = await createServiceAccount(realm, { clientId: 'clientsync-bench', manageClients: true });
  return {
    label: 'Keycloak 26.7.3',
    accounts: REAL_ACCOUNTS,
    realm: 'bench',
    env: { KEYCLOAK_URL: server.url, KEYCLOAK_AUTH_REALM: 'bench', KEYCLOAK_CLIENT_ID: account.clientId, KEYCLOAK_CLIENT_SECRET: account.secret },
    latencyMs: 0,
    otherClients: 7,
    stop: () => server.stop(),
  };
}

function table(rows: readonly Row[]): string {
  const header = '| server | scenario | requests | minimum | start-up + YAML (ms) | Keycloak phase (ms) | of it: list + plan | of it: apply | bound (ms) | phase / bound | peak RSS (MB) |';
  const lines = rows.map(
    (r) =>
      `| ${r.target} | ${r.scenario} | ${r.requests} | ${r.minimum} | ${r.localMs} | ${r.wallMs} | ${r.readMs} | ${r.applyMs ?? '–'} | ${r.boundMs ?? '–'} | ${r.ratio ?? '–'} | ${r.peakRssMb} |`,
  );
  return [header, '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|', ...lines].join('\n');
}

const rows: Row[] = [];
for (const make of [() => emulatorTarget(0), () => emulatorTarget(10), keycloakTarget]) {
  const target = await make();
  if (!target) continue;
  try {
    rows.push(...(await runScenarios(target)));
  } finally {
    await target.stop();
  }
}
// The largest of the CLI processes: what a user's `clientsync apply` needs at most.
const peakRssMb = Math.max(0, ...rows.map((r) => r.peakRssMb));
const result = { accounts: ACCOUNTS, clients: ACCOUNTS * PER_ACCOUNT, realAccounts: REAL_ACCOUNTS, concurrency: CONCURRENCY, pageSize: DEFAULT_PAGE_SIZE, cores: cpus().length, node: process.version, peakRssMb, rows };
mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
writeFileSync(join(ROOT, 'bench/out/sync.json'), `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`sync: ${ACCOUNTS} accounts × ${PER_ACCOUNT} clients, concurrency ${CONCURRENCY}, page size ${DEFAULT_PAGE_SIZE}, ${cpus().length} cores, Node ${process.version}\n\n${table(rows)}\n\npeak RSS of a clientsync process (the largest scenario): ${peakRssMb} MB (target < 250 MB)\n`);
process.exit(0);
