// The KeycloakPort over Keycloak's admin REST API, with pieces of @keycloak/keycloak-admin-client
// (its fetchWithError and NetworkError here, its getToken in token-source.ts).
// - Not its KeycloakAdminClient class: that imports its "clients v2" API, an OpenAPI-generated
//   client (Kiota, OpenTelemetry: ~200 modules) that clientsync never calls and that cost every
//   `plan` about 100 ms of CPU to load. The requests are the ones its methods sent (same paths,
//   query, body), through #send like the calls a run makes by the thousand.
// - Every call passes `realm`; the admin client's own current realm is never used.
// - Reads: the client list is paged and already carries attributes and scope names, so a
//   no-op run costs one request per page plus the token; pages are read several at a time
//   (paging.ts) when the caller says how many clients to expect.
// - Retries (retry.ts) for idempotent calls; a create whose outcome is unknown is checked by
//   reading before it is retried, so a client is never created twice.
// - Secrets: list items carry them; they are dropped in mapping.ts and never stored, logged
//   or put in an error. Only regenerateSecret/getSecret return one, wrapped in Secret.
// - No state between calls that changes what a call does: each is given what it needs (the
//   realm, the managed scopes). What is kept are caches of what Keycloak answered (a client's
//   scope links, a realm's scope ids and its default links), keyed by what they came from.
import { fetchWithError, parseResponse } from '@keycloak/keycloak-admin-client/lib/utils/fetchWithError.js';
import type CredentialRepresentation from '@keycloak/keycloak-admin-client/lib/defs/credentialRepresentation.js';
import type ClientScopeRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientScopeRepresentation.js';
import { KeycloakRefusedError } from '../model/errors.js';
import type { LiveClient, ManagedFields } from '../model/live.js';
import type { ConnectionSettings } from './connection.js';
import { adminUrl } from './admin-url.js';
import { ATTR, clientBody, rotationBody, toLiveClient, type ClientRepresentation } from './mapping.js';
import type { ClientScopeRef, KeycloakPort, Markers } from './port.js';
import { DEFAULT_RETRY, withRetry, type RetryPolicy, type RetryHooks } from './retry.js';
import { readAllPages } from './paging.js';
import { Secret } from './secret.js';
import { TokenSource } from './token-source.js';
import type { EventsSettings, LiveEventsPort } from './events-port.js';
import type { AdminEvent } from '../sync/live-events.js';
import pLimit from 'p-limit';

export interface AdapterOptions {
  readonly retry?: RetryPolicy;
  /** Clients per list request. */
  readonly pageSize?: number;
  /** Per-request timeout. */
  readonly timeoutMs?: number;
  /** List pages read at once (paging.ts). */
  readonly pageConcurrency?: number;
}

/** Clients per list request: Keycloak builds each full representation (scopes, mappers) per
 * item, about 20 ms each on a loaded dev server, so a page stays well inside the request timeout. */
export const DEFAULT_PAGE_SIZE = 200;

/** List pages in flight at once: enough to hide the latency of a remote Keycloak, few enough
 * that a server building full representations is not flooded (each page is ~200 of them). */
export const DEFAULT_PAGE_CONCURRENCY = 4;

interface ScopeLinks {
  defaults: Set<string>;
  optionals: Set<string>;
}

/** Links as a list response carried them: kept as the arrays they came in (thousands of clients
 * are listed, few are updated), made into ScopeLinks when a client's scopes are synced. */
interface ListedLinks {
  readonly listed: true;
  readonly defaults: readonly string[];
  readonly optionals: readonly string[];
}

function isListed(links: ScopeLinks | ListedLinks): links is ListedLinks {
  return 'listed' in links;
}

const enc = encodeURIComponent;

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((x) => set.has(x));
}

export class KeycloakAdapter implements KeycloakPort, LiveEventsPort {
  readonly #tokens: TokenSource;
  readonly #retry: RetryPolicy;
  readonly #pageSize: number;
  readonly #pageConcurrency: number;
  /** …/admin/realms/ with its trailing slash. */
  readonly #adminRoot: string;
  readonly #timeoutMs: number;
  /** Scope links per client id, as last read or written: saves a read per update. */
  readonly #links = new Map<string, ScopeLinks | ListedLinks>();
  readonly #scopeIds = new Map<string, Promise<Map<string, string>>>();
  readonly #createLinks = new Map<string, Promise<{ defaults: string[]; optionals: string[] }>>();

