// Turns what the admin client throws into clientsync's typed errors. The admin client throws
// NetworkError (with the fetch Response and Keycloak's parsed body) for HTTP errors, and
// fetch's TypeError / AbortSignal errors for connection failures and timeouts.
import { NetworkError } from '@keycloak/keycloak-admin-client/lib/utils/fetchWithError.js';
import { KeycloakRefusedError, KeycloakUnavailableError } from '../model/errors.js';

export interface HttpFailure {
  /** HTTP status, or null when no response arrived (connection refused/reset, timeout). */
  readonly status: number | null;
  /** Keycloak's own message from the body (errorMessage, error_description, error). */
  readonly keycloakMessage: string | null;
  /** Seconds from a Retry-After header, if any. */
  readonly retryAfterSeconds: number | null;
  /** What failed at the connection level, e.g. ECONNREFUSED or a timeout. */
  readonly networkCode: string | null;
}

function messageFromBody(body: unknown): string | null {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    for (const key of ['errorMessage', 'error_description', 'error']) {
      const v = b[key];
      if (typeof v === 'string' && v !== '') return v.slice(0, 500);
    }
  }
  return null;
}

function retryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, (date - Date.now()) / 1000);
}

function networkCodeOf(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const e = current as { code?: unknown; name?: unknown; cause?: unknown };
    if (typeof e.code === 'string') return e.code;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'TIMEOUT';
    current = e.cause;
  }
  if (error instanceof TypeError) {
    const cause = (error as { cause?: unknown }).cause;
    // undici refuses some ports itself ("bad port"): say so rather than a bare "fetch failed".
    return cause instanceof Error && cause.message.length < 80 ? cause.message : 'fetch failed';
  }
  return null;
}

/** Returns null for errors that are not about HTTP at all (our bugs). */
export function describeFailure(error: unknown): HttpFailure | null {
  if (error instanceof NetworkError) {
    return {
      status: error.response.status,
      keycloakMessage: messageFromBody(error.responseData),
      retryAfterSeconds: retryAfter(error.response.headers.get('retry-after')),
      networkCode: null,
    };
  }
  const code = networkCodeOf(error);
  if (code) return { status: null, keycloakMessage: null, retryAfterSeconds: null, networkCode: code };
  return null;
}

/** undici's cause when a request that may not be redirected (the adapter's) is. */
const REDIRECTED = 'unexpected redirect';

export function isRetryable(failure: HttpFailure): boolean {
  // A redirect is a setting to change, not a hiccup: asking again gets the same.
  if (failure.networkCode === REDIRECTED) return false;
  // 501 Not Implemented is an answer, not a hiccup: asking again gets the same.
  return failure.status === null || failure.status === 429 || (failure.status >= 500 && failure.status !== 501);
}

/** The typed error for a failure after retries; `what` names the call, e.g. "create acme_x". */
export function toTypedError(what: string, failure: HttpFailure, cause?: unknown): Error {
  const detail = failure.keycloakMessage ? `: ${failure.keycloakMessage}` : '';
  if (failure.status === null && failure.networkCode === REDIRECTED) {
    return new KeycloakUnavailableError(
      `${what}: Keycloak's address answered with a redirect, which clientsync does not follow: set KEYCLOAK_URL to the address Keycloak itself serves (https:// rather than http://, with its path prefix if it has one)`,
      null,
      { cause },
    );
  }
  if (failure.status === null) {
    return new KeycloakUnavailableError(`${what}: Keycloak could not be reached (${failure.networkCode ?? 'connection failed'})`, null, { cause });
  }
  if (isRetryable(failure)) {
    return new KeycloakUnavailableError(`${what}: Keycloak answered ${failure.status}${detail}`, failure.status, { cause });
  }
  const hint =
    failure.status === 401
      ? ' (the credentials were refused: check KEYCLOAK_CLIENT_ID/KEYCLOAK_CLIENT_SECRET or KEYCLOAK_USERNAME/KEYCLOAK_PASSWORD and KEYCLOAK_AUTH_REALM)'
      : failure.status === 403
        ? ' (the account lacks permission: it needs the realm-management role manage-clients in the target realm; see docs/sync.md)'
        : '';
  return new KeycloakRefusedError(`${what}: Keycloak refused (${failure.status})${detail}${hint}`, failure.status, failure.keycloakMessage);
}
