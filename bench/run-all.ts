// `npm run bench`: runs every benchmark as its own process (bench/validate.mjs,
// bench/emulator.mjs, bench/sync.ts), BENCH_REPEAT times each (default 3), reads the figures
// each writes to bench/out/, and writes bench/results.json and bench/results.md: per figure the
// median over the repeats, every sample, the load average when its run started, the machine's
// core count and Node version, and the ratio to the bound the issues set.
//
// Then bench/keycloak.ts (clientsync beside raw HTTP on the real Keycloak, 1,000 and 5,000
// clients; BENCH_KEYCLOAK=0 skips it, BENCH_SIZES sizes it), whose report becomes a section.
// The real Keycloak runs when Java is available (BENCH_REAL=0 skips it), once per benchmark
// (it is slow): bench/emulator.mjs measures it beside the emulator in its first run, against a
// server started here; bench/sync.ts starts its own in its first run.
// Smaller sizes for a quick look: BENCH_ACCOUNTS (validate, sync), BENCH_REAL_ACCOUNTS (the
// real Keycloak's sync run: it lists ~50 clients/s here), BENCH_CLIENTS (emulator), BENCH_REPEAT. A report made with anything below the issues' sizes says so at its top.
// A report, not a gate: it exits 0 when a target is not met, 1 when a benchmark failed to run.
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KEYCLOAK_VERSION, missingPrerequisites, startKeycloak } from '../test/support/keycloak-server.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'bench/out');
const VITE_NODE = join(ROOT, 'node_modules/vite-node/vite-node.mjs');

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got '${raw}'`);
  return value;
}

const REPEAT = Math.round(envNumber('BENCH_REPEAT', 3));
const ACCOUNTS = Math.round(envNumber('BENCH_ACCOUNTS', 1000));
const EMULATOR_CLIENTS = Math.round(envNumber('BENCH_CLIENTS', 5000));
const TIMEOUT_MS = envNumber('BENCH_TIMEOUT_MINUTES', 60) * 60_000;

/** The bounds and targets of issues 2, 3 and 4. */
const BOUNDS = {
  validateWallMs: 1500,
  emulatorListMs: 100,
  emulatorRps: 2000,
  syncPhaseToBound: 1.25,
  syncPeakRssMb: 250,
  syncLatencyMs: 10,
} as const;

type Load = readonly [number, number, number];

interface Sample<T> {
  readonly load: Load;
  readonly data: T;
}

interface Figure {
  readonly benchmark: 'validate' | 'emulator' | 'sync';
  readonly server: string;
  readonly figure: string;
  readonly unit: string;
  /** The median over the samples. */
  readonly value: number | null;
  readonly samples: readonly (number | null)[];
  /** Load averages (1, 5, 15 min) when each sample's run started. */
  readonly load: readonly Load[];
  readonly bound: { readonly value: number; readonly kind: 'max' | 'min'; readonly text: string } | null;
  /** value / bound: at most 1 meets a 'max' bound, at least 1 a 'min' bound. */
  readonly ratio: number | null;
  readonly meets: boolean | null;
  readonly cores: number;
  readonly node: string;
}

function median(values: readonly (number | null | undefined)[]): number | null {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 === 1 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
}

const round = (v: number | null, digits = 1): number | null => (v === null ? null : Number(v.toFixed(digits)));
const loadNow = (): Load => {
  const [a = 0, b = 0, c = 0] = loadavg();
  return [round(a, 2)!, round(b, 2)!, round(c, 2)!];
};

function figure<T>(
  benchmark: Figure['benchmark'],
  server: string,
  name: string,
  unit: string,
  samples: readonly Sample<T>[],
  pick: (data: T) => number | null | undefined,
  bound: Figure['bound'] = null,
  digits = 1,
): Figure {
  const values = samples.map((s) => {
    const v = pick(s.data);
    return typeof v === 'number' && Number.isFinite(v) ? round(v, digits) : null;
  });
  const value = round(median(values), digits);
  const ratio = value === null || bound === null ? null : round(value / bound.value, 2);
  const meets = ratio === null || bound === null ? null : bound.kind === 'max' ? value! <= bound.value : value! >= bound.value;
  return { benchmark, server, figure: name, unit, value, samples: values, load: samples.map((s) => s.load), bound, ratio, meets, cores: cpus().length, node: process.version };
}

/** Runs one benchmark process, its output shown as it comes; resolves with its exit code. */
function run(label: string, args: readonly string[], env: Readonly<Record<string, string>>): Promise<number> {
  process.stderr.write(`\nbench: ${label}\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...args], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    const timer = setTimeout(() => {
      process.stderr.write(`bench: ${label} still running after ${TIMEOUT_MS / 60_000} min: stopping it\n`);
      child.kill('SIGTERM');
    }, TIMEOUT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

interface Failure {
  readonly benchmark: string;
  readonly run: number;
  readonly message: string;
}
const failures: Failure[] = [];

/** Runs `args` REPEAT times (with `envFor(i)`), collecting the JSON the script writes to `outFile`. */
async function repeated<T>(benchmark: string, args: readonly string[], outFile: string, envFor: (i: number) => Record<string, string>): Promise<Sample<T>[]> {
  const samples: Sample<T>[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const path = join(OUT, outFile);
    rmSync(path, { force: true });
    const load = loadNow();
    const code = await run(`${benchmark} ${i + 1}/${REPEAT}`, args, envFor(i));
    if (code !== 0 || !existsSync(path)) {
      failures.push({ benchmark, run: i + 1, message: `exited with ${code}${existsSync(path) ? '' : ` without writing bench/out/${outFile}`}` });
      continue;
    }
    samples.push({ load, data: JSON.parse(readFileSync(path, 'utf8')) as T });
  }
  return samples;
}

// ---- the benchmarks' JSON (what each script writes) ----

interface ValidateJson {
  readonly accounts: number;
  readonly clients: number;
  readonly runs: number;
  readonly medianWallMs: number;
  readonly minWallMs: number;
  readonly clientsPerSecond: number;
  readonly peakRssMb: number;
}

interface EmulatorResult {
  readonly label: string;
  readonly createSeconds: number;
  readonly firstListMs: number | null;
  readonly listMs: number | null;
  readonly listCount: number;
  readonly listBytes: number;
  readonly listFailures: number;
  readonly rps: number;
  readonly failed: number;
  readonly cpuPerRequestMs: number | null;
}

interface EmulatorJson {
  readonly clients: number;
  readonly runs: number;
  readonly seconds: number;
  readonly inFlight: number;
  readonly results: readonly EmulatorResult[];
}

interface SyncRow {
  readonly target: string;
  readonly scenario: string;
  /** Clients of this target's run; absent in reports from before it was recorded. */
  readonly clients?: number;
  readonly requests: number;
  readonly minimum: number;
  readonly localMs: number;
  readonly wallMs: number;
  readonly boundMs: number | null;
  readonly ratio: number | null;
  readonly readMs: number;
  readonly applyMs: number | null;
  /** Peak RSS of that scenario's CLI process. */
  readonly peakRssMb: number;
}

interface SyncJson {
  readonly accounts: number;
  readonly clients: number;
  readonly concurrency: number;
  readonly pageSize: number;
  readonly peakRssMb: number;
  readonly rows: readonly SyncRow[];
}

// ---- main ----

const missing = process.env['BENCH_REAL'] === '0' ? ['(BENCH_REAL=0)'] : missingPrerequisites();
const real = missing.length === 0;
if (!real && process.env['BENCH_REAL'] !== '0') process.stderr.write(`bench: the real Keycloak is skipped: missing ${missing.join(' and ')}\n`);
mkdirSync(OUT, { recursive: true });
const startedAt = new Date();
const machineLoad = loadNow();

// validate
const validate = await repeated<ValidateJson>('validate', [join(ROOT, 'bench/validate.mjs')], 'validate.json', () => ({ BENCH_ACCOUNTS: String(ACCOUNTS) }));

// emulator (and the real Keycloak beside it, in the first run)
let keycloakStartupMs: number | null = null;
let stopKeycloak: (() => Promise<void>) | null = null;
let keycloakEnv: Record<string, string> = { KEYCLOAK_URL: '' };
if (real) {
  try {
    const server = await startKeycloak({ log: (m) => process.stderr.write(`keycloak: ${m}\n`) });
    keycloakStartupMs = server.startupMs;
    stopKeycloak = () => server.stop();
    keycloakEnv = { KEYCLOAK_URL: server.url, KEYCLOAK_USERNAME: server.adminUsername, KEYCLOAK_PASSWORD: server.adminPassword };
    process.stderr.write(`bench: Keycloak ${KEYCLOAK_VERSION} started in ${(server.startupMs / 1000).toFixed(1)} s\n`);
  } catch (error) {
    failures.push({ benchmark: 'emulator', run: 1, message: `the real Keycloak did not start: ${error instanceof Error ? error.message : String(error)}` });
  }
}
let emulator: Sample<EmulatorJson>[];
try {
  emulator = await repeated<EmulatorJson>('emulator', [join(ROOT, 'bench/emulator.mjs')], 'emulator.json', (i) => ({
    BENCH_CLIENTS: String(EMULATOR_CLIENTS),
    ...(i === 0 ? keycloakEnv : { KEYCLOAK_URL: '' }),
  }));
} finally {
  await stopKeycloak?.();
}

// sync (the real Keycloak in the first run only)
const sync = await repeated<SyncJson>('sync', [VITE_NODE, join(ROOT, 'bench/sync.ts')], 'sync.json', (i) => ({
  BENCH_ACCOUNTS: String(ACCOUNTS),
  ...(i === 0 && real ? {} : { BENCH_REAL: '0' }),
}));

// the real Keycloak side by side with raw HTTP (bench/keycloak.ts, its own repeats and report)
let keycloakReport: string | null = null;
if (real && process.env['BENCH_KEYCLOAK'] !== '0') {
  const code = await run('keycloak (side by side)', [VITE_NODE, join(ROOT, 'bench/keycloak.ts')], { BENCH_REPEAT: String(REPEAT), BENCH_LABEL: '' });
  if (code !== 0) failures.push({ benchmark: 'keycloak', run: 1, message: `exited with ${code}` });
  const path = join(ROOT, 'bench/keycloak-results.md');
  if (existsSync(path)) keycloakReport = readFileSync(path, 'utf8').replace(/^# .*\n/, '');
}

// ---- figures ----

const figures: Figure[] = [];
const max = (value: number, text: string) => ({ value, kind: 'max' as const, text });
const min = (value: number, text: string) => ({ value, kind: 'min' as const, text });

figures.push(
  figure('validate', 'clientsync CLI', `validate ${ACCOUNTS} accounts × 5 clients: median wall`, 'ms', validate, (d) => d.medianWallMs, max(BOUNDS.validateWallMs, '< 1.5 s (issue 2)'), 0),
  figure('validate', 'clientsync CLI', 'validate: clients per second', 'clients/s', validate, (d) => d.clientsPerSecond, null, 0),
  figure('validate', 'clientsync CLI', 'validate: peak RSS of the CLI', 'MB', validate, (d) => d.peakRssMb, null, 0),
);

const emulatorOf = (label: string) => emulator.filter((s) => s.data.results.some((r) => r.label === label)).map((s) => ({ load: s.load, data: s.data.results.find((r) => r.label === label)! }));
for (const [label, server] of [
  ['emulator', 'emulator'],
  ['keycloak', `Keycloak ${KEYCLOAK_VERSION}`],
] as const) {
  const samples = emulatorOf(label);
  if (samples.length === 0) continue;
  const isEmulator = label === 'emulator';
  figures.push(
    figure('emulator', server, `full list of ${EMULATOR_CLIENTS} clients (median of each run's lists)`, 'ms', samples, (d) => d.listMs, isEmulator ? max(BOUNDS.emulatorListMs, '< 100 ms (issue 3)') : null),
    figure('emulator', server, 'GET one client, 16 in flight', 'req/s', samples, (d) => d.rps, isEmulator ? min(BOUNDS.emulatorRps, '≥ 2,000 req/s (issue 3)') : null, 0),
    figure('emulator', server, `create ${EMULATOR_CLIENTS} clients, 16 in flight`, 's', samples, (d) => d.createSeconds),
    figure('emulator', server, 'server CPU per GET', 'ms', samples, (d) => d.cpuPerRequestMs, null, 3),
  );
}
if (keycloakStartupMs !== null) {
  figures.push(figure('emulator', `Keycloak ${KEYCLOAK_VERSION}`, 'start-up (kc.sh to ready, from the cached database template)', 's', [{ load: machineLoad, data: keycloakStartupMs / 1000 }], (d) => d));
}

const syncTargets = [...new Set(sync.flatMap((s) => s.data.rows.map((r) => r.target)))];
const syncScenarios = [...new Set(sync.flatMap((s) => s.data.rows.map((r) => r.scenario)))];
const syncRows = syncTargets.flatMap((target) =>
  syncScenarios.flatMap((scenario) => {
    const samples = sync.flatMap((s) => {
      const row = s.data.rows.find((r) => r.target === target && r.scenario === scenario);
      return row ? [{ load: s.load, data: { ...row, clients: row.clients ?? s.data.clients, pageSize: s.data.pageSize } }] : [];
    });
    return samples.length === 0 ? [] : [{ target, scenario, samples }];
  }),
);
for (const { target, scenario, samples } of syncRows) {
  const first = samples[0]!.data;
  figures.push(figure('sync', target, `${scenario}: requests (minimum ${first.minimum})`, 'requests', samples, (d) => d.requests, scenario === 'no-op plan' ? max(Math.ceil(first.clients / first.pageSize) + 2, `≤ ceil(${first.clients} / ${first.pageSize}) + 2 (issue 4)`) : null, 0));
  figures.push(figure('sync', target, `${scenario}: Keycloak phase`, 'ms', samples, (d) => d.wallMs, null, 0));
  if (target.endsWith(` ${BOUNDS.syncLatencyMs} ms`)) {
    figures.push(figure('sync', target, `${scenario}: phase / (requests × latency / concurrency)`, '×', samples, (d) => d.ratio, max(BOUNDS.syncPhaseToBound, '≤ 1.25 at 10 ms (issue 4)'), 2));
  }
}
if (sync.length > 0) {
  figures.push(figure('sync', 'all', 'peak RSS of a clientsync process (the largest scenario)', 'MB', sync, (d) => d.peakRssMb, max(BOUNDS.syncPeakRssMb, '< 250 MB (issue 4)'), 0));
}

// ---- report ----

function revision(): { sha: string | null; dirty: boolean } {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'bench', 'bin', 'package.json'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return { sha, dirty };
  } catch {
    return { sha: null, dirty: false };
  }
}

const smaller = [
  ACCOUNTS < 1000 ? `BENCH_ACCOUNTS=${ACCOUNTS} (issue size 1,000)` : null,
  EMULATOR_CLIENTS < 5000 ? `BENCH_CLIENTS=${EMULATOR_CLIENTS} (issue size 5,000)` : null,
  REPEAT < 3 ? `BENCH_REPEAT=${REPEAT}` : null,
  real ? null : 'no real Keycloak',
  real && process.env['BENCH_REAL_ACCOUNTS'] && Number(process.env['BENCH_REAL_ACCOUNTS']) < ACCOUNTS
    ? `BENCH_REAL_ACCOUNTS=${process.env['BENCH_REAL_ACCOUNTS']} (the real Keycloak's sync run; issue size 1,000)`
    : null,
  process.env['BENCH_RUNS'] ? `BENCH_RUNS=${process.env['BENCH_RUNS']}` : null,
  process.env['BENCH_SECONDS'] ? `BENCH_SECONDS=${process.env['BENCH_SECONDS']}` : null,
].filter((s): s is string => s !== null);
const cpu = cpus();
const machine = { cores: cpu.length, cpuModel: cpu[0]?.model.trim() ?? 'unknown', memoryGb: round(totalmem() / 2 ** 30, 1), platform: `${process.platform} ${process.arch}`, node: process.version };
const result = {
  formatVersion: 1,
  generatedAt: startedAt.toISOString(),
  durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
  revision: revision(),
  machine,
  loadAtStart: machineLoad,
  parameters: { repeat: REPEAT, accounts: ACCOUNTS, emulatorClients: EMULATOR_CLIENTS, realKeycloak: real, smallRun: smaller },
  bounds: BOUNDS,
  figures,
  failures,
  raw: { validate, emulator, sync },
};
writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(result, null, 2)}\n`);

const fmt = (v: number | null): string => (v === null ? '–' : v.toLocaleString('en-US', { maximumFractionDigits: 3 }));
const loads = (f: Figure): string => [...new Set(f.load.map((l) => l[0].toFixed(2)))].join(', ');
const verdict = (f: Figure): string => (f.meets === null ? '' : f.meets ? 'met' : '**not met**');

/** The table of one benchmark's figures; `boundedOnly` keeps those with a bound. */
function tableFor(benchmark: Figure['benchmark'], boundedOnly = false): string {
  // A figure the run could not measure (server CPU without the server's pid) is left to the JSON.
  const rows = figures.filter((f) => f.benchmark === benchmark && (!boundedOnly || f.bound !== null) && (f.value !== null || f.bound !== null));
  if (rows.length === 0) return '_No figures: the benchmark did not run (see Failures)._';
  const lines = [
    '| server | figure | median | samples | bound | ratio | target | load (1 min) at start |',
    '|---|---|---:|---|---|---:|---|---|',
    ...rows.map(
      (f) =>
        `| ${f.server} | ${f.figure} | ${fmt(f.value)} ${f.unit} | ${f.samples.map(fmt).join(', ')} | ${f.bound?.text ?? ''} | ${fmt(f.ratio)} | ${verdict(f)} | ${loads(f)} |`,
    ),
  ];
  return lines.join('\n');
}

function syncTable(): string {
  if (syncRows.length === 0) return '';
  const lines = [
    '| server | scenario | requests | minimum | start-up + YAML (ms) | Keycloak phase (ms) | of it: list + plan | of it: apply | bound (ms) | phase / bound | peak RSS (MB) | runs |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...syncRows.map(({ target, scenario, samples }) => {
      const m = (pick: (r: SyncRow) => number | null) => fmt(round(median(samples.map((s) => pick(s.data))), 2));
      return `| ${target} | ${scenario} | ${m((r) => r.requests)} | ${m((r) => r.minimum)} | ${m((r) => r.localMs)} | ${m((r) => r.wallMs)} | ${m((r) => r.readMs)} | ${m((r) => r.applyMs)} | ${m((r) => r.boundMs)} | ${m((r) => r.ratio)} | ${m((r) => r.peakRssMb)} | ${samples.length} |`;
    }),
  ];
  return lines.join('\n');
}

const rev = result.revision;
const md = [
  '# Benchmark results',
  '',
  ...(smaller.length > 0
    ? [`> **SMALL RUN — not the figures of record.** Made with ${smaller.join(', ')}. Run \`npm run bench\` without these settings for the real report.`, '']
    : []),
  `Generated by \`npm run bench\` (bench/run-all.ts) on ${startedAt.toISOString()} in ${result.durationSeconds} s, at ${rev.sha ? `commit ${rev.sha.slice(0, 12)}${rev.dirty ? ' with uncommitted changes' : ''}` : 'an unknown commit'}.`,
  `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGb} GB, ${machine.platform}, Node ${machine.node}; load average ${machineLoad.join(' / ')} (1 / 5 / 15 min) at the start.`,
  `Each benchmark ran ${REPEAT} times as its own process; a figure is the median of those runs (each run is itself a median where the benchmark repeats inside: validate over ${validate[0]?.data.runs ?? '?'} CLI runs, the emulator's full list over ${emulator[0]?.data.runs ?? '?'} lists). The real Keycloak ${KEYCLOAK_VERSION} ${real ? 'was measured once per benchmark (it is slow), in the first run' : 'was not measured'}.`,
  'The ratio is the figure divided by its bound: at most 1 meets a "<" or "≤" bound, at least 1 meets a "≥" bound. The load figure is the 1-minute load average when each run started; the load generator and the server share the machine.',
  '',
  '## validate (bench/validate.mjs)',
  '',
  tableFor('validate'),
  '',
  '## emulator (bench/emulator.mjs)',
  '',
  tableFor('emulator'),
  '',
  '## sync (bench/sync.ts)',
  '',
  `${sync[0] ? `${sync[0].data.accounts} accounts × 5 clients, concurrency ${sync[0].data.concurrency}, page size ${sync[0].data.pageSize}. ` : ''}Each scenario is one spawned \`clientsync apply\` (or \`plan\`) process; requests are counted at its fetch; the Keycloak phase runs from its first request to its exit (list, plan, apply, report) and the bound is requests × latency / concurrency (at 0 ms latency there is none).`,
  '',
  'The figures with a bound:',
  '',
  tableFor('sync', true),
  '',
  'Every scenario (medians; every sample of every figure is in bench/results.json):',
  '',
  syncTable(),
  '',
  ...(keycloakReport === null
    ? []
    : ['## The real Keycloak, side by side (bench/keycloak.ts; full report: bench/keycloak-results.md, chart: bench/keycloak-chart.svg)', '', keycloakReport.replace(/^## /gm, '### '), '']),
  '## Failures',
  '',
  failures.length === 0 ? 'None: every benchmark ran to its end.' : failures.map((f) => `- ${f.benchmark}, run ${f.run}: ${f.message}`).join('\n'),
  '',
].join('\n');
writeFileSync(join(ROOT, 'bench/results.md'), md);

const unmet = figures.filter((f) => f.meets === false);
process.stdout.write(
  `\n${md}\nbench: wrote bench/results.md and bench/results.json; ${figures.filter((f) => f.meets === true).length} targets met, ${unmet.length} not met${unmet.length > 0 ? ` (${unmet.map((f) => `${f.server}: ${f.figure}`).join('; ')})` : ''}, ${failures.length} failed runs\n`,
);
process.exitCode = failures.length > 0 ? 1 : 0;
