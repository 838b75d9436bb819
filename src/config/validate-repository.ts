// RepositoryFiles → DesiredState + every problem of every file. Pure (the clock is passed in).
import type { DesiredAccount, DesiredState, Settings } from '../model/desired.js';
import { compareProblems, type Problem } from '../model/problem.js';
import { loadAccount, type AccountResult } from './load-account.js';
import { FALLBACK_SETTINGS, loadSettings, missingSettings, type SettingsResult } from './load-settings.js';
import type { RawFile, RepositoryFiles } from './repository-files.js';

export interface ValidationResult {
  /** Null when clientsync.yaml is missing or invalid: nothing can be planned then. */
  readonly desired: DesiredState | null;
  /** All problems, sorted by file, line, column. */
  readonly problems: readonly Problem[];
  /** Files looked at (settings + account files) and clients declared in valid files. */
  readonly fileCount: number;
  readonly clientCount: number;
}

export function validateSettingsFile(settings: RawFile | null): SettingsResult {
  return settings ? loadSettings(settings.bytes, settings.size) : missingSettings();
}

/** Validates one account file against already loaded settings (what a worker thread runs). */
export function validateAccountFile(raw: RawFile, settings: Settings | null, now: Date): AccountResult {
  return loadAccount(raw, settings ?? FALLBACK_SETTINGS, settings !== null, now);
}

export function validateAccountFiles(accounts: readonly RawFile[], settings: Settings | null, now: Date): AccountResult[] {
  return accounts.map((raw) => validateAccountFile(raw, settings, now));
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

export function validateRepository(files: RepositoryFiles, now: Date): ValidationResult {
  const settingsResult = validateSettingsFile(files.settings);
  return assembleResult(files, settingsResult, validateAccountFiles(files.accounts, settingsResult.settings, now));
}