  constructor(settings: ConnectionSettings, options: AdapterOptions = {}) {
    this.#retry = options.retry ?? DEFAULT_RETRY;
    this.#pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    this.#pageConcurrency = options.pageConcurrency ?? DEFAULT_PAGE_CONCURRENCY;
    const timeout = options.timeoutMs ?? 30_000;
    this.#timeoutMs = timeout;
    this.#adminRoot = adminUrl(settings.url, '').href;
    this.#tokens = new TokenSource(settings, timeout);
  }

  #call<T>(what: string, call: () => Promise<T>, hooks: Omit<RetryHooks, 'onUnauthorized'> = {}): Promise<T> {
    return withRetry(what, call, this.#retry, { ...hooks, onUnauthorized: async () => this.#tokens.invalidate() });
  }

  #remember(rep: ClientRepresentation): void {
    if (rep.id) this.#links.set(rep.id, { listed: true, defaults: rep.defaultClientScopes ?? [], optionals: rep.optionalClientScopes ?? [] });
  }

  #linksOf(id: string): ScopeLinks | undefined {
    const stored = this.#links.get(id);
    if (stored === undefined || !isListed(stored)) return stored;
    const links = { defaults: new Set(stored.defaults), optionals: new Set(stored.optionals) };
    this.#links.set(id, links);
    return links;
  }

  async listClients(realm: string, managedScopes: readonly string[], expected = 0): Promise<LiveClient[]> {
    const scopes = new Set(managedScopes);
    const pages = await readAllPages(
      (first, max) => this.#call(`list clients of realm '${realm}'`, () => this.#read<ClientRepresentation[]>(`${enc(realm)}/clients?${new URLSearchParams({ first: String(first), max: String(max) })}`)),
      { pageSize: this.#pageSize, expected, concurrency: this.#pageConcurrency },
    );
    const out: LiveClient[] = [];
    // Offsets shift when someone creates or deletes a client while the pages are read: an item
    // can then come twice (or be missed, which a later run corrects). Keep the first of each id.
    const seen = new Set<string>();
    for (const page of pages) {
      for (const rep of page) {
        if (rep.id !== undefined) {
          if (seen.has(rep.id)) continue;
          seen.add(rep.id);
        }
        this.#remember(rep);
        const live = toLiveClient(rep, scopes);
        if (live) out.push(live);
      }
    }
    return out;
  }

  /**
   * DELETE /admin/realms/{path} without a body. The admin client sends `{}` as the body of every
   * DELETE, and Node's fetch (undici) never reuses a connection after a request whose method
   * does not expect a body yet carries one: each delete opened a new TCP connection (and, to a
   * real Keycloak, a new TLS handshake). Same URL, token, timeout and error (a NetworkError from
   * the admin client's own fetchWithError, which retry.ts classifies) as the admin client's calls.
   */
  async #delete(path: string): Promise<void> {
    // Read what is there (usually nothing: 204) so the connection is free for the next request.
    await (await this.#send('DELETE', path)).arrayBuffer();
  }

  /**
   * One request below /admin/realms/, for the calls a run makes by the thousand (create,
   * update, scope links, delete, events, one client). Profiling `apply` showed the admin
   * client's per-request work (three Headers objects merged, a URL template parsed and
   * expanded, options spread) costing about a third more CPU than the request itself; here the
   * URL is a string and the headers a plain object. What the admin client does well is kept:
   * its fetchWithError (a NetworkError with status and Keycloak's body, which retry.ts
   * classifies), the token provider and the per-request timeout. `path`'s parts are encoded.
   */
  async #send(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.#tokens.get()}`, accept: 'application/json, text/plain, */*' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return fetchWithError(`${this.#adminRoot}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(this.#timeoutMs),
      // Not followed: the admin API never redirects, so a redirect is a misconfigured
      // KEYCLOAK_URL, said as such (http-errors.ts). With no window and no redirect to follow,
      // fetch also skips cloning each request (a tee of its body stream): ~10 % of a 1,000-PUT
      // apply's CPU.
      redirect: 'error',
      window: null,
    });
  }

  /**
   * A request whose answer is read as the admin client read it (parseResponse: JSON, else the
   * text). A POST carries `{}`, as the admin client's generateNewClientSecret sent it.
   */
  async #read<T>(path: string, method: 'GET' | 'POST' = 'GET'): Promise<T> {
    return (await parseResponse(await this.#send(method, path, method === 'POST' ? {} : undefined))) as T;
  }

  /** A write whose answer has no body of interest (204, or 201 with a Location): read to the end, so the connection is reused. */
  async #write(method: 'POST' | 'PUT', path: string, body?: unknown): Promise<Response> {
    const response = await this.#send(method, path, body);
    await response.arrayBuffer();
    return response;
  }

  async #findRep(realm: string, clientId: string): Promise<ClientRepresentation | null> {
    const found = await this.#call(`find client ${clientId}`, () => this.#read<ClientRepresentation[]>(`${enc(realm)}/clients?${new URLSearchParams({ clientId })}`));
    const rep = found.find((c) => c.clientId === clientId) ?? null;
    if (rep) this.#remember(rep);
    return rep;
  }

  async findClient(realm: string, clientId: string, managedScopes: readonly string[]): Promise<LiveClient | null> {
    const rep = await this.#findRep(realm, clientId);
    return rep ? toLiveClient(rep, new Set(managedScopes)) : null;
  }

  async createClient(realm: string, clientId: string, fields: ManagedFields, markers: Markers, managedScopes: readonly string[]): Promise<string> {
    const body = clientBody(clientId, fields, markers, 'create');
    const what = `create ${clientId}`;
    // After a failure with an unknown outcome (no response, 5xx), the client may exist: look first.
    const existingOwn = async (): Promise<string | null> => {
      const rep = await this.#findRep(realm, clientId).catch(() => null);
      return rep?.id && rep.attributes?.[ATTR.managed] === 'true' && rep.attributes[ATTR.account] === markers.account ? rep.id : null;
    };
    let uncertain = false;
    let id: string;
    try {
      id = (
        await this.#call(what, () => this.#createRequest(realm, body), {
          beforeRetry: async () => {
            uncertain = true;
            const found = await existingOwn();
            return found ? { done: true, value: { id: found } } : { done: false };
          },
        })
      ).id;
    } catch (error) {
      // A 409 after an uncertain attempt is our own earlier create.
      const found = error instanceof KeycloakRefusedError && error.status === 409 && uncertain ? await existingOwn() : null;
      if (!found) throw error;
      id = found;
    }
    // Keycloak linked the realm's default scopes on create; put the managed ones right.
    const linked = await this.#scopesLinkedOnCreate(realm, id, clientId);
    this.#links.set(id, { defaults: new Set(linked.defaults), optionals: new Set(linked.optionals) });
    await this.#syncScopes(realm, id, clientId, fields.scopes, managedScopes);
    return id;
  }

  /**
   * The scopes Keycloak links to a new client are the realm's defaults: the same for every
   * create of a run. Read them once per realm (from the first client created) instead of once
   * per client.
   */
  #scopesLinkedOnCreate(realm: string, id: string, clientId: string): Promise<{ defaults: string[]; optionals: string[] }> {
    let pending = this.#createLinks.get(realm);
    if (!pending) {
      pending = this.#readLinks(realm, id, clientId);
      pending.catch(() => this.#createLinks.delete(realm));
      this.#createLinks.set(realm, pending);
    }
    return pending;
  }

  /** The names of the client's default and optional scopes, as Keycloak has them linked now. */
  async #readLinks(realm: string, id: string, clientId: string): Promise<{ defaults: string[]; optionals: string[] }> {
    const names = (kind: 'default' | 'optional') =>
      this.#call(`read scopes of ${clientId}`, () => this.#read<ClientScopeRepresentation[]>(`${enc(realm)}/clients/${enc(id)}/${kind}-client-scopes`)).then((scopes) => scopes.map((s) => s.name ?? ''));
    const [defaults, optionals] = await Promise.all([names('default'), names('optional')]);
    return { defaults, optionals };
  }

  /** POST a client; its id is the last segment of the Location header (as the admin client reads it). */
  async #createRequest(realm: string, body: ClientRepresentation): Promise<{ id: string }> {
    const response = await this.#write('POST', `${enc(realm)}/clients`, body);
    const id = response.headers.get('location')?.split('/').pop();
    if (!id) throw new Error(`Keycloak created client ${body.clientId ?? ''} but sent no Location header with its id`);
    return { id };
  }

  async updateClient(realm: string, live: LiveClient, fields: ManagedFields, markers: Markers, managedScopes: readonly string[]): Promise<void> {
    const body = clientBody(live.clientId, fields, markers, 'update');
    await this.#call(`update ${live.clientId}`, () => this.#write('PUT', `${enc(realm)}/clients/${enc(live.id)}`, body));
    await this.#syncScopes(realm, live.id, live.clientId, fields.scopes, managedScopes, live.fields.scopes);
  }

  async recordRotation(realm: string, live: { id: string; clientId: string }, fields: ManagedFields, markers: Markers): Promise<void> {
    const body = rotationBody(live.clientId, fields, markers);
    await this.#call(`record rotation of ${live.clientId}`, () => this.#write('PUT', `${enc(realm)}/clients/${enc(live.id)}`, body));
  }

  async deleteClient(realm: string, id: string): Promise<void> {
    try {
      await this.#call(`delete client ${id}`, () => this.#delete(`${enc(realm)}/clients/${enc(id)}`));
    } catch (error) {
      // Gone already (a retried delete, or someone else deleted it): the goal is reached.
      if (error instanceof KeycloakRefusedError && error.status === 404) return;
      throw error;
    }
    this.#links.delete(id);
  }

  async regenerateSecret(realm: string, id: string): Promise<Secret> {
    const credential = await this.#call(`regenerate secret of client ${id}`, () => this.#read<CredentialRepresentation>(`${enc(realm)}/clients/${enc(id)}/client-secret`, 'POST'));
    if (!credential.value) throw new Error('Keycloak returned no secret value');
    return new Secret(credential.value);
  }

  async getSecret(realm: string, id: string): Promise<Secret> {
    const credential = await this.#call(`read secret of client ${id}`, () => this.#read<CredentialRepresentation>(`${enc(realm)}/clients/${enc(id)}/client-secret`));
    if (!credential.value) throw new Error('this client has no secret (is it a public client?)');
    return new Secret(credential.value);
  }

  async listClientScopes(realm: string): Promise<ClientScopeRef[]> {
    const ids = await this.#scopeIdMap(realm);
    return [...ids].map(([name, id]) => ({ id, name })).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  #scopeIdMap(realm: string): Promise<Map<string, string>> {
    let pending = this.#scopeIds.get(realm);
    if (!pending) {
      pending = this.#call(`list client scopes of realm '${realm}'`, () => this.#read<ClientScopeRepresentation[]>(`${enc(realm)}/client-scopes`)).then(
        (scopes) => new Map(scopes.filter((s) => s.id && s.name).map((s) => [s.name!, s.id!])),
      );
      pending.catch(() => this.#scopeIds.delete(realm));
      this.#scopeIds.set(realm, pending);
    }
    return pending;
  }

  /** Makes the client's default scopes among `managedScopes` equal `wanted`; others untouched. */
  async #syncScopes(
    realm: string,
    id: string,
    clientId: string,
    wanted: readonly string[],
    managedScopes: readonly string[],
    liveDefaults?: readonly string[],
  ): Promise<void> {
    let links = this.#linksOf(id);
    // Links not seen by this adapter (the daemon's incremental read kept the client from an
    // earlier run): the live client's managed default scopes say whether anything is to change;
    // the links are read only when something is (an optional link must then be known).
    if (!links && liveDefaults !== undefined && sameSet(liveDefaults, wanted)) return;
    if (!links) {
      const { defaults, optionals } = await this.#readLinks(realm, id, clientId);
      links = { defaults: new Set(defaults), optionals: new Set(optionals) };
      this.#links.set(id, links);
    }
    const add = wanted.filter((s) => !links.defaults.has(s));
    const managed = new Set(managedScopes);
    const remove = [...links.defaults].filter((s) => managed.has(s) && !wanted.includes(s));
    if (add.length === 0 && remove.length === 0) return;
    const ids = await this.#scopeIdMap(realm);
    const idOf = (name: string) => {
      const scopeId = ids.get(name);
      if (!scopeId) {
        throw new KeycloakRefusedError(
          `link scope '${name}' to ${clientId}: realm '${realm}' has no client scope '${name}'; an administrator must create it (it is listed in clientsync.yaml)`,
          404,
          null,
        );
      }
      return scopeId;
    };
    for (const name of add) {
      const clientScopeId = idOf(name);
      // Keycloak keeps an existing optional link when asked for a default one: unlink first.
      if (links.optionals.has(name)) {
        await this.#call(`unlink optional scope ${name} of ${clientId}`, () => this.#delete(`${enc(realm)}/clients/${enc(id)}/optional-client-scopes/${enc(clientScopeId)}`));
        links.optionals.delete(name);
      }
      await this.#call(`link scope ${name} to ${clientId}`, () => this.#write('PUT', `${enc(realm)}/clients/${enc(id)}/default-client-scopes/${enc(clientScopeId)}`));
      links.defaults.add(name);
    }
    for (const name of remove) {
      const clientScopeId = idOf(name);
      await this.#call(`unlink scope ${name} of ${clientId}`, () => this.#delete(`${enc(realm)}/clients/${enc(id)}/default-client-scopes/${enc(clientScopeId)}`));
      links.defaults.delete(name);
    }
  }

  // ---- incremental reads (events-port.ts) ----

  /** GET below /admin/realms/ with a query, as JSON; same token, timeout and errors as #delete. */
  async #getJson<T>(path: string, query: Readonly<Record<string, string | readonly string[]>> = {}): Promise<T> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      for (const v of typeof value === 'string' ? [value] : value) search.append(key, v);
    }
    const qs = search.toString();
    const response = await this.#send('GET', qs === '' ? path : `${path}?${qs}`);
    return (await response.json()) as T;
  }

  async keycloakTime(): Promise<number | null> {
    // The token every later request carries (renewed only on a 401 or near its expiry: later).
    await this.#call('obtain an admin token', () => this.#tokens.get());
    return this.#tokens.issuedAt();
  }

  async readEventsSettings(realm: string): Promise<EventsSettings> {
    // The expiration is a realm attribute; an account without view-realm gets a brief realm
    // without attributes (or a 403): then it is unknown.
    const [config, rep] = await Promise.all([
      this.#call(`read the event settings of realm '${realm}'`, () => this.#getJson<{ adminEventsEnabled?: boolean }>(`${enc(realm)}/events/config`)),
      this.#call(`read realm '${realm}'`, () => this.#getJson<{ attributes?: Record<string, unknown> }>(enc(realm))).catch(() => null),
    ]);
    const raw = Number(rep?.attributes?.['adminEventsExpiration']);
    return { adminEventsEnabled: config.adminEventsEnabled === true, expirationSeconds: Number.isFinite(raw) && raw > 0 ? raw : null };
  }

  async readAdminEvents(realm: string, from: number, resourceTypes: readonly string[], limit: number): Promise<{ events: AdminEvent[]; more: boolean }> {
    const pageSize = Math.min(500, limit + 1);
    const events: AdminEvent[] = [];
    for (let first = 0; ; first += pageSize) {
      const page = await this.#call(`read admin events of realm '${realm}'`, () =>
        this.#getJson<Partial<AdminEvent>[]>(`${enc(realm)}/admin-events`, {
          dateFrom: String(Math.max(0, Math.floor(from))),
          resourceTypes,
          direction: 'asc',
          first: String(first),
          max: String(pageSize),
        }),
      );
      for (const e of page) {
        if (typeof e.time !== 'number' || typeof e.resourcePath !== 'string') continue;
        events.push({
          id: typeof e.id === 'string' ? e.id : `${e.time} ${e.operationType ?? ''} ${e.resourcePath}`,
          time: e.time,
          operationType: String(e.operationType ?? ''),
          resourceType: String(e.resourceType ?? ''),
          resourcePath: e.resourcePath,
        });
      }
      if (events.length > limit) return { events: events.slice(0, limit), more: true };
      if (page.length < pageSize) return { events, more: false };
    }
  }

  async readClients(realm: string, ids: readonly string[], managedScopes: readonly string[]): Promise<Map<string, LiveClient | null>> {
    const scopes = new Set(managedScopes);
    const limit = pLimit(this.#pageConcurrency * 2);
    const out = new Map<string, LiveClient | null>();
    await Promise.all(
      ids.map((id) =>
        limit(async () => {
          try {
            const rep = await this.#call(`read client ${id}`, () => this.#getJson<ClientRepresentation>(`${enc(realm)}/clients/${enc(id)}`));
            this.#remember(rep);
            out.set(id, toLiveClient(rep, scopes));
          } catch (error) {
            if (error instanceof KeycloakRefusedError && error.status === 404) out.set(id, null);
            else throw error;
          }
        }),
      ),
    );
    return out;
  }
}
