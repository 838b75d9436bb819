import type { Settings } from '../../model/desired.js';
import type { Problem } from '../../model/problem.js';

/** `account-id`: the file name (without .yaml) is the account id and must match accountIdPattern. */
export function accountIdProblem(file: string, accountId: string, settings: Settings): Problem | null {
  const pattern = safeRegExp(settings.accountIdPattern);
  if (!pattern || pattern.test(accountId)) return null;
  const hint = accountIdHint(accountId, pattern);
  const suggestion = hint !== null ? `; rename it to clients/${hint}.yaml` : '';
  return {
    file,
    line: 1,
    column: 1,
    rule: 'account-id',
    severity: 'error',
    message:
      `the file name '${accountId}' is not a valid account id: it must match ${settings.accountIdPattern} ` +
      `(lower-case letters, digits and '-', no '_' or spaces)${suggestion}`,
  };
}

/** A valid account id close to `text` (lower-cased, other characters as '-'), or null when none is. */
export function accountIdHint(text: string, pattern: RegExp): string | null {
  const hint = text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return hint !== '' && hint !== text && pattern.test(hint) ? hint : null;
}

export function safeRegExp(source: string): RegExp | undefined {
  try {
    return new RegExp(source, 'u');
  } catch {
    return undefined;
  }
}
