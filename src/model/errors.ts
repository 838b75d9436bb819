// The closed set of error classes, grouped by who must act. Code branches on the class and
// its typed fields, never on message text. The CLI maps them to exit codes in one place.
// Messages never contain a secret or a token.

/** The user's input is wrong (a flag, a setting, a file): exit 64 from the CLI. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Keycloak could not be reached or answered 429/5xx: worth retrying later. */
export class KeycloakUnavailableError extends Error {
  override readonly name = 'KeycloakUnavailableError';
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
