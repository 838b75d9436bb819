// Benchmark of the sync engine (npm run bench:sync): 1,000 accounts × 5 clients against the
// emulator with 0 ms and 10 ms injected latency, and against the real Keycloak 26 (unless
// BENCH_REAL=0 or Java/Maven are missing). Scenarios: initial apply, no-op plan, 10 % of the
// clients updated, 5 % deleted. For each: requests made (counted at the client's fetch) and
// the minimum the scenario needs, wall time, the bound requests × latency / concurrency, and
// the ratio of wall time to that bound. The emulator runs in a child process so its CPU is
// not the client's. Results: printed as a table and written to bench/out/sync.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyPlan, NONE_SINK } from '../src/apply/index.js';
import { DEFAULT_PAGE_SIZE, KeycloakAdapter } from '../src/keycloak/index.js';
import { loadRepository } from '../src/config/index.js';
import { computePlan } from '../src/plan/index.js';
import { missingPrerequisites, startKeycloak } from '../test/support/keycloak-server.js';

const ACCOUNTS = Number(process.env['BENCH_ACCOUNTS'] ?? 1000);
const PER_ACCOUNT = 5;
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

let requests = 0;
const realFetch = globalThis.fetch;
globalThis.fetch = ((...args: Parameters<typeof fetch>) => {
  requests++;
  return realFetch(...args);
}) as typeof fetch;

interface Target {
  readonly label: string;
  readonly url: string;
  readonly realm: string;
  readonly authRealm: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly latencyMs: number;
  /** Clients in the realm that are not clientsync's (built-ins, the service account). */
  readonly otherClients: number;
  stop(): Promise<void>;
}

interface Row {
  target: string;
  scenario: string;
  requests: number;
  minimum: number;
  /** Reading and validating the YAML (not part of the bound). */
  localMs: number;
  /** The Keycloak phase: list, plan, apply. */
  wallMs: number;
  boundMs: number | null;
  ratio: number | null;
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

function writeDesired(dir: string, realm: string, version: (a: number, c: number) => string, keep: (a: number, c: number) => boolean): number {
  writeFileSync(join(dir, 'clientsync.yaml'), `realm: ${realm}\nscopes:\n  datahub-api: Query.\n  push-data: Send.\n`);
  mkdirSync(join(dir, 'clients'), { recursive: true });
  let count = 0;
  for (let a = 0; a < ACCOUNTS; a++) {
    writeFileSync(join(dir, 'clients', `acct-${a}.yaml`), accountFile(a, (c) => version(a, c), (c) => keep(a, c)));
    for (let c = 0; c < PER_ACCOUNT; c++) if (keep(a, c)) count++;
  }
  return count;
}

async function runScenarios(target: Target): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'clientsync-bench-sync-'));
  const rows: Row[] = [];
  const pages = (n: number) => Math.floor(n / DEFAULT_PAGE_SIZE) + 1;
  const measure = async (scenario: string, minimum: number, apply: boolean) => {
    const keycloak = new KeycloakAdapter({ url: target.url, authRealm: target.authRealm, credentials: { kind: 'client', clientId: target.clientId, clientSecret: target.clientSecret } });
    // Reading and validating the files is local work, timed apart from the Keycloak phase that
    // the bound describes.
    const loadStarted = performance.now();
    const desired = (await loadRepository(dir, new Date())).desired!;
    const localMs = performance.now() - loadStarted;
    requests = 0;
    const started = performance.now();
    const live = await keycloak.listClients(target.realm, Object.keys(desired.settings.scopes));
    const plan = computePlan({ desired, live: { realm: target.realm, clients: live }, now: new Date(), revision: 'bench' });
    if (apply) {
      const report = await applyPlan(plan, { keycloak, sink: NONE_SINK, concurrency: CONCURRENCY, revision: 'bench', live: { realm: target.realm, clients: live } });
      if (!report.ok) throw new Error(`${target.label} ${scenario}: ${report.failed} changes failed`);
    }
    const wallMs = performance.now() - started;
    const boundMs = target.latencyMs > 0 ? (requests * target.latencyMs) / CONCURRENCY : null;
    rows.push({ target: target.label, scenario, requests, minimum, localMs: Math.round(localMs), wallMs: Math.round(wallMs), boundMs: boundMs === null ? null : Math.round(boundMs), ratio: boundMs ? Number((wallMs / boundMs).toFixed(2)) : null });
    process.stderr.write(`  ${target.label}: ${scenario}: ${requests} requests, ${Math.round(wallMs)} ms\n`);
  };
  try {
    const total = writeDesired(dir, target.realm, () => 'v1', () => true);
    const scopesPerClient = 1;
    // token + list + client-scope ids + the scopes Keycloak links on create (read once) + per client: create and one scope link
    await measure('initial apply', 1 + pages(target.otherClients) + 1 + 2 + total * (1 + scopesPerClient), true);
    await measure('no-op plan', 1 + pages(target.otherClients + total), false);
    const updated = writeDesired(dir, target.realm, (a, c) => ((a * PER_ACCOUNT + c) % 10 === 0 ? 'v2' : 'v1'), () => true);
    await measure('10 % updated', 1 + pages(target.otherClients + updated) + Math.ceil(total / 10), true);
    const kept = writeDesired(dir, target.realm, (a, c) => ((a * PER_ACCOUNT + c) % 10 === 0 ? 'v2' : 'v1'), (a, c) => (a * PER_ACCOUNT + c) % 20 !== 7);
    await measure('5 % deleted', 1 + pages(target.otherClients + total) + (total - kept), true);
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
    url,
    realm: 'bench',
    authRealm: 'master',
    clientId: 'clientsync',
    clientSecret: 'clientsync-emulator-secret',
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
    url: server.url,
    realm: 'bench',
    authRealm: 'bench',
    clientId: account.clientId,
    clientSecret: account.secret,
    latencyMs: 0,
    otherClients: 7,
    stop: () => server.stop(),
  };
}

function table(rows: readonly Row[]): string {
  const header = '| server | scenario | requests | minimum | load YAML (ms) | Keycloak phase (ms) | bound (ms) | phase / bound |';
  const lines = rows.map(
    (r) => `| ${r.target} | ${r.scenario} | ${r.requests} | ${r.minimum} | ${r.localMs} | ${r.wallMs} | ${r.boundMs ?? '–'} | ${r.ratio ?? '–'} |`,
  );
  return [header, '|---|---|---:|---:|---:|---:|---:|---:|', ...lines].join('\n');
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
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
const result = { accounts: ACCOUNTS, clients: ACCOUNTS * PER_ACCOUNT, concurrency: CONCURRENCY, pageSize: DEFAULT_PAGE_SIZE, cores: cpus().length, node: process.version, peakRssMb, rows };
mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
writeFileSync(join(ROOT, 'bench/out/sync.json'), `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`sync: ${ACCOUNTS} accounts × ${PER_ACCOUNT} clients, concurrency ${CONCURRENCY}, page size ${DEFAULT_PAGE_SIZE}, ${cpus().length} cores, Node ${process.version}\n\n${table(rows)}\n\npeak RSS of the clientsync process: ${peakRssMb} MB (target < 250 MB)\n`);
process.exit(0);
