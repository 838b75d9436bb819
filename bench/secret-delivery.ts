// Benchmark of secret delivery (docs/secrets.md; `npm run bench:delivery`): what delivering
// 1,000 new secrets through a command adds to the `clientsync apply` that creates them.
// Against the emulator (0 ms latency, its own process, a fresh one per run), 200 accounts × 5
// clients are created twice: without a delivery target, then with one command target (a shell
// script that appends what it gets to a file: the cheapest real command, so the figure is
// clientsync's own cost plus one fork/exec per secret). Each run is one spawned CLI with
// bench/cli-probe.mjs preloaded to count its requests. Reported: wall time of each run, the
// difference per secret, and the extra requests per secret (the bound: 2, reading the secret and
// clearing the client's pending-delivery marker). Printed, and written to bench/out/secret-delivery.json.
// BENCH_DELIVERY_CLIENTS changes the count (a multiple of 5).
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const CLIENTS = Number(process.env['BENCH_DELIVERY_CLIENTS'] ?? 1000);
const PER_ACCOUNT = 5;
const CONCURRENCY = 8;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin/clientsync.js');
const PROBE = join(ROOT, 'bench/cli-probe.mjs');

function startEmulator(): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'emulator', '--port', '0', '--realm', 'bench'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ url: m[1]!, child });
    });
    child.on('exit', (code) => reject(new Error(`emulator exited ${code}: ${out}`)));
  });
}

function desired(dir: string): void {
  mkdirSync(join(dir, 'clients'), { recursive: true });
  writeFileSync(join(dir, 'clientsync.yaml'), 'realm: bench\nclientLimit: 5\nscopes:\n  push-data: Send.\n');
  for (let a = 0; a < CLIENTS / PER_ACCOUNT; a++) {
    const clients = Array.from({ length: PER_ACCOUNT }, (_, c) => `  - clientId: a${a}_c${c}\n    capabilities: [Script]\n`).join('');
    writeFileSync(join(dir, 'clients', `a${a}.yaml`), `clients:\n${clients}`);
  }
}

interface Run {
  readonly wallMs: number;
  readonly requests: number;
  readonly code: number | null;
}

async function apply(dir: string, extra: readonly string[]): Promise<Run> {
  const { url, child: emulator } = await startEmulator();
  try {
    const probe = join(dir, `probe-${extra.length}.json`);
    const started = performance.now();
    const code = await new Promise<number | null>((resolve) => {
      const cli = spawn(process.execPath, ['--import', PROBE, CLI, 'apply', '--dir', dir, '--concurrency', String(CONCURRENCY), ...extra], {
        env: { PATH: process.env['PATH'] ?? '', HOME: dir, NO_COLOR: '1', CLIENTSYNC_BENCH_PROBE: probe, KEYCLOAK_URL: url, KEYCLOAK_CLIENT_ID: 'clientsync', KEYCLOAK_CLIENT_SECRET: 'clientsync-emulator-secret' },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      cli.on('exit', resolve);
    });
    const wallMs = performance.now() - started;
    const { requests } = JSON.parse(readFileSync(probe, 'utf8')) as { requests: number };
    return { wallMs, requests, code };
  } finally {
    emulator.kill('SIGTERM');
  }
}

const dir = mkdtempSync(join(tmpdir(), 'clientsync-bench-delivery-'));
try {
  desired(dir);
  const received = join(dir, 'received');
  const script = join(dir, 'deliver.sh');
  writeFileSync(script, `#!/bin/sh\nprintf '%s %s\\n' "$1" "$(cat | wc -c)" >> ${JSON.stringify(received)}\n`);
  chmodSync(script, 0o700);
  const deliveryFile = join(dir, 'delivery.yaml');
  writeFileSync(deliveryFile, `targets:\n  - name: bench\n    command: [${JSON.stringify(script)}, "{clientId}"]\n`);

  const load = loadavg();
  const without = await apply(dir, []);
  const withDelivery = await apply(dir, ['--secret-delivery', deliveryFile]);
  const delivered = readFileSync(received, 'utf8').trim().split('\n').length;
  if (without.code !== 0 || withDelivery.code !== 0 || delivered !== CLIENTS) {
    throw new Error(`a run failed: exit ${without.code} / ${withDelivery.code}, ${delivered} of ${CLIENTS} delivered`);
  }
  const result = {
    clients: CLIENTS,
    concurrency: CONCURRENCY,
    cores: cpus().length,
    loadAverageAtStart: load.map((l) => Math.round(l * 100) / 100),
    withoutDelivery: { wallMs: Math.round(without.wallMs), requests: without.requests },
    withCommandTarget: { wallMs: Math.round(withDelivery.wallMs), requests: withDelivery.requests },
    addedMsPerSecret: Math.round(((withDelivery.wallMs - without.wallMs) / CLIENTS) * 100) / 100,
    addedRequestsPerSecret: (withDelivery.requests - without.requests) / CLIENTS,
    boundRequestsPerSecret: 2,
  };
  mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/out/secret-delivery.json'), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(
    `secret delivery: ${CLIENTS} new secrets through one command target, concurrency ${CONCURRENCY}, ${result.cores} cores, load ${result.loadAverageAtStart.join(' ')}\n` +
      `  apply without delivery: ${result.withoutDelivery.wallMs} ms, ${result.withoutDelivery.requests} requests\n` +
      `  apply with delivery:    ${result.withCommandTarget.wallMs} ms, ${result.withCommandTarget.requests} requests\n` +
      `  added: ${result.addedMsPerSecret} ms and ${result.addedRequestsPerSecret} requests per secret (bound: ${result.boundRequestsPerSecret} requests)\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
