// The emulator's (or any Keycloak's) admin REST API as the reliability suites use it to seed and
// read live states behind clientsync's back: plain fetch calls as a master admin, no clientsync
// code involved, so what they see is independent of the adapter under test.

export type ClientRep = Record<string, unknown> & {
  readonly id: string;
  readonly clientId: string;
  readonly attributes?: Record<string, string>;
  readonly defaultClientScopes?: string[];
  readonly optionalClientScopes?: string[];
  readonly secret?: string;
};

export class AdminApi {
  #token: string | undefined;
  #renewAt = 0;

  constructor(
    readonly url: string,
    readonly username = 'admin',
    readonly password = 'admin',
  ) {}

  /** A master admin access token (password grant on admin-cli), renewed before it expires. */
  async token(): Promise<string> {
    if (this.#token === undefined || Date.now() >= this.#renewAt) {
      const response = await fetch(`${this.url}/realms/master/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: this.username, password: this.password }),
      });
      const body = (await response.json()) as { access_token?: string; expires_in?: number };
      if (response.status !== 200 || typeof body.access_token !== 'string') throw new Error(`admin login: ${response.status}`);
      this.#token = body.access_token;
      this.#renewAt = Date.now() + ((body.expires_in ?? 60) * 1000) / 2;
    }
    return this.#token;
  }

  /** One admin call below /admin/realms; throws on a status outside 2xx. */
  async call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown; location: string | null }> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.token()}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.url}/admin/realms${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status < 200 || response.status > 299) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    return { status: response.status, json: text === '' ? undefined : JSON.parse(text), location: response.headers.get('location') };
  }

  /** A new enabled realm with the given client scopes (besides Keycloak's built-in ones). */
  async createRealm(realm: string, scopes: readonly string[], options: { defaults?: readonly string[]; optionals?: readonly string[] } = {}): Promise<void> {
    await this.call('POST', '', { realm, enabled: true });
    for (const name of scopes) await this.call('POST', `/${realm}/client-scopes`, { name, protocol: 'openid-connect' });
    const ids = await this.scopeIds(realm);
    for (const name of options.defaults ?? []) await this.call('PUT', `/${realm}/default-default-client-scopes/${ids.get(name)}`);
    for (const name of options.optionals ?? []) await this.call('PUT', `/${realm}/default-optional-client-scopes/${ids.get(name)}`);
  }

  async deleteRealm(realm: string): Promise<void> {
    await this.call('DELETE', `/${realm}`);
  }

  async scopeIds(realm: string): Promise<Map<string, string>> {
    const scopes = (await this.call('GET', `/${realm}/client-scopes`)).json as { id: string; name: string }[];
    return new Map(scopes.map((s) => [s.name, s.id]));
  }

  /** Creates a client from a raw representation; returns its id. */
  async createClient(realm: string, rep: Record<string, unknown>): Promise<string> {
    const { location } = await this.call('POST', `/${realm}/clients`, rep);
    const id = location?.split('/').pop();
    if (!id) throw new Error('no id in Location');
    return id;
  }

  async linkScope(realm: string, id: string, scopeId: string, kind: 'default' | 'optional'): Promise<void> {
    await this.call('PUT', `/${realm}/clients/${id}/${kind}-client-scopes/${scopeId}`);
  }

  async unlinkScope(realm: string, id: string, scopeId: string, kind: 'default' | 'optional'): Promise<void> {
    await this.call('DELETE', `/${realm}/clients/${id}/${kind}-client-scopes/${scopeId}`);
  }

  async clients(realm: string): Promise<ClientRep[]> {
    return (await this.call('GET', `/${realm}/clients?first=0&max=100000`)).json as ClientRep[];
  }

  async client(realm: string, id: string): Promise<ClientRep> {
    return (await this.call('GET', `/${realm}/clients/${id}`)).json as ClientRep;
  }
}

/**
 * A client representation as bytes to compare: Keycloak's order of scope lists varies, so they
 * are sorted; everything else (attributes, flags, secret, mappers) is compared as it is.
 */
export function canonical(rep: ClientRep): string {
  const copy: Record<string, unknown> = { ...rep };
  for (const key of ['defaultClientScopes', 'optionalClientScopes', 'redirectUris', 'webOrigins'] as const) {
    const list = copy[key];
    if (Array.isArray(list)) copy[key] = [...(list as string[])].sort();
  }
  return JSON.stringify(copy);
}
