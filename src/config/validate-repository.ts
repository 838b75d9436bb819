// RepositoryFiles → DesiredState + every problem of every file. Pure (the clock is passed in).
import type { DesiredAccount, DesiredState } from '../model/desired.js';
import { compareProblems, type Problem } from '../model/problem.js';
import { loadAccount } from './load-account.js';
import { FALLBACK_SETTINGS, loadSettings, missingSettings } from './load-settings.js';
import type { RepositoryFiles } from './repository-files.js';

export interface ValidationResult {
  /** Null when clientsync.yaml is missing or invalid: nothing can be planned then. */
  readonly desired: DesiredState | null;
  /** All problems, sorted by file, line, column. */
  readonly problems: readonly Problem[];
  /** Files looked at (settings + account files) and clients declared in valid files. */
  readonly fileCount: number;
  readonly clientCount: number;
}

export function validateRepository(files: RepositoryFiles, now: Date): ValidationResult {
  const problems: Problem[] = [];
  const settingsResult = files.settings
    ? loadSettings(files.settings.bytes, files.settings.size)
    : missingSettings();
  problems.push(...settingsResult.problems);
  for (const m of files.misplaced) {
    problems.push({ file: m.file, line: 1, column: 1, rule: 'file-layout', severity: 'error', message: m.message });
  }
  const settings = settingsResult.settings ?? FALLBACK_SETTINGS;
  const accounts: DesiredAccount[] = [];
  for (const raw of files.accounts) {
    const result = loadAccount(raw, settings, settingsResult.settings !== null, now);
    accounts.push(result.account);
    problems.push(...result.problems);
  }
  problems.sort(compareProblems);
  return {
    desired: settingsResult.settings ? { settings: settingsResult.settings, accounts } : null,
    problems,
    fileCount: (files.settings ? 1 : 0) + files.accounts.length,
    clientCount: accounts.reduce((n, a) => n + a.clients.length, 0),
  };
}
