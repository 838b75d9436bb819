// Validates many account files on several cores. YAML parsing dominates the cost of
// `validate`, so a large repository is shared with worker threads; each runs the same pure
// functions as validateRepository, and the result is identical (sorted the same way).
//
// A worker is not free: it needs about 0.2 s before it can validate anything (a thread, then
// its modules to load), then its own JIT warm-up, and its V8 compiler and GC threads compete
// with everything else. On one thread, V8's background threads already use a second core. So
// by default a thread is added per FILES_PER_THREAD files only. loadRepository starts the
// workers before it reads the files, and the files are handed out one at a time through a
// shared queue rather than split in fixed halves: the main thread starts at once and the
// workers join when ready.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Settings } from '../model/desired.js';
import type { AccountResult } from './load-account.js';
import type { RawFile, RepositoryFiles } from './repository-files.js';
import { claimAll, hasStarted, sharedQueue, type Claimed, type SharedQueue } from './shared-queue.js';
import { assembleResult, validateAccountFile, validateSettingsFile, type ValidationResult } from './validate-repository.js';

/** Fewer account files than this are validated on one thread, however many threads are asked for
 * (a worker's start-up costs more than it saves). Above it, FILES_PER_THREAD sets the default. */
export const PARALLEL_THRESHOLD = 200;

/**
 * Account files per thread by default. Measured on 2 cores (the CLI, 5-client files, medians):
 * 1,000 files take 1.70 s on one thread and 1.88 s on two, 2,000 files 2.6 s either way,
 * 4,000 files 3.75 s on one and 3.16 s on two. Not measured on more cores, where a worker's
 * start-up competes less with the main thread and might pay off earlier.
 */
export const FILES_PER_THREAD = 1000;

/** How many threads validate `accountCount` files by default: at most one per core. */
export function defaultThreads(accountCount: number): number {
  return Math.max(1, Math.min(availableParallelism(), Math.floor(accountCount / FILES_PER_THREAD)));
}

/** What the main thread posts to each worker once the files are read. */
export interface WorkerInput {
  readonly accounts: readonly RawFile[];
  readonly settings: Settings | null;
  readonly nowMs: number;
  readonly queue: SharedQueue;
  /** This worker's index in the queue's started flags. */
  readonly worker: number;
}

export type WorkerOutput = Claimed<AccountResult>;

export interface ValidationWorker {
  readonly worker: Worker;
  /** Rejects if the worker fails; only awaited for a worker that took files. */
  readonly output: Promise<WorkerOutput>;
}

const WORKER = new URL('./validate-worker.js', import.meta.url);
const NOTHING: WorkerOutput = { indices: [], results: [] };

function spawn(): ValidationWorker {
  const worker = new Worker(WORKER);
  const output = new Promise<WorkerOutput>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`validation worker exited with code ${code} before it reported`)));
  });
  // A worker stopped unused rejects on exit; that rejection must not end the process.
  output.catch(() => undefined);
  return { worker, output };
}

/**
 * Starts the worker threads for `accountCount` files: one fewer than the threads used (the
 * main thread validates too), none when one thread is faster. Run from TypeScript sources
 * (tests, vite-node) there is no compiled worker: none then either.
 */
export function startWorkers(accountCount: number, threads = defaultThreads(accountCount)): readonly ValidationWorker[] {
  const count = Math.min(threads, Math.floor(accountCount / (PARALLEL_THRESHOLD / 2)));
  if (count < 2 || !existsSync(fileURLToPath(WORKER))) return [];
  return Array.from({ length: count - 1 }, spawn);
}

export interface ParallelOptions {
  /** Workers started earlier (see startWorkers); by default they are started here. */
  readonly workers?: readonly ValidationWorker[];
  /** False: the main thread only waits, every file goes through a worker (for tests). */
  readonly mainThreadValidates?: boolean;
}

export async function validateRepositoryParallel(
  files: RepositoryFiles,
  now: Date,
  threads = defaultThreads(files.accounts.length),
  options: ParallelOptions = {},
): Promise<ValidationResult> {
  const workers = options.workers ?? startWorkers(files.accounts.length, threads);
  if (workers.length === 0) return validateInSlices(files, now);
  try {
    return await validateShared(files, now, workers, options.mainThreadValidates !== false);
  } finally {
    // Workers that reported have ended already; any other (after a failure) would wait forever.
    stopWorkers(workers);
  }
}

/** Files validated between two turns of the event loop when the main thread validates alone. */
export const SLICE_FILES = 25;

/**
 * validateRepository on the main thread, a slice of files at a time with a turn of the event
 * loop between slices: I/O the caller started meanwhile (sync starts reading Keycloak's client
 * list as soon as clientsync.yaml is read) makes progress instead of waiting for the end. Same
 * result as validateRepository.
 */
async function validateInSlices(files: RepositoryFiles, now: Date): Promise<ValidationResult> {
  const settingsResult = validateSettingsFile(files.settings);
  const results: AccountResult[] = [];
  for (let i = 0; i < files.accounts.length; i++) {
    results.push(validateAccountFile(files.accounts[i]!, settingsResult.settings, now));
    if (i % SLICE_FILES === SLICE_FILES - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  return assembleResult(files, settingsResult, results);
}

export function stopWorkers(workers: readonly ValidationWorker[]): void {
  for (const { worker } of workers) void worker.terminate();
}

async function validateShared(files: RepositoryFiles, now: Date, workers: readonly ValidationWorker[], mainThreadValidates: boolean): Promise<ValidationResult> {
  const settingsResult = validateSettingsFile(files.settings);
  const queue = sharedQueue(workers.length);
  const accounts = files.accounts;
  workers.forEach(({ worker }, i) => {
    const input: WorkerInput = { accounts, settings: settingsResult.settings, nowMs: now.getTime(), queue, worker: i };
    worker.postMessage(input);
  });
  const mine = mainThreadValidates ? claimAll(queue, accounts.length, (i) => validateAccountFile(accounts[i]!, settingsResult.settings, now)) : NOTHING;
  // Every file is claimed once the main thread's loop ends. A worker still loading its
  // modules then has nothing to do: it is not waited for (and stopped by the caller).
  const outputs = workers.map(({ output }, i) => (mainThreadValidates && !hasStarted(queue, i) ? NOTHING : output));
  const results = new Array<AccountResult>(accounts.length);
  for (const claimed of [mine, ...(await Promise.all(outputs))]) {
    claimed.indices.forEach((index, k) => (results[index] = claimed.results[k]!));
  }
  return assembleResult(files, settingsResult, results);
}
