// Where and how to reach Keycloak: read from the environment only (never from the repository,
// which teams can edit). A missing or contradictory setting is a UsageError (exit 64) that
// names the variable and how to fix it. Secrets are held but never echoed.
import { UsageError } from '../model/errors.js';

export type Credentials =
  | { readonly kind: 'client'; readonly clientId: string; readonly clientSecret: string }
  | { readonly kind: 'password'; readonly username: string; readonly password: string };

export interface ConnectionSettings {
  /** Base URL without a trailing slash, e.g. https://sso.example.com (or …/auth for old setups). */
  readonly url: string;
  /** The realm the credentials belong to (KEYCLOAK_AUTH_REALM, default master). */
  readonly authRealm: string;
  readonly credentials: Credentials;
}

export const CONNECTION_HELP = `Keycloak connection (environment variables only):
  KEYCLOAK_URL            base URL of Keycloak, e.g. https://sso.example.com
  KEYCLOAK_AUTH_REALM     realm of the credentials below (default: master)
  KEYCLOAK_CLIENT_ID      a service-account client (preferred) ...
  KEYCLOAK_CLIENT_SECRET  ... and its secret
  KEYCLOAK_USERNAME       or an admin user (password grant on admin-cli) ...
  KEYCLOAK_PASSWORD       ... and its password
  --insecure-http         allow KEYCLOAK_URL to be plain http:// to another machine (default:
                          https://, or http:// only to localhost, 127.0.0.1 or [::1]): the
                          credentials and every client secret would cross the network unencrypted`;

export interface ConnectionOptions {
  /** --insecure-http: the operator accepts plain http to a host other than this machine. */
  readonly insecureHttp?: boolean;
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

export function connectionFromEnv(env: Readonly<Record<string, string | undefined>>, options: ConnectionOptions = {}): ConnectionSettings {
  const get = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const url = get('KEYCLOAK_URL');
  if (!url) {
    throw new UsageError('KEYCLOAK_URL is not set: export KEYCLOAK_URL=https://your-keycloak and credentials (see --help), or try `clientsync emulator`');
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Echo it without any user:password@ part: a malformed URL may still carry a password.
    const shown = url.replace(/^([^:/?#]*:\/\/).*@/, '$1…@');
    throw new UsageError(`KEYCLOAK_URL '${shown}' is not a URL: write it like https://sso.example.com`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`KEYCLOAK_URL must start with https:// or http:// (got '${parsed.protocol}')`);
  }
  if (parsed.username || parsed.password) throw new UsageError('KEYCLOAK_URL must not contain credentials; use KEYCLOAK_CLIENT_ID/KEYCLOAK_CLIENT_SECRET');
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname) && options.insecureHttp !== true) {
    throw new UsageError(
      `KEYCLOAK_URL ${parsed.origin} is plain http to another machine: the Keycloak credentials and client secrets would cross the network unencrypted; use https://, or pass --insecure-http when the network between them is trusted`,
    );
  }
  const clientId = get('KEYCLOAK_CLIENT_ID');
  const clientSecret = env['KEYCLOAK_CLIENT_SECRET'];
  const username = get('KEYCLOAK_USERNAME');
  const password = env['KEYCLOAK_PASSWORD'];
  let credentials: Credentials;
  if (clientId || clientSecret) {
    if (!clientId || !clientSecret) {
      throw new UsageError(`set both KEYCLOAK_CLIENT_ID and KEYCLOAK_CLIENT_SECRET (only ${clientId ? 'KEYCLOAK_CLIENT_ID' : 'KEYCLOAK_CLIENT_SECRET'} is set)`);
    }
    credentials = { kind: 'client', clientId, clientSecret };
  } else if (username || password) {
    if (!username || !password) {
      throw new UsageError(`set both KEYCLOAK_USERNAME and KEYCLOAK_PASSWORD (only ${username ? 'KEYCLOAK_USERNAME' : 'KEYCLOAK_PASSWORD'} is set)`);
    }
    credentials = { kind: 'password', username, password };
  } else {
    throw new UsageError('no Keycloak credentials: set KEYCLOAK_CLIENT_ID and KEYCLOAK_CLIENT_SECRET (a service account), or KEYCLOAK_USERNAME and KEYCLOAK_PASSWORD');
  }
  return {
    url: url.replace(/\/+$/, ''),
    authRealm: get('KEYCLOAK_AUTH_REALM') ?? 'master',
    credentials,
  };
}
