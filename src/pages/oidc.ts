// The one adapter that talks to the sign-in provider (openid-client 6): discovery, the
// authorization URL with PKCE (S256), state and nonce, the code exchange, and the end-session
// URL. Discovery is lazy and retried on the next sign-in when it fails, so a Keycloak that is
// down at start-up does not stop the daemon.
import * as client from 'openid-client';
import type { SignInSettings } from './settings.js';
import { isLoopbackHost } from './settings.js';

/** What the browser carries (sealed) between the redirect to Keycloak and the callback. */
export interface PendingSignIn {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** A path on this daemon to go back to (validated: starts with a single /). */
  readonly returnTo: string;
}

export interface SignedIn {
  /** ID token claims merged with the access token's payload (Keycloak puts realm roles there). */
  readonly claims: Readonly<Record<string, unknown>>;
  /** Kept (sealed in the session cookie) only as id_token_hint for logout. */
  readonly idToken: string | null;
}

export interface SignInProvider {
  readonly issuerOrigin: string;
  start(returnTo: string): Promise<{ url: URL; pending: PendingSignIn }>;
  finish(callbackUrl: URL, pending: PendingSignIn): Promise<SignedIn>;
  /** Keycloak's end-session URL for this session; null when the provider has none. */
  logoutUrl(idToken: string | null): Promise<URL | null>;
}

/** The payload of a JWT, without checking it: only for a token just received from the token endpoint over TLS. */
function jwtPayload(token: string | undefined): Record<string, unknown> {
  const part = token?.split('.')[1];
  if (part === undefined) return {};
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export class OidcProvider implements SignInProvider {
  #config: Promise<client.Configuration> | null = null;
  readonly issuerOrigin: string;

  constructor(readonly settings: SignInSettings) {
    this.issuerOrigin = settings.issuer.origin;
  }

  #configuration(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    this.#config ??= client
      .discovery(
        issuer,
        clientId,
        undefined,
        clientSecret === null ? client.None() : client.ClientSecretPost(clientSecret),
        // http:// is accepted for a loopback issuer only (settings.ts refuses it elsewhere).
        issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname) ? { execute: [client.allowInsecureRequests] } : {},
      )
      .catch((error: unknown) => {
        this.#config = null;
        throw error;
      });
    return this.#config;
  }

  async start(returnTo: string): Promise<{ url: URL; pending: PendingSignIn }> {
    const config = await this.#configuration();
    const pending: PendingSignIn = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier(), returnTo };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl.href,
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  async finish(callbackUrl: URL, pending: PendingSignIn): Promise<SignedIn> {
    const config = await this.#configuration();
    // The callback arrives on the daemon's own address (maybe behind a proxy): check the code
    // against the registered redirect URL, with the query the browser brought.
    const current = new URL(this.settings.redirectUrl.href);
    current.search = callbackUrl.search;
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idClaims = (tokens.claims() ?? {}) as Record<string, unknown>;
    return { claims: { ...jwtPayload(tokens.access_token), ...idClaims }, idToken: tokens.id_token ?? null };
  }

  async logoutUrl(idToken: string | null): Promise<URL | null> {
    const config = await this.#configuration();
    if (config.serverMetadata().end_session_endpoint === undefined) return null;
    return client.buildEndSessionUrl(config, {
      post_logout_redirect_uri: this.settings.postLogoutUrl.href,
      client_id: this.settings.clientId,
      ...(idToken === null ? {} : { id_token_hint: idToken }),
    });
  }
}
