// An in-memory KeycloakPort for the applier's tests: clients in a Map, every call recorded in
// order, failures switchable per method and clientId, and a gate that can hold calls open so a
// test can count how many run at once. Test-only code (under test/, so never in the build).
import type { ClientScopeRef, KeycloakPort, Markers } from '../../src/keycloak/port.js';
import { Secret } from '../../src/keycloak/secret.js';
import { KeycloakRefusedError } from '../../src/model/errors.js';
import type { LiveClient, LiveState, ManagedFields } from '../../src/model/live.js';

export type FakeMethod = keyof KeycloakPort;

export interface FakeCall {
  readonly method: FakeMethod;
  readonly realm: string;
  /** The clientId the call concerns ('' for realm-wide calls). */
  readonly clientId: string;
  readonly fields?: ManagedFields;
  readonly markers?: Markers;
  /** createClient, updateClient: the scopes they were told clientsync manages. */
  readonly managedScopes?: readonly string[];
}

interface Stored {
  client: LiveClient;
  secret: string;
}

export class FakeKeycloak implements KeycloakPort {
  readonly calls: FakeCall[] = [];
  /** Every secret value this fake ever handed out, for leak checks. */
  readonly issuedSecrets: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Awaited inside every call while it counts as in flight; replace to hold calls open. */
  gate: (call: FakeCall) => Promise<void> = () => Promise.resolve();

  readonly #clients = new Map<string, Stored>();
  readonly #failures = new Map<string, unknown>();
  #nextId = 1;
  #nextSecret = 1;

  constructor(readonly realm: string) {}

  /** Puts a client into the fake as if it existed before the run. */
  seed(client: LiveClient): void {
    this.#clients.set(client.id, { client, secret: this.#newSecret(client.clientId) });
  }

  /** Makes every call of `method` for `clientId` throw `error` (until cleared). */
  fail(method: FakeMethod, clientId: string, error: unknown): void {
    this.#failures.set(`${method} ${clientId}`, error);
  }

  clearFailures(): void {
    this.#failures.clear();
  }

  client(clientId: string): LiveClient | undefined {
    return this.#byClientId(clientId)?.client;
  }

  currentSecret(clientId: string): string | undefined {
    return this.#byClientId(clientId)?.secret;
  }

  liveState(): LiveState {
    return { realm: this.realm, clients: [...this.#clients.values()].map((s) => s.client) };
  }

  callsFor(clientId: string): FakeMethod[] {
    return this.calls.filter((c) => c.clientId === clientId).map((c) => c.method);
  }

  async listClients(realm: string): Promise<LiveClient[]> {
    await this.#enter({ method: 'listClients', realm, clientId: '' });
    return [...this.#clients.values()].map((s) => s.client);
  }

  async findClient(realm: string, clientId: string): Promise<LiveClient | null> {
    await this.#enter({ method: 'findClient', realm, clientId });
    return this.#byClientId(clientId)?.client ?? null;
  }

  async createClient(realm: string, clientId: string, fields: ManagedFields, markers: Markers, managedScopes: readonly string[]): Promise<string> {
    await this.#enter({ method: 'createClient', realm, clientId, fields, markers, managedScopes });
    if (this.#byClientId(clientId) !== undefined) {
      throw new KeycloakRefusedError(`Client ${clientId} already exists (409)`, 409, `Client ${clientId} already exists`);
    }
    const id = `fake-id-${this.#nextId++}`;
    const client: LiveClient = {
      id,
      clientId,
      managed: true,
      account: markers.account,
      revision: markers.revision,
      rotatedAt: markers.rotatedAt ?? null,
      builtIn: false,
      fields,
      ...(markers.pendingDelivery ? { pendingDelivery: markers.pendingDelivery } : {}),
    };
    this.#clients.set(id, { client, secret: this.#newSecret(clientId) });
    return id;
  }

  async updateClient(realm: string, live: LiveClient, fields: ManagedFields, markers: Markers, managedScopes: readonly string[]): Promise<void> {
    await this.#enter({ method: 'updateClient', realm, clientId: live.clientId, fields, markers, managedScopes });
    const stored = this.#byId(live.id);
    stored.client = withPending({ ...stored.client, ...written(markers, stored.client), managed: true, fields }, markers);
  }

  async recordRotation(
    realm: string,
    live: { id: string; clientId: string },
    fields: ManagedFields,
    markers: Markers,
  ): Promise<void> {
    await this.#enter({ method: 'recordRotation', realm, clientId: live.clientId, fields, markers });
    const stored = this.#byId(live.id);
    stored.client = withPending({ ...stored.client, fields, rotatedAt: markers.rotatedAt ?? stored.client.rotatedAt }, markers);
  }

  async deleteClient(realm: string, id: string): Promise<void> {
    await this.#enter({ method: 'deleteClient', realm, clientId: this.#clients.get(id)?.client.clientId ?? id });
    this.#clients.delete(id);
  }

  async regenerateSecret(realm: string, id: string): Promise<Secret> {
    const stored = this.#clients.get(id);
    await this.#enter({ method: 'regenerateSecret', realm, clientId: stored?.client.clientId ?? id });
    const found = this.#byId(id);
    found.secret = this.#newSecret(found.client.clientId);
    return new Secret(found.secret);
  }

  async getSecret(realm: string, id: string): Promise<Secret> {
    await this.#enter({ method: 'getSecret', realm, clientId: this.#clients.get(id)?.client.clientId ?? id });
    return new Secret(this.#byId(id).secret);
  }

  async listClientScopes(realm: string): Promise<ClientScopeRef[]> {
    await this.#enter({ method: 'listClientScopes', realm, clientId: '' });
    return [];
  }

  async #enter(call: FakeCall): Promise<void> {
    this.calls.push(call);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await this.gate(call);
    } finally {
      this.inFlight -= 1;
    }
    if (call.realm !== this.realm) throw new KeycloakRefusedError(`Realm ${call.realm} not found (404)`, 404, 'Realm not found.');
    const failure = this.#failures.get(`${call.method} ${call.clientId}`);
    if (failure !== undefined) throw failure;
  }

  #byClientId(clientId: string): Stored | undefined {
    return [...this.#clients.values()].find((s) => s.client.clientId === clientId);
  }

  #byId(id: string): Stored {
    const stored = this.#clients.get(id);
    if (stored === undefined) throw new KeycloakRefusedError(`Could not find client (404)`, 404, 'Could not find client');
    return stored;
  }

  #newSecret(clientId: string): string {
    const value = `s3cr3t-${clientId}-${this.#nextSecret++}-Zq9`;
    this.issuedSecrets.push(value);
    return value;
  }
}

function written(markers: Markers, before: LiveClient): Pick<LiveClient, 'account' | 'revision' | 'rotatedAt'> {
  return {
    account: markers.account,
    revision: markers.revision ?? before.revision,
    rotatedAt: markers.rotatedAt ?? before.rotatedAt,
  };
}

/** The pending-delivery marker as Keycloak keeps it: written when given, cleared by null, else kept. */
function withPending(client: LiveClient, markers: Markers): LiveClient {
  if (markers.pendingDelivery === undefined) return client;
  const { pendingDelivery: _old, ...rest } = client;
  return markers.pendingDelivery === null ? rest : { ...rest, pendingDelivery: markers.pendingDelivery };
}
