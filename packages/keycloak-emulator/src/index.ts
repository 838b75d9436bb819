// The Keycloak emulator: a small HTTP server that answers the Keycloak 26 Admin REST and token
// endpoints clientsync uses with the same paths, JSON shapes, status codes and error bodies as
// the real server (checked by the contract suite against both), with all data in memory.
// It is a tool for tests and local trials, never a production target.
//
// Invariants:
//  - imports nothing from the rest of clientsync, only node: builtins;
//  - every request gets Keycloak's answer or, for a bug in here, Keycloak's 500 answer: no input
//    crashes the server;
//  - what it does not model (a field Keycloak would store, a Keycloak endpoint) is refused with
//    501 naming it (unmodelled.ts), never answered with a success that drops data;
//  - faults (latency, 5xx, 429, dropped connections) apply to every route except /_emulator/*,
//    decided by a seedable random source so tests can replay them;
//  - one emulator's state is its own: several can run in one process.
import type { AddressInfo } from 'node:net';
import { mergeFaults, NO_FAULTS, type Faults } from './faults.js';
import { seededRandom } from './random.js';
import { Store } from './realms.js';
import { createEmulatorServer } from './server.js';
import type { EmulatorState } from './state.js';
import { Counters, type Stats } from './stats.js';
import { TokenSigner } from './tokens.js';

export type { Faults } from './faults.js';
export type { Stats } from './stats.js';
export { seededRandom, type RandomSource } from './random.js';

/** The emulator's seeded service account in the master realm (documented, fixed: test use only). */
export const EMULATOR_SERVICE_ACCOUNT = {
  clientId: 'clientsync',
  clientSecret: 'clientsync-emulator-secret',
} as const;

export const DEFAULT_REALM = 'insights';
/** JpaClientProviderFactory.REQUIRED_SEARCHABLE_ATTRIBUTES of Keycloak 26.7.3. */
const ALWAYS_SEARCHABLE = ['saml_idp_initiated_sso_url_name', 'saml.artifact.binding.identifier', 'jwt.credential.issuer', 'jwt.credential.sub'];
export const DEFAULT_SCOPES: readonly string[] = ['datahub-api', 'push-data'];

export interface EmulatorOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: a free port chosen by the system. */
  readonly port?: number;
  /** Realm(s) created at start-up besides master; default "insights". */
  readonly realm?: string | readonly string[];
  /** Client scopes added to those realms besides Keycloak's built-in ones. */
  readonly scopes?: readonly string[];
  readonly adminUsername?: string;
  readonly adminPassword?: string;
  readonly faults?: Partial<Faults>;
  /** Shortcut for faults.tokenLifespanSeconds. */
  readonly tokenLifespanSeconds?: number;
  /** Seed of the fault decisions; the same seed replays the same faults for the same requests. */
  readonly seed?: number;
  /**
   * Client attributes `GET .../clients?q=` may search besides Keycloak's always-searchable ones
   * (saml_idp_initiated_sso_url_name, saml.artifact.binding.identifier, jwt.credential.issuer,
   * jwt.credential.sub); Keycloak's option spi-client-jpa-searchable-attributes.
   */
  readonly searchableAttributes?: readonly string[];
}

export interface RunningEmulator {
  /** Base URL, e.g. http://127.0.0.1:8180 (what KEYCLOAK_URL should be). */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly realms: readonly string[];
  readonly adminUsername: string;
  readonly adminPassword: string;
  readonly serviceAccount: { readonly clientId: string; readonly clientSecret: string };
  /** Changes any subset of the fault settings; throws RangeError for invalid values. */
  setFaults(faults: Partial<Faults>): void;
  faults(): Faults;
  stats(): Stats;
  resetStats(): void;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const adminUsername = options.adminUsername ?? 'admin';
  const adminPassword = options.adminPassword ?? 'admin';
  const realmNames = options.realm === undefined ? [DEFAULT_REALM] : typeof options.realm === 'string' ? [options.realm] : [...options.realm];
  const scopes = options.scopes ?? DEFAULT_SCOPES;
  let faults = mergeFaults(NO_FAULTS, options.faults ?? {});
  if (options.tokenLifespanSeconds !== undefined) faults = mergeFaults(faults, { tokenLifespanSeconds: options.tokenLifespanSeconds });

  const store = new Store({
    adminUsername,
    adminPassword,
    serviceAccountClientId: EMULATOR_SERVICE_ACCOUNT.clientId,
    serviceAccountSecret: EMULATOR_SERVICE_ACCOUNT.clientSecret,
  });
  for (const name of realmNames) {
    if (name === 'master' || store.realmExists(name)) continue;
    store.createRealm(name, scopes);
  }
  const state: EmulatorState = {
    store,
    signer: new TokenSigner(),
    counters: new Counters(),
    random: seededRandom(options.seed ?? Math.floor(Math.random() * 2 ** 32)),
    faults,
    searchableAttributes: new Set([...ALWAYS_SEARCHABLE, ...(options.searchableAttributes ?? [])]),
  };
  const server = createEmulatorServer(state);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${port}`,
    host,
    port,
    realms: realmNames,
    adminUsername,
    adminPassword,
    serviceAccount: { ...EMULATOR_SERVICE_ACCOUNT },
    setFaults(change) {
      state.faults = mergeFaults(state.faults, change);
    },
    faults: () => state.faults,
    stats: () => state.counters.snapshot(),
    resetStats: () => state.counters.reset(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
