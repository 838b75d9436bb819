// Validates many account files on all cores. YAML parsing dominates the cost of `validate`
// (about 1.5 ms per 5-client file on this kind of machine), so a large repository is split
// across worker threads; each runs the same pure functions as validateRepository, and the
// result is identical (sorted the same way). Small repositories stay on the main thread,
// where starting workers would cost more than it saves.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AccountResult } from './load-account.js';
import type { RepositoryFiles } from './repository-files.js';
import { assembleResult, validateAccountFiles, validateRepository, validateSettingsFile, type ValidationResult } from './validate-repository.js';

/** Below this many account files one thread is faster. */
export const PARALLEL_THRESHOLD = 200;

export interface WorkerInput {
  readonly accounts: RepositoryFiles['accounts'];
  readonly settings: Parameters<typeof validateAccountFiles>[1];
  readonly nowMs: number;
}

const WORKER = new URL('./validate-worker.js', import.meta.url);

function runWorker(input: WorkerInput): Promise<AccountResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: input });
    worker.once('message', (results: AccountResult[]) => resolve(results));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`validation worker exited with code ${code}`));
    });
  });
}

export async function validateRepositoryParallel(files: RepositoryFiles, now: Date, threads = availableParallelism()): Promise<ValidationResult> {
  const count = Math.min(threads, Math.floor(files.accounts.length / (PARALLEL_THRESHOLD / 2)));
  // Run from TypeScript sources (tests, vite-node) there is no compiled worker: one thread then.
  if (count < 2 || !existsSync(fileURLToPath(WORKER))) return validateRepository(files, now);
  const settingsResult = validateSettingsFile(files.settings);
  const chunkSize = Math.ceil(files.accounts.length / count);
  const chunks = Array.from({ length: count }, (_, i) => files.accounts.slice(i * chunkSize, (i + 1) * chunkSize));
  // The main thread takes the last chunk itself instead of idling.
  const mine = chunks.pop() ?? [];
  const pending = chunks.map((accounts) => runWorker({ accounts, settings: settingsResult.settings, nowMs: now.getTime() }));
  const local = validateAccountFiles(mine, settingsResult.settings, now);
  const results = (await Promise.all(pending)).flat();
  return assembleResult(files, settingsResult, [...results, ...local]);
}
