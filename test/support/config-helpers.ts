// Builders for the config unit tests: validate in-memory files without touching the disk.
import type { RawFile, RepositoryFiles } from '../../src/config/repository-files.js';
import { validateRepository, type ValidationResult } from '../../src/config/validate-repository.js';

export const SETTINGS_YAML = `realm: insights
clientLimit: 5
clientLimits:
  big: 8
scopes:
  datahub-api: Query the API.
  push-data: Send datapoints.
`;

export const NOW = new Date('2026-11-27T00:00:00Z');

export function raw(file: string, content: string | Uint8Array): RawFile {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { file, bytes, size: bytes.length };
}

export function validateFiles(
  accounts: Record<string, string | Uint8Array>,
  options: { settings?: string | null; now?: Date } = {},
): ValidationResult {
  const settings = options.settings === undefined ? SETTINGS_YAML : options.settings;
  const files: RepositoryFiles = {
    settings: settings === null ? null : raw('clientsync.yaml', settings),
    accounts: Object.entries(accounts).map(([file, content]) => raw(file, content)),
    misplaced: [],
  };
  return validateRepository(files, options.now ?? NOW);
}

/** Validates one account file `clients/<account>.yaml` and returns its problems. */
export function problemsOf(content: string | Uint8Array, account = 'acme', now?: Date) {
  return validateFiles({ [`clients/${account}.yaml`]: content }, now ? { now } : {}).problems;
}

/** `rule@line:column` of each problem: compact to assert on. */
export function where(problems: readonly { rule: string; line: number; column: number }[]): string[] {
  return problems.map((p) => `${p.rule}@${p.line}:${p.column}`);
}
