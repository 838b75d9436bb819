// Benchmark: the Keycloak emulator with 5,000 clients in a realm, run as users run it (the built
// `clientsync emulator` in its own process). Times a full client list (median of several, time
// to the last byte) and measures simple requests per second (GET one client over keep-alive
// connections). Targets: full list well under 100 ms, at least 2,000 req/s.
// With KEYCLOAK_URL (+ KEYCLOAK_USERNAME/KEYCLOAK_PASSWORD, default admin/admin, a master admin)
// it measures that real Keycloak the same way in a fresh realm and prints both side by side, so
// later benchmarks can say which server they measured.
// Throughput depends on what else the machine runs (the load generator shares it), so the
// server's own CPU time per request is printed too (from /proc; for a real Keycloak give its
// process id in KEYCLOAK_PID).
// Run: npm run bench:emulator   (BENCH_CLIENTS, BENCH_RUNS, BENCH_SECONDS, BENCH_CONCURRENCY)
// The figures are also written to bench/out/emulator.json, which `npm run bench` collects.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, URLSearchParams } from 'node:url';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const IN_FLIGHT = Number(process.env.BENCH_CONCURRENCY ?? 16);
const bin = fileURLToPath(new URL('../bin/clientsync.js', import.meta.url));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One HTTP request over the keep-alive agent; the body is read as a Buffer (not parsed). */
function request(base, method, path, { headers = {}, body } = {}) {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function adminToken(base, username, password) {
  const body = new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username, password }).toString();
  const r = await request(base, 'POST', '/realms/master/protocol/openid-connect/token', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  if (r.status !== 200) throw new Error(`admin login at ${base} failed: ${r.status} ${r.body}`);
  return JSON.parse(r.body.toString()).access_token;
}

async function pool(n, limit, task) {
  let next = 0;
  const worker = async () => {
    while (next < n) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
}

/** CPU seconds (user + system) a local process has used, from /proc; null where unknown. */
function cpuSeconds(pid) {
  if (!pid) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

async function measure(label, base, username, password, pid) {
  let token = await adminToken(base, username, password);
  let tokenAt = Date.now();
  const auth = async () => {
    // Keycloak's master tokens live 60 s; renew well before.
    if (Date.now() - tokenAt > 30_000) {
      token = await adminToken(base, username, password);
      tokenAt = Date.now();
    }
    return { authorization: `Bearer ${token}` };
  };
  const json = async (extra = {}) => ({ ...(await auth()), 'content-type': 'application/json', ...extra });
  const realm = `bench-${randomBytes(3).toString('hex')}`;
  const created = await request(base, 'POST', '/admin/realms', { headers: await json(), body: JSON.stringify({ realm, enabled: true }) });
  if (created.status !== 201) throw new Error(`${label}: creating realm ${realm} failed: ${created.status} ${created.body}`);
  const path = `/admin/realms/${realm}/clients`;
  try {
    const t0 = performance.now();
    let oneId = '';
    await pool(CLIENTS, 16, async (i) => {
      const r = await request(base, 'POST', path, {
        headers: await json(),
        body: JSON.stringify({
          clientId: `account-${Math.floor(i / 5)}_client${i % 5}`,
          name: `Client ${i}`,
          redirectUris: [`https://account-${i}.example/*`],
          serviceAccountsEnabled: i % 2 === 0,
          attributes: { 'clientsync.managed': 'true', 'clientsync.account': `account-${Math.floor(i / 5)}` },
        }),
      });
      if (r.status !== 201) throw new Error(`${label}: create failed: ${r.status} ${r.body}`);
      if (i === 0) oneId = String(r.headers.location).split('/').pop();
    });
    const createSeconds = (performance.now() - t0) / 1000;

    const listTimes = [];
    let listBytes = 0;
    let listCount = 0;
    let listFailures = 0;
    for (let run = 0; run < RUNS; run++) {
      const headers = await auth();
      const s = performance.now();
      const r = await request(base, 'GET', path, { headers });
      const ms = performance.now() - s;
      // A list can fail half-way (the real Keycloak streams it): such a run is counted, not timed.
      let count = -1;
      try {
        count = r.status === 200 ? JSON.parse(r.body.toString()).length : -1;
      } catch {
        count = -1;
      }
      if (count < 0) {
        listFailures++;
        continue;
      }
      listTimes.push(ms);
      listBytes = r.body.length;
      listCount = count;
    }

    let done = 0;
    let failed = 0;
    const headers = await auth();
    const cpuBefore = cpuSeconds(pid);
    const until = performance.now() + SECONDS * 1000;
    const s = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (performance.now() < until) {
          const r = await request(base, 'GET', `${path}/${oneId}`, { headers });
          if (r.status === 200) done++;
          else failed++;
        }
      }),
    );
    const rps = done / ((performance.now() - s) / 1000);
    const cpuAfter = cpuSeconds(pid);
    const cpuPerRequestMs = cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1000) / done;
    return {
      label, base, createSeconds, firstListMs: listTimes[0] ?? NaN, listMs: listTimes.length ? median(listTimes) : NaN,
      listCount, listBytes, listFailures, rps, failed, cpuPerRequestMs,
    };
  } finally {
    await request(base, 'DELETE', `/admin/realms/${realm}`, { headers: await auth() }).catch(() => undefined);
  }
}

