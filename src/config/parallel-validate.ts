// Validates many account files on several cores (the "in workers where it pays" of config's
// path, see load-repository.ts). YAML parsing dominates the cost of `validate`, so a large
// repository's account files are shared with worker threads; each runs the same pure function
// as the main thread (validateAccountFile), and the results come back in file order.
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
import { validateAccountFile, type AccountResult } from './load-account.js';
import type { RawFile } from './repository-files.js';
import { claimAll, hasStarted, sharedQueue, type Claimed, type SharedQueue } from './shared-queue.js';

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

/** Each account file's result, in file order; on this thread alone when no worker is started. */
export async function validateAccountsParallel(
  accounts: readonly RawFile[],
  settings: Settings | null,
  now: Date,
  threads = defaultThreads(accounts.length),
  options: ParallelOptions = {},
): Promise<AccountResult[]> {
  const workers = options.workers ?? startWorkers(accounts.length, threads);
  if (workers.length === 0) return validateInSlices(accounts, settings, now);
  try {
    return await validateShared(accounts, settings, now, workers, options.mainThreadValidates !== false);
  } finally {
    // Workers that reported have ended already; any other (after a failure) would wait forever.
    stopWorkers(workers);
  }
}

/** Files validated between two turns of the event loop when the main thread validates alone. */
export const SLICE_FILES = 25;

/**
 * The account files on the main thread, a slice of files at a time with a turn of the event loop
 * between slices: I/O the caller started meanwhile (sync starts reading Keycloak's client list
 * as soon as clientsync.yaml is read) makes progress instead of waiting for the end. Same
 * results, in file order.
 */
async function validateInSlices(accounts: readonly RawFile[], settings: Settings | null, now: Date): Promise<AccountResult[]> {
  const results: AccountResult[] = [];
  for (let i = 0; i < accounts.length; i++) {
    results.push(validateAccountFile(accounts[i]!, settings, now));
    if (i % SLICE_FILES === SLICE_FILES - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  return results;
}

export function stopWorkers(workers: readonly ValidationWorker[]): void {
  for (const { worker } of workers) void worker.terminate();
}

async function validateShared(
  accounts: readonly RawFile[],
  settings: Settings | null,
  now: Date,
  workers: readonly ValidationWorker[],
  mainThreadValidates: boolean,
): Promise<AccountResult[]> {
  const queue = sharedQueue(workers.length);
  workers.forEach(({ worker }, i) => {
    const input: WorkerInput = { accounts, settings, nowMs: now.getTime(), queue, worker: i };
    worker.postMessage(input);
  });
  const mine = mainThreadValidates ? claimAll(queue, accounts.length, (i) => validateAccountFile(accounts[i]!, settings, now)) : NOTHING;
  // Every file is claimed once the main thread's loop ends. A worker still loading its
  // modules then has nothing to do: it is not waited for (and stopped by the caller).
  const outputs = workers.map(({ output }, i) => (mainThreadValidates && !hasStarted(queue, i) ? NOTHING : output));
  const results = new Array<AccountResult>(accounts.length);
  for (const claimed of [mine, ...(await Promise.all(outputs))]) {
    claimed.indices.forEach((index, k) => (results[index] = claimed.results[k]!));
  }
  return results;
}
