// clients/<accountId>.yaml → the account's declared clients, or problems. Pure.
import type { AccountFileSpec, DesiredAccount, Settings } from '../model/desired.js';
import type { Problem } from '../model/problem.js';
import { parseYamlFile } from './parse-yaml.js';
import { accountIdProblem } from './rules/account-id.js';
import { FALLBACK_SETTINGS } from './load-settings.js';
import { accountRuleProblems } from './rules/index.js';
import { schemaProblems } from './schema-problems.js';

export interface AccountInput {
  /** Repository-relative path, e.g. `clients/acme.yaml`. */
  readonly file: string;
  readonly bytes: Uint8Array;
  /** Full size when `bytes` holds only the first part of a file over the limit. */
  readonly size?: number;
}

export interface AccountResult {
  readonly account: DesiredAccount;
  readonly problems: readonly Problem[];
}

export function accountIdOf(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return base.replace(/\.yaml$/, '');
}

export function loadAccount(input: AccountInput, settings: Settings, settingsKnown: boolean, now: Date): AccountResult {
  const accountId = accountIdOf(input.file);
  const parsed = parseYamlFile(input.file, input.bytes, input.size ?? input.bytes.length);
  const problems: Problem[] = [...parsed.problems];
  // The file name is judged even when the content cannot be parsed.
  const badName = accountIdProblem(input.file, accountId, settings);
  if (badName) problems.push(badName);
  const source = parsed.source;
  if (source) {
    if (source.value === null || source.value === undefined) {
      problems.push({
        file: input.file,
        line: 1,
        column: 1,
        rule: 'schema',
        severity: 'error',
        message: "the file is empty; an account file starts with 'clients:' (write 'clients: []' for an account without clients)",
      });
    } else {
      for (const p of schemaProblems(source, 'account')) problems.push(p);
    }
    for (const p of accountRuleProblems({ source, accountId, settings, settingsKnown, now })) problems.push(p);
  }
  const errorCount = problems.filter((p) => p.severity === 'error').length;
  const valid = errorCount === 0 && source !== null;
  return {
    account: {
      accountId,
      file: input.file,
      valid,
      errorCount: valid ? 0 : Math.max(1, errorCount),
      clients: valid ? (source.value as AccountFileSpec).clients : [],
    },
    problems,
  };
}

/**
 * One account file against already loaded settings, or against fallback settings when
 * clientsync.yaml is missing or invalid (then the rules that need the settings stay quiet).
 * The unit of work of the validate step, on the main thread or in a worker.
 */
export function validateAccountFile(raw: AccountInput, settings: Settings | null, now: Date): AccountResult {
  return loadAccount(raw, settings ?? FALLBACK_SETTINGS, settings !== null, now);
}
