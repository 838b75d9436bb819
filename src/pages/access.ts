// Who sees what (pure): a viewer's accounts come from a configurable claim of their token (a
// list of account ids, or group paths such as /accounts/<id>); holders of a configurable realm
// role are operators and see every account and /runs.

export interface Viewer {
  /** Shown in the page header; never used for a decision. */
  readonly name: string;
  readonly operator: boolean;
  /** Account ids this viewer may see (operators see all, whatever this holds). */
  readonly accounts: readonly string[];
}

export interface AccessRules {
  /** Claim holding the viewer's accounts, e.g. `groups` or `clientsync_accounts`. */
  readonly accountsClaim: string;
  /** Realm role (Keycloak: realm_access.roles) that makes an operator. */
  readonly operatorRole: string;
}

export const DEFAULT_ACCOUNTS_CLAIM = 'groups';
export const DEFAULT_OPERATOR_ROLE = 'clientsync-operator';
/** The group a Keycloak "Group Membership" mapper (full path) emits for account <id>. */
const GROUP_PATH = /^\/accounts\/([^/]+)$/;
/** Account ids never contain these; anything else is matched against the accounts that exist. */
const PLAIN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function strings(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((s) => s !== '');
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

export function accountsFromClaim(value: unknown): string[] {
  const ids = new Set<string>();
  for (const item of strings(value)) {
    const group = GROUP_PATH.exec(item);
    if (group) ids.add(group[1]!);
    else if (PLAIN_ID.test(item)) ids.add(item);
  }
  return [...ids].sort();
}

/** Claims merged from the ID token and the access token (Keycloak puts realm roles in the latter). */
export function viewerFromClaims(claims: Readonly<Record<string, unknown>>, rules: AccessRules): Viewer {
  const realmAccess = claims['realm_access'];
  const roles = realmAccess !== null && typeof realmAccess === 'object' ? strings((realmAccess as Record<string, unknown>)['roles']) : [];
  const name = [claims['preferred_username'], claims['name'], claims['email'], claims['sub']].find((v): v is string => typeof v === 'string' && v !== '') ?? 'signed in';
  return { name, operator: roles.includes(rules.operatorRole), accounts: accountsFromClaim(claims[rules.accountsClaim]) };
}

export function canSeeAccount(viewer: Viewer, account: string): boolean {
  return viewer.operator || viewer.accounts.includes(account);
}

/** The local trial (loopback, no sign-in): whoever reaches the address runs the machine. */
export const LOCAL_VIEWER: Viewer = { name: 'local trial: no sign-in', operator: true, accounts: [] };
