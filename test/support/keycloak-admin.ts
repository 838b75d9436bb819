// Talking to a Keycloak (real or emulated) as its master admin from tests: tokens, plain HTTP
// calls that expose status and body as they are, and admin-client instances with a token that
// renews itself. Target-agnostic: nothing here knows which server it talks to.
import KcAdminClient from '@keycloak/keycloak-admin-client';

export interface KeycloakConnection {
  /** Base URL without trailing slash. */
  readonly url: string;
  /** A master-realm admin (password grant on admin-cli). */
  readonly adminUsername: string;
  readonly adminPassword: string;
}

export interface HttpResult {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  readonly json: unknown;
}

export interface TokenResponse {
  readonly access_token: string;
  readonly expires_in: number;
  readonly [key: string]: unknown;
}

async function toResult(response: Response): Promise<HttpResult> {
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** POST to a realm's token endpoint with a form body (and optional extra headers, e.g. Basic). */
export async function tokenRequest(
  url: string,
  realm: string,
  form: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string>> = {},
): Promise<HttpResult> {
  const response = await fetch(`${url}/realms/${encodeURIComponent(realm)}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return toResult(response);
}

function expectToken(result: HttpResult, what: string): TokenResponse {
  const body = result.json as Partial<TokenResponse> | undefined;
  if (result.status !== 200 || typeof body?.access_token !== 'string' || typeof body.expires_in !== 'number') {
    throw new Error(`${what}: token endpoint answered ${result.status} ${result.text.slice(0, 300)}`);
  }
  return body as TokenResponse;
}

/** Caches one bearer token and fetches a new one shortly before it expires. */
export class TokenSource {
  #token: string | undefined;
  #renewAt = 0;

  constructor(private readonly fetchToken: () => Promise<TokenResponse>) {}

  static admin(conn: KeycloakConnection): TokenSource {
    return new TokenSource(async () =>
      expectToken(
        await tokenRequest(conn.url, 'master', {
          grant_type: 'password',
          client_id: 'admin-cli',
          username: conn.adminUsername,
          password: conn.adminPassword,
        }),
        'admin login',
      ),
    );
  }

  static clientCredentials(url: string, realm: string, clientId: string, secret: string): TokenSource {
    return new TokenSource(async () =>
      expectToken(
        await tokenRequest(url, realm, { grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
        `client_credentials for ${clientId}`,
      ),
    );
  }

  async token(): Promise<string> {
    if (this.#token === undefined || Date.now() >= this.#renewAt) {
      const response = await this.fetchToken();
      this.#token = response.access_token;
      // Renew at 2/3 of the lifetime: never hand out a token about to expire mid-request.
      this.#renewAt = Date.now() + (response.expires_in * 1000 * 2) / 3;
    }
    return this.#token;
  }
}

/**
 * One call to the admin REST API: `path` is below /admin/realms (e.g. `/myrealm/clients`).
 * A string body is sent as it is (with content-type application/json unless given).
 */
export async function adminRequest(
  url: string,
  auth: TokenSource | string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Readonly<Record<string, string>> = {},
): Promise<HttpResult> {
  const allHeaders: Record<string, string> = {};
  if (auth !== null) allHeaders['authorization'] = `Bearer ${typeof auth === 'string' ? auth : await auth.token()}`;
  if (body !== undefined) allHeaders['content-type'] = 'application/json';
  Object.assign(allHeaders, headers);
  const response = await fetch(`${url}/admin/realms${path}`, {
    method,
    headers: allHeaders,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return toResult(response);
}

/** A real admin client whose token is renewed from `tokens` as needed. Pass `realm` on every call. */
export function adminClient(url: string, tokens: TokenSource): KcAdminClient {
  const client = new KcAdminClient({ baseUrl: url, realmName: 'master' });
  client.registerTokenProvider({ getAccessToken: () => tokens.token() });
  return client;
}

/** The id at the end of a Location header. */
export function idFromLocation(location: string | null): string {
  const id = location?.split('/').pop();
  if (!id) throw new Error(`no id in Location header '${String(location)}'`);
  return id;
}
