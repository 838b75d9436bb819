// A validation problem is data: renderers decide how to show it (text, json, GitHub annotations).

/**
 * Rule ids (docs/design.md, "Validation rules"), plus `file-layout` for files in the wrong place
 * or with the wrong extension.
 */
export type RuleId =
  | 'yaml-syntax'
  | 'schema'
  | 'account-id'
  | 'client-id-prefix'
  | 'client-id-unique'
  | 'client-limit'
  | 'capabilities'
  | 'redirects'
  | 'url'
  | 'web-origins'
  | 'scope-known'
  | 'rotate'
  | 'file-layout'
  | 'settings'
  | 'secret-delivery';

export type Severity = 'error' | 'warning';

export interface Problem {
  /** Path relative to the repository root, with `/` separators (e.g. `clients/acme.yaml`). */
  readonly file: string;
  /** 1-based line and column of the offending node. */
  readonly line: number;
  readonly column: number;
  readonly rule: RuleId;
  readonly severity: Severity;
  /** Says what is wrong and what to write instead. Never contains a secret. */
  readonly message: string;
}

/** Sort order used by every renderer: file, line, column, then rule. */
export function compareProblems(a: Problem, b: Problem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
