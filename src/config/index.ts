// config: reads clientsync.yaml and clients/*.yaml with source positions and validates them
// against the JSON Schemas in schemas/ plus the semantic rules of design 2.3.
// Invariants: every problem points at the offending node (file, line, column); all problems
// of all files are collected in one run, never only the first; only read-repository.ts does
// I/O, everything else takes values and returns values (the clock is a parameter).
export { readRepository, readSettingsFile, CLIENTS_DIR } from './read-repository.js';
export { validateRepository, type ValidationResult } from './validate-repository.js';
export type { RepositoryFiles, RawFile } from './repository-files.js';
export { parseRfc3339 } from '../shared/rfc3339.js';
export { MAX_FILE_BYTES, MAX_ALIAS_COUNT } from './parse-yaml.js';

import { defaultThreads, startWorkers, stopWorkers, validateRepositoryParallel } from './parallel-validate.js';
import { listRepository, readListed } from './read-repository.js';
import type { ValidationResult } from './validate-repository.js';

/** Reads and validates the repository at `dir` (large repositories on several cores). */
export async function loadRepository(dir: string, now: Date): Promise<ValidationResult> {
  const listing = listRepository(dir);
  // Started before the files are read: a worker takes longer to start than the reading.
  const threads = defaultThreads(listing.accounts.length);
  const workers = startWorkers(listing.accounts.length, threads);
  let files;
  try {
    files = readListed(listing);
  } catch (error) {
    stopWorkers(workers);
    throw error;
  }
  return validateRepositoryParallel(files, now, threads, { workers });
}