/** The built CLI's emulator in a child process; resolves with its URL once it accepts connections. */
function startEmulatorProcess() {
  const child = spawn(process.execPath, [bin, 'emulator', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('exit', (code) => reject(new Error(`the emulator exited with ${code} before it listened:\n${out}`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ url: match[1], child });
    });
  });
}

const results = [];
const emulator = await startEmulatorProcess();
try {
  results.push(await measure('emulator', emulator.url, 'admin', 'admin', emulator.child.pid));
} finally {
  emulator.child.kill('SIGTERM');
}
if (process.env.KEYCLOAK_URL) {
  const url = process.env.KEYCLOAK_URL.replace(/\/+$/, '');
  const pid = process.env.KEYCLOAK_PID ? Number(process.env.KEYCLOAK_PID) : undefined;
  results.push(await measure('keycloak', url, process.env.KEYCLOAK_USERNAME ?? 'admin', process.env.KEYCLOAK_PASSWORD ?? 'admin', pid));
}
agent.destroy();

const rows = [
  ['', ...results.map((r) => `${r.label} (${r.base})`)],
  [`create ${CLIENTS} clients (16 in flight)`, ...results.map((r) => `${r.createSeconds.toFixed(1)} s (${Math.round(CLIENTS / r.createSeconds)}/s)`)],
  ['first full list after the creates', ...results.map((r) => `${r.firstListMs.toFixed(1)} ms`)],
  [
    `full list, median of ${RUNS}`,
    ...results.map(
      (r) => `${r.listMs.toFixed(1)} ms (${r.listCount} clients, ${(r.listBytes / 1e6).toFixed(1)} MB)${r.listFailures ? `, ${r.listFailures} failed half-way` : ''}`,
    ),
  ],
  [`GET one client, ${IN_FLIGHT} in flight, ${SECONDS} s`, ...results.map((r) => `${Math.round(r.rps)} req/s${r.failed ? ` (${r.failed} failed)` : ''}`)],
  [
    'server CPU per GET (req/s per CPU core)',
    ...results.map((r) => (r.cpuPerRequestMs === null ? 'n/a (set KEYCLOAK_PID)' : `${r.cpuPerRequestMs.toFixed(3)} ms (${Math.round(1000 / r.cpuPerRequestMs)}/s)`)),
  ],
];
const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
const emu = results[0];
const pass = emu.listMs < 100 && emu.rps >= 2000;
console.log(`\nemulator targets (full list < 100 ms, >= 2000 req/s): ${pass ? 'met' : 'NOT met'}`);
console.log(`machine: ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (the client runs on the same machine)`);
if (!process.env.KEYCLOAK_URL) console.log('Set KEYCLOAK_URL (and KEYCLOAK_USERNAME/KEYCLOAK_PASSWORD) to measure a real Keycloak beside it.');
const out = fileURLToPath(new URL('./out/', import.meta.url));
mkdirSync(out, { recursive: true });
const summary = { clients: CLIENTS, runs: RUNS, seconds: SECONDS, inFlight: IN_FLIGHT, cores: os.cpus().length, node: process.version, loadavg: os.loadavg(), results };
writeFileSync(`${out}emulator.json`, `${JSON.stringify(summary, null, 2)}\n`);
// A report, not a gate: the figures depend on the machine and on what else runs on it.
process.exitCode = 0;
