// The shape every CLI command shares, and the helpers that turn argv into options.
// Commands receive their I/O through `CliIo` so tests can run them in-process.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../model/errors.js';

export interface CliIo {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export interface Command {
  readonly name: string;
  /** Full text printed by `clientsync <name> --help`. */
  readonly help: string;
  /** Returns the process exit code. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_CHANGES = 2;
export const EXIT_USAGE = 64;

/** Bad flags, a missing setting: printed as one line, exit 64. */
export { UsageError };

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses flags strictly (unknown flags and missing values are usage errors) and adds `--help`.
 * Positionals are allowed only when `positionals` is true.
 */
export function parseFlags<T extends Options>(
  command: string,
  argv: readonly string[],
  options: T,
  allowPositionals = false,
): { values: Record<string, string | boolean | undefined>; positionals: string[]; help: boolean } {
  try {
    const parsed = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals,
      strict: true,
    });
    const values = parsed.values as Record<string, string | boolean | undefined>;
    return { values, positionals: parsed.positionals, help: values['help'] === true };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`${message?.replace(/\.$/, '')}; see 'clientsync ${command} --help'`);
  }
}

/** A flag's value when it was given one (a string flag), else undefined. */
export function stringFlag(values: Readonly<Record<string, string | boolean | undefined>>, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** Reads a flag whose value must be one of `choices`. */
export function choice<C extends string>(
  command: string,
  flag: string,
  value: string | boolean | undefined,
  choices: readonly C[],
  fallback: C,
): C {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as C;
  throw new UsageError(
    `--${flag} must be one of ${choices.join(', ')} (got '${String(value)}'); see 'clientsync ${command} --help'`,
  );
}

/** Reads a flag whose value must be a whole number within [min, max]. */
export function integer(
  command: string,
  flag: string,
  value: string | boolean | undefined,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  const text = String(value);
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(
      `--${flag} must be a whole number from ${min} to ${max} (got '${text}'); see 'clientsync ${command} --help'`,
    );
  }
  return n;
}
