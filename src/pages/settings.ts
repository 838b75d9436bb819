// The pages' and /status's access settings, from the daemon's environment (never from the
// repository). Pure: the environment is passed in; a bad value is a message saying how to fix it.
import { SESSION_KEY_BYTES } from './session.js';
import { DEFAULT_ACCOUNTS_CLAIM, DEFAULT_OPERATOR_ROLE, type AccessRules } from './access.js';

export interface SignInSettings {
  readonly issuer: URL;
  readonly clientId: string;
  /** CLIENTSYNC_OIDC_CLIENT_SECRET, from the environment only; null for a public client (PKCE alone). */
  readonly clientSecret: string | null;
  /** Where Keycloak sends the browser back; its path is served by the daemon. */
  readonly redirectUrl: URL;
  /** Where Keycloak sends the browser after logout (must be allowed on the client in Keycloak). */
  readonly postLogoutUrl: URL;
  readonly rules: AccessRules;
  /** 32 bytes; null: a random key at start (sessions end when the daemon restarts). */
  readonly sessionKey: Buffer | null;
  readonly sessionSeconds: number;
}

export interface AccessSettings {
  readonly signIn: SignInSettings | null;
  /** CLIENTSYNC_STATUS_TOKEN: a bearer token that opens /status. */
  readonly statusToken: string | null;
}

export const DEFAULT_SESSION_HOURS = 8;
export const MIN_STATUS_TOKEN_LENGTH = 16;

export const ACCESS_ENV_HELP = `Pages and /status access:
  CLIENTSYNC_OIDC_ISSUER          Keycloak realm URL for sign-in, e.g. https://sso.example/realms/insights;
                                  without it the pages are served only on a loopback --listen address
  CLIENTSYNC_OIDC_CLIENT_ID       the sign-in client's id (standard flow, PKCE S256)
  CLIENTSYNC_OIDC_CLIENT_SECRET   its secret (environment only; unset for a public client)
  CLIENTSYNC_OIDC_REDIRECT_URL    e.g. https://clientsync.example/auth/callback (the daemon serves its path)
  CLIENTSYNC_OIDC_POST_LOGOUT_URL where Keycloak returns after sign-out (default: /signed-out on the
                                  redirect URL's origin; allow it on the client)
  CLIENTSYNC_OIDC_ACCOUNTS_CLAIM  token claim naming a viewer's accounts: ids, or groups /accounts/<id>
                                  (default: ${DEFAULT_ACCOUNTS_CLAIM})
  CLIENTSYNC_OIDC_OPERATOR_ROLE   realm role that sees every account and /runs (default: ${DEFAULT_OPERATOR_ROLE})
  CLIENTSYNC_SESSION_KEY          base64 of ${SESSION_KEY_BYTES} random bytes sealing the session cookie (default: a
                                  random key at start: sessions end when the daemon restarts)
  CLIENTSYNC_SESSION_HOURS        how long a sign-in lasts (default: ${DEFAULT_SESSION_HOURS})
  CLIENTSYNC_STATUS_TOKEN         opens /status to 'Authorization: Bearer <token>' (at least
                                  ${MIN_STATUS_TOKEN_LENGTH} characters); without it or sign-in, /status is served on
                                  a loopback --listen address only`;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return LOOPBACK_HOSTS.has(h) || /^127(?:\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1' || h.endsWith('.localhost');
}

function url(env: Readonly<Record<string, string | undefined>>, name: string): URL {
  const value = env[name]!.trim();
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error(`${name} '${value}' is not an absolute URL`);
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname))) {
    throw new Error(`${name} must be https:// (http:// only for localhost/127.0.0.1), got '${value}'`);
  }
  return parsed;
}

/** Throws an Error whose message says which variable is wrong and how to fix it. */
export function accessSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): AccessSettings {
  const set = (name: string): boolean => (env[name] ?? '').trim() !== '';
  const token = set('CLIENTSYNC_STATUS_TOKEN') ? env['CLIENTSYNC_STATUS_TOKEN']! : null;
  if (token !== null && token.length < MIN_STATUS_TOKEN_LENGTH) {
    throw new Error(`CLIENTSYNC_STATUS_TOKEN is shorter than ${MIN_STATUS_TOKEN_LENGTH} characters: use a long random value (e.g. openssl rand -hex 32)`);
  }
  const oidcNames = ['CLIENTSYNC_OIDC_ISSUER', 'CLIENTSYNC_OIDC_CLIENT_ID', 'CLIENTSYNC_OIDC_REDIRECT_URL'];
  const given = oidcNames.filter(set);
  if (given.length === 0) {
    const stray = ['CLIENTSYNC_OIDC_CLIENT_SECRET', 'CLIENTSYNC_OIDC_POST_LOGOUT_URL'].filter(set);
    if (stray.length > 0) throw new Error(`${stray.join(' and ')} set without CLIENTSYNC_OIDC_ISSUER, CLIENTSYNC_OIDC_CLIENT_ID and CLIENTSYNC_OIDC_REDIRECT_URL: set all three to turn sign-in on`);
    return { signIn: null, statusToken: token };
  }
  if (given.length < oidcNames.length) {
    throw new Error(`sign-in needs ${oidcNames.join(', ')}; missing ${oidcNames.filter((n) => !set(n)).join(', ')}`);
  }
  const redirectUrl = url(env, 'CLIENTSYNC_OIDC_REDIRECT_URL');
  let sessionKey: Buffer | null = null;
  if (set('CLIENTSYNC_SESSION_KEY')) {
    sessionKey = Buffer.from(env['CLIENTSYNC_SESSION_KEY']!.trim(), 'base64');
    if (sessionKey.length !== SESSION_KEY_BYTES) throw new Error(`CLIENTSYNC_SESSION_KEY must be base64 of ${SESSION_KEY_BYTES} bytes (e.g. openssl rand -base64 ${SESSION_KEY_BYTES})`);
  }
  let hours = DEFAULT_SESSION_HOURS;
  if (set('CLIENTSYNC_SESSION_HOURS')) {
    hours = Number(env['CLIENTSYNC_SESSION_HOURS']);
    if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 7) throw new Error('CLIENTSYNC_SESSION_HOURS must be a number of hours above 0 and at most 168');
  }
  return {
    statusToken: token,
    signIn: {
      issuer: url(env, 'CLIENTSYNC_OIDC_ISSUER'),
      clientId: env['CLIENTSYNC_OIDC_CLIENT_ID']!.trim(),
      clientSecret: set('CLIENTSYNC_OIDC_CLIENT_SECRET') ? env['CLIENTSYNC_OIDC_CLIENT_SECRET']! : null,
      redirectUrl,
      postLogoutUrl: set('CLIENTSYNC_OIDC_POST_LOGOUT_URL') ? url(env, 'CLIENTSYNC_OIDC_POST_LOGOUT_URL') : new URL('/signed-out', redirectUrl),
      rules: {
        accountsClaim: env['CLIENTSYNC_OIDC_ACCOUNTS_CLAIM']?.trim() || DEFAULT_ACCOUNTS_CLAIM,
        operatorRole: env['CLIENTSYNC_OIDC_OPERATOR_ROLE']?.trim() || DEFAULT_OPERATOR_ROLE,
      },
      sessionKey,
      sessionSeconds: Math.round(hours * 3600),
    },
  };
}
