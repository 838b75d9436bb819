// The validate and assemble steps of config's path (see load-repository.ts): RepositoryFiles →
// DesiredState + every problem of every file. The settings first (the account rules need them),
// then each account file (load-account.ts; in worker threads where it pays, parallel-validate.ts),
// then one sorted result. Pure apart from the worker threads (the clock is passed in).
import type { DesiredAccount, DesiredState } from '../model/desired.js';
import { compareProblems, type Problem } from '../model/problem.js';
import { validateAccountFile, type AccountResult } from './load-account.js';
import { validateSettingsFile, type SettingsResult } from './load-settings.js';
import { defaultThreads, validateAccountsParallel, type ParallelOptions } from './parallel-validate.js';
import type { RepositoryFiles } from './repository-files.js';

export { validateSettingsFile } from './load-settings.js';

export interface ValidationResult {
  /** Null when clientsync.yaml is missing or invalid: nothing can be planned then. */
  readonly desired: DesiredState | null;
  /** All problems, sorted by file, line, column. */
  readonly problems: readonly Problem[];
  /** Files looked at (settings + account files) and clients declared in valid files. */
  readonly fileCount: number;
  readonly clientCount: number;
}

export function assembleResult(files: RepositoryFiles, settingsResult: SettingsResult, results: readonly AccountResult[]): ValidationResult {
  const problems: Problem[] = [...settingsResult.problems];
  for (const m of files.misplaced) {
    problems.push({ file: m.file, line: 1, column: 1, rule: 'file-layout', severity: 'error', message: m.message });
  }
  // A misplaced file that is recognisably an account's (clients/beta.yml, a symbolic link
  // clients/beta.yaml, clients/x/beta.yaml) makes that account skipped, like an invalid file.
  // Ignored, the account would look as if it had no file, and apply would delete its clients.
  const misplacedOf = new Map<string, string[]>();
  for (const m of files.misplaced) {
    if (m.account === undefined) continue;
    const same = misplacedOf.get(m.account);
    if (same) same.push(m.file);
    else misplacedOf.set(m.account, [m.file]);
  }
  const accounts: DesiredAccount[] = [];
  for (const result of results) {
    const misplaced = misplacedOf.get(result.account.accountId);
    misplacedOf.delete(result.account.accountId);
    accounts.push(
      misplaced === undefined
        ? result.account
        : { ...result.account, valid: false, errorCount: result.account.errorCount + misplaced.length, clients: [] },
    );
    // Not push(...): a file of a million syntax errors would overflow the stack as arguments.
    for (const p of result.problems) problems.push(p);
  }
  for (const [accountId, misplaced] of misplacedOf) {
    accounts.push({ accountId, file: misplaced[0] ?? `clients/${accountId}.yaml`, valid: false, errorCount: misplaced.length, clients: [] });
  }
  problems.sort(compareProblems);
  return {
    desired: settingsResult.settings ? { settings: settingsResult.settings, accounts } : null,
    problems,
    fileCount: (files.settings ? 1 : 0) + files.accounts.length,
    clientCount: accounts.reduce((n, a) => n + a.clients.length, 0),
  };
}

/** Validate and assemble on this thread. */
export function validateRepository(files: RepositoryFiles, now: Date): ValidationResult {
  const settings = validateSettingsFile(files.settings);
  const accounts = files.accounts.map((raw) => validateAccountFile(raw, settings.settings, now));
  return assembleResult(files, settings, accounts);
}

/** Validate (account files in worker threads where it pays) and assemble: the same result. */
export async function validateRepositoryParallel(
  files: RepositoryFiles,
  now: Date,
  threads = defaultThreads(files.accounts.length),
  options: ParallelOptions = {},
): Promise<ValidationResult> {
  const settings = validateSettingsFile(files.settings);
  const accounts = await validateAccountsParallel(files.accounts, settings.settings, now, threads, options);
  return assembleResult(files, settings, accounts);
}
