// What plan and apply share: reading both states, printing why accounts were skipped.
import type { CliIo } from './command.js';
import { formatText } from './format-problems.js';
import type { ValidationResult } from '../config/index.js';

/** Problems of invalid account files go to stderr, so stdout stays a clean plan. */
export function reportProblems(io: CliIo, validation: ValidationResult): void {
  const errors = validation.problems.filter((p) => p.severity === 'error');
  if (errors.length === 0) return;
  io.stderr.write(formatText({ problems: errors, fileCount: validation.fileCount, clientCount: validation.clientCount }));
}

export function useColor(io: CliIo): boolean {
  return io.stdout.isTTY === true && !io.env['NO_COLOR'] && io.env['TERM'] !== 'dumb';
}
