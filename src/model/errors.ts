// The closed set of error classes, grouped by who must act. Code branches on the class (or its
// `kind`) and its typed fields, never on message text. The CLI maps each kind to its exit code
// and message in one place (src/cli/failure.ts). Messages never contain a secret or a token.
// The adapters turn what they meet into these: the Keycloak adapter (keycloak/http-errors.ts)
// into KeycloakUnavailableError or KeycloakRefusedError; the configuration reader into
// problems (data) or, for clientsync.yaml, SettingsInvalidError (src/sync/settings-error.ts).
// Anything else that escapes is our bug.

/** Who must act: the user (usage, invalid settings), nobody yet (unavailable: retry), Keycloak's operator (refused). */
export type ErrorKind = 'usage' | 'invalid-settings' | 'keycloak-unavailable' | 'keycloak-refused';

/** The user's input is wrong (a flag, a setting, a file): exit 64 from the CLI. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly kind = 'usage' satisfies ErrorKind;
}

/** Keycloak could not be reached or answered 429/5xx: worth retrying later. */
export class KeycloakUnavailableError extends Error {
  override readonly name = 'KeycloakUnavailableError';
  readonly kind = 'keycloak-unavailable' satisfies ErrorKind;
  readonly retryable = true;
  constructor(
    message: string,
    readonly status: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Keycloak answered with a refusal (4xx): retrying the same call will not help. */
export class KeycloakRefusedError extends Error {
  override readonly name = 'KeycloakRefusedError';
  readonly kind = 'keycloak-refused' satisfies ErrorKind;
  readonly retryable = false;
  constructor(
    message: string,
    readonly status: number,
    /** Keycloak's own message (errorMessage / error_description / error), if any. */
    readonly keycloakMessage: string | null,
  ) {
    super(message);
  }
}
