// Admin tokens: obtained from the configured credentials, renewed shortly before they expire
// and on a 401 (an expired or revoked token), with concurrent callers sharing one renewal.
// Tokens are never logged; error messages never include them.
// The token request is the admin client's own getToken (what its auth() calls), imported alone:
// its KeycloakAdminClient class would load ~200 modules clientsync never uses (see adapter.ts).
import { getToken, type Credentials } from '@keycloak/keycloak-admin-client/lib/utils/auth.js';
import type { ConnectionSettings } from './connection.js';

/** Renew this long before the token's `exp`, so a request never carries an expiring token. */
const RENEW_MARGIN_MS = 10_000;

function claimsOf(token: string): { exp?: unknown; iat?: unknown } {
  try {
    const claims: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null ? claims : {};
  } catch {
    return {}; // an opaque token
  }
}

function expiryOf(claims: { exp?: unknown; iat?: unknown }, now: number): number {
  if (typeof claims.exp === 'number') {
    // A lifespan shorter than the margin (tests use 1 s) must still allow one use.
    const lifespan = typeof claims.iat === 'number' ? (claims.exp - claims.iat) * 1000 : Infinity;
    return claims.exp * 1000 - Math.min(RENEW_MARGIN_MS, lifespan / 2);
  }
  return now + 30_000; // an opaque token: a short assumed lifetime
}

export class TokenSource {
  readonly #timeoutMs: number;
  readonly #settings: ConnectionSettings;
  readonly #now: () => number;
  #token: { value: string; renewAt: number; issuedAt: number | null } | null = null;
  #pending: Promise<string> | null = null;

  constructor(settings: ConnectionSettings, timeoutMs: number, now: () => number = Date.now) {
    this.#settings = settings;
    this.#now = now;
    this.#timeoutMs = timeoutMs;
  }

  async get(): Promise<string> {
    if (this.#token && this.#now() < this.#token.renewAt) return this.#token.value;
    this.#pending ??= this.#renew().finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  /**
   * When Keycloak issued the current token, by Keycloak's clock (its `iat`, whole seconds, in
   * ms); null before the first token or for an opaque one. Earlier than any request made with it.
   */
  issuedAt(): number | null {
    return this.#token?.issuedAt ?? null;
  }

  /** Forget the current token (after a 401): the next get() obtains a new one. */
  invalidate(): void {
    this.#token = null;
  }

  async #renew(): Promise<string> {
    const c = this.#settings.credentials;
    // One attempt: the token is fetched inside an admin call, whose own retry (retry.ts)
    // classifies a failure here like any other and retries the whole call. Retrying here too
    // would multiply the attempts while Keycloak is down.
    const credentials: Credentials =
      c.kind === 'client'
        ? { grantType: 'client_credentials', clientId: c.clientId, clientSecret: c.clientSecret }
        : { grantType: 'password', clientId: 'admin-cli', username: c.username, password: c.password };
    // As KeycloakAdminClient.auth() asked for it: the auth realm, and the timeout as a signal.
    const { accessToken: value } = await getToken({
      baseUrl: this.#settings.url,
      realmName: this.#settings.authRealm,
      credentials,
      requestOptions: this.#timeoutMs ? { signal: AbortSignal.timeout(this.#timeoutMs) } : {},
    });
    if (!value) throw new Error('Keycloak returned no access token');
    const claims = claimsOf(value);
    this.#token = { value, renewAt: expiryOf(claims, this.#now()), issuedAt: typeof claims.iat === 'number' && Number.isFinite(claims.iat) ? claims.iat * 1000 : null };
    return value;
  }
}
