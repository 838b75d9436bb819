// Worker-thread entry of parallel-validate.ts: validates the account files it claims from the
// shared queue and reports them with their indices.
import { parentPort } from 'node:worker_threads';
import type { WorkerInput, WorkerOutput } from './parallel-validate.js';
import { claimAll, markStarted } from './shared-queue.js';
import { validateAccountFile } from './load-account.js';

parentPort?.once('message', (input: WorkerInput) => {
  markStarted(input.queue, input.worker);
  const now = new Date(input.nowMs);
  const output: WorkerOutput = claimAll(input.queue, input.accounts.length, (i) => validateAccountFile(input.accounts[i]!, input.settings, now));
  parentPort?.postMessage(output);
});
