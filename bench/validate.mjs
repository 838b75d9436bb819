// Benchmark: `clientsync validate` over 1,000 account files with 5 clients each.
// Spawns the built CLI (as users run it) several times and reports the median wall time,
// clients per second and the peak RSS of the child process. Run: npm run bench:validate
// (also writes bench/out/validate.json, which `npm run bench` collects).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 1000);
const CLIENTS = 5;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const bin = fileURLToPath(new URL('../bin/clientsync.js', import.meta.url));

export function makeRepo(accounts = ACCOUNTS) {
  const dir = mkdtempSync(join(tmpdir(), 'clientsync-bench-'));
  writeFileSync(join(dir, 'clientsync.yaml'), 'realm: insights\nscopes:\n  datahub-api: Query.\n  push-data: Send.\n');
  mkdirSync(join(dir, 'clients'));
  for (let a = 0; a < accounts; a++) {
    const id = `account-${a}`;
    const clients = [];
    for (let c = 0; c < CLIENTS; c++) {
      clients.push(
        c % 2 === 0
          ? `  - clientId: ${id}_web${c}\n    displayName: Web ${c}\n    capabilities: [WebApp, Backchannel]\n    rootUrl: https://${id}.example\n    redirectUris: ["https://${id}.example/*", "/callback"]\n    webOrigins: ["+"]\n    backchannelLogoutUrl: https://${id}.example/logout\n    scopes: [datahub-api]\n`
          : `  - clientId: ${id}_job${c}\n    description: Job ${c}\n    capabilities: [Script]\n    scopes: [push-data]\n    rotate: "2026-01-01T00:00:00Z"\n`,
      );
    }
    writeFileSync(join(dir, 'clients', `${id}.yaml`), `clients:\n${clients.join('')}`);
  }
  return dir;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function benchValidate() {
  const dir = makeRepo();
  const times = [];
  let peakRssKb = 0;
  try {
    for (let i = 0; i < RUNS; i++) {
      const started = process.hrtime.bigint();
      // /usr/bin/time is not everywhere; ask the child for its own peak RSS instead.
      const r = spawnSync(process.execPath, ['--import', 'data:text/javascript,process.on("exit",()=>process.stderr.write("RSS_KB="+process.resourceUsage().maxRSS+"\\n"))', bin, 'validate', '--dir', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (r.status !== 0) throw new Error(`validate exited ${r.status}: ${r.stderr.slice(0, 500)}`);
      peakRssKb = Math.max(peakRssKb, Number(/RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? 0));
      times.push(ms);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const wallMs = median(times);
  const clients = ACCOUNTS * CLIENTS;
  return {
    accounts: ACCOUNTS,
    clients,
    runs: RUNS,
    medianWallMs: Math.round(wallMs),
    minWallMs: Math.round(Math.min(...times)),
    clientsPerSecond: Math.round(clients / (wallMs / 1000)),
    peakRssMb: Math.round(peakRssKb / 1024),
    targetWallMs: 1500,
    ratioToTarget: Number((wallMs / 1500).toFixed(2)),
    cores: cpus().length,
    node: process.version,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = benchValidate();
  console.log(`validate: ${r.accounts} accounts × ${CLIENTS} clients, ${r.runs} runs, ${r.cores} cores, Node ${r.node}`);
  console.log(`  median wall ${r.medianWallMs} ms (min ${r.minWallMs} ms; target < ${r.targetWallMs} ms, ratio ${r.ratioToTarget})`);
  console.log(`  ${r.clientsPerSecond} clients/s, peak RSS ${r.peakRssMb} MB`);
  const out = fileURLToPath(new URL('./out/', import.meta.url));
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'validate.json'), `${JSON.stringify(r, null, 2)}\n`);
}
