// The one place that turns what went wrong into an exit code and the lines printed for it. Every
// command returns its own success codes (0, 2 for `plan --detailed-exitcode`); everything else
// ends here: a thrown error of the closed set (model/errors.ts), a refused run (a guard such as
// --max-deletes or the empty-desired guard), or our bug.
import type { ErrorKind } from '../model/errors.js';
import { KeycloakRefusedError, KeycloakUnavailableError, UsageError } from '../model/errors.js';
import { SettingsInvalidError } from '../sync/settings-error.js';
import { type CliIo, EXIT_FAILURE, EXIT_USAGE } from './command.js';
import { formatText } from './format-problems.js';

/** The kinds of failure the CLI knows: the error kinds, a refused run, and our bug. */
export type FailureKind = ErrorKind | 'refused' | 'internal';

/** Exit code per kind: 64 when the command line or environment must change, 1 otherwise. */
export const EXIT_CODE: Readonly<Record<FailureKind, number>> = {
  usage: EXIT_USAGE,
  'invalid-settings': EXIT_FAILURE,
  'keycloak-unavailable': EXIT_FAILURE,
  'keycloak-refused': EXIT_FAILURE,
  refused: EXIT_FAILURE,
  internal: EXIT_FAILURE,
};

type KnownError = UsageError | SettingsInvalidError | KeycloakUnavailableError | KeycloakRefusedError;

function known(error: unknown): KnownError | null {
  const isKnown =
    error instanceof UsageError ||
    error instanceof SettingsInvalidError ||
    error instanceof KeycloakUnavailableError ||
    error instanceof KeycloakRefusedError;
  return isKnown ? error : null;
}

export function failureKind(error: unknown): FailureKind {
  return known(error)?.kind ?? 'internal';
}

/** Prints what went wrong for `clientsync <command>` and returns its exit code. */
export function reportError(command: string, error: unknown, io: CliIo): number {
  const err = known(error);
  const prefix = `clientsync ${command}: `;
  switch (err?.kind) {
    case 'invalid-settings': {
      const v = err.validation;
      io.stderr.write(formatText({ problems: v.problems, fileCount: v.fileCount, clientCount: v.clientCount }));
      io.stderr.write(`${prefix}${err.message}\n`);
      return EXIT_CODE['invalid-settings'];
    }
    case 'usage':
    case 'keycloak-unavailable':
    case 'keycloak-refused':
      io.stderr.write(`${prefix}${err.message}\n`);
      return EXIT_CODE[err.kind];
    case undefined: {
      // Our bug or an unexpected failure: one line, no stack unless asked for.
      const message = error instanceof Error ? error.message : String(error);
      io.stderr.write(`${prefix}unexpected error: ${message}\n`);
      if (io.env['CLIENTSYNC_DEBUG'] && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
      return EXIT_CODE.internal;
    }
  }
}

/** A guard refused the run (nothing was changed): the message says which flag allows it. */
export function reportRefusal(command: string, message: string, io: CliIo): number {
  io.stderr.write(`clientsync ${command}: ${message}\n`);
  return EXIT_CODE.refused;
}
