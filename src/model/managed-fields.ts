// The managed fields (docs/design.md, "Managed fields and markers"), declared once: each row says the field's name (in YAML, in
// plans and in ManagedFields), where Keycloak keeps it, how its values compare, and its column
// in `clientsync list`. The Keycloak mapping (src/keycloak/mapping.ts), the planner's
// normalisation and diff (src/plan/fields.ts, desired-fields.ts), the renderers, `list` and
// `export` all derive from this table. Adding a field is the schema (schemas/, with
// ClientSpec), one row here, and its tests (docs/design.md, "Adding a managed field").
//
// Data only: the table names Keycloak's paths as strings and knows nothing of the admin client.
import type { Capability } from './desired.js';

/**
 * How a field's values are normalised and compared (docs/design.md, "Managed fields and markers"; no perpetual diffs):
 * - text: a string; absent is '';
 * - set: a list of strings, sorted by code unit and de-duplicated; absent is [];
 * - capabilities: a set of Capability in the canonical order WebApp, Script, Backchannel;
 * - scopes: a set, keeping only the scopes clientsync.yaml lists (Keycloak's built-in scopes
 *   are never compared);
 * - flag: a boolean; absent is false.
 */
export type FieldCompare = 'text' | 'set' | 'capabilities' | 'scopes' | 'flag';

/** Where Keycloak keeps a field on a ClientRepresentation. */
export type KeycloakPath =
  /** A top-level property of the same kind as the field (a string, or a list of strings). */
  | { readonly kind: 'property'; readonly name: string }
  /** A string attribute; a set is written joined with `separator` (and split on it when read). */
  | { readonly kind: 'attribute'; readonly name: string; readonly separator?: string }
  /** Made of several settings; src/keycloak/mapping.ts maps it by hand, as `note` says. */
  | { readonly kind: 'derived'; readonly note: string };

export interface ManagedFieldRow {
  /** The field's name: its YAML key (ClientSpec), its key in ManagedFields, its label in plans. */
  readonly name: string;
  /** False for a field clientsync always enforces and no YAML sets (`confidential`). */
  readonly yaml: boolean;
  readonly keycloak: KeycloakPath;
  readonly compare: FieldCompare;
  /** The column title in `clientsync list` (the settings page's list), or null when not listed. */
  readonly column: string | null;
}

/** Every managed field, in the order plans, list columns and exported files show them. */
export const MANAGED_FIELDS = [
  { name: 'displayName', yaml: true, keycloak: { kind: 'property', name: 'name' }, compare: 'text', column: 'Display Name' },
  { name: 'description', yaml: true, keycloak: { kind: 'property', name: 'description' }, compare: 'text', column: 'Description' },
  {
    name: 'capabilities',
    yaml: true,
    keycloak: {
      kind: 'derived',
      note: 'WebApp: standardFlowEnabled; Script: serviceAccountsEnabled; Backchannel: attributes "backchannel.logout.url" set and "backchannel.logout.session.required" = "true"',
    },
    compare: 'capabilities',
    column: 'Capability Types',
  },
  { name: 'rootUrl', yaml: true, keycloak: { kind: 'property', name: 'rootUrl' }, compare: 'text', column: null },
  { name: 'homeUrl', yaml: true, keycloak: { kind: 'property', name: 'baseUrl' }, compare: 'text', column: null },
  { name: 'adminUrl', yaml: true, keycloak: { kind: 'property', name: 'adminUrl' }, compare: 'text', column: null },
  { name: 'redirectUris', yaml: true, keycloak: { kind: 'property', name: 'redirectUris' }, compare: 'set', column: null },
  {
    name: 'postLogoutRedirectUris',
    yaml: true,
    keycloak: { kind: 'attribute', name: 'post.logout.redirect.uris', separator: '##' },
    compare: 'set',
    column: null,
  },
  // Always written: Keycloak derives absent webOrigins from redirectUris.
  { name: 'webOrigins', yaml: true, keycloak: { kind: 'property', name: 'webOrigins' }, compare: 'set', column: null },
  { name: 'backchannelLogoutUrl', yaml: true, keycloak: { kind: 'attribute', name: 'backchannel.logout.url' }, compare: 'text', column: null },
  {
    name: 'scopes',
    yaml: true,
    keycloak: { kind: 'derived', note: "the client's default client scopes, linked one by one after a create or update" },
    compare: 'scopes',
    column: 'Scopes',
  },
  {
    name: 'confidential',
    yaml: false,
    keycloak: {
      kind: 'derived',
      note: 'protocol openid-connect, publicClient false, bearerOnly false, clientAuthenticatorType client-secret, implicitFlowEnabled false, directAccessGrantsEnabled false',
    },
    compare: 'flag',
    column: null,
  },
] as const satisfies readonly ManagedFieldRow[];

type Row = (typeof MANAGED_FIELDS)[number];

/** The value type a comparison kind holds. */
export type ValueOf<C extends FieldCompare> = C extends 'text'
  ? string
  : C extends 'flag'
    ? boolean
    : C extends 'capabilities'
      ? readonly Capability[]
      : readonly string[];

/**
 * The managed fields of one client, normalised (see FieldCompare) so that desired and live
 * compare equal when Keycloak holds what the YAML says. `confidential` is true when the settings
 * clientsync always enforces hold.
 */
export type ManagedFields = { readonly [R in Row as R['name']]: ValueOf<R['compare']> };

export type ManagedFieldName = Row['name'];
/** The fields a YAML entry sets (all but `confidential`). */
export type YamlFieldName = Extract<Row, { yaml: true }>['name'];

/** The empty value of a comparison kind: what an absent field holds. */
export function emptyValue<C extends FieldCompare>(compare: C): ValueOf<C>;
export function emptyValue(compare: FieldCompare): string | boolean | readonly string[] {
  return compare === 'text' ? '' : compare === 'flag' ? false : [];
}

/** Every field at its empty value: what a client that does not exist yet "has" (the `before` of a create). */
export const EMPTY_FIELDS: ManagedFields = Object.freeze(
  Object.fromEntries(MANAGED_FIELDS.map((f) => [f.name, emptyValue(f.compare)])) as unknown as ManagedFields,
);
