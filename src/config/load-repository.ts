// config's one path from a folder to a validation result, step by step:
//   list      read-repository.ts     which files there are (one directory listing, nothing read)
//   read      read-repository.ts     their bytes, each up to the size limit
//   validate  load-settings.ts       clientsync.yaml first (the account rules need it), then
//             load-account.ts        each account file: YAML, schema, rules; in worker threads
//             parallel-validate.ts   when there are enough files for that to pay
//   assemble  validate-repository.ts one DesiredState and every problem, sorted
// Only list and read do I/O.
import { defaultThreads, startWorkers, stopWorkers } from './parallel-validate.js';
import { listRepository, readListed } from './read-repository.js';
import type { RepositoryFiles } from './repository-files.js';
import { validateRepositoryParallel, type ValidationResult } from './validate-repository.js';

/** Reads and validates the repository at `dir` (large repositories on several cores). */
export async function loadRepository(dir: string, now: Date): Promise<ValidationResult> {
  const listing = listRepository(dir);
  // The workers start before the files are read: a worker takes longer to start than the reading.
  const threads = defaultThreads(listing.accounts.length);
  const workers = startWorkers(listing.accounts.length, threads);
  let files: RepositoryFiles;
  try {
    files = readListed(listing);
  } catch (error) {
    stopWorkers(workers);
    throw error;
  }
  return validateRepositoryParallel(files, now, threads, { workers });
}
