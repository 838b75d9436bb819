// Worker-thread entry of parallel-validate.ts: validates its share of account files.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerInput } from './parallel-validate.js';
import { validateAccountFiles } from './validate-repository.js';

const input = workerData as WorkerInput;
parentPort?.postMessage(validateAccountFiles(input.accounts, input.settings, new Date(input.nowMs)));
