// The secret delivery file (--secret-delivery FILE, CLIENTSYNC_SECRET_DELIVERY): bytes → the
// configured targets, or problems with their lines. Pure (readDeliveryFile is the one adapter).
// Checked with schemas/secret-delivery.schema.json first, then the rules the schema cannot say:
// one of command or directory per target, placeholders known and never in the program itself,
// an absolute directory, unique names. Nothing runs before the whole file is valid.
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseYamlFile } from '../config/parse-yaml.js';
import { schemaProblems } from '../config/schema-problems.js';
import { positionOf, type ParsedSource, type ValuePath } from '../config/source.js';
import { UsageError } from '../model/errors.js';
import { compareProblems, type Problem } from '../model/problem.js';

export const PLACEHOLDERS = ['accountId', 'clientId', 'reason'] as const;
export const DEFAULT_TIMEOUT_SECONDS = 30;

export interface CommandTargetSpec {
  readonly kind: 'command';
  readonly name: string;
  /** The program (a path relative to the file's folder is made absolute) and its arguments. */
  readonly command: readonly string[];
  readonly stdin: 'secret' | 'json';
  readonly timeoutSeconds: number;
  /** Variables passed on besides PATH and HOME. */
  readonly env: readonly string[];
}

export interface DirectoryTargetSpec {
  readonly kind: 'directory';
  readonly name: string;
  readonly directory: string;
}

export type TargetSpec = CommandTargetSpec | DirectoryTargetSpec;

export interface DeliveryConfig {
  readonly file: string;
  readonly targets: readonly TargetSpec[];
}

export interface DeliveryFileResult {
  readonly config: DeliveryConfig | null;
  readonly problems: readonly Problem[];
}

interface RawTarget {
  readonly name: string;
  readonly command?: readonly string[];
  readonly stdin?: 'secret' | 'json';
  readonly timeoutSeconds?: number;
  readonly env?: readonly string[];
  readonly directory?: string;
}

/** `file` names the file in problems; relative program paths are resolved against its folder. */
export function parseDeliveryFile(file: string, bytes: Uint8Array): DeliveryFileResult {
  const parsed = parseYamlFile(file, bytes);
  const source = parsed.source;
  if (!source) return { config: null, problems: parsed.problems };
  const problems: Problem[] = [...parsed.problems];
  const at = (path: ValuePath, message: string, part: 'value' | 'key' = 'value'): void => {
    problems.push({ file, ...positionOf(source, path, part), rule: 'secret-delivery', severity: 'error', message });
  };
  if (source.value === null || source.value === undefined) {
    at([], 'the secret delivery file is empty; it needs a `targets:` list (see docs/secrets.md)');
    return { config: null, problems };
  }
  problems.push(
    ...schemaProblems(source, 'secret-delivery').map((p) =>
      p.message.startsWith('an account file') ? { ...p, message: 'the secret delivery file must be a mapping with a `targets:` list at the top (see docs/secrets.md)' } : p,
    ),
  );
  if (problems.length > 0) return { config: null, problems: problems.sort(compareProblems) };

  const raw = (source.value as { targets: readonly RawTarget[] }).targets;
  const targets: TargetSpec[] = [];
  const firstByName = new Map<string, number>();
  raw.forEach((target, i) => {
    const path = ['targets', i];
    const seen = firstByName.get(target.name);
    if (seen !== undefined) {
      const line = positionOf(source, ['targets', seen, 'name']).line;
      at([...path, 'name'], `target name '${target.name}' is used twice (first on line ${line}); give each target its own name`);
    } else firstByName.set(target.name, i);
    const spec = checkTarget(source, target, path, at);
    if (spec) targets.push(spec);
  });
  if (problems.length > 0) return { config: null, problems: problems.sort(compareProblems) };
  return { config: { file, targets }, problems: [] };
}

function checkTarget(
  source: ParsedSource,
  target: RawTarget,
  path: ValuePath,
  at: (path: ValuePath, message: string, part?: 'value' | 'key') => void,
): TargetSpec | null {
  const who = `target '${target.name}'`;
  if (target.command !== undefined && target.directory !== undefined) {
    at([...path, 'directory'], `${who} has both command and directory; a target is one or the other (use two targets)`, 'key');
    return null;
  }
  if (target.directory !== undefined) {
    for (const key of ['stdin', 'timeoutSeconds', 'env'] as const) {
      if (target[key] !== undefined) at([...path, key], `${who}: '${key}' applies to a command target only; remove it`, 'key');
    }
    if (!isAbsolute(target.directory)) {
      at([...path, 'directory'], `${who}: directory '${target.directory}' is relative; write an absolute path (the daemon's working directory is no place for secrets)`);
      return null;
    }
    return { kind: 'directory', name: target.name, directory: resolve(target.directory) };
  }
  if (target.command === undefined) {
    at(path, `${who} needs either command: [program, arguments…] or directory: /absolute/path`);
    return null;
  }
  const [program, ...args] = target.command;
  if (program === undefined || program.trim() === '') {
    at([...path, 'command'], `${who}: the command is empty; write the program and its arguments, e.g. command: [vault, kv, put, "secret/{accountId}/{clientId}", "client_secret=-"]`);
    return null;
  }
  let ok = true;
  target.command.forEach((item, j) => {
    for (const name of placeholdersIn(item)) {
      if (j === 0) {
        at([...path, 'command', j], `${who}: the program itself cannot hold a placeholder ({${name}}); only its arguments can`);
        ok = false;
      } else if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
        const near = PLACEHOLDERS.find((p) => p.toLowerCase() === name.toLowerCase().replace(/[^a-z]/g, ''));
        at(
          [...path, 'command', j],
          `${who}: unknown placeholder {${name}}${near ? `; did you mean {${near}}?` : ''} Known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
        );
        ok = false;
      }
    }
  });
  if (!ok) return null;
  // A program named by a relative path is found beside the file, not in the working directory.
  const resolved = program.includes('/') && !isAbsolute(program) ? resolve(dirname(resolve(source.file)), program) : program;
  return {
    kind: 'command',
    name: target.name,
    command: [resolved, ...args],
    stdin: target.stdin ?? 'secret',
    timeoutSeconds: target.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    env: target.env ?? [],
  };
}

/** The names between `{` and `}` in an argument. */
export function placeholdersIn(item: string): string[] {
  return [...item.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? '');
}

/** Replaces the placeholders (checked when the file was read) with their values. */
export function fillPlaceholders(item: string, values: Readonly<Record<(typeof PLACEHOLDERS)[number], string>>): string {
  return item.replace(/\{(accountId|clientId|reason)\}/g, (_, name: (typeof PLACEHOLDERS)[number]) => values[name]);
}

/** Reads and checks the file; every problem is listed in one UsageError (exit 64). */
export async function readDeliveryFile(path: string): Promise<DeliveryConfig> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(`cannot read the secret delivery file '${path}' (${code ?? 'unreadable'}); give the path of a YAML file (see docs/secrets.md)`);
  }
  const { config, problems } = parseDeliveryFile(path, bytes);
  if (config) return config;
  const lines = problems.map((p) => `  ${p.file}:${p.line}:${p.column}: ${p.severity} [${p.rule}] ${p.message}`);
  throw new UsageError(
    `the secret delivery file has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was done:\n${lines.join('\n')}`,
  );
}
