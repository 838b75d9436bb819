// clientsync.yaml → Settings, or problems. Pure.
import { ownRecord } from '../shared/own-record.js';
import {
  DEFAULT_ACCOUNT_ID_PATTERN,
  DEFAULT_CLIENT_LIMIT,
  type Settings,
  type SettingsSpec,
} from '../model/desired.js';
import type { Problem } from '../model/problem.js';
import type { RawFile } from './repository-files.js';
import { parseYamlFile } from './parse-yaml.js';
import { safeRegExp } from './rules/account-id.js';
import { schemaProblems } from './schema-problems.js';
import { positionOf } from './source.js';

export const SETTINGS_FILE = 'clientsync.yaml';

/** Used to keep validating account files when clientsync.yaml is missing or broken. */
export const FALLBACK_SETTINGS: Settings = {
  realm: '',
  accountIdPattern: DEFAULT_ACCOUNT_ID_PATTERN,
  clientLimit: DEFAULT_CLIENT_LIMIT,
  clientLimits: {},
  allowedInternalHosts: [],
  scopes: {},
};

export interface SettingsResult {
  /** Null when the file is missing or has errors. */
  readonly settings: Settings | null;
  readonly problems: readonly Problem[];
}

export function missingSettings(): SettingsResult {
  return {
    settings: null,
    problems: [
      {
        file: SETTINGS_FILE,
        line: 1,
        column: 1,
        rule: 'settings',
        severity: 'error',
        message: `${SETTINGS_FILE} not found: run clientsync in the folder that holds it, or pass --dir (it names the realm and the allowed scopes)`,
      },
    ],
  };
}

export function loadSettings(bytes: Uint8Array, totalBytes = bytes.length): SettingsResult {
  const parsed = parseYamlFile(SETTINGS_FILE, bytes, totalBytes);
  const problems: Problem[] = [...parsed.problems];
  const source = parsed.source;
  if (!source) return { settings: null, problems };
  if (source.value === null || source.value === undefined) {
    problems.push({
      file: SETTINGS_FILE,
      line: 1,
      column: 1,
      rule: 'settings',
      severity: 'error',
      message: `${SETTINGS_FILE} is empty; it needs at least 'realm:' and 'scopes:' (see clients/README.md)`,
    });
    return { settings: null, problems };
  }
  problems.push(
    ...schemaProblems(source, 'clientsync').map((p) =>
      p.message.startsWith('an account file') ? { ...p, message: `${SETTINGS_FILE} must be a mapping with 'realm:' and 'scopes:' at the top` } : p,
    ),
  );
  const spec = source.value as SettingsSpec;
  if (typeof spec.accountIdPattern === 'string') {
    const pattern = safeRegExp(spec.accountIdPattern);
    if (!pattern) {
      problems.push({
        file: SETTINGS_FILE,
        ...positionOf(source, ['accountIdPattern']),
        rule: 'settings',
        severity: 'error',
        message: `accountIdPattern '${spec.accountIdPattern}' is not a valid regular expression`,
      });
    } else if (!spec.accountIdPattern.startsWith('^') || !spec.accountIdPattern.endsWith('$')) {
      problems.push({
        file: SETTINGS_FILE,
        ...positionOf(source, ['accountIdPattern']),
        rule: 'settings',
        severity: 'warning',
        message: `accountIdPattern should be anchored with ^ and $ so it matches whole account ids`,
      });
    }
  }
  if (problems.some((p) => p.severity === 'error')) return { settings: null, problems };
  return {
    settings: {
      realm: spec.realm,
      accountIdPattern: spec.accountIdPattern ?? DEFAULT_ACCOUNT_ID_PATTERN,
      clientLimit: spec.clientLimit ?? DEFAULT_CLIENT_LIMIT,
      // No prototype: account ids and scope names are looked up in them (shared/own-record.ts).
      clientLimits: ownRecord(spec.clientLimits ?? {}),
      allowedInternalHosts: spec.allowedInternalHosts ?? [],
      scopes: ownRecord(spec.scopes),
    },
    problems,
  };
}

/** clientsync.yaml as read (null when missing) → Settings, or problems. */
export function validateSettingsFile(settings: RawFile | null): SettingsResult {
  return settings ? loadSettings(settings.bytes, settings.size) : missingSettings();
}
