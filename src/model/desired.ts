// The desired state as declared in git. These types mirror schemas/*.schema.json; a test
// (src/config/schema-types.test.ts) fails when the two drift apart.

export type Capability = 'WebApp' | 'Script' | 'Backchannel';

/** One entry of `clients:` in `clients/<accountId>.yaml`, as written by a team. */
export interface ClientSpec {
  readonly clientId: string;
  readonly displayName?: string;
  readonly description?: string;
  readonly capabilities: readonly Capability[];
  readonly rootUrl?: string;
  readonly homeUrl?: string;
  readonly adminUrl?: string;
  readonly redirectUris?: readonly string[];
  readonly postLogoutRedirectUris?: readonly string[];
  readonly webOrigins?: readonly string[];
  readonly backchannelLogoutUrl?: string;
  readonly scopes?: readonly string[];
  /** RFC 3339 timestamp with a zone: ask for a new secret at or after this instant. */
  readonly rotate?: string;
  /** Take over a client that already exists in Keycloak without clientsync's marker. */
  readonly adopt?: boolean;
}

/** The whole content of `clients/<accountId>.yaml`. */
export interface AccountFileSpec {
  readonly clients: readonly ClientSpec[];
}

/** `clientsync.yaml`: operator settings. */
export interface SettingsSpec {
  readonly realm: string;
  readonly accountIdPattern?: string;
  readonly clientLimit?: number;
  readonly clientLimits?: Readonly<Record<string, number>>;
  readonly allowedInternalHosts?: readonly string[];
  readonly scopes: Readonly<Record<string, string>>;
}

/** Settings with defaults filled in. */
export interface Settings {
  readonly realm: string;
  readonly accountIdPattern: string;
  readonly clientLimit: number;
  readonly clientLimits: Readonly<Record<string, number>>;
  /** Hosts adminUrl and backchannelLogoutUrl may use although loopback or link-local (default none). */
  readonly allowedInternalHosts: readonly string[];
  readonly scopes: Readonly<Record<string, string>>;
}

export const DEFAULT_ACCOUNT_ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,62}$';
export const DEFAULT_CLIENT_LIMIT = 5;

/** One account file after loading and validation. */
export interface DesiredAccount {
  readonly accountId: string;
  /** Repository-relative path, e.g. `clients/acme.yaml`. */
  readonly file: string;
  /** False when the file has at least one error: the planner then skips the whole account. */
  readonly valid: boolean;
  /** Number of error-severity problems in the file. */
  readonly errorCount: number;
  /** The declared clients; empty when the file is invalid. */
  readonly clients: readonly ClientSpec[];
}

export interface DesiredState {
  readonly settings: Settings;
  readonly accounts: readonly DesiredAccount[];
}
