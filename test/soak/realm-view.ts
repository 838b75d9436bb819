// What the soak test reads from the emulator, as its master admin over the admin REST API:
// every client of the realm, and for the clients clientsync must never touch, their full
// representation and scope links as the server serves them (lists sorted, since their order
// carries no meaning).
import { adminRequest, TokenSource, type KeycloakConnection } from '../support/keycloak-admin.js';

export interface ClientRep {
  readonly id: string;
  readonly clientId: string;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly [key: string]: unknown;
}

export class RealmView {
  constructor(
    private readonly connection: KeycloakConnection,
    private readonly realm: string,
  ) {}

  /** A fresh token each time: tokens issued under short-lifespan faults expire within seconds. */
  #tokens(): TokenSource {
    return TokenSource.admin(this.connection);
  }

  async #get(tokens: TokenSource, path: string): Promise<unknown> {
    const result = await adminRequest(this.connection.url, tokens, 'GET', `/${encodeURIComponent(this.realm)}${path}`);
    if (result.status !== 200) throw new Error(`GET ${path}: ${result.status} ${result.text.slice(0, 200)}`);
    return result.json;
  }

  async clients(): Promise<ClientRep[]> {
    const all = (await this.#get(this.#tokens(), '/clients?first=0&max=10000')) as ClientRep[];
    return all.sort((a, b) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0));
  }

  async managed(): Promise<ClientRep[]> {
    return (await this.clients()).filter((c) => c.attributes?.['clientsync.managed'] === 'true');
  }

  /**
   * clientId → the client's representation (as served, byte for byte) and its default and
   * optional scope links (names sorted), for the clients `include` selects.
   */
  async snapshot(include: (c: ClientRep) => boolean): Promise<Map<string, string>> {
    const tokens = this.#tokens();
    const out = new Map<string, string>();
    for (const client of await this.clients()) {
      if (!include(client)) continue;
      const id = encodeURIComponent(client.id);
      const rep = await adminRequest(this.connection.url, tokens, 'GET', `/${encodeURIComponent(this.realm)}/clients/${id}`);
      if (rep.status !== 200) throw new Error(`GET client ${client.clientId}: ${rep.status}`);
      const names = async (kind: string) =>
        ((await this.#get(tokens, `/clients/${id}/${kind}-client-scopes`)) as { name: string }[]).map((s) => s.name).sort();
      out.set(client.clientId, `${rep.text}\ndefault: ${(await names('default')).join(',')}\noptional: ${(await names('optional')).join(',')}`);
    }
    return out;
  }
}
